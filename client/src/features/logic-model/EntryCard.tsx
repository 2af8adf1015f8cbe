import { useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  linkKindsOfSection,
  logicModelEntryNouns,
  logicModelLinkKindLabels,
  maxEntryTextLength,
  maxLinksPerEntry,
  outputHorizonLabels,
  outputHorizons,
  type LogicModelEntry,
  type LogicModelLinkInput,
  type LogicModelLinkOption,
  type LogicModelLinkView,
  type OutputHorizon,
} from '@planner/shared/logic-model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemNow } from '../../components/ItemNow';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { ItemTextField } from '../../components/ItemTextField';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { listItemProps } from '../../lib/list-news';
import { useDeleteEntry } from './delete-entry';
import { useEntryAutosave, type EntryValue } from './update-entry';
import styles from './logic-model.module.css';

/** Where a linked item is shown in the planner, when it has a page. */
export type LinkHref = (link: { kind: LogicModelLinkView['kind']; id: string }) => string | undefined;

const capitalized = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/** A link as the page shows it: the item's name now, or broken under the name it last had. */
function resolveLink(
  link: LogicModelLinkInput,
  options: readonly LogicModelLinkOption[],
  saved: readonly LogicModelLinkView[],
): LogicModelLinkView {
  const option = options.find((o) => o.kind === link.kind && o.id === link.id);
  if (option) return { ...option, broken: false };
  const known = saved.find((s) => s.kind === link.kind && s.id === link.id);
  return { kind: link.kind, id: link.id, label: known?.label ?? 'an item of this plan', broken: true };
}

function LinkText({ link, href }: { link: LogicModelLinkView; href: LinkHref }) {
  const kind = logicModelLinkKindLabels[link.kind];
  if (link.broken) {
    return (
      <span className={styles['link--broken']}>
        {kind}: broken (deleted: {link.label})
      </span>
    );
  }
  const to = href(link);
  return (
    <>
      {kind}: {to ? <Link to={to}>{link.label}</Link> : link.label}
    </>
  );
}

/** The links of an entry, for people who read the plan. */
export function EntryLinks({ links, href }: { links: readonly LogicModelLinkView[]; href: LinkHref }) {
  if (links.length === 0) return <p className="muted">Not linked to anything yet.</p>;
  return (
    <ul className={styles['links']} aria-label="Linked to">
      {links.map((link) => (
        <li key={`${link.kind}:${link.id}`}>
          <LinkText link={link} href={href} />
        </li>
      ))}
    </ul>
  );
}

interface EntryCardProps {
  planId: string;
  entry: LogicModelEntry;
  /** "Output 2": the card's name among its section's entries. */
  legend: string;
  options: readonly LogicModelLinkOption[];
  href: LinkHref;
  /** Says which entry went, and moves focus on from it, once it is removed. */
  onRemoved: () => void;
  /** Its comments, as the app composes them. */
  footer?: ReactNode;
}

