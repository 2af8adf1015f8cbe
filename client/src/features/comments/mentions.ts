/** A person of the district a comment can mention. */
export interface MentionablePerson {
  id: string;
  name: string;
  email: string;
}

const maxShown = 8;

/** The people not yet chosen whose name or email holds `typed` (an "@" before it aside), the first eight. */
export function matchingPeople(
  people: readonly MentionablePerson[],
  chosen: readonly MentionablePerson[],
  typed: string,
): MentionablePerson[] {
  const wanted = typed.trim().replace(/^@/, '').toLowerCase();
  return people
    .filter((p) => !chosen.some((c) => c.id === p.id))
    .filter((p) => wanted === '' || p.name.toLowerCase().includes(wanted) || p.email.toLowerCase().includes(wanted))
    .slice(0, maxShown);
}

/**
 * "@" and what follows it up to the caret, when the caret ends such a word (at least one letter after the
 * "@", which starts the text or follows a space): the person being named. An address (board@district) is none.
 */
export function mentionAt(text: string, caret: number): { start: number; typed: string } | null {
  const match = /(?:^|\s)@([^\s@]{1,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, typed: match[1]! };
}

/**
 * The text without the "@Name " the "Mention someone" field put in it, when it is there once as it was put
 * (the name whole and the space after it); null when the person changed it or wrote it again, to be left
 * as it is. Taken from the end, the space before it goes too.
 */
export function withoutInsertedMention(text: string, name: string): string | null {
  const tag = `@${name} `;
  const at: number[] = [];
  for (let i = text.indexOf(tag); i !== -1; i = text.indexOf(tag, i + 1)) {
    if (i === 0 || /\s/.test(text[i - 1]!)) at.push(i);
  }
  if (at.length !== 1) return null;
  const start = at[0]!;
  const after = text.slice(start + tag.length);
  const before = text.slice(0, start);
  return after === '' ? before.replace(/ $/, '') : `${before}${after}`;
}
