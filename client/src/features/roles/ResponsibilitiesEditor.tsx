import { useEffect, useId, useRef, useState } from 'react';
import { asSentence } from '@planner/shared/format';
import { responsibilitySchema, tlmsDomains, type Responsibility } from '@planner/shared/role';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ItemTextField } from '../../components/ItemTextField';
import { fieldMessage } from '../../lib/forms';
import { FieldModeSelect, type RoleEditing } from './RoleFieldControls';
import styles from './roles.module.css';

const maxResponsibilities = 30;
const maxText = 1000;

type MoveAction = 'up' | 'down';

/** Why the server refused a row's text and its domains (`responsibilities.2.text`, `responsibilities.2.domains.1`). */
function rowRefusal(refusedAt: Readonly<Record<string, string>>, index: number) {
  const row = `responsibilities.${String(index)}`;
  return {
    text: refusedAt[`${row}.text`],
    domains: Object.entries(refusedAt).find(([path]) => path.startsWith(`${row}.domains`))?.[1],
  };
}

/** The role's responsibilities, most important first: add, reorder, tag with TLMS domains, remove. */
export function ResponsibilitiesEditor({ editing }: { editing: RoleEditing }) {
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const [newText, setNewText] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a move, focus follows the item to its new place (a disabled button would drop it).
  const [focusTarget, setFocusTarget] = useState<{ index: number; action: MoveAction } | null>(null);
  const items = editing.value.responsibilities;
  const newLimit = useCharacterLimit(newText.length, maxText);
  const refusedRows = items.map((_, index) => rowRefusal(editing.refusedAt, index));
  const firstRefused = refusedRows.findIndex((row) => row.text !== undefined || row.domains !== undefined);
  const refusedKey = Object.keys(editing.refusedAt)
    .filter((path) => path.startsWith('responsibilities.'))
    .join(' ');

  // A refused save takes focus to the first row it names, as a form's first refused field takes it, unless the
  // person is in that row already or has gone on to another field meanwhile.
  useEffect(() => {
    const row = listRef.current?.children[firstRefused];
    const active = document.activeElement;
    if (refusedKey === '' || !row || row.contains(active)) return;
    if (active !== null && active !== document.body && !listRef.current?.parentElement?.contains(active)) return;
    row.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    // Once per refusal: not again as the rows re-render with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refusedKey]);

  useEffect(() => {
    if (!focusTarget) return;
    const list = listRef.current;
    const preferred = list?.querySelector<HTMLButtonElement>(
      `[data-index="${String(focusTarget.index)}"][data-action="${focusTarget.action}"]`,
    );
    const other = list?.querySelector<HTMLButtonElement>(
      `[data-index="${String(focusTarget.index)}"][data-action="${focusTarget.action === 'up' ? 'down' : 'up'}"]`,
    );
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  }, [focusTarget]);

  const save = (next: Responsibility[], when: 'debounced' | 'now' = 'now') =>
    editing.edit({ responsibilities: next }, when);

  const move = (index: number, action: MoveAction) => {
    const to = action === 'up' ? index - 1 : index + 1;
    const item = items[index];
    if (!item || to < 0 || to >= items.length) return;
    const next = [...items];
    next.splice(index, 1);
    next.splice(to, 0, item);
    save(next);
    setFocusTarget({ index: to, action });
    setAnnouncement(`“${item.text}” moved to position ${String(to + 1)} of ${String(items.length)}.`);
  };

  const remove = (index: number) => {
    const item = items[index];
    save(items.filter((_, i) => i !== index));
    setAnnouncement(`“${item?.text ?? ''}” removed.`);
    newRef.current?.focus();
  };

  const add = () => {
    const parsed = responsibilitySchema.shape.text.safeParse(newText);
    if (!parsed.success) {
      setNewError(fieldMessage('The new responsibility', parsed.error.issues[0]?.message) ?? null);
      newRef.current?.focus();
      return;
    }
    save([...items, { text: parsed.data, domains: [] }]);
    setNewText('');
    setNewError(null);
    setAnnouncement(`“${parsed.data}” added as responsibility ${String(items.length + 1)}.`);
  };

  return (
    <div className={styles['responsibilities']}>
      <p className="field__hint">
        Most important first. Tag each with the Teacher Leader Model Standards domains it serves.
      </p>
      {items.length === 0 ? <p className="muted">No responsibilities yet.</p> : null}
      <ol className={styles['responsibility-list']} ref={listRef}>
        {items.map((item, index) => {
          const n = String(index + 1);
          const refused = refusedRows[index];
          const domainsErrorId = `${id}-${n}-domains-error`;
          return (
            // Items have no ids of their own; the place in the list is what identifies one.
            <li key={index} className={styles['responsibility']}>
              <ItemTextField
                label={`Responsibility ${n}`}
                value={item.text}
                maxLength={maxText}
                onChange={(text) =>
                  save(
                    items.map((r, i) => (i === index ? { ...r, text } : r)),
                    'debounced',
                  )
                }
                onBlur={editing.flush}
                refused={refused?.text && fieldMessage(`Responsibility ${n}`, refused.text)}
              />
              <fieldset
                className={`${styles['responsibility__domains']}${refused?.domains ? ' field--invalid' : ''}`}
                aria-describedby={refused?.domains ? domainsErrorId : undefined}
              >
                <legend className="field__label">
                  Teacher Leader Model Standards domains<span className="visually-hidden"> of responsibility {n}</span>
                </legend>
                {refused?.domains ? (
                  <p className="field__error" id={domainsErrorId}>
                    <span className="visually-hidden">Error: </span>
                    {asSentence(fieldMessage(`The domains of responsibility ${n}`, refused.domains) ?? '')} Not saved
                    until you change them.
                  </p>
                ) : null}
                <div className={styles['responsibility__domain-grid']}>
                  {tlmsDomains.map((domain) => (
                    <label key={domain.number} className={`checkbox ${styles['checkbox--small']}`}>
                      <input
                        type="checkbox"
                        checked={item.domains.includes(domain.number)}
                        aria-invalid={refused?.domains ? true : undefined}
                        onChange={(event) => {
                          const domains = event.target.checked
                            ? [...item.domains, domain.number].sort((a, b) => a - b)
                            : item.domains.filter((d) => d !== domain.number);
                          save(items.map((r, i) => (i === index ? { ...r, domains } : r)));
                        }}
                      />
                      <span>
                        {domain.number}. {domain.title}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className={styles['responsibility__actions']}>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-index={index}
                  data-action="up"
                  disabled={index === 0}
                  onClick={() => move(index, 'up')}
                >
                  Move up<span className="visually-hidden"> responsibility {n}</span>
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-index={index}
                  data-action="down"
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 'down')}
                >
                  Move down<span className="visually-hidden"> responsibility {n}</span>
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> responsibility {n}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {items.length < maxResponsibilities ? (
        <div className="add-item">
          <div className="add-item__row">
            <div className={`field${newError ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={`${id}-new`}>
                New responsibility
              </label>
              {newError ? (
                <p className="field__error" id={`${id}-new-error`}>
                  <span className="visually-hidden">Error: </span>
                  {newError}
                </p>
              ) : null}
              <input
                ref={newRef}
                id={`${id}-new`}
                className="field__input"
                value={newText}
                maxLength={maxText}
                autoComplete="off"
                aria-invalid={newError ? true : undefined}
                aria-describedby={newError ? `${id}-new-error ${newLimit.id}` : newLimit.id}
                {...newLimit.controlProps}
                onChange={(event) => setNewText(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    add();
                  }
                }}
              />
              <CharacterCount limit={newLimit} onlyAtLimit />
            </div>
            <button type="button" className="button button--primary" onClick={add}>
              Add responsibility
            </button>
          </div>
        </div>
      ) : (
        <p className="muted">A role lists at most {maxResponsibilities} responsibilities.</p>
      )}
      <FieldModeSelect field="responsibilities" editing={editing} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
