import type { Knex } from 'knex';
import { z } from 'zod';
import { deleteRowQuerySchema, type DeleteRowQuery } from '@planner/shared/common';
import { planParamsSchema } from '@planner/shared/plan';
import {
  plainTableNames,
  stageTableCreateSchemas,
  stageTableRowSchemas,
  stageTableUpdateSchemas,
  stageTables,
  type StageTableName,
} from '@planner/shared/stage-tables';
import { admins, defineRoute, everyRole, staleDeleteProblem, versionConflictProblem } from '../../http/routes';
import * as tables from './service';

export const rowParamsSchema = planParamsSchema.extend({ rowId: z.uuid({ error: 'must be a row id (a UUID)' }) });

/**
 * Four routes for a declared table: list, add, change (with its version) and remove a row. A feature
 * built on a table (measures, stakeholders) passes its row schema and presenter, and what else a removal must
 * have seen.
 */
export function tableRoutes<T, Q extends DeleteRowQuery = DeleteRowQuery>(
  name: StageTableName,
  rowSchema: z.ZodType,
  present: tables.RowPresenter<T>,
  removal?: tables.RemovalCheck<Q>,
) {
  const def = stageTables[name];
  const base = `/api/plans/:planId/${def.key}`;
  const tag = `Stage tables: ${def.title}`;
  return [
    defineRoute({
      method: 'get',
      path: base,
      summary: `The plan's ${def.title.toLowerCase()}`,
      tag,
      access: everyRole,
      request: { params: planParamsSchema },
      responses: { 200: { description: 'Rows', schema: z.object({ rows: z.array(rowSchema) }) } },
      // A list that reads nothing more than its rows is one statement.
      statementsApart: present.readsNothing === true,
      async handler({ res, user, db, input }) {
        res.json({ rows: await tables.listTableRows(db, user, name, input.params.planId, present) });
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      summary: `Add a ${def.rowNoun}`,
      tag,
      access: admins,
      request: { params: planParamsSchema, body: stageTableCreateSchemas[name] },
      responses: { 201: { description: `The new ${def.rowNoun}`, schema: rowSchema } },
      async handler({ res, user, db, input }) {
        const values = input.body as Record<string, unknown>;
        res.status(201).json(await tables.addRow(db, user, name, input.params.planId, values, present));
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:rowId`,
      summary: `Change a ${def.rowNoun} (send the version you loaded)`,
      tag,
      access: admins,
      request: { params: rowParamsSchema, body: stageTableUpdateSchemas[name] },
      responses: {
        200: { description: `The ${def.rowNoun} as saved`, schema: rowSchema },
        409: versionConflictProblem,
      },
      // It reads and writes the database, and does nothing else, from its first statement on.
      checkWithFirstStatement: true,
      async handler({ res, user, db, input }) {
        const body = input.body as Record<string, unknown> & { version: number };
        res.json(await tables.updateRow(db, user, name, input.params.planId, input.params.rowId, body, present));
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:rowId`,
      summary: `Remove a ${def.rowNoun} at the version you saw (\`?version=\`)`,
      tag,
      access: admins,
      request: { params: rowParamsSchema, query: removal?.query ?? deleteRowQuerySchema },
      responses: { 204: { description: 'Removed' }, 409: staleDeleteProblem },
      async handler({ res, user, db, input }) {
        const { planId, rowId } = input.params;
        const seen = input.query as Q;
        const stillAsSeen = removal && ((trx: Knex.Transaction) => removal.stillAsSeen(trx, user, rowId, seen));
        await tables.removeRow(db, user, name, planId, rowId, seen.version, present, stillAsSeen);
        res.status(204).end();
      },
    }),
  ];
}

/** Stakeholders' routes are the stakeholder trace's: a removal takes what was heard from them. */
export const stageTableRoutes = plainTableNames
  .filter((name) => name !== 'stakeholders')
  .flatMap((name) => tableRoutes(name, stageTableRowSchemas[name], tables.plainRows(name)));
