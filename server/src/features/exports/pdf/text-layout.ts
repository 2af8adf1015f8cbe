import bidiFactory from 'bidi-js';
import {
  anyFamilyFor,
  cjkContext,
  firstScriptCodePoint,
  fontOf,
  hasGlyph,
  isIdeographic,
  isThai,
  languageOf,
  rightToLeft,
  scriptFamily,
  type Family,
  type FontStyle,
} from './fonts';

/**
 * Text laid out here rather than by PDFKit, so that what is measured is what is drawn: each run of a
 * paragraph in the font that has its glyphs (and its own style: a semibold label, a regular value),
 * lines broken where a reader expects (spaces, between ideographs, between Thai words, inside a long
 * address after `/` or before `@` and `.`), right-to-left passages ordered by the Unicode bidirectional
 * algorithm and shaped by fontkit, each line as tall as the tallest font on it. A character no font has is
 * drawn as a visible stand-in that says the character.
 */

const bidi = bidiFactory();

export interface Span {
  text: string;
  font: FontStyle;
}

/** A run of one font, style and direction on a line; `x` is from the line's left edge. */
export interface Piece {
  text: string;
  family: Family;
  style: FontStyle;
  width: number;
  /**
   * Whether its glyphs are set right to left: a right-to-left script at an odd level. A number (even
   * level, in Arabic-Indic digits too) and reversed neutrals read left to right as they stand.
   */
  rtl: boolean;
  x: number;
  /** The language of the passage, when its script says it (Hebrew, Arabic, Hindi, Chinese ...). */
  lang: string | undefined;
  /** Shaped text whose glyphs do not map back to the text one by one: drawn with its text as /ActualText. */
  complex: boolean;
  /**
   * Characters no font has: drawn as a stand-in (`standIn`) in the Latin font, one for each, saying the
   * text as /ActualText.
   */
  missing: boolean;
}

/** What is drawn for each character that no font has: a visible box, where .notdef may draw nothing. */
export const standIn = '\u25A1';
const standInsFor = (text: string) => standIn.repeat(codePointsIn(text));

export interface Line {
  /** In logical (reading) order. */
  pieces: Piece[];
  width: number;
  ascent: number;
  height: number;
}

export interface TextLayout {
  lines: Line[];
  height: number;
  rtl: boolean;
}

/**
 * The chunks PDFKit lays a run of text out in, each shaped on its own: a word with the space or tab after it.
 * What is measured here and what is drawn (`glyph-runs.ts`) are cut the same way.
 */
export function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ' ' && text[i] !== '\t') continue;
    chunks.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}

/** Each chunk's advance in units of the em, by family, then style. */
const advanceCache = new Map<Family, Map<FontStyle, Map<string, number>>>();
let cachedAdvances = 0;

function advancesOf(family: Family, style: FontStyle): Map<string, number> {
  let byStyle = advanceCache.get(family);
  if (!byStyle) advanceCache.set(family, (byStyle = new Map()));
  let advances = byStyle.get(style);
  if (!advances) byStyle.set(style, (advances = new Map()));
  return advances;
}

/**
 * The advance width of text in a font, in points at `size`: what PDFKit will draw, kerning included.
 * PDFKit lays out a run chunk by chunk (`chunksOf`) and adds them up: so does this, and each chunk's width
 * is kept (the words of an export repeat).
 */
export function widthIn(family: Family, style: FontStyle, text: string, size: number): number {
  const advances = advancesOf(family, style);
  let units = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    // The chunks of `chunksOf`, cut without making the list: each ends after a space or tab, or at the end.
    if (i < text.length && text[i] !== ' ' && text[i] !== '\t') continue;
    const end = i < text.length ? i + 1 : i;
    if (end === start) break;
    const chunk = text.slice(start, end);
    start = end;
    let width = advances.get(chunk);
    if (width === undefined) {
      const font = fontOf(family, style);
      width = font.layout(chunk).advanceWidth / font.unitsPerEm;
      if (++cachedAdvances > 200_000) {
        for (const byStyle of advanceCache.values()) for (const kept of byStyle.values()) kept.clear();
        cachedAdvances = 1;
      }
      advances.set(chunk, width);
    }
    units += width;
  }
  return units * size;
}

