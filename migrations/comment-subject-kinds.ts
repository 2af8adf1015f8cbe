import type { Knex } from 'knex';

/**
 * Comment threads (migration 009) may be about more kinds of item as features add them; a check constraint
 * lists the kinds. Each migration adds or takes away its own kind from the list the database holds now,
 * so migrations written side by side never drop each other's kinds. Not a migration: migrations import it.
 */
async function kindsNow(knex: Knex): Promise<string[]> {
  const { rows } = (await knex.raw(
    `select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'comments_subject_kind_check'`,
  )) as { rows: { definition: string }[] };
  return [...(rows[0]?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

async function setKinds(knex: Knex, kinds: readonly string[]): Promise<void> {
  await knex.raw('alter table comments drop constraint if exists comments_subject_kind_check');
  // DDL takes no bind parameters: knex inlines the values, escaped, with toQuery().
  const sql = knex
    .raw(
      `alter table comments add constraint comments_subject_kind_check check (subject_kind in (${kinds.map(() => '?').join(', ')}))`,
      [...kinds],
    )
    .toQuery();
  await knex.raw(sql);
}

export async function addCommentSubjectKind(knex: Knex, kind: string): Promise<void> {
  const kinds = await kindsNow(knex);
  if (!kinds.includes(kind)) await setKinds(knex, [...kinds, kind]);
}

/** Removes the kind and the threads about it (a down migration). */
export async function removeCommentSubjectKind(knex: Knex, kind: string): Promise<void> {
  await knex('comments').where({ subject_kind: kind }).delete();
  await setKinds(
    knex,
    (await kindsNow(knex)).filter((k) => k !== kind),
  );
}
