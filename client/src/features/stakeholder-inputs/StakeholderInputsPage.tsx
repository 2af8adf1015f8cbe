import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { formatDate, todayIso } from '@planner/shared/format';
import {
  inputKindLabels,
  shapedKindLabels,
  type CreateStakeholderInput,
  type ShapedKind,
  type StakeholderInput,
} from '@planner/shared/stakeholder-input';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ItemNow } from '../../components/ItemNow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryFallback } from '../../components/QueryFallback';
import type { ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { listItemProps, useListNews, type ListNews } from '../../lib/list-news';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useCreateInput } from './create-input';
import { useDeleteInput } from './delete-input';
import { InputForm, refKey, type InputDraft, type LinkableItem } from './InputForm';
import { useStakeholderInputs } from './stakeholder-inputs';
import { useUpdateInput } from './update-input';
import styles from './stakeholder-inputs.module.css';

interface StakeholderInputsPageProps {
  planId: string;
  stakeholder: { id: string; name: string; kindLabel: string; stanceLabel: string };
  items: readonly LinkableItem[];
  canEdit: boolean;
  backLink: { href: string; label: string };
  /** Where an item an input shaped is shown in the plan. */
  itemHref: (kind: ShapedKind, id: string, stageKey: string | null) => string;
  /** The comments of one input, as the route composes them. */
  commentsOf: (input: StakeholderInput) => ReactNode;
}

const draftOf = (input: StakeholderInput): InputDraft => ({
  kind: input.kind,
  heardOn: input.heardOn,
  source: input.source,
  summary: input.summary,
  shaped: input.shaped.map((s) => refKey(s.kind, s.id)),
});

function EditInput({
  planId,
  input,
  items,
  onDone,
}: {
  planId: string;
  input: StakeholderInput;
  items: readonly LinkableItem[];
  onDone: () => void;
}) {
  const update = useUpdateInput(planId, input.id);
  // The version the edit began from: after a conflict the list shows the newer input, and saving again
  // must not quietly write over it with this form's older values.
  const [baseVersion] = useState(input.version);
  const conflict = update.error?.code === 'version_conflict';
  return (
    <>
      {conflict ? (
        <ErrorAlert>
          Someone else changed this input while you were editing. What they saved is shown above; cancel, then make your
          change again.
        </ErrorAlert>
      ) : null}
      <InputForm
        heading="Change this input"
        formName="this input"
        submitLabel="Save the input"
        initial={draftOf(input)}
        items={items}
        brokenLinks={input.shaped.filter((s) => s.broken)}
        error={update.error && !conflict ? update.error : null}
        onSave={async (values: CreateStakeholderInput) => {
          await update.mutateAsync({ ...values, version: baseVersion });
          onDone();
          return true;
        }}
        onCancel={onDone}
        savedMessage="Saved."
      />
    </>
  );
}

