import { useParams } from 'react-router';
import { MeasureChart } from '../../features/measures/MeasureChart';
import { SharedPlanPage } from '../../features/share-links/SharedPlanPage';

/** /shared/:token: a plan shared read-only with the board (the server builds this address). */
export function SharedPlanRoute() {
  const { token = '' } = useParams();
  return <SharedPlanPage key={token} token={token} measureChart={(measure) => <MeasureChart measure={measure} />} />;
}
