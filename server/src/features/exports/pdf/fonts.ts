import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { sfntOfWoff } from './woff';

/**
 * The fonts of the PDFs, all from npm under the SIL Open Font License, embedded as subsets of the
 * glyphs a document uses. Source Sans 3 (`source-sans`) sets Latin (Vietnamese, Haitian Creole,
 * Somali and Hmong included), Greek and Cyrillic; the Noto families set the scripts it lacks: Hebrew,
 * Arabic, Devanagari, Bengali, Tamil, Thai, Ethiopic, Armenian and Georgian from `@fontsource` (WOFF, one
 * file per script), with Noto Sans Symbols and Symbols 2 for the signs Source Sans lacks (★ ⚠ ①) and the
 * outline Noto Emoji (a colour emoji font cannot be embedded by PDFKit); Chinese, Japanese and Korean
 * from `@expo-google-fonts` (whole TrueType fonts: Fontsource splits CJK into a hundred files).
 */
export type FontStyle = 'regular' | 'semibold' | 'italic';
export const fontStyles: FontStyle[] = ['regular', 'semibold', 'italic'];

export type Family =
  | 'latin'
  | 'hebrew'
  | 'arabic'
  | 'devanagari'
  | 'bengali'
  | 'tamil'
  | 'thai'
  | 'ethiopic'
  | 'armenian'
  | 'georgian'
  | 'symbols'
  | 'symbols2'
  | 'emoji'
  | 'chinese'
  | 'japanese'
  | 'korean';

/** A Fontsource font's file of one subset (Fontsource cuts each font by Unicode range) and weight. */
const fontsourceFile = (font: string, subset: string, weight: number) =>
  `@fontsource/${font}/files/${font}-${subset}-${weight}-normal.woff`;
const fontsource = (name: string, weight: number) => fontsourceFile(`noto-sans-${name}`, name, weight);
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
  bengali: {
    regular: fontsource('bengali', 400),
    semibold: fontsource('bengali', 600),
    italic: fontsource('bengali', 400),
  },
  tamil: {
    regular: fontsource('tamil', 400),
    semibold: fontsource('tamil', 600),
    italic: fontsource('tamil', 400),
  },
  thai: {
    regular: fontsource('thai', 400),
    semibold: fontsource('thai', 600),
    italic: fontsource('thai', 400),
  },
  ethiopic: {
    regular: fontsource('ethiopic', 400),
    semibold: fontsource('ethiopic', 600),
    italic: fontsource('ethiopic', 400),
  },
  armenian: {
    regular: fontsource('armenian', 400),
    semibold: fontsource('armenian', 600),
    italic: fontsource('armenian', 400),
  },
  georgian: {
    regular: fontsource('georgian', 400),
    semibold: fontsource('georgian', 600),
    italic: fontsource('georgian', 400),
  },
  symbols: {
    regular: fontsourceFile('noto-sans-symbols', 'symbols', 400),
    semibold: fontsourceFile('noto-sans-symbols', 'symbols', 600),
    italic: fontsourceFile('noto-sans-symbols', 'symbols', 400),
  },
  // Symbols 2 comes in one weight.
  symbols2: {
    regular: fontsourceFile('noto-sans-symbols-2', 'symbols', 400),
    semibold: fontsourceFile('noto-sans-symbols-2', 'symbols', 400),
    italic: fontsourceFile('noto-sans-symbols-2', 'symbols', 400),
  },
  // The `emoji` file holds every emoji (and their sequences); the numbered ones are slices of it for browsers.
  emoji: {
    regular: fontsourceFile('noto-emoji', 'emoji', 400),
    semibold: fontsourceFile('noto-emoji', 'emoji', 600),
    italic: fontsourceFile('noto-emoji', 'emoji', 400),
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
  bengali: 'bn',
  tamil: 'ta',
  thai: 'th',
  // Amharic, the most spoken language written in Ethiopic (Tigrinya is the other).
  ethiopic: 'am',
  armenian: 'hy',
  georgian: 'ka',
  symbols: undefined,
  symbols2: undefined,
  emoji: undefined,
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
const bengaliRanges = [[0x0980, 0x09ff]] as const;
const tamilRanges = [
  [0x0b80, 0x0bff],
  [0x11fc0, 0x11fff],
] as const;
const thaiRanges = [[0x0e00, 0x0e7f]] as const;
const ethiopicRanges = [
  [0x1200, 0x139f],
  [0x2d80, 0x2ddf],
  [0xab00, 0xab2f],
  [0x1e7e0, 0x1e7ff],
] as const;
const armenianRanges = [
  [0x0530, 0x058f],
  [0xfb13, 0xfb17],
] as const;
const georgianRanges = [
  [0x10a0, 0x10ff],
  [0x1c90, 0x1cbf],
  [0x2d00, 0x2d2f],
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

/** Below it (Armenian, U+0530) no character is of a script with a family of its own. */
export const firstScriptCodePoint = 0x0530;

/** Thai letters and marks: Thai is written with no space between its words. */
export const isThai = (cp: number) => inRange(cp, thaiRanges);

/**
 * The family whose script a character belongs to, by Unicode block; null for characters of no script
 * of their own (spaces, punctuation, digits, marks), which go with their neighbours.
 */
export function scriptFamily(cp: number, cjk: 'japanese' | 'korean' | 'chinese'): Family | null {
  if (cp < firstScriptCodePoint) return null;
  if (inRange(cp, armenianRanges)) return 'armenian';
  if (inRange(cp, hebrewRanges)) return 'hebrew';
  if (inRange(cp, arabicRanges)) return 'arabic';
  if (inRange(cp, devanagariRanges)) return 'devanagari';
  if (inRange(cp, bengaliRanges)) return 'bengali';
  if (inRange(cp, tamilRanges)) return 'tamil';
  if (inRange(cp, thaiRanges)) return 'thai';
  if (inRange(cp, ethiopicRanges)) return 'ethiopic';
  if (inRange(cp, georgianRanges)) return 'georgian';
  if (inRange(cp, hangulRanges)) return 'korean';
  if (inRange(cp, kanaRanges)) return 'japanese';
  if (inRange(cp, hanRanges)) return cjk === 'korean' ? 'chinese' : cjk;
  return null;
}

/** In the order they are searched for a character: the symbol fonts first, the large CJK fonts last. */
const families: Family[] = [
  'latin',
  'symbols2',
  'symbols',
  'emoji',
  'hebrew',
  'arabic',
  'devanagari',
  'bengali',
  'tamil',
  'thai',
  'ethiopic',
  'armenian',
  'georgian',
  'chinese',
  'japanese',
  'korean',
];

/** Whether a family's font has a glyph for the character (checked in the regular face). */
export const hasGlyph = (family: Family, cp: number) => fontOf(family, 'regular').hasGlyphForCodePoint(cp);

/** Fonts searched for a sign whether read yet or not: small, and meant for signs. */
const searchedFirst: ReadonlySet<Family> = new Set(['latin', 'symbols2', 'symbols', 'emoji']);

/**
 * The first family, Latin first, whose font has the character: of Latin, the symbol fonts and the fonts read
 * already, then of all; null if none has it.
 */
export function anyFamilyFor(cp: number): Family | null {
  return (
    families.find((family) =>
      searchedFirst.has(family) || parsed.has(fontName(family, 'regular')) ? hasGlyph(family, cp) : false,
    ) ??
    families.find((family) => hasGlyph(family, cp)) ??
    null
  );
}
