import { useQueryClient } from '@tanstack/react-query';
import {
  logicModelEntrySchema,
  type LogicModelEntry,
  type LogicModelLinkInput,
  type OutputHorizon,
} from '@planner/shared/logic-model';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { entryApiPath, updateCachedEntries } from './logic-model';

export interface EntryValue extends Record<string, unknown> {
  text: string;
  horizon: OutputHorizon | null;
  links: LogicModelLinkInput[];
}

export const entryEditKey = (userId: string, planId: string, entryId: string) =>
  `${planEditsKeyPrefix(userId, planId)}logic-model-entry:${entryId}`;

const readEntry = (entry: LogicModelEntry) => ({
  value: {
    text: entry.text,
    horizon: entry.horizon,
    links: entry.links.map((l) => ({ kind: l.kind, id: l.id })),
  },
  version: entry.version,
});

/** PATCH /api/plans/:planId/logic-model/entries/:entryId: the text as typed, horizon and links at once. */
export function useEntryAutosave(planId: string, entry: LogicModelEntry) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<EntryValue, LogicModelEntry>({
    storageKey: entryEditKey(user.id, planId, entry.id),
    method: 'PATCH',
    path: entryApiPath(planId, entry.id),
    server: readEntry(entry),
    read: readEntry,
    parseCurrent: (current) => logicModelEntrySchema.safeParse(current).data ?? null,
    item: itemNamed('logic-model entry', entry.text),
    onSaved: (saved) => {
      updateCachedEntries(queryClient, planId, (entries) => entries.map((e) => (e.id === saved.id ? saved : e)));
    },
  });
}
