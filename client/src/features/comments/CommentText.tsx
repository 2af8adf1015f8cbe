import type { ReactNode } from 'react';
import styles from './comments.module.css';

// Only web addresses written out in full become links: never a javascript: or data: address.
const webAddress = /\bhttps?:\/\/[^\s<>"]+/gi;
// A sentence's closing punctuation is not part of the address before it.
const trailing = /[.,;:!?)\]}'’”]+$/;

/** A comment's plain text: its line breaks kept, the web addresses in it made links that open in a new tab. */
export function CommentText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(webAddress)) {
    const found = match[0];
    const address = found.replace(trailing, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={address} target="_blank" rel="noopener noreferrer nofollow">
        {address}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>,
    );
    last = start + address.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <p className={styles['comment__text']}>{parts}</p>;
}
