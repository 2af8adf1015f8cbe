import { useQueryClient } from '@tanstack/react-query';
import { logicModelCanvasSchema, type LogicModelCanvas } from '@planner/shared/logic-model';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { logicModelApiPath, updateCachedLogicModel } from './logic-model';

export interface CanvasValue extends Record<string, unknown> {
  problemStatement: string;
  goal: string;
}

const readCanvas = (canvas: LogicModelCanvas) => ({
  value: { problemStatement: canvas.problemStatement, goal: canvas.goal },
  version: canvas.version,
});

/** PATCH /api/plans/:planId/logic-model, as the problem statement and goal are typed. */
export function useCanvasAutosave(planId: string, canvas: LogicModelCanvas) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<CanvasValue, LogicModelCanvas>({
    storageKey: `${planEditsKeyPrefix(user.id, planId)}logic-model`,
    method: 'PATCH',
    path: logicModelApiPath(planId),
    server: readCanvas(canvas),
    read: readCanvas,
    parseCurrent: (current) => logicModelCanvasSchema.safeParse(current).data ?? null,
    item: 'the logic model',
    onSaved: (saved, shown) => {
      updateCachedLogicModel(queryClient, planId, (model) => ({ ...model, canvas: { ...saved, ...shown } }));
    },
  });
}
