import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatDate, todayIso } from '@planner/shared/format';
import {
  createShareLinkSchema,
  lastDayHasPassed,
  lastDayPassedMessage,
  shareLinkExpirySchema,
  shareLinkLabelMax,
  defaultShareParts,
  sharePartLabels,
  sharePartParents,
  shareParts,
  shareLinkStatusLabels,
  type ShareLink,
  type SharePart,
  type ShareLinkWithUrl,
} from '@planner/shared/share-link';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryFallback } from '../../components/QueryFallback';
import { ScrollRegion } from '../../components/ScrollRegion';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useCreateShareLink, useRevokeShareLink, useShareLinks } from './share-links-api';
import styles from './share-links.module.css';
import { useDistrictDateTime } from '../../lib/district-time';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

/**
 * The form holds the date field's text ('' for none) and the ticked parts; the last day is checked against
 * the district's today (at each check, so a form left open past midnight there knows).
 */
const formSchemaIn = (timeZone: string) =>
  createShareLinkSchema.extend({
    expiresOn: z
      .string()
      .transform((v) => (v === '' ? null : v))
      .pipe(shareLinkExpirySchema)
      .refine((v) => !lastDayHasPassed(v, todayIso(timeZone)), { error: lastDayPassedMessage }),
  });
type FormSchema = ReturnType<typeof formSchemaIn>;
type FormValues = z.input<FormSchema>;
type FormOutput = z.output<FormSchema>;
// The names messages start with ("The last day must be today or later"); some labels on the form differ.
const labels = { label: 'Name', expiresOn: 'The last day', parts: 'What it shows' } as const;

function CreateShareLinkForm({ planId, onCreated }: { planId: string; onCreated: (link: ShareLinkWithUrl) => void }) {
  const create = useCreateShareLink(planId);
  const { district } = useCurrentUser();
  const resolver = useMemo(() => labelledResolver(formSchemaIn(district.timeZone), labels), [district.timeZone]);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    reset,
    formState: { errors, isDirty },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver,
    defaultValues: { label: '', expiresOn: '', parts: [...defaultShareParts] },
  });
  const generalError = create.error ? generalErrorMessage(create.error, labels) : null;
  useEffect(() => {
    if (generalError) alertRef.current?.focus();
  }, [generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        onCreated(await create.mutateAsync(values));
        reset();
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the new share link', isDirty && !busy);
  const partsError = errors.parts?.message ?? errors.parts?.root?.message;
  const ticked = useWatch({ control, name: 'parts' }) ?? [];
  const labelLimit = useCharacterLimit((useWatch({ control, name: 'label' }) ?? '').length, shareLinkLabelMax);
  // A part shown inside another (missteps in the stages) goes when that one is unticked.
  const partField = register('parts', {
    onChange: (event: { target: HTMLInputElement }) => {
      if (event.target.checked) return;
      const parts = getValues('parts') ?? [];
      const kept = parts.filter((part) => sharePartParents[part] !== event.target.value);
      if (kept.length !== parts.length) setValue('parts', kept, { shouldValidate: true, shouldDirty: true });
    },
  });

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="share-links-new">
      <h3 id="share-links-new">Make a link</h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <TextField
        label={labels.label}
        hint="Such as: For the March board meeting"
        limit={labelLimit}
        autoComplete="off"
        error={errors.label?.message}
        {...register('label')}
      />
      <TextField
        label="Last day it works"
        hint="Leave empty to keep the link up until you revoke it"
        type="date"
        min={todayIso(district.timeZone)}
        error={errors.expiresOn?.message}
        {...register('expiresOn')}
      />
      <fieldset
        className={styles['share-links__parts']}
        aria-describedby={partsError ? 'share-parts-error' : undefined}
      >
        <legend className="field__label">{labels.parts}</legend>
        {partsError ? (
          <p className="field__error" id="share-parts-error">
            <span className="visually-hidden">Error: </span>
            {partsError}
          </p>
        ) : null}
        {shareParts.map((part) => {
          const parent = sharePartParents[part];
          return (
            <label className={`checkbox${parent ? ` ${styles['share-links__inner-part']}` : ''}`} key={part}>
              <input
                type="checkbox"
                value={part}
                disabled={parent !== undefined && !ticked.includes(parent)}
                {...partField}
              />
              {sharePartLabels[part]}
              {parent ? <span className="visually-hidden"> (with {sharePartLabels[parent]})</span> : null}
            </label>
          );
        })}
      </fieldset>
      <div className="form__actions">
        <SubmitButton busy={busy} label="Make the link" busyLabel="Making the link…" />
      </div>
    </form>
  );
}

