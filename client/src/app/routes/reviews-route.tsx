import { ReviewsPage } from '../../features/reviews/ReviewsPage';
import { planRolePath } from '../paths';

/** /reviews: a principal's review inbox. */
export function ReviewsRoute() {
  return <ReviewsPage roleHref={planRolePath} />;
}
