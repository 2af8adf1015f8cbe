import { stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { planApiPath } from '../../lib/plan-cache';

export const tableApiPath = (planId: string, name: StageTableName) => `${planApiPath(planId)}/${stageTables[name].key}`;

export const rowApiPath = (planId: string, name: StageTableName, rowId: string) =>
  `${tableApiPath(planId, name)}/${encodeURIComponent(rowId)}`;

export const rowEditKey = (userId: string, planId: string, name: StageTableName, rowId: string) =>
  `${planEditsKeyPrefix(userId, planId)}table:${stageTables[name].key}:${rowId}`;
