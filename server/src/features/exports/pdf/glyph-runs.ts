import { chunksOf } from './text-layout';

/**
 * Text shown with PDF's own operators, the way PDFKit's `text()` shows it, without what `text()` does
 * around it for each call: laying the text out again to move along, a saved graphics state and a flipped
 * matrix per piece. A long export draws hundreds of thousands of pieces, and that work was a third of it.
 */

/** The parts of PDFKit's embedded font this uses (its published types do not describe them). */
export interface EmbeddedFont {
  /** The font's resource name on a page (`F1` ...). */
  id: string;
  /** Glyph ids as 4-digit hex, with their positions in thousandths of the size; includes them in the subset. */
  encode(text: string): [string[], GlyphPosition[]];
  ref(): unknown;
}

interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** PDFKit's number format: rounded to a millionth. */
export const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Each font's TJ operands per chunk of text; `null` where a glyph sits off its advance (a mark). */
const chunksByFont = new WeakMap<EmbeddedFont, Map<string, string | null>>();

function operandsOfChunk(font: EmbeddedFont, chunk: string): string | null {
  const [glyphs, positions] = font.encode(chunk);
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

/**
 * The operands of a TJ that shows `text` in `font`, glyph for glyph as PDFKit would: laid out chunk by
 * chunk, as PDFKit lays text out. `null` when a glyph must be moved off its advance, which only PDFKit's
 * own `text()` places.
 */
export function textArray(font: EmbeddedFont, text: string): string | null {
  let chunks = chunksByFont.get(font);
  if (!chunks) chunksByFont.set(font, (chunks = new Map()));
  const operands: string[] = [];
  for (const chunk of chunksOf(text)) {
    let shown = chunks.get(chunk);
    if (shown === undefined) {
      shown = operandsOfChunk(font, chunk);
      chunks.set(chunk, shown);
    }
    if (shown === null) return null;
    operands.push(shown);
  }
  return operands.join(' ');
}
