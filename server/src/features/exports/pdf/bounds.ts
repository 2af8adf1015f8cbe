/**
 * What keeps a PDF's size bounded whatever a plan holds: the parts that may name many items, or quote
 * long text, cut it in the PDF (the planner keeps it whole) and say so.
 */

/** Text cut at a word near `max` characters (never inside a character), marked as cut. */
export function shortened(text: string, max: number): string {
  const trimmed = text.trim();
  const characters = Array.from(trimmed);
  if (characters.length <= max) return trimmed;
  const cut = characters.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  // At the last space when one is near the end; a long unbroken run (a link) is cut where it reaches the limit.
  const atWord = space >= cut.length - 60 ? cut.slice(0, space) : cut;
  return `${atWord.trimEnd()}…`;
}