/** Ascent and descent of a family's font as fractions of the size (hhea metrics, as PDF viewers use). */
const metricsCache = new Map<Family, { ascent: number; descent: number }>();
function metricsOf(family: Family) {
  let m = metricsCache.get(family);
  if (!m) {
    const font = fontOf(family, 'regular');
    m = { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
    metricsCache.set(family, m);
  }
  return m;
}

type CharKind = 'letter' | 'space' | 'other';
const kindCache = new Map<number, CharKind>();
function kindOf(cp: number): CharKind {
  let kind = kindCache.get(cp);
  if (!kind) {
    const char = String.fromCodePoint(cp);
    kind = /\s/u.test(char) ? 'space' : /\p{L}/u.test(char) ? 'letter' : 'other';
    kindCache.set(cp, kind);
  }
  return kind;
}

/** Invisible characters that fonts may lack and that only guide line breaking. */
const invisible = /[\u200B\u00AD\uFEFF\u2060]/g;

const hasMark = /\p{M}/u;

/**
 * The per-code-point caches below keep the Basic Multilingual Plane (nearly all text) in arrays indexed by code
 * point, read far faster than a map for every character of a long export; other planes in maps.
 */
const bmp = 0x10000;

/** Families as small numbers, for the caches' typed arrays (0: not worked out yet). */
const familyCodes: Family[] = [];
function codeOf(family: Family): number {
  let index = familyCodes.indexOf(family);
  if (index < 0) index = familyCodes.push(family) - 1;
  return index + 1;
}

const cjkIndex = { chinese: 0, japanese: 1, korean: 2 } as const;
const familyOfBmp = new Uint8Array(bmp * 3);
const familyCache = new Map<number, Family>();
function letterFamily(cp: number, cjk: ReturnType<typeof cjkContext>): Family {
  // A letter that no font has goes with Latin, whose font draws its stand-in.
  const key = cp * 3 + cjkIndex[cjk];
  const code = cp < bmp ? familyOfBmp[key]! : 0;
  let family = code > 0 ? familyCodes[code - 1] : familyCache.get(key);
  if (!family) {
    const script = scriptFamily(cp, cjk);
    family =
      script && hasGlyph(script, cp)
        ? script
        : !script && hasGlyph('latin', cp)
          ? 'latin'
          : (anyFamilyFor(cp) ?? 'latin');
    if (cp < bmp) familyOfBmp[key] = codeOf(family);
    else familyCache.set(key, family);
  }
  return family;
}

interface Char {
  /** Where the character starts in its paragraph's text, in UTF-16 units. */
  at: number;
  family: Family;
  style: FontStyle;
  level: number;
  space: boolean;
  /** A line may break before this character. */
  breakBefore: boolean;
  /** A long word may be broken before this character if it must. */
  softBreakBefore: boolean;
  /** No font has it (`Piece.missing`). */
  missing: boolean;
}

/** What line breaking asks of a character, worked out once per code point (the text of an export repeats). */
interface CodePointInfo {
  kind: CharKind;
  ideographic: boolean;
  /** A long word may break before it (`@`, `.` ...). */
  softBefore: boolean;
  /** A long word may break after it (`/`, `-` ...). */
  softAfter: boolean;
  /** A combining mark (an accent, a vowel sign). */
  mark: boolean;
  /** Shown as an emoji unless asked otherwise (😀 👍, not ★ ✓): set in the emoji font before a symbol font. */
  emoji: boolean;
  /** Drawn as nothing (a joiner, a variation selector): fontkit hides it when its font lacks it. */
  ignorable: boolean;
}
const infoOfBmp = new Array<CodePointInfo | undefined>(bmp);
const infoCache = new Map<number, CodePointInfo>();
function infoOf(cp: number): CodePointInfo {
  let info = cp < bmp ? infoOfBmp[cp] : infoCache.get(cp);
  if (!info) {
    const char = String.fromCodePoint(cp);
    info = {
      kind: kindOf(cp),
      ideographic: isIdeographic(cp),
      softBefore: /[@.?#&=]/.test(char),
      softAfter: /[/\-_:,;]/.test(char),
      mark: hasMark.test(char),
      emoji: /\p{Emoji_Presentation}/u.test(char),
      ignorable: /\p{Default_Ignorable_Code_Point}/u.test(char),
    };
    if (cp < bmp) infoOfBmp[cp] = info;
    else infoCache.set(cp, info);
  }
  return info;
}

/** Whether a family's font has a code point, remembered (a lookup in the font's cmap otherwise). */
const glyphsOfBmp = new Map<Family, Uint8Array>();
const glyphCache = new Map<Family, Map<number, boolean>>();
function cachedHasGlyph(family: Family, cp: number): boolean {
  if (cp < bmp) {
    let known = glyphsOfBmp.get(family);
    if (!known) glyphsOfBmp.set(family, (known = new Uint8Array(bmp)));
    // 0: not looked up yet, 1: no glyph, 2: a glyph.
    if (known[cp] === 0) known[cp] = hasGlyph(family, cp) ? 2 : 1;
    return known[cp] === 2;
  }
  let byCp = glyphCache.get(family);
  if (!byCp) glyphCache.set(family, (byCp = new Map()));
  let has = byCp.get(cp);
  if (has === undefined) byCp.set(cp, (has = hasGlyph(family, cp)));
  return has;
}

/** One line of text (no line breaks) and its characters. */
interface Paragraph {
  text: string;
  chars: Char[];
  /** Whether it has characters that only guide line breaking (left out of what is drawn). */
  hasInvisible: boolean;
}

const anyInvisible = /[\u200B\u00AD\uFEFF\u2060]/;

/** Thai is written without spaces between words: a dictionary finds where its lines may break. */
const thaiWords = new Intl.Segmenter('th', { granularity: 'word' });

/** Where in a text (UTF-16 offsets) a word starts, when it has Thai; undefined when it has none. */
function thaiWordStarts(text: string): Set<number> | undefined {
  let thai = false;
  for (let i = 0; i < text.length && !thai; i++) thai = isThai(text.charCodeAt(i));
  if (!thai) return undefined;
  return new Set([...thaiWords.segment(text)].map((segment) => segment.index));
}

/** The text of a paragraph's characters [from, to), as drawn: without the invisible ones. */
function textOf(paragraph: Paragraph, from: number, to: number): string {
  if (to <= from) return '';
  const { chars } = paragraph;
  const text = paragraph.text.slice(chars[from]!.at, to < chars.length ? chars[to]!.at : paragraph.text.length);
  return paragraph.hasInvisible ? text.replace(invisible, '') : text;
}

/** How many characters (code points) a text has, as iterating over it counts them. */
function codePointsIn(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Fonts of signs only, whose spaces and digits are not the text's (Noto Emoji's space is an emoji wide). */
const signFamilies: ReadonlySet<Family> = new Set(['symbols', 'symbols2', 'emoji']);

/**
 * Whether a character that is not a letter is set in the font of the one before it: a mark on its letter, a
 * joiner or skin tone in its emoji sequence, a digit in its script's font if it has it.
 */
function staysWith(previous: Char, cp: number, info: CodePointInfo): boolean {
  if (previous.family === 'latin' && info.mark && !previous.missing) return true;
  if (!cachedHasGlyph(previous.family, cp)) return false;
  return (
    !signFamilies.has(previous.family) || info.mark || info.ignorable || info.emoji || !cachedHasGlyph('latin', cp)
  );
}

/** Characters of one line of text (no line breaks), with their font, style, level and break chances. */
function charsOf(spans: Span[]): Paragraph {
  const text = spans.map((s) => s.text).join('');
  const cjk = cjkContext(text);
  const wordStarts = thaiWordStarts(text);
  const chars: Char[] = [];
  let hasRtl = false;
  let previous: Char | undefined;
  let previousInfo: CodePointInfo | undefined;
  let at = 0;
  for (const span of spans) {
    // By code point, as iterating over the text would go, without making a string of each.
    for (let i = 0; i < span.text.length;) {
      const cp = span.text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      i += units;
      const info = infoOf(cp);
      const kind = info.kind;
      let family: Family;
      if (kind === 'letter') family = letterFamily(cp, cjk);
      // A mark stays with its Latin letter; other characters with the font before them if it has them
      // (Source Sans has no Arabic-Indic digits, drawn as empty boxes in it).
      else if (previous && staysWith(previous, cp, info)) family = previous.family;
      else if (info.emoji && cachedHasGlyph('emoji', cp)) family = 'emoji';
      else family = cachedHasGlyph('latin', cp) ? 'latin' : (anyFamilyFor(cp) ?? 'latin');
      const missing = !info.ignorable && !cachedHasGlyph(family, cp);
      if (rightToLeft.has(family)) hasRtl = true;
      const current: Char = {
        at,
        family,
        style: span.font,
        level: 0,
        space: kind === 'space',
        breakBefore:
          previous !== undefined &&
          ((previous.space && kind !== 'space') ||
            ((info.ideographic || previousInfo!.ideographic) && kind === 'letter') ||
            (wordStarts !== undefined &&
              wordStarts.has(at) &&
              kind !== 'space' &&
              (isThai(cp) || isThai(text.codePointAt(previous.at)!)))),
        softBreakBefore: previous !== undefined && (info.softBefore || previousInfo!.softAfter) && kind !== 'space',
        missing,
      };
      chars.push(current);
      at += units;
      previous = current;
      previousInfo = info;
    }
  }
  if (hasRtl) {
    // Levels are per UTF-16 unit; a character takes the level of its first unit.
    const { levels } = bidi.getEmbeddingLevels(text);
    for (const char of chars) char.level = levels[char.at]!;
  }
  return { text, chars, hasInvisible: anyInvisible.test(text) };
}

/**
 * Scripts whose shaper joins, reorders or substitutes glyphs, so that a glyph's character in the font's
 * ToUnicode map (the one it was first drawn for) is not the one typed: Arabic's joining forms share
 * glyphs (medial yeh and teh are one dotless glyph and their dots), the conjuncts and reordered vowel signs
 * of Devanagari, Bengali and Tamil, Thai's vowels split in two (sara am), an emoji sequence drawn as one
 * glyph (a family, a skin tone). Marks on any script are composed or placed by the shaper too.
 */
const shaped: ReadonlySet<Family> = new Set(['arabic', 'devanagari', 'bengali', 'tamil', 'thai', 'emoji']);

/**
 * Splits a paragraph's characters [from, to) into pieces of one font, style and level; right-to-left ones
 * word by word.
 */
function piecesOf(paragraph: Paragraph, from: number, to: number, size: number): Piece[] {
  const { chars } = paragraph;
  const pieces: Piece[] = [];
  let start = from;
  const flush = (end: number) => {
    if (end <= start) return;
    const first = chars[start]!;
    let text = textOf(paragraph, start, end);
    const odd = first.level % 2 === 1;
    // Neutral characters inside right-to-left text read from the right: reversed, brackets mirrored.
    const reversed = odd && !rightToLeft.has(first.family);
    // What reversed neutrals read as is their text; the shaper does not touch them.
    const complex = !reversed && !first.missing && (shaped.has(first.family) || hasMark.test(text));
    if (reversed)
      text = [...text]
        .reverse()
        .map((c) => bidi.getMirroredCharacter(c) ?? c)
        .join('');
    if (text !== '') {
      pieces.push({
        text,
        family: first.family,
        style: first.style,
        width: widthIn(first.family, first.style, first.missing ? standInsFor(text) : text, size),
        rtl: odd && !reversed,
        x: 0,
        lang: languageOf[first.family],
        complex,
        missing: first.missing,
      });
    }
    start = end;
  };
  for (let i = from + 1; i <= to; i++) {
    const a = chars[i - 1]!;
    const b = i < to ? chars[i] : undefined;
    if (
      !b ||
      a.family !== b.family ||
      a.style !== b.style ||
      a.level !== b.level ||
      a.missing !== b.missing ||
      // PDFKit lays out a run word by word from left to right: right-to-left text goes word by word.
      (a.level % 2 === 1 && a.space !== b.space)
    ) {
      flush(i);
    }
  }
  return pieces;
}

/** Places a line's pieces from left to right (rule L2 of the bidirectional algorithm) and sets their x. */
function placeLine(pieces: Piece[], levels: number[], width: number, rtl: boolean, size: number): Line {
  const order = pieces.map((_, i) => i);
  const max = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), max + 1);
  for (let level = max; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; i++) {
      if (levels[order[i]!]! < level) continue;
      let j = i;
      while (j + 1 < order.length && levels[order[j + 1]!]! >= level) j++;
      order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
      i = j;
    }
  }
  // Spaces where the line breaks take no room.
  const trimmed = new Set<number>();
  for (let i = pieces.length - 1; i >= 0 && pieces[i]!.text.trim() === ''; i--) trimmed.add(i);
  let x = 0;
  for (const index of order) {
    if (trimmed.has(index)) continue;
    pieces[index]!.x = x;
    x += pieces[index]!.width;
  }
  const shift = rtl ? Math.max(0, width - x) : 0;
  for (const piece of pieces) piece.x += shift;
  const families = new Set(pieces.map((p) => p.family));
  families.add('latin');
  const ascent = Math.max(...[...families].map((f) => metricsOf(f).ascent)) * size;
  const descent = Math.max(...[...families].map((f) => metricsOf(f).descent)) * size;
  return {
    pieces: pieces.filter((_, i) => !trimmed.has(i)),
    width: x,
    ascent,
    height: ascent + descent,
  };
}

