import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { usePeopleLog } from './people-api';
import { eventSentence } from './people-rows';
import styles from './people.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

/** Who invited, changed, deactivated or reset whom, and when: newest first. */
export function PeopleLog() {
  const dateTime = useDistrictDateTime();
  const log = usePeopleLog();
  let content;
  if (log.isPending) content = <LoadingState label="Loading the log…" />;
  else if (log.isError) {
    content = <LoadError title="The log could not be loaded" query={log} />;
  } else if (log.data.events.length === 0) {
    content = <p className="muted">Nothing yet: invitations and changes to people are listed here.</p>;
  } else {
    content = (
      <ol className={styles['log']}>
        {log.data.events.map((event) => (
          <li key={event.id} className={styles['log__event']}>
            <time className={styles['log__time']} dateTime={event.createdAt}>
              {dateTime(event.createdAt)}
            </time>
            <span>
              {eventSentence(event)}
              {event.note ? <span className={styles['log__note']}> — {event.note}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <section aria-labelledby="people-log-heading" className={styles['log-section']}>
      <h2 id="people-log-heading">Changes to people</h2>
      <p className="page__lede">The latest 200, newest first.</p>
      {content}
    </section>
  );
}
