import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * Source Sans 3 (Adobe, SIL Open Font License), shipped by the `source-sans` npm package: it covers
 * Latin Extended, Vietnamese, Greek and Cyrillic, so names such as "Zoë Nguyễn", "Łódź", "Ελληνικά" and
 * "Учитель" print as typed. PDFKit embeds a subset of each font, as accessible PDFs require.
 */
const files = { regular: 'SourceSans3-Regular', semibold: 'SourceSans3-Semibold', italic: 'SourceSans3-It' } as const;
export type FontStyle = keyof typeof files;
export const fontStyles = Object.keys(files) as FontStyle[];

let parsed: Record<FontStyle, fontkit.Font> | undefined;

/**
 * The fonts, read and parsed once per process and shared by every export: fontkit decodes a font's
 * tables lazily and keeps them, and decoding them again for each document took longer than laying out
 * a whole plan. PDFKit keeps each document's subset of glyphs apart.
 */
export function fonts(): Record<FontStyle, fontkit.Font> {
  parsed ??= Object.fromEntries(
    fontStyles.map((style) => [
      style,
      fontkit.create(readFileSync(require.resolve(`source-sans/TTF/${files[style]}.ttf`))) as fontkit.Font,
    ]),
  ) as Record<FontStyle, fontkit.Font>;
  return parsed;
}
