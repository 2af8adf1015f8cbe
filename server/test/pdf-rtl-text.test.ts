import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn, startTestApp, type SignedInAgent, type TestApp } from './support/test-app';
import { buildDistrict, buildPlan, buildRow, testPassword } from './support/factories';

/**
 * Arabic in a stage's PDF: what its text layer says (pdftotext, as screen readers and copying read it) and
 * the order its digits are drawn in (the glyphs a printed page shows). Needs Debian's poppler-utils and
 * python3-pikepdf, as pdf-ua.test.ts does.
 */

const rows = [
  { title: 'أرقام ١٢٣٤ و 1234', description: 'قائد متعدد الفصول يدرس الرياضيات: العدد ١٢٣٤ والنسبة ٤٨٪' },
  { title: 'معدل النمو ١٢٪ في ٢٠٢٦', description: 'الصف ۱۲۳ والصف ۴۵۶' },
  // Arabic-Indic digits in English text: the Latin font has none.
  { title: 'Reading level ٧٨٩', description: 'Scores: ۵۶' },
];

let t: TestApp;
let viewer: SignedInAgent;
let folder: string;
let file: string;

beforeAll(async () => {
  t = await startTestApp();
  const district = await buildDistrict(t.db);
  viewer = await signIn(t.app, district.viewer.email, testPassword);
  const { plan } = await buildPlan(t.db, district);
  for (const [i, row] of rows.entries()) await buildRow(t.db, district, plan.id, 'priorities', { ...row, rank: i + 1 });
  const res = await viewer.agent.get(`/api/plans/${plan.id}/export.pdf?stage=design`).buffer(true);
  expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
  folder = mkdtempSync(path.join(os.tmpdir(), 'planner-pdf-rtl-'));
  file = path.join(folder, 'stage.pdf');
  writeFileSync(file, res.body as Buffer);
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/**
 * The text layer as poppler reads it, white space made single spaces, without the embedding marks it puts
 * around right-to-left passages.
 */
const textOf = (pdf: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
    .replace(/[\u202A-\u202E]/g, '')
    .replace(/\s+/g, ' ');

/**
 * The glyphs each line of each page draws, from left to right as printed, each as the character its font's
 * ToUnicode map gives it: read from the content streams (text matrices, TJ offsets, glyph widths) by pikepdf.
 */
const drawnLinesScript = String.raw`
import json, re, sys, pikepdf

def cmap_of(font):
    found = {}
    stream = font.get('/ToUnicode')
    if stream is None: return found
    text = stream.read_bytes().decode('latin1')
    for block in re.findall(r'beginbfchar(.*?)endbfchar', text, re.S):
        for src, dst in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', block):
            found[int(src, 16)] = bytes.fromhex(dst).decode('utf-16-be')
    for block in re.findall(r'beginbfrange(.*?)endbfrange', text, re.S):
        for lo, hi, dst in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[.*?\]|<[0-9A-Fa-f]+>)', block, re.S):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith('['):
                # A glyph with no character is written as <>.
                for i, d in enumerate(re.findall(r'<([0-9A-Fa-f ]*)>', dst)):
                    found[lo + i] = bytes.fromhex(d.replace(' ', '')).decode('utf-16-be')
            else:
                start = bytes.fromhex(dst[1:-1]).decode('utf-16-be')
                for i in range(hi - lo + 1):
                    found[lo + i] = start[:-1] + chr(ord(start[-1]) + i)
    return found

def widths_of(font):
    cid = font.DescendantFonts[0]
    widths, default = {}, float(cid.get('/DW', 1000))
    w = list(cid.get('/W', []))
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], pikepdf.Array):
            for j, x in enumerate(w[i + 1]): widths[first + j] = float(x)
            i += 2
        else:
            for c in range(first, int(w[i + 1]) + 1): widths[c] = float(w[i + 2])
            i += 3
    return widths, default

def mul(a, b):
    return [a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3], a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
            a[4]*b[0] + a[5]*b[2] + b[4], a[4]*b[1] + a[5]*b[3] + b[5]]

pages = []
pdf = pikepdf.open(sys.argv[1])
for page in pdf.pages:
    fonts = {}
    for name, font in page.Resources.get('/Font', {}).items():
        fonts[name] = (cmap_of(font), *widths_of(font))
    ctm, stack, tm, tlm, font, size, rise, glyphs, drawn = [1, 0, 0, 1, 0, 0], [], None, None, None, 1, 0, [], []
    def show(data):
        global tm
        cmap, widths, default = fonts[font]
        for k in range(0, len(data), 2):
            gid = data[k] * 256 + data[k + 1]
            start = mul([size, 0, 0, size, 0, rise], mul(tm, ctm))
            tm = mul([1, 0, 0, 1, widths.get(gid, default) / 1000 * size, 0], tm)
            end = mul([size, 0, 0, size, 0, rise], mul(tm, ctm))
            glyphs.append((min(start[4], end[4]), max(start[4], end[4]), start[5], cmap.get(gid, '?')))
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == 'q': stack.append(ctm)
        elif op == 'Q': ctm = stack.pop()
        elif op == 'cm': ctm = mul([float(x) for x in operands], ctm)
        elif op == 'BT': tm = tlm = [1, 0, 0, 1, 0, 0]
        elif op == 'Tm': tm = tlm = [float(x) for x in operands]
        elif op == 'Td': tm = tlm = mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tlm)
        elif op == 'Tf': font, size = str(operands[0]), float(operands[1])
        elif op == 'Ts': rise = float(operands[0])
        elif op == 'Tj': show(bytes(operands[0]))
        elif op == 'TJ':
            for part in operands[0]:
                if isinstance(part, pikepdf.String): show(bytes(part))
                else: tm = mul([1, 0, 0, 1, -float(part) / 1000 * size, 0], tm)
    # A line: glyphs within a few points of the one above (a mark sits a little off its letter's baseline).
    lines = []
    for x, x_end, y, char in sorted(glyphs, key=lambda g: -g[2]):
        if not lines or lines[-1][0] - y > 4: lines.append([y, []])
        lines[-1][1].append((x, x_end, char))
    # Glyphs more than a point apart (another word, another column) are written with a space between.
    for _, line in lines:
        text, last = '', None
        for x, x_end, char in sorted(line):
            if last is not None and x - last > 1: text += ' '
            text, last = text + char, x_end if last is None else max(last, x_end)
        drawn.append(text)
    pages.append(drawn)
print(json.dumps(pages))
`;

/** Each line of the PDF as drawn from left to right. */
const drawnLines = (pdf: string): string[] =>
  (
    JSON.parse(execFileSync('/usr/bin/python3', ['-c', drawnLinesScript, pdf], { encoding: 'utf8' })) as string[][]
  ).flat();

describe('Arabic in a stage PDF', () => {
  it('when a row is in Arabic with Arabic-Indic digits, then its words and numbers come out of the text as typed, in reading order', () => {
    const text = textOf(file);
    // Each passage of Arabic words, and each number. (poppler reads a page of mostly English text left to
    // right: the passages and numbers of a line come out in the order they are printed.)
    for (const typed of [
      'أرقام',
      '١٢٣٤',
      '1234',
      'قائد متعدد الفصول يدرس الرياضيات',
      'العدد',
      'والنسبة',
      '٤٨',
      'معدل النمو',
      '١٢',
      'في',
      '٢٠٢٦',
      'الصف',
      '۱۲۳',
      'والصف',
      '۴۵۶',
      'Reading level ٧٨٩',
      'Scores: ۵۶',
    ]) {
      expect({ typed, found: text.includes(typed) }).toEqual({ typed, found: true });
    }
    // Not the digits backwards, nor letters the shaper's shared glyphs stood for.
    const wrong = ['٤٣٢١', '٨٤', '٢١', '٦٢٠٢', '۳۲۱', '۶۵۴', 'قاب', 'الرتاضيات'];
    expect(wrong.filter((w) => text.includes(w))).toEqual([]);
  });

  it('then the digits of a number are drawn left to right, most significant first, as Arabic is printed', () => {
    // The numbers of each line as printed, left to right: runs of digits and percent signs. Persian digits
    // are read as Arabic-Indic ones: ۱ and ١ (and ۳ and ٣) are one glyph, whose character is the first typed.
    const persian = '۰۱۲۳۴۵۶۷۸۹';
    const numbers = drawnLines(file).flatMap((line) =>
      [...line.matchAll(/[0-9\u0660-\u0669\u06F0-\u06F9٪%]+/g)].map(([n]) =>
        n.replace(/[۰-۹]/g, (d) => String.fromCharCode(0x0660 + persian.indexOf(d))),
      ),
    );
    // Digits left to right, most significant first; the percent sign after the number, so on its left.
    for (const printed of ['١٢٣٤', '1234', '٪٤٨', '٪١٢', '٢٠٢٦', '١٢٣', '٤٥٦', '٧٨٩', '٥٦']) {
      expect({ printed, found: numbers.includes(printed) }).toEqual({ printed, found: true });
    }
    expect(numbers.filter((n) => ['٤٣٢١', '٪٨٤', '٪٢١', '٦٢٠٢', '٣٢١', '٦٥٤'].includes(n))).toEqual([]);
  });
});