/** One entry of the logic model, for an admin: its text, horizon and links, each saved as changed. */
export function EntryCard({ planId, entry, legend, options, href, onRemoved, footer }: EntryCardProps) {
  const saver = useEntryAutosave(planId, entry);
  const deleteEntry = useDeleteEntry(planId, entry.id);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [choice, setChoice] = useState('');
  const pickerRef = useRef<HTMLSelectElement>(null);
  // After an unlink the picker gets the focus; when it was not shown (nothing left to pick), as it appears.
  const focusPickerOnShow = useRef(false);
  const pickerShown = (select: HTMLSelectElement | null) => {
    pickerRef.current = select;
    if (select && focusPickerOnShow.current) {
      focusPickerOnShow.current = false;
      select.focus();
    }
  };
  const id = useId();
  const stateId = `${id}-state`;
  const value = saver.value;
  const noun = logicModelEntryNouns[entry.section];
  const kinds = linkKindsOfSection[entry.section];
  const shownLinks = value.links.map((l) => resolveLink(l, options, entry.links));
  const linked = new Set(value.links.map((l) => `${l.kind}:${l.id}`));
  const available = options.filter((o) => kinds.includes(o.kind) && !linked.has(`${o.kind}:${o.id}`));
  const pickLabel = `Link to ${kinds.map((k) => `a ${logicModelLinkKindLabels[k].toLowerCase()}`).join(' or ')}`;

  const describe = (v: EntryValue) => v.links.map((l) => resolveLink(l, options, entry.links).label).join(', ');
  const specs: ConflictFieldSpec<EntryValue>[] = [
    { label: 'Text', fields: ['text'], format: (v) => v.text },
    ...(entry.section === 'output'
      ? [{ label: 'Expected', fields: ['horizon'] as const, format: (v: EntryValue) => horizonWords(v.horizon) }]
      : []),
    { label: 'Linked to', fields: ['links'], format: describe },
  ];
  const conflict = saver.conflict;
  const compared = conflict ? conflictFields(specs, conflict.mine, value, conflict.theirs, conflict.base) : null;
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const backToCard = () => fieldsetRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();

  // After a link the picker keeps the focus, for the next one (the Link button it was on is disabled until then);
  // when that was the last to pick and the picker goes, the new link's Unlink button takes it.
  const focusUnlinkOnShow = useRef<string | null>(null);
  const unlinkShown = (key: string) => (button: HTMLButtonElement | null) => {
    if (button && focusUnlinkOnShow.current === key) {
      focusUnlinkOnShow.current = null;
      button.focus();
    }
  };
  const addLink = () => {
    const picked = available.find((o) => `${o.kind}:${o.id}` === choice);
    if (!picked) return;
    saver.edit({ links: [...value.links, { kind: picked.kind, id: picked.id }] }, 'now');
    setChoice('');
    const pickerStays = available.length > 1 && value.links.length + 1 < maxLinksPerEntry;
    if (pickerStays) pickerRef.current?.focus();
    else focusUnlinkOnShow.current = `${picked.kind}:${picked.id}`;
  };

  return (
    <li className={styles['entry']} {...listItemProps(entry.id)}>
      <fieldset aria-describedby={stateId} ref={fieldsetRef}>
        <legend className={styles['entry__legend']}>{legend}</legend>
        <ItemTextField
          label={`${capitalized(noun)} text`}
          value={value.text}
          maxLength={maxEntryTextLength}
          onChange={(text) => saver.edit({ text })}
          onBlur={saver.flush}
        />
        {entry.section === 'output' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-horizon`}>
              Expected
            </label>
            <select
              id={`${id}-horizon`}
              className="field__input"
              value={String(value.horizon ?? 1)}
              onChange={(event) => saver.edit({ horizon: Number(event.target.value) as OutputHorizon }, 'now')}
            >
              {outputHorizons.map((h) => (
                <option key={h} value={h}>
                  {outputHorizonLabels[h]}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        <p className={styles['links__title']} id={`${id}-links`}>
          Linked to
        </p>
        {shownLinks.length === 0 ? (
          <p className="muted">Not linked to anything yet.</p>
        ) : (
          <ul className={styles['links']} aria-labelledby={`${id}-links`}>
            {shownLinks.map((link) => (
              <li key={`${link.kind}:${link.id}`}>
                <LinkText link={link} href={href} />{' '}
                <button
                  ref={unlinkShown(`${link.kind}:${link.id}`)}
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    saver.edit(
                      { links: value.links.filter((l) => !(l.kind === link.kind && l.id === link.id)) },
                      'now',
                    );
                    if (pickerRef.current) pickerRef.current.focus();
                    else focusPickerOnShow.current = true;
                  }}
                >
                  Unlink<span className="visually-hidden"> {link.label}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {available.length > 0 && value.links.length < maxLinksPerEntry ? (
          <div className={styles['link-picker']}>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-pick`}>
                {pickLabel}
              </label>
              <select
                ref={pickerShown}
                id={`${id}-pick`}
                className="field__input"
                value={choice}
                onChange={(event) => setChoice(event.target.value)}
              >
                <option value="">Choose…</option>
                {kinds.map((kind) => (
                  <optgroup key={kind} label={`${logicModelLinkKindLabels[kind]}s`}>
                    {available
                      .filter((o) => o.kind === kind)
                      .map((o) => (
                        <option key={o.id} value={`${o.kind}:${o.id}`}>
                          {o.label}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <button type="button" className="button button--secondary" disabled={choice === ''} onClick={addLink}>
              Link<span className="visually-hidden"> to {legend}</span>
            </button>
          </div>
        ) : available.length === 0 && shownLinks.length === 0 ? (
          <p className="field__hint">
            The plan has no {kinds.map((k) => `${logicModelLinkKindLabels[k].toLowerCase()}s`).join(' or ')} to link to
            yet.
          </p>
        ) : null}

        <div className="item-options">
          <button type="button" className="button button--secondary" onClick={() => setConfirmingRemove(true)}>
            Remove<span className="visually-hidden"> {legend}</span>
          </button>
          <FieldSaveState id={stateId} status={saver.status} error={saver.error} />
        </div>
        <ItemHistorySlot itemId={entry.id} label={value.text} versions={{ logic_model_entry: entry.version }} />
        {conflict && compared ? (
          <ConflictPanel
            subject={`this ${noun}`}
            named={`the ${noun} “${value.text}”`}
            fields={compared.fields}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={saver.keepMine}
            onUseTheirs={() => saver.takeTheirs(compared.kept)}
            returnFocusTo={backToCard}
          />
        ) : null}
      </fieldset>
      {footer}

      <ConfirmDialog
        open={confirmingRemove}
        title={`Remove this ${noun}?`}
        confirmLabel={`Remove ${noun}`}
        busy={deleteEntry.isPending}
        busyLabel="Removing…"
        error={deleteEntry.error?.detail}
        onCancel={() => {
          setConfirmingRemove(false);
          deleteEntry.reset();
        }}
        onConfirm={() =>
          // The version shown, refreshed by a refusal: a second confirm removes the entry as it is now.
          deleteEntry.mutate(entry.version, {
            onSuccess: () => {
              setConfirmingRemove(false);
              onRemoved();
            },
          })
        }
      >
        <p>
          “{value.text}” will be removed from the logic model for everyone, with its links. The plan’s history keeps it,
          and an admin can bring it back from there.
        </p>
        {deleteEntry.error?.code === 'version_conflict' ? (
          <ItemNow facts={[{ label: 'Text', value: entry.text }]} />
        ) : null}
      </ConfirmDialog>
    </li>
  );
}

const horizonWords = (h: OutputHorizon | null) => (h === null ? '' : outputHorizonLabels[h]);

/** One entry, for people who read the plan. */
export function EntryView({
  entry,
  legend,
  level,
  href,
  footer,
}: {
  entry: LogicModelEntry;
  legend: string;
  /** Under a section's heading (3), or under an output horizon's (4). */
  level: 3 | 4;
  href: LinkHref;
  footer?: ReactNode;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <li className={styles['entry']}>
      <Heading className={styles['entry__legend']}>{legend}</Heading>
      <p className={styles['entry__text']}>{entry.text}</p>
      <EntryLinks links={entry.links} href={href} />
      <ItemHistorySlot itemId={entry.id} label={entry.text} versions={{ logic_model_entry: entry.version }} />
      {footer}
    </li>
  );
}
