import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { countOf } from '@planner/shared/format';
import { userRoles } from '@planner/shared/user-role';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useCurrentUser } from '../../lib/current-user';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useDocumentTitle } from '../../lib/use-document-title';
import { InvitationCard } from './InvitationCard';
import { InviteSection } from './InviteSection';
import { PeopleFilterBar } from './PeopleFilterBar';
import { PeopleLog } from './PeopleLog';
import { PersonCard } from './PersonCard';
import { useDistrictSchools, useInvitations, usePeople } from './people-api';
import { filterRows, filtersFromSearch, peopleRows, searchFromFilters } from './people-rows';
import styles from './people.module.css';

/** /people: everyone in the district, invitations, and the log of changes. For district administrators. */
export function PeoplePage() {
  useDocumentTitle('People');
  const { user } = useCurrentUser();
  const people = usePeople();
  const invitations = useInvitations();
  const schools = useDistrictSchools();
  const [searchParams, setSearchParams] = useSearchParams();
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const afterCommit = useAfterCommit();
  const [listMessage, setListMessage] = useState('');

  if (user.role !== 'district_admin') {
    return (
      <div className="page page--narrow">
        <h1>People</h1>
        <p>Only district administrators manage the district’s people.</p>
      </div>
    );
  }

  const queries = [people, invitations, schools];
  let content;
  if (queries.some((q) => q.isPending)) {
    content = <LoadingState label="Loading the district’s people…" />;
  } else if (!people.isSuccess || !invitations.isSuccess || !schools.isSuccess) {
    const failed = queries.find((q) => q.isError);
    content = (
      <ErrorAlert title="The district’s people could not be loaded">
        <p>{failed?.error?.message}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => queries.forEach((q) => void q.refetch())}
        >
          Try again
        </button>
      </ErrorAlert>
    );
  } else {
    const allSchools = schools.data.schools;
    const filters = filtersFromSearch(searchParams, userRoles);
    const rows = peopleRows(people.data.users, invitations.data.invitations);
    const invitationsSentBy = (personId: string) =>
      invitations.data.invitations.filter((invitation) => invitation.invitedBy?.id === personId);
    const shown = filterRows(rows, filters);
    content = (
      <>
        <InviteSection schools={allSchools} />
        <section aria-labelledby="people-list-heading">
          <h2 id="people-list-heading" ref={listHeadingRef} tabIndex={-1}>
            Everyone in the district
          </h2>
          <p className={styles['list-message']} role="status">
            {listMessage}
          </p>
          <PeopleFilterBar
            filters={filters}
            schools={allSchools}
            onChange={(next) => setSearchParams(searchFromFilters(next), { replace: true })}
          />
          <p className={styles['count']} role="status">
            {shown.length === rows.length
              ? countOf(rows.length, 'person', 'people')
              : `Showing ${String(shown.length)} of ${countOf(rows.length, 'person', 'people')}`}
          </p>
          {shown.length === 0 ? (
            <p className="muted">Nobody matches these filters.</p>
          ) : (
            <ul className={styles['people']}>
              {shown.map((row) =>
                row.kind === 'person' ? (
                  <PersonCard
                    key={row.key}
                    person={row.person}
                    schools={allSchools}
                    invitationsSent={invitationsSentBy(row.person.id)}
                    currentUserId={user.id}
                  />
                ) : (
                  <InvitationCard
                    key={row.key}
                    invitation={row.invitation}
                    schools={allSchools}
                    onRevoked={(revoked) => {
                      setListMessage(`The invitation of ${revoked.name} is revoked: its link no longer works.`);
                      afterCommit(() => listHeadingRef.current?.focus());
                    }}
                  />
                ),
              )}
            </ul>
          )}
        </section>
        <PeopleLog />
      </>
    );
  }

  return (
    <div className="page">
      <h1>People</h1>
      <p className="page__lede">
        Invite the district’s administrators, principals and viewers; change their role and schools; deactivate someone
        who has left.
      </p>
      {content}
    </div>
  );
}