/** Width of a paragraph's characters [from, to) measured as pieces (as they will be drawn). */
function measure(paragraph: Paragraph, from: number, to: number, size: number): number {
  // Nearly always a word of one font, style and left-to-right level: the one piece it makes, measured
  // without making it (a long text measures every word twice as it breaks its lines).
  const { chars } = paragraph;
  const first = chars[from];
  if (first && first.level % 2 === 0) {
    let oneRun = true;
    for (let i = from; i < to && oneRun; i++) {
      const char = chars[i]!;
      oneRun =
        char.family === first.family && char.style === first.style && char.level === first.level && !char.missing;
    }
    if (oneRun) return widthIn(first.family, first.style, textOf(paragraph, from, to), size);
  }
  return piecesOf(paragraph, from, to, size).reduce((sum, p) => sum + p.width, 0);
}

/** Breaks one line of text (no line breaks) into lines of at most `width`. */
function breakLine(paragraph: Paragraph, width: number, size: number, rtl: boolean, lineGap: number): Line[] {
  const { chars } = paragraph;
  // Words: from one break chance to the next, trailing spaces included.
  const starts: number[] = [0];
  for (let i = 1; i < chars.length; i++) if (chars[i]!.breakBefore) starts.push(i);
  starts.push(chars.length);
  const lines: Line[] = [];
  const emit = (from: number, to: number) => {
    const pieces = piecesOf(paragraph, from, to, size);
    const levels: number[] = pieces.map((p) => (p.rtl ? 1 : 0));
    // Levels of the pieces in order: the level of each piece's first character.
    let at = from;
    for (const [i, piece] of pieces.entries()) {
      levels[i] = at < to ? chars[at]!.level : levels[i]!;
      at += codePointsIn(piece.text);
    }
    const line = placeLine(pieces, levels, width, rtl, size);
    line.height += lineGap;
    lines.push(line);
  };
  let lineStart = 0;
  let lineWidth = 0;
  for (let w = 0; w < starts.length - 1; w++) {
    const from = starts[w]!;
    const to = starts[w + 1]!;
    let end = to;
    while (end > from && chars[end - 1]!.space) end--;
    const wordWidth = measure(paragraph, from, end, size);
    const withSpaces = end === to ? wordWidth : measure(paragraph, from, to, size);
    if (lineWidth + wordWidth <= width || (lineWidth === 0 && wordWidth <= width)) {
      lineWidth += withSpaces;
      continue;
    }
    if (lineWidth > 0) {
      emit(lineStart, from);
      lineStart = from;
      lineWidth = 0;
    }
    if (wordWidth <= width) {
      lineWidth = withSpaces;
      continue;
    }
    // A word longer than a line (an address, a pasted link): broken at its last good chance that fits.
    let cut = from;
    while (cut < end) {
      let fit = cut + 1;
      let used = 0;
      let lastSoft = -1;
      while (fit < end) {
        used += measure(paragraph, fit - 1, fit, size);
        if (used > width) break;
        if (chars[fit]!.softBreakBefore) lastSoft = fit;
        fit++;
      }
      if (fit >= end && used <= width) break;
      let next = lastSoft > cut + 1 ? lastSoft : Math.max(cut + 1, fit - 1);
      while (next > cut + 1 && measure(paragraph, cut, next, size) > width) next--;
      emit(cut, next);
      cut = next;
    }
    lineStart = cut;
    lineWidth = measure(paragraph, cut, to, size);
  }
  if (lineStart < chars.length || lines.length === 0) emit(lineStart, chars.length);
  return lines;
}

