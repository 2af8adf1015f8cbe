import { useSearchParams } from 'react-router';
import { threadLink } from '@planner/shared/notification';
import { PlanCommentsPage } from '../../features/comments/PlanCommentsPage';
import { useMarkReadOnArrival } from '../../features/notifications/notifications';
import { useDistrictUsers } from '../../features/users/district-users';
import { isUuid } from '../../lib/is-uuid';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { commentItemHref, mentionable, useCanComment } from './comment-links';

/** /plans/:planId/comments: the plan's open threads, filtered by stage and "mentions me". */
export function PlanCommentsRoute() {
  const { plan } = usePlanOutlet();
  const users = useDistrictUsers();
  const canComment = useCanComment();
  // Followed from a notification (its email, say): what told of this thread is read now.
  const thread = useSearchParams()[0].get('thread');
  useMarkReadOnArrival(thread !== null && isUuid(thread) ? threadLink(plan.id, thread) : null);
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
