import type { Font, Glyph } from 'fontkit';
import { chunksOf, standIn, type Piece } from './text-layout';

/**
 * Text shown with PDF's own operators, the way PDFKit's `text()` shows it, without what `text()` does
 * around it for each call: laying the text out again to move along, a saved graphics state and a flipped
 * matrix per piece. A long export draws hundreds of thousands of pieces, and that work was a third of it.
 */

/** The parts of PDFKit's embedded font this uses (its published types do not describe them). */
export interface EmbeddedFont {
  /** The font's resource name on a page (`F1` ...). */
  id: string;
  /** The fontkit font it embeds, and the scale from its units to thousandths of the size. */
  font: Font;
  scale: number;
  /** The glyphs the document uses: a glyph's id in the subset, once included. */
  subset: { includeGlyph(id: number): number };
  /** By id in the subset: advance width, and the characters the text layer gives the glyph. */
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** Each font's glyphs per chunk of text and direction (`>` or `<` before the chunk), as `encode` gives them. */
const encodedByFont = new WeakMap<EmbeddedFont, Map<string, [string[], GlyphPosition[]]>>();

/**
 * Glyph ids of the subset as 4-digit hex, with their positions in thousandths of the size: PDFKit's
 * `encode()`, but shaped in the direction the layout ordered the text for. fontkit guesses the direction
 * from the script otherwise, and laid a number in Arabic-Indic digits (Arabic script, read left to right)
 * out right to left: ١٢٣٤ was printed ٤٣٢١.
 */
function encode(font: EmbeddedFont, text: string, rtl: boolean): [string[], GlyphPosition[]] {
  let encoded = encodedByFont.get(font);
  if (!encoded) encodedByFont.set(font, (encoded = new Map()));
  const key = `${rtl ? '<' : '>'}${text}`;
  let result = encoded.get(key);
  if (result) return result;
  const run = font.font.layout(text, [], undefined, undefined, rtl ? 'rtl' : 'ltr');
  const hex: string[] = [];
  const positions = run.glyphs.map((glyph: Glyph, i) => {
    const gid = font.subset.includeGlyph(glyph.id);
    hex.push(`0000${gid.toString(16)}`.slice(-4));
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    const p = run.positions[i]!;
    return {
      xAdvance: p.xAdvance * font.scale,
      xOffset: p.xOffset * font.scale,
      yOffset: p.yOffset * font.scale,
      advanceWidth: glyph.advanceWidth * font.scale,
    };
  });
  result = [hex, positions];
  encoded.set(key, result);
  return result;
}

/** PDFKit's number format: rounded to a millionth. */
export const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Each font's TJ operands per chunk of text and direction (`>` or `<` before the chunk); `null` where a
 * glyph sits off its advance (a mark).
 */
const chunksByFont = new WeakMap<EmbeddedFont, Map<string, string | null>>();

function operandsOfChunk(font: EmbeddedFont, chunk: string, rtl: boolean): string | null {
  const [glyphs, positions] = encode(font, chunk, rtl);
  const parts: string[] = [];
  let hex = '';
  for (let i = 0; i < glyphs.length; i++) {
    const position = positions[i]!;
    if (position.xOffset || position.yOffset) return null;
    hex += glyphs[i];
    // Kerning, as PDFKit writes it: the string so far, then how far to move back.
    const kerning = position.xAdvance - position.advanceWidth;
    if (kerning !== 0) {
      parts.push(`<${hex}> ${pdfNumber(-kerning)}`);
      hex = '';
    }
  }
  if (hex !== '') parts.push(`<${hex}>`);
  return parts.join(' ');
}

interface Drawn {
  hex: string;
  position: GlyphPosition;
}

/** The glyphs of `text` from left to right, shaped chunk by chunk as PDFKit lays text out. */
function glyphsOf(font: EmbeddedFont, text: string, rtl: boolean): Drawn[] {
  const drawn: Drawn[] = [];
  for (const chunk of chunksOf(text)) {
    const [glyphs, positions] = encode(font, chunk, rtl);
    glyphs.forEach((hex, i) => drawn.push({ hex, position: positions[i]! }));
  }
  return drawn;
}

type Place = (left: number, rise?: number) => string;

/** Operators that show glyphs from `x`: a glyph set off its advance (a mark) placed on its own, as PDFKit does. */
function operatorsOf(glyphs: Drawn[], size: number, x: number, at: Place): string {
  const scale = size / 1000;
  const shown: string[] = [at(x)];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) shown.push(`[${run.join(' ')}] TJ`);
    run = [];
  };
  let pen = x;
  let moved = false;
  for (const { hex, position } of glyphs) {
    if (position.xOffset || position.yOffset) {
      flush();
      shown.push(at(pen + position.xOffset * scale, position.yOffset * scale), `[<${hex}>] TJ`);
      moved = true;
    } else {
      if (moved) shown.push(at(pen));
      moved = false;
      const kerning = position.xAdvance - position.advanceWidth;
      run.push(`<${hex}>`);
      if (kerning !== 0) run.push(String(pdfNumber(-kerning)));
    }
    pen += position.xAdvance * scale;
  }
  flush();
  return shown.join('\n');
}

