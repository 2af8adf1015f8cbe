import { declarationOf, stageTableNames, type StageTableName } from '@planner/shared/stage-tables';
import { columnMap, fieldsToColumns, rowToFields, type ColumnMap } from '../../db/columns';
import { toIsoDateTime } from '../../db/values';

/** Table of each stage table; columns are the fields in snake_case. */
export const sqlTables: Record<StageTableName, string> = {
  priorities: 'plan_priorities',
  stakeholders: 'plan_stakeholders',
  fundingSources: 'plan_funding_sources',
  dataSystems: 'plan_data_systems',
  expertise: 'plan_expertise',
  collaborationAreas: 'plan_collaboration_areas',
  measures: 'plan_measures',
  decisions: 'plan_decisions',
  partners: 'plan_partners',
};

/** How rows of a table are listed: priorities by rank, everything else in the order they were added. */
export const sqlOrder: Partial<Record<StageTableName, string>> = { priorities: 'rank asc nulls last, created_at asc' };

const maps = Object.fromEntries(stageTableNames.map((name) => [name, columnMap(declarationOf(name).schema)])) as Record<
  StageTableName,
  ColumnMap
>;

export const columnsOf = (name: StageTableName) => maps[name].fields.map((f) => f.column);

export type DbRow = Record<string, unknown> & {
  id: string;
  version: number;
  updated_at: Date | string;
  created_at: Date | string;
};

export function presentRow(name: StageTableName, row: DbRow): Record<string, unknown> {
  return {
    id: row.id,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
    ...rowToFields(maps[name], row),
  };
}

export const toColumns = (name: StageTableName, values: Record<string, unknown>) => fieldsToColumns(maps[name], values);
