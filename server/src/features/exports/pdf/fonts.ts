import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { sfntOfWoff } from './woff';

/**
 * The fonts of the PDFs, all from npm under the SIL Open Font License, embedded as subsets of the
 * glyphs a document uses. Source Sans 3 (`source-sans`) sets Latin (Vietnamese, Haitian Creole,
 * Somali and Hmong included), Greek and Cyrillic; the Noto families set the scripts it lacks: Hebrew,
 * Arabic and Devanagari from `@fontsource` (WOFF, one file per script), Chinese, Japanese and Korean
 * from `@expo-google-fonts` (whole TrueType fonts: Fontsource splits CJK into a hundred files).
 */
export type FontStyle = 'regular' | 'semibold' | 'italic';
export const fontStyles: FontStyle[] = ['regular', 'semibold', 'italic'];

export type Family = 'latin' | 'hebrew' | 'arabic' | 'devanagari' | 'chinese' | 'japanese' | 'korean';

const fontsource = (name: string, weight: number) =>
  `@fontsource/noto-sans-${name}/files/noto-sans-${name}-${name}-${weight}-normal.woff`;
const expo = (name: string, file: string, weight: string) =>
  `@expo-google-fonts/noto-sans-${name}/${weight}/NotoSans${file}_${weight}.ttf`;

/** The file of each family and style; a family without italics uses its upright face. */
const files: Record<Family, Record<FontStyle, string>> = {
  latin: {
    regular: 'source-sans/TTF/SourceSans3-Regular.ttf',
    semibold: 'source-sans/TTF/SourceSans3-Semibold.ttf',
    italic: 'source-sans/TTF/SourceSans3-It.ttf',
  },
  hebrew: {
    regular: fontsource('hebrew', 400),
    semibold: fontsource('hebrew', 600),
    italic: fontsource('hebrew', 400),
  },
  arabic: {
    regular: fontsource('arabic', 400),
    semibold: fontsource('arabic', 600),
    italic: fontsource('arabic', 400),
  },
  devanagari: {
    regular: fontsource('devanagari', 400),
    semibold: fontsource('devanagari', 600),
    italic: fontsource('devanagari', 400),
  },
  chinese: {
    regular: expo('sc', 'SC', '400Regular'),
    semibold: expo('sc', 'SC', '600SemiBold'),
    italic: expo('sc', 'SC', '400Regular'),
  },
  japanese: {
    regular: expo('jp', 'JP', '400Regular'),
    semibold: expo('jp', 'JP', '600SemiBold'),
    italic: expo('jp', 'JP', '400Regular'),
  },
  korean: {
    regular: expo('kr', 'KR', '400Regular'),
    semibold: expo('kr', 'KR', '600SemiBold'),
    italic: expo('kr', 'KR', '400Regular'),
  },
};

/** The language a passage set in a family is written in, for its Lang tag; Latin script says none. */
export const languageOf: Record<Family, string | undefined> = {
  latin: undefined,
  hebrew: 'he',
  arabic: 'ar',
  devanagari: 'hi',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
};

/** Scripts written right to left. */
export const rightToLeft: ReadonlySet<Family> = new Set(['hebrew', 'arabic']);

/** The name a font is registered under in a document. */
export const fontName = (family: Family, style: FontStyle) =>
  family !== 'latin' && style === 'italic' ? `${family}-regular` : `${family}-${style}`;

const parsed = new Map<string, fontkit.Font>();

/**
 * A font, read and parsed once per process (each worker thread) on first use and shared by every
 * export: fontkit decodes a font's tables lazily and keeps them (a WOFF is unwrapped first, `woff.ts`).
 * PDFKit keeps each document's subset of glyphs apart. The CJK fonts (5 to 11 MB each) are read only by a
 * thread that meets the script.
 */
export function fontOf(family: Family, style: FontStyle): fontkit.Font {
  const name = fontName(family, style);
  let font = parsed.get(name);
  if (!font) {
    const file = files[family][style];
    const data = readFileSync(require.resolve(file));
    font = withOwnCharacters(fontkit.create(file.endsWith('.woff') ? sfntOfWoff(data) : data) as fontkit.Font);
    parsed.set(name, font);
  }
  return font;
}

