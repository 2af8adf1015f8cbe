import { PlanCommentsPage } from '../../features/comments/PlanCommentsPage';
import { useDistrictUsers } from '../../features/users/district-users';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { commentItemHref, mentionable, useCanComment } from './comment-links';

/** /plans/:planId/comments: the plan's open threads, filtered by stage and "mentions me". */
export function PlanCommentsRoute() {
  const { plan } = usePlanOutlet();
  const users = useDistrictUsers();
  const canComment = useCanComment();
  return (
    <PlanCommentsPage
      planId={plan.id}
      planTitle={plan.title}
      stages={plan.stages}
      itemHref={(subject) => commentItemHref(plan.id, subject)}
      people={mentionable(users.data?.users)}
      canComment={canComment}
    />
  );
}
