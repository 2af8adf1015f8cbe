import { useQueryClient } from '@tanstack/react-query';
import { measureSchema } from '@planner/shared/measure';
import { declarationOf, stageTableRowSchemas, type StageTableName } from '@planner/shared/stage-tables';
import type { FieldValues } from '../../lib/autosave/pending-edits';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { updateCachedRow } from '../../lib/plan-cache';
import { fieldSpecs, fieldValuesOf, linkedFieldsOf, titleFieldOf, type StageRow } from './table-fields';
import { rowApiPath, rowEditKey } from './tables-cache';

/** PATCH /api/plans/:planId/<table>/:rowId, as the person edits the row's fields. */
export function useRowAutosave(planId: string, name: StageTableName, row: StageRow) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const read = (saved: StageRow) => ({ value: fieldValuesOf(name, saved), version: saved.version });
  return useAutosave<FieldValues, StageRow>({
    storageKey: rowEditKey(user.id, planId, name, row.id),
    method: 'PATCH',
    path: rowApiPath(planId, name, row.id),
    server: read(row),
    read,
    parseCurrent: (current) =>
      (name === 'measures' ? measureSchema : stageTableRowSchemas[name]).safeParse(current).data ?? null,
    onChange: (shown) => {
      updateCachedRow(queryClient, planId, name, row.id, (r) => ({ ...r, ...shown }));
    },
    onSaved: (saved, shown) => {
      updateCachedRow(queryClient, planId, name, row.id, () => ({ ...saved, ...shown }));
    },
    labels: Object.fromEntries(fieldSpecs(name).map((spec) => [spec.field, spec.label])),
    item: itemNamed(declarationOf(name).rowNoun, String(row[titleFieldOf(name)] ?? '')),
    // A target changed here brings a direction along that means nothing against a baseline changed elsewhere.
    linked: linkedFieldsOf(name),
  });
}