function InputCard({
  planId,
  input,
  items,
  canEdit,
  itemHref,
  comments,
  onRemoved,
}: {
  planId: string;
  input: StakeholderInput;
  items: readonly LinkableItem[];
  canEdit: boolean;
  itemHref: StakeholderInputsPageProps['itemHref'];
  comments: ReactNode;
  /** The card goes with its buttons: the page says which went, and moves focus on from it. */
  onRemoved: (title: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  // The Change button comes back with the form gone: focus waits for it rather than falling to the page.
  const afterCommit = useAfterCommit();
  const remove = useDeleteInput(planId);
  const title = `${inputKindLabels[input.kind]} of ${formatDate(input.heardOn)}`;
  // Within a sentence: the kind in lower case, the date as written ("the survey finding of Jan 1, 2030").
  const titleInSentence = `${inputKindLabels[input.kind].toLowerCase()} of ${formatDate(input.heardOn)}`;
  return (
    <li id={`input-${input.id}`} className={styles.input} tabIndex={-1} {...listItemProps(input.id)}>
      <h3>{title}</h3>
      {input.source ? <p className={styles.meta}>Source: {input.source}</p> : null}
      <p className={styles.summary}>{input.summary}</p>
      <h4 className={styles.meta}>Where it landed</h4>
      {input.shaped.length === 0 ? (
        <p className={styles.meta}>Not yet linked to anything in the plan.</p>
      ) : (
        <ul className={styles.landed}>
          {input.shaped.map((s) => (
            <li key={refKey(s.kind, s.id)}>
              {s.broken ? (
                <span className={styles.broken}>
                  A {shapedKindLabels[s.kind].toLowerCase()} removed from the plan since (broken link)
                </span>
              ) : (
                <>
                  {shapedKindLabels[s.kind]}: <Link to={itemHref(s.kind, s.id, s.stageKey)}>{s.label}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && !editing ? (
        <div className={styles.actions}>
          <button
            ref={changeButtonRef}
            type="button"
            className="button button--secondary"
            onClick={() => setEditing(true)}
          >
            Change<span className="visually-hidden"> the {titleInSentence}</span>
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> the {titleInSentence}</span>
          </button>
        </div>
      ) : null}
      {editing ? (
        <EditInput
          planId={planId}
          input={input}
          items={items}
          onDone={() => {
            setEditing(false);
            afterCommit(() => changeButtonRef.current?.focus());
          }}
        />
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Remove this input?"
        confirmLabel="Remove"
        busy={remove.isPending}
        busyLabel="Removing…"
        error={remove.error?.detail ?? null}
        tone="danger"
        // The version shown, refreshed after a refusal: a second confirm removes the input as it is now.
        onConfirm={() =>
          void remove.mutateAsync(input).then(
            () => {
              setConfirming(false);
              onRemoved(title);
            },
            // The dialog shows the error.
            () => undefined,
          )
        }
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        <p>The {titleInSentence} and its links go; the plan's history keeps it, from where it can be brought back.</p>
        {remove.error?.code === 'version_conflict' ? (
          <ItemNow
            facts={[
              { label: 'Source', value: input.source },
              { label: 'Summary', value: input.summary },
            ]}
          />
        ) : null}
      </ConfirmDialog>
      {comments}
    </li>
  );
}

function AddInput({
  planId,
  stakeholderId,
  items,
  news,
}: {
  planId: string;
  stakeholderId: string;
  items: readonly LinkableItem[];
  news: ListNews;
}) {
  const create = useCreateInput(planId, stakeholderId);
  const { district } = useCurrentUser();
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <InputForm
      heading="Record what we heard"
      formName="the new input"
      keptAs={`new-input:${stakeholderId}`}
      submitLabel="Record the input"
      initial={{ kind: 'meeting', heardOn: todayIso(district.timeZone), source: '', summary: '', shaped: [] }}
      items={items}
      error={error}
      clearOnSave
      onSave={async (values) => {
        setError(null);
        try {
          await create.mutateAsync(values);
          return true;
        } catch (caught) {
          setError(caught as ApiError);
          throw caught;
        }
      }}
      savedMessage="Recorded. It shows below, and on each item it shaped."
      news={news}
    />
  );
}

/** A stakeholder's page: what they said, when and where, and where each input landed in the plan. */
export function StakeholderInputsPage({
  planId,
  stakeholder,
  items,
  canEdit,
  backLink,
  itemHref,
  commentsOf,
}: StakeholderInputsPageProps) {
  const inputs = useStakeholderInputs(planId);
  const { hash } = useLocation();
  const loaded = inputs.isSuccess;
  useEffect(() => {
    if (loaded && hash.startsWith('#input-')) document.getElementById(hash.slice(1))?.focus();
  }, [loaded, hash]);
  const theirs = inputs.data?.inputs.filter((i) => i.stakeholderId === stakeholder.id) ?? [];
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const { news, removed } = useListNews(() => listHeadingRef.current?.focus());
  const ids = theirs.map((input) => input.id);
  return (
    <article>
      <p>
        <Link to={backLink.href}>{backLink.label}</Link>
      </p>
      <h1>What we heard from {stakeholder.name}</h1>
      <p className={styles.meta}>
        {stakeholder.kindLabel} · {stakeholder.stanceLabel}
      </p>
      <p>
        Input from this stakeholder is recorded once, here, and linked to the answers, actions, roles, decisions and
        measures it shaped. Each of those items shows the input behind it.
      </p>
      <h2 ref={listHeadingRef} tabIndex={-1}>
        Input recorded
      </h2>
      {!inputs.isSuccess ? (
        <QueryFallback query={inputs} loadingLabel="Loading the input…" errorTitle="The input could not be loaded" />
      ) : theirs.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ul className={styles['input-list']}>
          {theirs.map((input) => (
            <InputCard
              key={input.id}
              planId={planId}
              input={input}
              items={items}
              canEdit={canEdit}
              itemHref={itemHref}
              comments={commentsOf(input)}
              onRemoved={(title) => removed(ids, input.id, `Input “${title}” removed.`)}
            />
          ))}
        </ul>
      )}
      {canEdit ? (
        <>
          <h2 className="visually-hidden">Record input</h2>
          <AddInput planId={planId} stakeholderId={stakeholder.id} items={items} news={news} />
        </>
      ) : null}
    </article>
  );
}
