import { useQueryClient } from '@tanstack/react-query';
import { highImpactActionSchema, type ActionStatus, type HighImpactAction } from '@planner/shared/plan';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { planApiPath, planListQueryKey, updateCachedAction } from '../../lib/plan-cache';
import { actionEditKey } from './edit-keys';

/** The editable fields of a high-impact action; an owner is a district user or a typed name, never both. */
export interface ActionValue extends Record<string, unknown> {
  text: string;
  notApplicable: boolean;
  status: ActionStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  notes: string;
}

/** An owner is given by these together: someone else's change to one clashes with the person's to the other. */
export const ownerFields = ['ownerUserId', 'ownerName'] as const;

export const actionApiPath = (planId: string, actionId: string) =>
  `${planApiPath(planId)}/actions/${encodeURIComponent(actionId)}`;

/** The fields as the card and the actions page name them. */
export const actionFieldLabels = {
  text: 'Action text',
  notApplicable: 'Not applicable',
  status: 'Status',
  ownerUserId: 'Owner',
  ownerName: 'Owner’s name',
  dueDate: 'Due date',
  notes: 'Notes',
};

export const readAction = (action: HighImpactAction) => ({
  value: {
    text: action.text,
    notApplicable: action.notApplicable,
    status: action.status,
    ownerUserId: action.ownerUserId,
    ownerName: action.ownerName,
    dueDate: action.dueDate,
    notes: action.notes,
  },
  version: action.version,
});

/** PATCH /api/plans/:planId/actions/:actionId, as the person edits the card. */
export function useActionAutosave(planId: string, action: HighImpactAction) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<ActionValue, HighImpactAction>({
    storageKey: actionEditKey(user.id, planId, action.id),
    method: 'PATCH',
    path: actionApiPath(planId, action.id),
    server: readAction(action),
    read: readAction,
    parseCurrent: (current) => highImpactActionSchema.safeParse(current).data ?? null,
    onChange: (shown) => {
      updateCachedAction(queryClient, planId, action, (a) => ({ ...a, ...shown }));
    },
    onSaved: (row, shown) => {
      updateCachedAction(queryClient, planId, action, () => ({ ...row, ...shown }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
    labels: actionFieldLabels,
    item: itemNamed('action', action.text),
    linked: [ownerFields],
  });
}
