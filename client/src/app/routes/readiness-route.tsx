import { QueryFallback } from '../../components/QueryFallback';
import { ReadinessPage } from '../../features/readiness/ReadinessPage';
import { useReadiness } from '../../features/readiness/readiness';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { useDistrictUsers } from '../../features/users/district-users';
import { planStagePath } from '../paths';
import { CommentsOn } from './comment-links';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';

/** /plans/:planId/readiness: the district's and schools' readiness ratings, results and actions. */
export function ReadinessRoute() {
  const { plan } = usePlanOutlet();
  const readiness = useReadiness(plan.id);
  const users = useDistrictUsers();
  const shown = useFirstDataInBackground(readiness.data);
  if (!shown || !readiness.isSuccess) {
    return (
      <QueryFallback
        query={readiness}
        loadingLabel="Loading the readiness ratings…"
        errorTitle="The readiness ratings could not be loaded"
      />
    );
  }
  return (
    <ReadinessPage
      plan={plan}
      readiness={shown}
      links={{ action: () => planStagePath(plan.id, 'context') }}
      ratingFooter={(rating, label) => (
        <CommentsOn planId={plan.id} kind="readiness" id={rating.id} label={label} users={users.data?.users} />
      )}
    />
  );
}
