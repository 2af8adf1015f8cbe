import { useParams } from 'react-router';
import { MeasureChart } from '../../features/measures/MeasureChart';
import { ReadingsTable } from '../../features/measures/ReadingsTable';
import { SharedPlanPage } from '../../features/share-links/SharedPlanPage';

/** /shared/:token: a plan shared read-only with the board (the server builds this address). */
export function SharedPlanRoute() {
  const { token = '' } = useParams();
  return (
    <SharedPlanPage
      key={token}
      token={token}
      measureReadings={(measure, schoolYear) => (
        <>
          <MeasureChart measure={measure} schoolYear={schoolYear} />
          {/* Date, value and note, as the PDF's table of the readings. */}
          <ReadingsTable measure={measure} pathColumn={false} />
        </>
      )}
    />
  );
}
