import { useEffect, useId, useRef, useState } from 'react';
import styles from './people.module.css';

interface OneTimeLinkProps {
  title: string;
  /** Its heading's level: one below the heading of what it sits in (a person's card is an h3). */
  headingLevel: 3 | 4;
  url: string;
  /** Whether it went out by email, when it stops working: a sentence or two. */
  children: React.ReactNode;
  onDismiss: () => void;
}

/**
 * A link made just now (an invitation, a reset link), shown once for the administrator to copy: the
 * planner keeps only its hash, so it cannot be shown again later.
 */
export function OneTimeLink({ title, headingLevel, url, children, onDismiss }: OneTimeLinkProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const headingId = useId();
  // What copying said, for the link it was said of: a new link starts without it.
  const [copied, setCopiedFor] = useState({ url, text: '' });
  const setCopied = (text: string) => setCopiedFor({ url, text });

  // A new link: focus moves to it, so it is read out and can be copied at once.
  useEffect(() => {
    headingRef.current?.focus();
  }, [url]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      // No clipboard here (an insecure page, or permission refused): the link is selected to copy by hand.
      inputRef.current?.select();
      setCopied('Select the link and copy it (Ctrl+C or ⌘C).');
    }
  };

  return (
    <section className={styles['one-time-link']} aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className={styles['one-time-link__title']}>
        {title}
      </Heading>
      <div className={styles['one-time-link__note']}>{children}</div>
      <label className="field__label" htmlFor={inputId}>
        Link (shown only now)
      </label>
      <div className={styles['one-time-link__row']}>
        <input
          ref={inputRef}
          id={inputId}
          className={`field__input ${styles['one-time-link__input']}`}
          value={url}
          readOnly
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          Copy link
        </button>
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p className={styles['one-time-link__copied']} role="status">
        {copied.url === url ? copied.text : ''}
      </p>
    </section>
  );
}
