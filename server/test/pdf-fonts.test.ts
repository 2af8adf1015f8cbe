import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { fontOf } from '../src/features/exports/pdf/fonts';
import { sfntOfWoff } from '../src/features/exports/pdf/woff';

/** The WOFF fonts of the PDFs (`pdf/fonts.ts`), with a sentence in each. */
const woffFonts = [
  ['hebrew', 'תוכנית מנהיגות מורים בבתי הספר'],
  ['arabic', 'خطة القيادة للمعلمين تساعد المعلمين على النمو المهني'],
  ['devanagari', 'शिक्षक नेतृत्व योजना विद्यालय में'],
  ['bengali', 'শিক্ষক নেতৃত্ব পরিকল্পনা বিদ্যালয়ে'],
  ['tamil', 'ஆசிரியர் தலைமைத் திட்டம் பள்ளியில்'],
  ['thai', 'แผนความเป็นผู้นำของครูในโรงเรียน'],
  ['ethiopic', 'የመምህራን አመራር እቅድ በትምህርት ቤት'],
  ['armenian', 'Ուսուցիչների առաջնորդության ծրագիր'],
  ['georgian', 'მასწავლებელთა ლიდერობის გეგმა სკოლაში'],
].flatMap(([script, text]) =>
  [400, 600].map((weight) => ({
    file: `@fontsource/noto-sans-${script}/files/noto-sans-${script}-${script}-${weight}-normal.woff`,
    text: text!,
  })),
);

const drawn = (font: fontkit.Font, text: string) => {
  const run = font.layout(text);
  return {
    glyphs: run.glyphs.map((glyph) => ({ id: glyph.id, path: glyph.path.toSVG(), advance: glyph.advanceWidth })),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  };
};

describe('the PDF fonts shipped as WOFF', () => {
  it.each(woffFonts)('unwrapped once, $file shapes and draws its text as the WOFF does', ({ file, text }) => {
    const woff = readFileSync(require.resolve(file));
    const wrapped = fontkit.create(woff) as fontkit.Font;
    const unwrapped = fontkit.create(sfntOfWoff(woff)) as fontkit.Font;
    expect(unwrapped.postscriptName).toBe(wrapped.postscriptName);
    expect(unwrapped.unitsPerEm).toBe(wrapped.unitsPerEm);
    const expected = drawn(wrapped, text);
    expect(expected.glyphs.length).toBeGreaterThan(10);
    expect(drawn(unwrapped, text)).toEqual(expected);
  });

  it('refuses what is not a WOFF 1.0 font', () => {
    const ttf = readFileSync(require.resolve('source-sans/TTF/SourceSans3-Regular.ttf'));
    expect(() => sfntOfWoff(ttf)).toThrow('Not a WOFF 1.0 font');
  });
});

describe('a glyph first met as a part of another', () => {
  it("keeps its own character for the PDF's text: a period drawn after a colon was embedded is still a period", () => {
    // Source Sans 3 Semibold draws the colon with two of its period glyphs. Embedding a colon (a subset of the
    // glyphs a document used) made the period glyph with no character, and every PDF after it, in the same
    // process, wrote its periods into the text as nothing: readers, screen readers and copying lost them.
    const font = fontOf('latin', 'semibold');
    const subset = font.createSubset();
    for (const glyph of font.layout('Status:').glyphs) subset.includeGlyph(glyph);
    subset.encode();
    expect(font.layout('priorities.').glyphs.at(-1)!.codePoints).toEqual([0x2e]);
  });
});
