/** A run of words that stayed, went or came between two texts. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Beyond this many word pairs the comparison would be slow to compute: the texts are shown whole instead. */
const maxCells = 400_000;

const words = (text: string) => text.split(/(\s+)/).filter((part) => part !== '');

/**
 * The words removed and added between two versions of a text (longest common subsequence of words and
 * spaces), with neighbouring parts of one kind joined; null when the texts are too long to compare.
 */
export function diffWords(before: string, after: string): DiffPart[] | null {
  const a = words(before);
  const b = words(after);
  // What both share at the start and the end needs no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > maxCells) return null;

  // lengths[i][j]: the longest common run of midA[i..] and midB[j..].
  const width = midB.length + 1;
  const lengths = new Uint32Array((midA.length + 1) * width);
  for (let i = midA.length - 1; i >= 0; i -= 1) {
    for (let j = midB.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        midA[i] === midB[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }

  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  a.slice(0, start).forEach((word) => push('same', word));
  let i = 0;
  let j = 0;
  while (i < midA.length && j < midB.length) {
    if (midA[i] === midB[j]) {
      push('same', midA[i]!);
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push('removed', midA[i]!);
      i += 1;
    } else {
      push('added', midB[j]!);
      j += 1;
    }
  }
  midA.slice(i).forEach((word) => push('removed', word));
  midB.slice(j).forEach((word) => push('added', word));
  a.slice(endA).forEach((word) => push('same', word));
  return parts;
}

/** Text long enough (or on several lines) to be compared word by word rather than shown side by side. */
export const isLongText = (text: string): boolean => text.length > 80 || text.includes('\n');