/** Characters below the first script's that are white space (line breaking's spaces). */
const plainSpaces = new Uint8Array(firstScriptCodePoint).map((_, cp) => (/\s/u.test(String.fromCodePoint(cp)) ? 1 : 0));

/**
 * Whether a paragraph's text is all drawn in the Latin font, left to right, with no character that only
 * guides line breaking (nearly all of an export's text): then `breakPlainLine` breaks it on the text itself.
 * Below `firstScriptCodePoint` no character is of a script with a family of its own, nor ideographic, nor
 * right to left.
 */
function isPlainLatin(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= firstScriptCodePoint || unit === 0x00ad || !cachedHasGlyph('latin', unit)) return false;
  }
  return true;
}

/**
 * `breakLine` for a plain Latin paragraph of one style, word by word without a record per character: the
 * same words, widths and lines. Undefined when a word is wider than a line: `breakLine` breaks it inside.
 */
function breakPlainLine(
  text: string,
  style: FontStyle,
  width: number,
  size: number,
  lineGap: number,
): Line[] | undefined {
  const isSpace = (i: number) => plainSpaces[text.charCodeAt(i)] === 1;
  const lines: Line[] = [];
  const emit = (from: number, to: number) => {
    const part = text.slice(from, to);
    const pieces: Piece[] =
      part === ''
        ? []
        : [
            {
              text: part,
              family: 'latin',
              style,
              width: widthIn('latin', style, part, size),
              rtl: false,
              x: 0,
              lang: languageOf.latin,
              complex: false,
              missing: false,
            },
          ];
    const line = placeLine(
      pieces,
      pieces.map(() => 0),
      width,
      false,
      size,
    );
    line.height += lineGap;
    lines.push(line);
  };
  let lineStart = 0;
  let lineWidth = 0;
  let from = 0;
  while (from <= text.length) {
    // A word: up to the next break chance (a letter after a space), its trailing spaces included.
    let to = from + 1;
    while (to < text.length && !(isSpace(to - 1) && !isSpace(to))) to++;
    to = Math.min(to, text.length);
    let end = to;
    while (end > from && isSpace(end - 1)) end--;
    const wordWidth = widthIn('latin', style, text.slice(from, end), size);
    const withSpaces = end === to ? wordWidth : widthIn('latin', style, text.slice(from, to), size);
    if (lineWidth + wordWidth <= width || (lineWidth === 0 && wordWidth <= width)) {
      lineWidth += withSpaces;
    } else {
      if (lineWidth > 0) {
        emit(lineStart, from);
        lineStart = from;
        lineWidth = 0;
      }
      if (wordWidth > width) return undefined;
      lineWidth = withSpaces;
    }
    if (to >= text.length) break;
    from = to;
  }
  if (lineStart < text.length || lines.length === 0) emit(lineStart, text.length);
  return lines;
}

