import { useQueryClient } from '@tanstack/react-query';
import { misstepSchema, type Misstep, type MisstepList, type MisstepStatus } from '@planner/shared/misstep';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';
import { misstepsApiPath, misstepsQueryKey } from './missteps';

export interface MisstepValue extends Record<string, unknown> {
  text: string;
  status: MisstepStatus;
  note: string;
}

export const misstepEditKey = (userId: string, planId: string, misstepId: string) =>
  `${planEditsKeyPrefix(userId, planId)}misstep:${misstepId}`;

export const misstepApiPath = (planId: string, misstepId: string) =>
  `${misstepsApiPath(planId)}/${encodeURIComponent(misstepId)}`;

const readMisstep = (m: Misstep) => ({ value: { text: m.text, status: m.status, note: m.note }, version: m.version });

/** PATCH /api/plans/:planId/missteps/:misstepId, as the person edits the misstep. */
export function useMisstepAutosave(planId: string, misstep: Misstep) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const replace = (update: (m: Misstep) => Misstep) =>
    queryClient.setQueryData<MisstepList>(misstepsQueryKey(planId), (list) =>
      list ? { missteps: list.missteps.map((m) => (m.id === misstep.id ? update(m) : m)) } : list,
    );
  return useAutosave<MisstepValue, Misstep>({
    storageKey: misstepEditKey(user.id, planId, misstep.id),
    method: 'PATCH',
    path: misstepApiPath(planId, misstep.id),
    server: readMisstep(misstep),
    read: readMisstep,
    parseCurrent: (current) => misstepSchema.safeParse(current).data ?? null,
    item: itemNamed('misstep', misstep.text),
    onChange: (shown) => replace((m) => ({ ...m, ...shown })),
    onSaved: (row, shown) => {
      replace(() => ({ ...row, ...shown }));
      void queryClient.invalidateQueries({ queryKey: needsAttentionQueryKey });
    },
  });
}