/**
 * The link, shown only this once: focus goes to it (selected, so it can be copied at once), and its hint says
 * so as focus lands, where a status region inserted already filled is often not read at all.
 */
function NewLink({ link }: { link: ShareLinkWithUrl }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => fieldRef.current?.focus(), []);
  const copy = () => {
    navigator.clipboard.writeText(link.url).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <div className={styles['share-links__new']}>
      <p>
        <strong>Link made{link.label ? `: ${link.label}` : ''}.</strong>
      </p>
      <div className={styles['share-links__copy']}>
        <TextField
          ref={fieldRef}
          label="The link"
          hint="Copy it now: it is shown only this once."
          name="share-link-url"
          readOnly
          value={link.url}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy the link
        </button>
      </div>
      <p role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy: select the link and copy it yourself.' : ''}
      </p>
    </div>
  );
}

const partsText = (parts: readonly SharePart[]) => parts.map((p) => sharePartLabels[p]).join(', ');
const linkRowHeaderId = (linkId: string) => `share-link-${linkId}`;

function LinksTable({ links, onRevoke }: { links: ShareLink[]; onRevoke: (link: ShareLink) => void }) {
  const dateTime = useDistrictDateTime();
  if (links.length === 0) return <p className="muted">No links yet.</p>;
  return (
    <ScrollRegion label="Share links">
      <table className="data-table">
        <caption>Share links of this plan</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Shows</th>
            <th scope="col">Made</th>
            <th scope="col">Last day</th>
            <th scope="col">Opened</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Revoke</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <th scope="row" id={linkRowHeaderId(link.id)} tabIndex={-1}>
                {link.label || 'Untitled link'}
              </th>
              <td>{partsText(link.parts)}</td>
              <td>
                {dateTime(link.createdAt)}
                {link.createdBy ? ` by ${link.createdBy.name}` : ''}
              </td>
              <td>{link.expiresOn ? formatDate(link.expiresOn) : 'None'}</td>
              <td>
                {link.openCount === 1 ? 'Once' : `${String(link.openCount)} times`}
                {link.lastOpenedAt ? `, last ${dateTime(link.lastOpenedAt)}` : ''}
              </td>
              <td>
                {shareLinkStatusLabels[link.status]}
                {link.revokedAt ? ` ${dateTime(link.revokedAt)}` : ''}
              </td>
              <td>
                {link.status === 'revoked' ? null : (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onRevoke(link)}
                  >
                    Revoke
                    <span className="visually-hidden">
                      {' '}
                      {/* Untitled links are told apart by when they were made. */}
                      {link.label || `the untitled link made ${dateTime(link.createdAt)}`}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** For admins: read-only links to the plan for the board or the community; made, listed and revoked here. */
export function ShareLinksSection({ planId }: { planId: string }) {
  const links = useShareLinks(planId);
  const revoke = useRevokeShareLink(planId);
  const [created, setCreated] = useState<ShareLinkWithUrl | null>(null);
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  const afterCommit = useAfterCommit();

  return (
    <section className={`card no-print ${styles['share-links']}`} aria-labelledby="share-links-heading">
      <h2 id="share-links-heading">Share with the board</h2>
      <p>
        A read-only link shows the plan to anyone who has it, without signing in: no people, no comments, no history,
        and only approved roles. You can revoke it at any time.
      </p>
      <CreateShareLinkForm planId={planId} onCreated={setCreated} />
      {created ? <NewLink key={created.id} link={created} /> : null}
      <h3 className={styles['share-links__list-heading']}>Links</h3>
      {links.isSuccess ? (
        <LinksTable links={links.data.shareLinks} onRevoke={setRevoking} />
      ) : (
        <QueryFallback query={links} loadingLabel="Loading the links…" errorTitle="The links could not be loaded" />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this link?"
        confirmLabel="Revoke the link"
        busy={revoke.isPending}
        busyLabel="Revoking…"
        error={revoke.error?.detail ?? null}
        onCancel={() => {
          revoke.reset();
          setRevoking(null);
        }}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              if (created?.id === revoking.id) setCreated(null);
              setRevoking(null);
              // Its Revoke button went with the revoke: focus goes to the link's row, which now says Revoked.
              afterCommit(() => document.getElementById(linkRowHeaderId(revoking.id))?.focus());
            },
          });
        }}
      >
        <p>
          Whoever has “{revoking?.label || 'Untitled link'}” will see a page saying the link no longer works. This
          cannot be undone; you can make a new link.
        </p>
      </ConfirmDialog>
    </section>
  );
}
