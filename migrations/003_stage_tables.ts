import type { Knex } from 'knex';

/**
 * The structured tables of each stage (shared/src/stage-tables.ts): priorities and stakeholders; funding,
 * data systems, expertise and collaboration; measures and their readings; tight/loose decisions and
 * partners. Every row carries district_id and plan_id, a version for optimistic concurrency, and money
 * in whole cents.
 */
function planRow(knex: Knex, t: Knex.CreateTableBuilder) {
  t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
  t.uuid('district_id').notNullable();
  t.uuid('plan_id').notNullable();
  t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
  t.index(['district_id', 'plan_id']);
}

function versioned(knex: Knex, t: Knex.CreateTableBuilder) {
  t.integer('version').notNullable().defaultTo(1);
  t.uuid('updated_by').references('users.id').onDelete('SET NULL');
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

async function check(knex: Knex, table: string, column: string, values: readonly string[]) {
  // DDL takes no bind parameters: knex inlines the values, escaped, with toQuery().
  const sql = knex
    .raw(`alter table ?? add constraint ?? check (?? in (${values.map(() => '?').join(', ')}))`, [
      table,
      `${table}_${column}_check`,
      column,
      ...values,
    ])
    .toQuery();
  await knex.raw(sql);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_priorities', (t) => {
    planRow(knex, t);
    t.text('title').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('rank');
    versioned(knex, t);
  });

  await knex.schema.createTable('plan_stakeholders', (t) => {
    planRow(knex, t);
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('engagement').notNullable().defaultTo('');
    t.date('engaged_on');
    t.text('stance').notNullable().defaultTo('unknown');
    versioned(knex, t);
  });
  await check(knex, 'plan_stakeholders', 'kind', [
    'teachers',
    'union',
    'principals',
    'central_office',
    'board',
    'families',
    'community_partner',
  ]);
  await check(knex, 'plan_stakeholders', 'stance', [
    'champion',
    'supportive',
    'neutral',
    'skeptical',
    'opposed',
    'unknown',
  ]);

  await knex.schema.createTable('plan_funding_sources', (t) => {
    planRow(knex, t);
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.bigInteger('amount_cents').notNullable().defaultTo(0);
    t.specificType('school_years', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('idea');
    versioned(knex, t);
  });
  await check(knex, 'plan_funding_sources', 'kind', ['existing', 'redistributed', 'new_grant']);
  await check(knex, 'plan_funding_sources', 'status', ['secured', 'pending', 'idea']);
  await knex.raw(
    'alter table plan_funding_sources add constraint plan_funding_sources_amount_check check (amount_cents >= 0)',
  );

  await knex.schema.createTable('plan_data_systems', (t) => {
    planRow(knex, t);
    t.text('name').notNullable();
    t.text('measures').notNullable().defaultTo('');
    t.text('rigor').notNullable().defaultTo('unknown');
    t.text('owner').notNullable().defaultTo('');
    versioned(knex, t);
  });
  await check(knex, 'plan_data_systems', 'rigor', ['high', 'moderate', 'low', 'unknown']);

  await knex.schema.createTable('plan_expertise', (t) => {
    planRow(knex, t);
    t.text('source').notNullable();
    t.text('area').notNullable();
    t.text('contact').notNullable().defaultTo('');
    versioned(knex, t);
  });
  await check(knex, 'plan_expertise', 'source', ['internal', 'external']);

  await knex.schema.createTable('plan_collaboration_areas', (t) => {
    planRow(knex, t);
    t.text('area').notNullable();
    t.text('state').notNullable();
    t.text('notes').notNullable().defaultTo('');
    versioned(knex, t);
  });
  await check(knex, 'plan_collaboration_areas', 'state', ['exists', 'emerging', 'missing']);

  await knex.schema.createTable('plan_measures', (t) => {
    planRow(knex, t);
    t.text('name').notNullable();
    t.text('term').notNullable();
    t.text('unit').notNullable().defaultTo('');
    t.double('baseline');
    t.date('baseline_date');
    t.double('target');
    t.date('target_date');
    t.text('data_source').notNullable().defaultTo('');
    t.text('frequency').notNullable().defaultTo('quarterly');
    t.text('owner').notNullable().defaultTo('');
    versioned(knex, t);
    t.unique(['district_id', 'id']);
  });
  await check(knex, 'plan_measures', 'term', ['short', 'long']);
  await check(knex, 'plan_measures', 'frequency', ['weekly', 'monthly', 'quarterly', 'semester', 'annually', 'other']);

  await knex.schema.createTable('plan_measure_readings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('measure_id').notNullable();
    t.foreign(['district_id', 'measure_id'])
      .references(['district_id', 'id'])
      .inTable('plan_measures')
      .onDelete('CASCADE');
    t.date('date').notNullable();
    t.double('value').notNullable();
    t.text('note').notNullable().defaultTo('');
    versioned(knex, t);
    t.index(['district_id', 'measure_id', 'date']);
  });

  await knex.schema.createTable('plan_decisions', (t) => {
    planRow(knex, t);
    t.text('feature').notNullable();
    t.text('level').notNullable();
    t.text('flexibility').notNullable().defaultTo('limited');
    t.text('rationale').notNullable().defaultTo('');
    versioned(knex, t);
  });
  await check(knex, 'plan_decisions', 'level', ['system', 'school']);
  await check(knex, 'plan_decisions', 'flexibility', ['none', 'limited', 'moderate', 'full']);

  await knex.schema.createTable('plan_partners', (t) => {
    planRow(knex, t);
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('role').notNullable().defaultTo('');
    t.text('contact').notNullable().defaultTo('');
    versioned(knex, t);
  });
  await check(knex, 'plan_partners', 'kind', ['internal_team', 'external_organization']);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'plan_partners',
    'plan_decisions',
    'plan_measure_readings',
    'plan_measures',
    'plan_collaboration_areas',
    'plan_expertise',
    'plan_data_systems',
    'plan_funding_sources',
    'plan_stakeholders',
    'plan_priorities',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
