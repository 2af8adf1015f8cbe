import type { Knex } from 'knex';
import { addCommentSubjectKind, removeCommentSubjectKind } from './comment-subject-kinds';

/**
 * Comment threads about one factor of a role's framework alignment (a role's id and the factor, such as
 * "…:authority_accountability"): where the district talks over its answer, or what would meet the factor.
 */
export async function up(knex: Knex): Promise<void> {
  await addCommentSubjectKind(knex, 'alignment');
}

export async function down(knex: Knex): Promise<void> {
  await removeCommentSubjectKind(knex, 'alignment');
}
