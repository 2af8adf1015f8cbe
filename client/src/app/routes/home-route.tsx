import { Navigate } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { useInbox } from '../../features/reviews/inbox';
import { useCurrentUser } from '../../lib/current-user';
import { paths } from '../paths';

/** /: a principal with reviews waiting starts at their inbox; everyone else at the plans. */
export function HomeRoute() {
  const { user } = useCurrentUser();
  const isPrincipal = user.role === 'principal';
  const inbox = useInbox(isPrincipal);
  if (!isPrincipal || inbox.isError) return <Navigate to={paths.plans} replace />;
  if (inbox.isPending) return <LoadingState label="Loading your reviews…" />;
  return <Navigate to={inbox.data.items.length > 0 ? paths.reviews : paths.plans} replace />;
}
