import { useEffect, useRef, useState, type ReactNode } from 'react';
import { listOf } from '@planner/shared/format';
import type { School } from '@planner/shared/school';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { useCurrentUser } from '../../lib/current-user';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useDocumentTitle } from '../../lib/use-document-title';
import { SchoolNameForm } from './SchoolNameForm';
import { useAddSchool, useSchoolList, useUpdateSchool } from './schools-api';
import styles from './schools.module.css';

/** A principal invited to lead schools, who has not accepted yet. */
export interface InvitedPrincipal {
  email: string;
  schoolIds: string[];
}

interface SchoolItemProps {
  school: School;
  /** Emails of the open invitations of principals to lead it. */
  invited: string[];
  /** Set on the item that was just archived or brought back: it arrived from the other list. */
  arrived: boolean;
  onArchivedChange: (saved: School) => void;
}

function SchoolItem({ school, invited, arrived, onArchivedChange }: SchoolItemProps) {
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  const archiveButtonRef = useRef<HTMLButtonElement>(null);
  const update = useUpdateSchool(school.id);

  // Archiving moves the school to the other list, a new item: focus follows it there rather than falling to the page.
  useEffect(() => {
    if (arrived) archiveButtonRef.current?.focus();
  }, [arrived]);
  const [renaming, setRenaming] = useState(false);
  const [message, setMessage] = useState('');
  // The Rename button comes back with the form gone: focus waits for it rather than falling to the page.
  const afterCommit = useAfterCommit();
  const backToRename = () => afterCommit(() => renameButtonRef.current?.focus());
  const conflict = `Someone else changed ${school.name} while you were looking. It is shown as it is now: try again.`;

  return (
    <li className={styles['school']}>
      <div className={styles['school__head']}>
        <h3 className={styles['school__name']}>{school.name}</h3>
        {school.archived ? <span className="status-badge status-badge--archived">Archived</span> : null}
      </div>
      <p className={styles['school__principals']}>
        {school.principals.length > 0
          ? `Principal${school.principals.length === 1 ? '' : 's'}: ${school.principals.map((p) => p.name).join(', ')}`
          : 'No principal yet'}
        {/* Else an open invitation reads as though it had failed. */}
        {invited.length > 0
          ? `${school.principals.length > 0 ? '. Invitation' : ': invitation'} sent to ${listOf(invited)}, not yet accepted.`
          : null}
      </p>
      <p className={styles['school__message']} role="status">
        {message}
      </p>
      {update.error && !renaming ? (
        <ErrorAlert>{update.error.code === 'version_conflict' ? conflict : update.error.detail}</ErrorAlert>
      ) : null}
      {renaming ? (
        <SchoolNameForm
          label={`New name for ${school.name}`}
          formName={`the new name for ${school.name}`}
          defaultName={school.name}
          submitLabel="Save name"
          pendingLabel="Saving…"
          error={update.error}
          conflictMessage={conflict}
          focusOnOpen
          onSubmit={async (name) => {
            const saved = await update.mutateAsync({ name, version: school.version });
            setRenaming(false);
            setMessage(`Renamed to ${saved.name}.`);
            backToRename();
          }}
          onCancel={() => {
            setRenaming(false);
            update.reset();
            backToRename();
          }}
        />
      ) : (
        <div className={styles['school__actions']}>
          <button
            ref={renameButtonRef}
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              update.reset();
              setMessage('');
              setRenaming(true);
            }}
          >
            Rename<span className="visually-hidden"> {school.name}</span>
          </button>
          <button
            ref={archiveButtonRef}
            type="button"
            className="button button--secondary button--small"
            // Busy rather than disabled, so that the button keeps focus while it saves.
            aria-disabled={update.isPending || undefined}
            onClick={() => {
              if (update.isPending) return;
              setMessage('');
              update.mutate({ archived: !school.archived, version: school.version }, { onSuccess: onArchivedChange });
            }}
          >
            {update.isPending ? 'Saving…' : school.archived ? 'Bring back' : 'Archive'}
            <span className="visually-hidden"> {school.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * /schools: the district's schools, added, renamed and archived by its administrators, and the settings of
 * the district itself (`districtSettings`, composed by the route) after them.
 */
export function SchoolsPage({
  districtSettings,
  invitedPrincipals,
}: {
  districtSettings?: ReactNode;
  invitedPrincipals: readonly InvitedPrincipal[];
}) {
  useDocumentTitle('Schools');
  const { user } = useCurrentUser();
  const schools = useSchoolList();
  const add = useAddSchool();
  const [added, setAdded] = useState('');
  // The school last archived or brought back, and what that did: said here, where it stays on the page.
  const [moved, setMoved] = useState<{ id: string; message: string } | null>(null);
  const onArchivedChange = (saved: School) =>
    setMoved({
      id: saved.id,
      message: saved.archived
        ? `${saved.name} is archived: it leaves the lists to choose from, and stays where it is named.`
        : `${saved.name} is back in the lists to choose from.`,
    });

  if (user.role !== 'district_admin') {
    return (
      <div className="page page--narrow">
        <h1>Schools</h1>
        <p>Only district administrators manage the district’s schools.</p>
      </div>
    );
  }

  let content;
  if (schools.isPending) content = <LoadingState label="Loading the schools…" />;
  else if (schools.isError) {
    content = <LoadError title="The schools could not be loaded" query={schools} />;
  } else {
    const current = schools.data.schools.filter((s) => !s.archived);
    const archived = schools.data.schools.filter((s) => s.archived);
    content = (
      <>
        <section aria-labelledby="current-schools-heading">
          <h2 id="current-schools-heading">Schools</h2>
          {current.length === 0 ? (
            <p className="muted">No schools yet: add the first above.</p>
          ) : (
            <ul className={styles['schools']}>
              {current.map((school) => (
                <SchoolItem
                  key={school.id}
                  school={school}
                  invited={invitedPrincipals.filter((i) => i.schoolIds.includes(school.id)).map((i) => i.email)}
                  arrived={moved?.id === school.id}
                  onArchivedChange={onArchivedChange}
                />
              ))}
            </ul>
          )}
        </section>
        {archived.length > 0 ? (
          <section aria-labelledby="archived-schools-heading">
            <h2 id="archived-schools-heading">Archived schools</h2>
            <p className="page__lede">
              Not offered when choosing schools, but still shown on the roles and principals that name them.
            </p>
            <ul className={styles['schools']}>
              {archived.map((school) => (
                <SchoolItem
                  key={school.id}
                  school={school}
                  invited={invitedPrincipals.filter((i) => i.schoolIds.includes(school.id)).map((i) => i.email)}
                  arrived={moved?.id === school.id}
                  onArchivedChange={onArchivedChange}
                />
              ))}
            </ul>
          </section>
        ) : null}
      </>
    );
  }

  return (
    <div className="page">
      <h1>Schools</h1>
      <p className="page__lede">
        The schools of the district: roles are planned for them and principals review for them. A school is never
        deleted: archive one the district no longer has, and it is no longer offered when choosing schools but stays on
        the roles, principals and readiness ratings that name it; bring it back at any time. The district’s time zone is
        set at the end of the page.
      </p>
      <section className="card" aria-labelledby="add-school-heading">
        <h2 id="add-school-heading">Add a school</h2>
        <SchoolNameForm
          label="School name"
          formName="the new school"
          defaultName=""
          submitLabel="Add school"
          pendingLabel="Adding…"
          error={add.error}
          onSubmit={async (name) => {
            setAdded('');
            const school = await add.mutateAsync({ name });
            setAdded(`${school.name} is added.`);
          }}
        />
        <p className={styles['school__message']} role="status">
          {added}
        </p>
      </section>
      <p className={styles['school__message']} role="status">
        {moved?.message}
      </p>
      {content}
      {districtSettings}
    </div>
  );
}
