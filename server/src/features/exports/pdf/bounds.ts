/**
 * What keeps a PDF's size bounded whatever a plan holds: the parts that may name many items, or quote
 * long text, cut it in the PDF (the planner keeps it whole) and say so.
 */

/** How far back from the limit a cut looks for a space, so as to end on a whole word. */
const wordWindow = 60;

/**
 * Text cut near `max` characters and marked "…": at the last white space within `wordWindow` characters
 * of the limit (a whole word kept when the limit falls just before a space), else at the limit itself (a
 * long unbroken run, such as a link). Counted in characters (code points), so none is ever split.
 */
export function shortened(text: string, max: number): string {
  const trimmed = text.trim();
  const characters = Array.from(trimmed);
  if (characters.length <= max) return trimmed;
  let cut = max;
  if (!/\s/.test(characters[max]!)) {
    for (let i = max - 1; i >= Math.max(1, max - wordWindow); i--) {
      if (/\s/.test(characters[i]!)) {
        cut = i;
        break;
      }
    }
  }
  return `${characters.slice(0, cut).join('').trimEnd()}…`;
}
