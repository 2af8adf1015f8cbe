import { useId, useRef, useState, type ReactNode } from 'react';
import { forgetUnsavedChange, type UnsavedChange } from '../../lib/plan-editing';

/** One text the server refused, read-only, with a button to copy it (or, without a clipboard, to select it). */
function UnsavedText({ text, label }: { text: string; label: string }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied.');
    } catch {
      ref.current?.select();
      setSaid('Select the text and copy it (Ctrl+C or ⌘C).');
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        className="field__input"
        readOnly
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
      />
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        Copy<span className="visually-hidden"> {label.charAt(0).toLowerCase() + label.slice(1)}</span>
      </button>
      <p role="status">{said}</p>
    </div>
  );
}

/**
 * A change the server refused for good, as a plan's notice shows it: what it says of it (`sentence`, with the
 * id `sentenceId`), then what was typed, to copy, kept on this device until the person is done with it.
 */
export function KeptChange({
  change,
  sentence,
  sentenceId,
  children,
}: {
  change: UnsavedChange;
  sentence: ReactNode;
  sentenceId?: string;
  /** Said after the sentence: where the item can be brought back. */
  children?: ReactNode;
}) {
  const { texts, item } = change;
  return (
    <div className="kept-change">
      <p id={sentenceId}>{sentence}</p>
      {children}
      {texts.length > 0 ? (
        <p>What you typed is below, to copy; it is kept on this device until you say you are done with it.</p>
      ) : null}
      {texts.map((text, index) => (
        <UnsavedText
          key={`${String(index)}:${text}`}
          text={text}
          label={`Your text in ${item}, not saved${texts.length === 1 ? '' : ` (${String(index + 1)} of ${String(texts.length)})`}`}
        />
      ))}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          forgetUnsavedChange(change.key);
          document.querySelector<HTMLElement>('main h1')?.focus();
        }}
      >
        {texts.length > 0 ? 'Done with this text' : 'Done with this notice'}
        <span className="visually-hidden"> about {item}</span>
      </button>
    </div>
  );
}
