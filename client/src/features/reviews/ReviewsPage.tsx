import { Link } from 'react-router';
import type { InboxItem } from '@planner/shared/role';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { countOf } from '@planner/shared/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCurrentUser } from '../../lib/current-user';
import { useInbox } from './inbox';
import styles from './reviews.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

function changesText(item: InboxItem): string {
  const changed = item.changedSinceYourLastReview;
  if (changed === null) return 'New to you';
  if (changed.length === 0) return 'Nothing changed since your last review';
  return `Changed since your last review: ${changed.map((c) => c.label).join(', ')} (${countOf(changed.length, 'field')}; the role's page shows what you reviewed and what it is now)`;
}

const bySubmission = (a: InboxItem, b: InboxItem) => a.submittedAt.localeCompare(b.submittedAt);

type RoleHref = (planId: string, roleId: string) => string;

function InboxList({ items, roleHref }: { items: InboxItem[]; roleHref: RoleHref }) {
  const dateTime = useDistrictDateTime();
  return (
    <ol className={styles['inbox-list']}>
      {[...items].sort(bySubmission).map((item) => (
        <li key={item.roleId} className={styles['inbox-item']}>
          <h2 className={styles['inbox-item__title']}>
            <Link to={roleHref(item.planId, item.roleId)}>{item.roleTitle}</Link>
          </h2>
          <dl className={styles['inbox-item__facts']}>
            <div>
              <dt>Plan</dt>
              <dd>{item.planTitle}</dd>
            </div>
            <div>
              <dt>Your schools</dt>
              <dd>{item.schools.map((s) => s.name).join(', ')}</dd>
            </div>
            <div>
              <dt>Submitted</dt>
              <dd>{dateTime(item.submittedAt)}</dd>
            </div>
          </dl>
          <p
            className={`${styles['inbox-item__changes']}${item.changedSinceYourLastReview === null ? ` ${styles['inbox-item__changes--new']}` : ''}`}
          >
            {changesText(item)}
          </p>
        </li>
      ))}
    </ol>
  );
}

function PrincipalInbox({ roleHref }: { roleHref: RoleHref }) {
  const inbox = useInbox(true);
  const leadsNoSchool = useCurrentUser().schools.length === 0;
  if (inbox.isPending) return <LoadingState label="Loading your reviews…" />;
  if (inbox.isError) {
    return <LoadError title="Your reviews could not be loaded" query={inbox} />;
  }
  if (inbox.data.items.length === 0) {
    return (
      <section className="empty-state" aria-labelledby="inbox-empty-heading">
        <h2 id="inbox-empty-heading">Nothing waiting for you</h2>
        {leadsNoSchool ? (
          <p>
            You lead no school yet: the district&rsquo;s administrator assigns principals their schools. Once you have
            one, a role the district submits for it is listed here for your review.
          </p>
        ) : (
          <p>When the district submits a role for one of your schools, it is listed here for your review.</p>
        )}
      </section>
    );
  }
  return <InboxList items={inbox.data.items} roleHref={roleHref} />;
}

/** /reviews: a principal's review inbox, oldest first. */
export function ReviewsPage({ roleHref }: { roleHref: RoleHref }) {
  useDocumentTitle('Reviews waiting for you');
  const { user } = useCurrentUser();
  return (
    <div className="page">
      <h1>Reviews waiting for you</h1>
      {user.role === 'principal' ? (
        <>
          <p className="page__lede">
            Teacher-leader roles for your schools, oldest first. Approve each, or request changes with a comment.
          </p>
          <PrincipalInbox roleHref={roleHref} />
        </>
      ) : (
        <p>Principals review the roles that concern their schools; you have no reviews to give.</p>
      )}
    </div>
  );
}