/** Lays out styled text in a column `width` points wide: a line break in the text starts a new line. */
export function layoutText(spans: Span[], width: number, size: number, lineGap: number): TextLayout {
  const lines: Line[] = [];
  let rtl: boolean | undefined;
  // Split the spans at line breaks, keeping each part's style.
  let current: Span[] = [];
  const paragraphs: Span[][] = [];
  for (const span of spans) {
    const parts = span.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        paragraphs.push(current);
        current = [];
      }
      if (part !== '') current.push({ text: part, font: span.font });
    });
  }
  paragraphs.push(current);
  for (const paragraph of paragraphs) {
    const plain =
      paragraph.length === 1 && isPlainLatin(paragraph[0]!.text)
        ? breakPlainLine(paragraph[0]!.text, paragraph[0]!.font, width, size, lineGap)
        : undefined;
    if (plain) {
      rtl ??= false;
      lines.push(...plain);
      continue;
    }
    const characters = charsOf(paragraph);
    // The paragraph reads in the direction of its first letter (rule P2).
    const first = characters.chars.find((c) => kindOf(characters.text.codePointAt(c.at)!) === 'letter');
    const isRtl = first ? rightToLeft.has(first.family) : false;
    rtl ??= isRtl;
    lines.push(...breakLine(characters, width, size, isRtl, lineGap));
  }
  return { lines, height: lines.reduce((sum, l) => sum + l.height, 0), rtl: rtl ?? false };
}

/** The language tags a text needs beyond the document's: the distinct languages of its scripts. */
export const languagesIn = (layout: TextLayout) =>
  new Set(layout.lines.flatMap((l) => l.pieces.map((p) => p.lang).filter((x): x is string => Boolean(x))));