/** PDF's hex string of a text: UTF-16BE with its byte-order mark. */
function textString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

/** Operators marked as a span whose glyphs stand for `text`, whatever their own characters say. */
const saying = (text: string, operators: string) => `/Span <</ActualText ${textString(text)}>> BDC\n${operators}\nEMC`;

/**
 * The operands of a TJ that shows `text` in `font`, glyph for glyph as PDFKit would: laid out chunk by
 * chunk, as PDFKit lays text out, right to left when `rtl`. `null` when a glyph must be moved off its
 * advance (a mark).
 */
function textArray(font: EmbeddedFont, text: string, rtl: boolean): string | null {
  let chunks = chunksByFont.get(font);
  if (!chunks) chunksByFont.set(font, (chunks = new Map()));
  const operands: string[] = [];
  for (const chunk of chunksOf(text)) {
    const key = `${rtl ? '<' : '>'}${chunk}`;
    let shown = chunks.get(key);
    if (shown === undefined) {
      shown = operandsOfChunk(font, chunk, rtl);
      chunks.set(key, shown);
    }
    if (shown === null) return null;
    operands.push(shown);
  }
  return operands.join(' ');
}

/**
 * The operators that show a piece in `font` at `size` from (`x`, `baseline`) in PDFKit's page space (which
 * runs down the page), inside a text object whose font is set. A shaped piece says its text (/ActualText),
 * and so do the stand-ins of characters no font has.
 */
export function showText(
  font: EmbeddedFont,
  piece: Pick<Piece, 'text' | 'rtl' | 'complex' | 'missing'>,
  size: number,
  x: number,
  baseline: number,
): string {
  const { text, rtl, complex } = piece;
  // The text matrix flips the page space back so the glyphs stand upright.
  const at: Place = (left, rise = 0) => `1 0 0 -1 ${pdfNumber(left)} ${pdfNumber(baseline - rise)} Tm`;
  if (piece.missing) {
    const standIns = standIn.repeat([...text].length);
    return saying(text, `${at(x)}\n[${textArray(font, standIns, false)!}] TJ`);
  }
  if (complex && rtl) {
    const shown = byCharacter(font, text, size, x, at);
    if (shown !== undefined) return shown;
  }
  const operands = textArray(font, text, rtl);
  const operators =
    operands === null ? operatorsOf(glyphsOf(font, text, rtl), size, x, at) : `${at(x)}\n[${operands}] TJ`;
  return complex ? saying(text, operators) : operators;
}

/**
 * A right-to-left word shown character by character, each saying its own text. Text extraction (poppler,
 * and readers like it) puts right-to-left text in reading order by where each character is drawn: one
 * /ActualText for the whole word, spread over it from left to right, came out backwards. A character's
 * glyphs are one with an advance, and the glyphs with none (dots, a hamza, vowel signs) that the shaper
 * sets before it: the first says the character, the others the marks typed on it (or nothing: the dots
 * of a shaped letter are that letter), so that what says the character covers its glyph. Shown in reading
 * order (the first character, on the right, first), as a screen reader reads the content. Undefined when
 * the glyphs do not pair off with the characters (a ligature): then the word says its text as a whole.
 */
function byCharacter(font: EmbeddedFont, text: string, size: number, x: number, at: Place): string | undefined {
  const characters = text.match(/\P{M}\p{M}*/gu) ?? [];
  if (characters.join('') !== text) return undefined;
  // From left to right: each glyph with an advance, and the marks the shaper put before it.
  const clusters: { glyph: Drawn; marks: Drawn[] }[] = [];
  let marks: Drawn[] = [];
  for (const glyph of glyphsOf(font, text, true)) {
    if (glyph.position.xAdvance === 0) {
      marks.push(glyph);
    } else {
      clusters.push({ glyph, marks });
      marks = [];
    }
  }
  if (marks.length > 0 || clusters.length !== characters.length) return undefined;
  // Where each is drawn, from the left.
  const scale = size / 1000;
  const pens: number[] = [];
  let pen = x;
  for (const { glyph } of clusters) {
    pens.push(pen);
    pen += glyph.position.xAdvance * scale;
  }
  // Shown in reading order: the first character (the rightmost glyph) first.
  const shown: string[] = [];
  for (const [k, character] of characters.entries()) {
    const i = clusters.length - 1 - k;
    const { glyph, marks } = clusters[i]!;
    const base = String.fromCodePoint(character.codePointAt(0)!);
    if (marks.length === 0) {
      shown.push(saying(character, operatorsOf([glyph], size, pens[i]!, at)));
    } else {
      shown.push(saying(base, operatorsOf([glyph], size, pens[i]!, at)));
      shown.push(saying(character.slice(base.length), operatorsOf(marks, size, pens[i]!, at)));
    }
  }
  return shown.join('\n');
}
