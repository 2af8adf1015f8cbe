import { LogicModelPage } from '../../features/logic-model/LogicModelPage';
import { useDistrictUsers } from '../../features/users/district-users';
import { useCanEditPlan } from '../../lib/plan-editing';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planActionsPath, planMeasurePath, planRolePath, planStagePath } from '../paths';
import { CommentsOn } from './comment-links';

/** /plans/:planId/logic-model: the plan's logic model, its entries linked to the items of the plan. */
export function LogicModelRoute() {
  const { plan } = usePlanOutlet();
  const canEdit = useCanEditPlan();
  const users = useDistrictUsers();
  return (
    <LogicModelPage
      planId={plan.id}
      planTitle={plan.title}
      canEdit={canEdit}
      linkHref={(link) => {
        switch (link.kind) {
          case 'measure':
            return planMeasurePath(plan.id, link.id);
          case 'role':
            return planRolePath(plan.id, link.id);
          case 'action':
            return planActionsPath(plan.id);
          case 'fundingSource':
            return planStagePath(plan.id, 'context');
          case 'partner':
            return planStagePath(plan.id, 'build');
        }
      }}
      comments={(entry, label) => (
        <CommentsOn planId={plan.id} kind="logic_model_entry" id={entry.id} label={label} users={users.data?.users} />
      )}
    />
  );
}
