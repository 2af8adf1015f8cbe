import { useNavigate, useParams } from 'react-router';
import { MissingItemPage } from '../../components/MissingItemPage';
import { MeasurePage, measureDetailsTitle } from '../../features/measures/MeasurePage';
import { StageRowCard, StageRowView } from '../../features/stage-tables/StageRowCard';
import { InputsBehind } from '../../features/stakeholder-inputs/InputsBehind';
import { useDistrictUsers } from '../../features/users/district-users';
import { useCanEditPlan } from '../../lib/plan-editing';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planStagePath, planStakeholderPath } from '../paths';
import { CommentsOn } from './comment-links';

/** /plans/:planId/measures/:measureId: a measure's chart and readings, with its own fields from the stage table. */
export function MeasureRoute() {
  const { plan } = usePlanOutlet();
  const { measureId } = useParams();
  const canEdit = useCanEditPlan();
  const navigate = useNavigate();
  const users = useDistrictUsers();
  const people = users.data?.users ?? [];
  const measure = plan.tables.measures.find((m) => m.id === measureId);
  const stagePath = planStagePath(plan.id, 'measures');
  if (!measure) {
    return (
      <MissingItemPage
        title="This measure is no longer in the plan"
        link={{ href: stagePath, label: 'Go to the plan’s measures of success' }}
      />
    );
  }
  return (
    <MeasurePage
      key={measure.id}
      plan={plan}
      measure={measure}
      backLink={{ href: stagePath, label: 'All measures of success' }}
      details={
        <>
          {canEdit ? (
            <StageRowCard
              planId={plan.id}
              name="measures"
              row={measure}
              legend={measureDetailsTitle}
              people={people}
              onRemoved={() => void navigate(stagePath, { replace: true })}
            />
          ) : (
            <StageRowView
              name="measures"
              row={measure}
              heading={{ text: measureDetailsTitle, level: 3 }}
              people={people}
            />
          )}
          <InputsBehind
            planId={plan.id}
            kind="measure"
            id={measure.id}
            stakeholderHref={(stakeholderId) => planStakeholderPath(plan.id, stakeholderId)}
          />
          <CommentsOn
            planId={plan.id}
            kind="measure"
            id={measure.id}
            label={`the measure: ${measure.name}`}
            users={users.data?.users}
          />
        </>
      }
    />
  );
}
