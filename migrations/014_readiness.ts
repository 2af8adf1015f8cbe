import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';
import { addCommentSubjectKind, removeCommentSubjectKind } from './comment-subject-kinds';

/**
 * The readiness self-assessment: per plan, per scope (the district as a whole, or one school), per
 * indicator (keys in shared/src/readiness.ts), a rating from 1 to 4 with its evidence. A copied plan
 * carries last year's rating as `previous_*` beside this year's (null until given). A low rating can be
 * turned into a high-impact action; the link goes (not the rating) when that action is removed.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('readiness_ratings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    /** Null: the district as a whole. */
    t.uuid('school_id');
    t.text('indicator_key').notNullable();
    t.smallint('rating');
    t.text('evidence').notNullable().defaultTo('');
    t.smallint('previous_rating');
    t.text('previous_evidence').notNullable().defaultTo('');
    t.uuid('action_id');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['district_id', 'id']);
    t.index(['district_id', 'plan_id']);
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.foreign(['district_id', 'school_id']).references(['district_id', 'id']).inTable('schools').onDelete('CASCADE');
  });
  await knex.raw(
    `alter table readiness_ratings add constraint readiness_ratings_rating_check
       check ((rating is null or rating between 1 and 4) and (previous_rating is null or previous_rating between 1 and 4))`,
  );
  // One rating per indicator per scope of a plan; the district's scope is the null school.
  await knex.raw(
    `create unique index readiness_ratings_one_per_scope on readiness_ratings
       (plan_id, coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid), indicator_key)`,
  );
  // The action made from a rating is of the same plan; removing the action keeps the rating, without the link.
  await knex.raw(
    `alter table plan_actions add constraint plan_actions_district_plan_id unique (district_id, plan_id, id)`,
  );
  await knex.raw(
    `alter table readiness_ratings add constraint readiness_ratings_action_fk foreign key (district_id, plan_id, action_id)
       references plan_actions (district_id, plan_id, id) on delete set null (action_id)`,
  );
  await knex.raw(
    `create unique index readiness_ratings_one_per_action on readiness_ratings (action_id) where action_id is not null`,
  );

  await knex.raw(`grant select, insert, update, delete on readiness_ratings to ${appRole}`);
  await knex.raw(`alter table readiness_ratings enable row level security`);
  await knex.raw(
    `create policy district_rows on readiness_ratings to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );
  // A rating can be the subject of a comment thread (shared/src/comment.ts).
  await addCommentSubjectKind(knex, 'readiness');
  // In the plan's history, as a stage-2 item (see 008_history.ts).
  await knex.raw(
    `create trigger readiness_ratings_history after insert or update or delete on readiness_ratings
       for each row execute function record_plan_change('readiness', 'context')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await removeCommentSubjectKind(knex, 'readiness');
  await knex.schema.dropTable('readiness_ratings');
  await knex.raw('alter table plan_actions drop constraint plan_actions_district_plan_id');
}