/**
 * fontkit keeps each glyph it makes with the characters it was made for, and PDFKit writes those into every
 * PDF's text (its ToUnicode map) from then on. A glyph first made as a part of another (Source Sans draws a
 * colon with two period glyphs, fetched with no character as a document's subset is embedded) was kept with
 * none: every later PDF of the process wrote its periods into the text as nothing, which readers, screen
 * readers and copying then lost. Made with no character, a glyph takes the one the font's cmap gives it.
 */
function withOwnCharacters(font: fontkit.Font): fontkit.Font {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) =>
    getGlyph(id, codePoints.length > 0 ? codePoints : ownCharacterOf(font, id));
  return font;
}

function ownCharacterOf(font: fontkit.Font, id: number): number[] {
  const own = font.stringsForGlyph(id).find((text) => [...text].length === 1);
  return own === undefined ? [] : [own.codePointAt(0)!];
}

const inRange = (cp: number, ranges: readonly (readonly [number, number])[]) =>
  ranges.some(([from, to]) => cp >= from && cp <= to);
const hebrewRanges = [
  [0x0590, 0x05ff],
  [0xfb1d, 0xfb4f],
] as const;
const arabicRanges = [
  [0x0600, 0x06ff],
  [0x0750, 0x077f],
  [0x0870, 0x08ff],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfeff],
] as const;
const devanagariRanges = [
  [0x0900, 0x097f],
  [0xa8e0, 0xa8ff],
  [0x1cd0, 0x1cff],
] as const;
const hangulRanges = [
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
] as const;
const kanaRanges = [
  [0x3040, 0x30ff],
  [0x31f0, 0x31ff],
  [0xff66, 0xff9f],
] as const;
const hanRanges = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x303f],
  [0x3190, 0x319f],
  [0x31c0, 0x31ef],
  [0x3200, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
  [0x20000, 0x3134f],
] as const;

/** Characters that break a line after them with no space (ideographs, kana, full-width forms). */
export const isIdeographic = (cp: number) => inRange(cp, hanRanges) || inRange(cp, kanaRanges);

/** Whether the text has kana (so its Han characters are Japanese) or Hangul (Korean). */
export function cjkContext(text: string): 'japanese' | 'korean' | 'chinese' {
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (inRange(cp, kanaRanges)) return 'japanese';
    if (inRange(cp, hangulRanges)) return 'korean';
  }
  return 'chinese';
}

/**
 * The family whose script a character belongs to, by Unicode block; null for characters of no script
 * of their own (spaces, punctuation, digits, marks), which go with their neighbours.
 */
export function scriptFamily(cp: number, cjk: 'japanese' | 'korean' | 'chinese'): Family | null {
  if (cp < 0x0590) return null;
  if (inRange(cp, hebrewRanges)) return 'hebrew';
  if (inRange(cp, arabicRanges)) return 'arabic';
  if (inRange(cp, devanagariRanges)) return 'devanagari';
  if (inRange(cp, hangulRanges)) return 'korean';
  if (inRange(cp, kanaRanges)) return 'japanese';
  if (inRange(cp, hanRanges)) return cjk === 'korean' ? 'chinese' : cjk;
  return null;
}

const families: Family[] = ['latin', 'hebrew', 'arabic', 'devanagari', 'chinese', 'japanese', 'korean'];

/** Whether a family's font has a glyph for the character (checked in the regular face). */
export const hasGlyph = (family: Family, cp: number) => fontOf(family, 'regular').hasGlyphForCodePoint(cp);

/** The first family, Latin first, whose font has the character; Latin (which draws .notdef) if none. */
export function anyFamilyFor(cp: number): Family {
  return (
    families.find((family) =>
      family === 'latin' || parsed.has(fontName(family, 'regular')) ? hasGlyph(family, cp) : false,
    ) ??
    families.find((family) => hasGlyph(family, cp)) ??
    'latin'
  );
}
