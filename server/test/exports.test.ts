import request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import { describeYear, programCostSentence, type Budget } from '@planner/shared/budget';
import { formatCents, formatLongDate, isoDateTimeIn, todayIso } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import type { StakeholderInput } from '@planner/shared/stakeholder-input';
import { loadPlan } from '../src/commands/load-plan';
import * as plans from '../src/features/plans/service';
import * as stakeholderInputs from '../src/features/stakeholder-inputs/service';
import * as logicModel from '../src/features/logic-model/service';
import { linkLimits } from '../src/features/exports/pdf/logic-model-section';
import { shortened } from '../src/features/exports/pdf/bounds';
import { pdfTraceOf, traceLimits } from '../src/features/exports/pdf/trace-section';
import { decide, signIn, startTestApp, type SignedInAgent, type TestApp } from './support/test-app';
import {
  buildDistrict,
  buildPlan,
  buildRole,
  buildRow,
  buildStakeholderInput,
  buildUser,
  signedInUserOf,
  testPassword,
  type TestDistrict,
} from './support/factories';

/** The few parts of pdf.js (an ES module, loaded with a real dynamic import) that these tests read. */
interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}
interface PdfPage {
  getTextContent(): Promise<{ items: { str?: string; hasEOL?: boolean }[] }>;
  getStructTree(): Promise<StructNode | null>;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info: Record<string, unknown>; metadata: { get(name: string): unknown } | null }>;
  getMarkInfo(): Promise<{ Marked: boolean } | null>;
  getOutline(): Promise<{ title: string; items: { title: string }[] }[] | null>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(source: Record<string, unknown>): { promise: Promise<PdfDocument> };
}
let pdfjs: Promise<PdfJs> | undefined;

interface ParsedPdf {
  pages: string[];
  text: string;
  title: unknown;
  xmpTitle: unknown;
  tagged: boolean;
  roles: Set<string>;
  /** The alternative text of each Figure, in reading order. */
  figures: string[];
  outline: { title: string; items: string[] }[];
  raw: string;
}

function rolesOf(node: StructNode | null | undefined, into: Set<string>): Set<string> {
  if (node?.role) into.add(node.role);
  for (const child of node?.children ?? []) rolesOf(child, into);
  return into;
}

function figuresOf(node: StructNode | null | undefined, into: string[]): string[] {
  if (node?.role === 'Figure') into.push(node.alt ?? '');
  for (const child of node?.children ?? []) figuresOf(child, into);
  return into;
}

async function parsePdf(body: Buffer): Promise<ParsedPdf> {
  // pdf.js ships only as an ES module; the tests compile with `module: Node16`, which keeps import() real.
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>;
  const lib = await pdfjs;
  const doc = await lib.getDocument({
    data: new Uint8Array(body),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    const roles = new Set<string>();
    const figures: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join(''));
      const tree = await page.getStructTree();
      rolesOf(tree, roles);
      figuresOf(tree, figures);
    }
    const { info, metadata } = await doc.getMetadata();
    const outline = ((await doc.getOutline()) ?? []).map((item) => ({
      title: item.title,
      items: item.items.map((i) => i.title),
    }));
    return {
      pages,
      text: pages.join('\n'),
      title: info.Title,
      xmpTitle: metadata?.get('dc:title'),
      tagged: (await doc.getMarkInfo())?.Marked === true,
      roles,
      figures,
      outline,
      raw: body.toString('latin1'),
    };
  } finally {
    await doc.destroy();
  }
}

/** Positions of each needle in the text, to assert reading order; -1 marks a missing one. */
const positionsIn = (text: string, needles: string[]) => needles.map((needle) => text.indexOf(needle));
const isIncreasing = (numbers: number[]) => numbers.every((n, i) => n >= 0 && (i === 0 || n > numbers[i - 1]!));
/** Text as pdf.js extracts it, with wrapped lines joined back into running text. */
const flowing = (text: string) => text.replace(/\s+/g, ' ');

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  const tag = Math.random().toString(36).slice(2, 8);
  [lakeview, hillcrest] = await Promise.all([
    buildDistrict(t.db, `Łódź Lakeview School District ${tag}`),
    buildDistrict(t.db),
  ]);
  [admin, principal, viewer, otherAdmin] = await Promise.all([
    signIn(t.app, lakeview.admin.email, testPassword),
    signIn(t.app, lakeview.principal.email, testPassword),
    signIn(t.app, lakeview.viewer.email, testPassword),
    signIn(t.app, hillcrest.admin.email, testPassword),
  ]);
});
afterAll(() => t.close());

const asAdmin = () => signedInUserOf(lakeview);
const pdfUrl = (planId: string, stage?: string) => `/api/plans/${planId}/export.pdf${stage ? `?stage=${stage}` : ''}`;
const csvUrl = (planId: string) => `/api/plans/${planId}/export/actions.csv`;

/** A plan with one distinctive answer per stage, so the PDF's reading order can be checked. */
async function planWithAnswers(
  title = `Teacher leadership plan ${Math.random().toString(36).slice(2, 6)}`,
): Promise<{ plan: Plan; answers: string[] }> {
  const { plan } = await buildPlan(t.db, lakeview, { title });
  const answers: string[] = [];
  for (const stage of plan.stages) {
    const question = stage.questions[0]!;
    const answer = `Answer for ${stage.title}: teacher leaders in the ${stage.key} stage advance early literacy across six schools.`;
    await plans.saveAnswer(t.db, asAdmin(), plan.id, question.key, { text: answer, version: question.answer.version });
    answers.push(answer);
  }
  return { plan: await loadPlan(t.db, lakeview.id, plan.id), answers };
}

async function getPdf(who: SignedInAgent, url: string) {
  const res = await who.agent.get(url);
  expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
  expect(Buffer.isBuffer(res.body)).toBe(true);
  return { res, pdf: await parsePdf(res.body as Buffer) };
}

describe('exporting a plan as PDF', () => {
  it('when an admin exports the whole plan, then it has a cover, contents, each stage in order with its answers and actions, and page numbers', async () => {
    const { plan, answers } = await planWithAnswers();
    const action = plan.stages[0]!.actions[0]!;
    await plans.updateAction(t.db, asAdmin(), plan.id, action.id, {
      version: action.version,
      status: 'in_progress',
      ownerUserId: lakeview.principal.id,
      dueDate: '2027-01-15',
      notes: 'Agenda drafted with the union representative.',
    });
    const late = plan.stages[0]!.actions[1]!;
    await plans.updateAction(t.db, asAdmin(), plan.id, late.id, { version: late.version, dueDate: '2025-09-01' });

    const { res, pdf } = await getPdf(admin, pdfUrl(plan.id));

    expect(res.headers['cache-control']).toBe('private, no-store');
    // Cover, contents, then each of the four stages on pages of its own.
    expect(pdf.pages.length).toBeGreaterThanOrEqual(6);
    const cover = flowing(pdf.pages[0]!);
    expect(cover).toContain(lakeview.name);
    expect(cover).toContain(plan.title);
    expect(cover).toContain('School year: 2026-27');
    expect(cover).toMatch(/Exported on: \w+ \d{1,2}, \d{4}/);
    expect(cover).toContain(
      `Overall progress: ${plan.progress.percent}% complete (4 of ${plan.progress.applicableQuestions} key questions answered`,
    );
    const contents = flowing(pdf.pages[1]!);
    expect(
      isIncreasing(
        positionsIn(contents, [
          'Contents',
          'Stage 1 of 4: Design for impact',
          'Key questions',
          'High-impact actions',
          'Stage 4 of 4: Build strategically',
        ]),
      ),
    ).toBe(true);

    const text = flowing(pdf.pages.slice(2).join('\n'));
    expect(
      isIncreasing(
        positionsIn(
          text,
          plan.stages.map((s) => `Stage ${s.order} of 4: ${s.title}`),
        ),
      ),
    ).toBe(true);
    expect(isIncreasing(positionsIn(text, answers))).toBe(true);
    // The action's row reads across: action, status, owner (the user's name), due date, then its notes.
    expect(
      isIncreasing(
        positionsIn(text, [
          action.text.slice(0, 40),
          'In progress',
          lakeview.principal.name,
          'Jan 15, 2027',
          'Notes: Agenda drafted',
        ]),
      ),
    ).toBe(true);
    // An action past its due date and not done is marked overdue; one due later is not.
    expect(isIncreasing(positionsIn(text, [late.text.slice(0, 40), 'Not started, overdue', 'Sep 1, 2025']))).toBe(true);
    expect(text).not.toContain('In progress, overdue');
    expect(text).toContain('Not answered yet.');
    const pageCount = pdf.pages.length;
    for (const [i, page] of pdf.pages.entries()) {
      if (i === 0) continue;
      expect(flowing(page)).toContain(`${plan.title} · ${lakeview.name}`);
      expect(flowing(page)).toContain(`Page ${i + 1} of ${pageCount}`);
    }
  });

  it('then it is a tagged PDF in en-US with its title, headings, lists, a table with header cells, and bookmarks of the stages', async () => {
    const { plan } = await planWithAnswers('Reading & <writing> plan');
    const { pdf } = await getPdf(viewer, pdfUrl(plan.id));

    expect(pdf.tagged).toBe(true);
    expect(pdf.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf.raw).toContain('/Lang (en-US)');
    expect(pdf.raw).toContain('/DisplayDocTitle true');
    expect(pdf.title).toBe('Reading & <writing> plan');
    // The XMP metadata is well-formed despite the ampersand and angle brackets.
    expect(pdf.xmpTitle).toBe('Reading & <writing> plan');
    for (const role of [
      'Document',
      'Sect',
      'H1',
      'H2',
      'H3',
      'H4',
      'P',
      'L',
      'LI',
      'LBody',
      'TOC',
      'TOCI',
      'Link',
      'Table',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
    ]) {
      expect([role, pdf.roles.has(role)]).toEqual([role, true]);
    }
    expect(pdf.raw).toContain('/Scope /Column');
    // Fonts are embedded (FontFile2) and no text is drawn as an image.
    expect(pdf.raw).toContain('/FontFile2');
    expect(pdf.raw).not.toContain('/Subtype /Image');
    expect(pdf.outline.map((o) => o.title)).toEqual([
      ...plan.stages.map((s) => `Stage ${s.order} of 4: ${s.title}`),
      'Teacher-leader roles',
      'Logic model',
    ]);
    expect(pdf.outline[0]!.items).toEqual([
      'Key questions',
      'High-impact actions',
      'District priorities',
      'Stakeholders',
      'Missteps to avoid',
    ]);
  });

  it('when one stage is asked for, then the PDF holds that stage only and says so in its title and file name', async () => {
    const { plan, answers } = await planWithAnswers();
    const { res, pdf } = await getPdf(principal, pdfUrl(plan.id, 'context'));

    const text = flowing(pdf.text);
    expect(text).toContain(answers[1]);
    for (const other of [answers[0]!, answers[2]!, answers[3]!]) expect(text).not.toContain(other);
    expect(pdf.title).toBe(`${plan.title}: Know context`);
    expect(pdf.outline.map((o) => o.title)).toEqual(['Stage 2 of 4: Know context']);
    expect(res.headers['content-disposition']).toMatch(/_2026-27_know-context_\d{4}-\d{2}-\d{2}\.pdf"/);
  });

  it('when the district recorded what stakeholders said, then the whole plan carries the trace after the stages, naming what each input shaped; a stage does not', async () => {
    const { plan, answers } = await planWithAnswers();
    const input = await buildStakeholderInput(t.db, lakeview, plan.id);
    const question = plan.stages[0]!.questions[0]!;
    await stakeholderInputs.updateInput(t.db, asAdmin(), plan.id, input.id, {
      shaped: [{ kind: 'answer', id: question.key }],
      version: input.version,
    });
    const whole = flowing((await getPdf(viewer, pdfUrl(plan.id))).pdf.text);
    expect(whole).toContain('What we heard, and what we did with it');
    // After the last stage, as the contents list it.
    expect(isIncreasing(positionsIn(whole, [answers[3]!, 'Protect release time from substitute coverage.']))).toBe(
      true,
    );
    expect(whole).toContain(`Answer: ${question.text}`);
    const { pdf } = await getPdf(viewer, pdfUrl(plan.id, 'design'));
    expect(flowing(pdf.text)).not.toContain('Protect release time from substitute coverage.');
  });

  it('keeps the trace of a PDF bounded: the newest inputs (ties as the database orders them), items and summaries cut and said so', () => {
    const input = (i: number, stakeholderId: string, extra: Partial<StakeholderInput> = {}): StakeholderInput => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      stakeholderId,
      stakeholderName: stakeholderId,
      kind: 'note',
      heardOn: '2026-10-02',
      source: '',
      summary: `Input ${i}`,
      shaped: [],
      version: 1,
      updatedAt: '2026-10-02T00:00:00.000Z',
      ...extra,
    });
    const stakeholders = [
      { id: 'teachers', name: 'Teachers', kind: 'staff' },
      { id: 'parents', name: 'Parents', kind: 'community' },
    ];
    // Newest first, as the database lists them: 60 of the parents' then 45 of the teachers', all heard the same day.
    const newestFirst = [
      ...Array.from({ length: 60 }, (_, i) => input(i, 'parents')),
      ...Array.from({ length: 45 }, (_, i) => input(60 + i, 'teachers')),
    ];
    const trace = pdfTraceOf(stakeholders, newestFirst, {});
    expect([trace.shown, trace.total]).toEqual([traceLimits.inputs, 105]);
    const kept = trace.entries.flatMap((e) => e.inputs.map((i) => i.summary));
    expect(kept).toHaveLength(traceLimits.inputs);
    for (const dropped of newestFirst.slice(traceLimits.inputs)) expect(kept).not.toContain(dropped.summary);
    expect(trace.entries.find((e) => e.stakeholder.name === 'Parents')!.inputs).toHaveLength(60);

    const item = (n: number) => ({
      kind: 'answer' as const,
      id: `design.q${n}`,
      label: `Item ${n} `.repeat(60),
      stageKey: 'design' as const,
      broken: false,
    });
    const long = 'word '.repeat(1_000).trim();
    const [busy] = pdfTraceOf(
      stakeholders,
      [input(1, 'teachers', { summary: long, shaped: Array.from({ length: 8 }, (_, n) => item(n)) })],
      {},
    ).entries;
    const only = busy!.inputs[0]!;
    expect(only.shaped).toHaveLength(traceLimits.shaped);
    expect(only.moreShaped).toBe(3);
    for (const s of only.shaped) expect(Array.from(s.label).length).toBeLessThanOrEqual(traceLimits.label + 1);
    expect(only.summary).toMatch(/word… \(shortened in this PDF\)$/);
    expect(Array.from(only.summary).length).toBeLessThan(traceLimits.summary + 60);

    expect(shortened('Short and whole.', 100)).toBe('Short and whole.');
    // A long run without a space (a pasted link) is cut at the limit; a character is never split.
    expect(shortened('x'.repeat(500), 100)).toBe(`${'x'.repeat(100)}…`);
    for (const [max, length] of [
      [100, 150],
      [20, 40],
    ] as const) {
      const emoji = shortened('🙂'.repeat(length), max);
      expect(Array.from(emoji)).toHaveLength(max + 1);
      expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    // A limit just before a space keeps the whole word; short texts and a first word are never lost.
    expect(shortened('aaa bbb ccc', 7)).toBe('aaa bbb…');
    expect(shortened('aaaa bbbb', 4)).toBe('aaaa…');
    expect(shortened('a b', 1)).toBe('a…');
    expect(shortened('first line\nsecond line', 14)).toBe('first line…');
  });

  it('when a plan holds more stakeholder inputs than a PDF carries, then the PDF says how many of how many it shows', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders', { name: 'Teachers union' });
    for (let i = 0; i < traceLimits.inputs + 2; i++) {
      await stakeholderInputs.addInput(t.db, asAdmin(), plan.id, stakeholder.id, {
        kind: 'survey_finding',
        heardOn: `2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        source: '',
        summary: `Finding number ${i}.`,
        shaped: [],
      });
    }
    const text = flowing((await getPdf(viewer, pdfUrl(plan.id))).pdf.text);
    expect(text).toContain(
      `The ${traceLimits.inputs} newest inputs of ${traceLimits.inputs + 2}; the planner holds them all.`,
    );
    expect(text).toContain(`Finding number ${traceLimits.inputs + 1}.`);
    // The two heard first are the two left out.
    expect(text).not.toContain('Finding number 0.');
    expect(text).not.toContain('Finding number 1.');
  });

  it('when a logic-model entry links many items, then the PDF lists the first few and says how many more', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const actions = plan.stages.flatMap((st) => st.actions).slice(0, linkLimits.listed + 3);
    await logicModel.addEntry(t.db, asAdmin(), plan.id, {
      section: 'activity',
      horizon: null,
      text: 'Coaches lead cycles in every school',
      links: actions.map((a) => ({ kind: 'action', id: a.id })),
    });
    const text = flowing((await getPdf(viewer, pdfUrl(plan.id))).pdf.text);
    expect(text).toContain('and 3 more items');
    expect(text).toContain(`High-impact action: ${actions[0]!.text.slice(0, 40)}`);
    expect(text).not.toContain(`High-impact action: ${actions.at(-1)!.text.slice(0, 40)}`);
  });

  it('when the stage is unknown, then it answers 400 naming `stage`', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const url of [
      pdfUrl(plan.id, 'launch'),
      `${csvUrl(plan.id)}?stage=launch`,
      `${pdfUrl(plan.id)}?stage=design&stage=build`,
    ]) {
      const res = await admin.agent.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'stage' })]);
    }
    // Two known stages: what is wrong is giving it twice.
    const twice = await admin.agent.get(`${pdfUrl(plan.id)}?stage=design&stage=build`);
    expect(twice.body.errors).toEqual([{ in: 'query', field: 'stage', message: 'must be given once' }]);
  });

  it('when an answer is as long as allowed (20,000 characters), then it wraps, breaks across pages and all its text is in the PDF in order', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const question = plan.stages[0]!.questions[0]!;
    const words = Array.from({ length: 2_800 }, (_, i) => `word${String(i).padStart(5, '0')}`);
    let answer = '';
    for (const [i, word] of words.entries()) answer += word + (i % 150 === 149 ? '\n\n' : ' ');
    answer = answer.slice(0, 20_000);
    const expected = answer.match(/word\d{5}/g)!;
    await plans.saveAnswer(t.db, asAdmin(), plan.id, question.key, { text: answer, version: question.answer.version });

    const { pdf } = await getPdf(admin, pdfUrl(plan.id));

    expect(pdf.text.match(/word\d{5}/g)).toEqual(expected);
    const firstPage = pdf.pages.findIndex((p) => p.includes(expected[0]!));
    const lastPage = pdf.pages.findIndex((p) => p.includes(expected.at(-1)!));
    expect(lastPage - firstPage).toBeGreaterThanOrEqual(3);
    // Every line fits the page: no line holds more than a column's worth of words.
    const longestLine = Math.max(...pdf.text.split('\n').map((line) => (line.match(/word\d{5}/g) ?? []).length));
    expect(longestLine).toBeLessThanOrEqual(16);
  });

  it('when an answer is 20,000 characters with no space (a pasted link, say), then it still exports promptly with every character', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const question = plan.stages[0]!.questions[0]!;
    const answer = Array.from({ length: 2_000 }, (_, i) => String(i % 10).repeat(9) + 'x').join('');
    await plans.saveAnswer(t.db, asAdmin(), plan.id, question.key, { text: answer, version: question.answer.version });

    const { pdf } = await getPdf(admin, pdfUrl(plan.id));
    // It wraps anywhere it must; every 10-character chunk is there, in order, once each page's footer
    // (its title and page number, drawn after the page's text) is set aside.
    const body = pdf.pages.map((page) =>
      page.replace(/Page \d+ of \d+\s*$/, '').replace(`${plan.title} · ${lakeview.name}`, ''),
    );
    const chunks =
      body
        .join('')
        .replace(/\s/g, '')
        .match(/(\d)\1{8}x/g) ?? [];
    expect(chunks).toEqual(answer.match(/\d{9}x/g));
  });

  it('when an action table is longer than a page, then it breaks between rows and repeats its header on the next page', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (let i = 1; i <= 40; i++) {
      await plans.addAction(t.db, asAdmin(), plan.id, {
        stageKey: 'build',
        text: `Own action row${String(i).padStart(3, '0')} for the build stage`,
        ownerName: 'Sam Rivera',
      });
    }

    const { pdf } = await getPdf(admin, pdfUrl(plan.id, 'build'));

    expect(pdf.text.match(/row\d{3}/g)).toEqual(
      Array.from({ length: 40 }, (_, i) => `row${String(i + 1).padStart(3, '0')}`),
    );
    const tablePages = pdf.pages.filter((p) => /row\d{3}/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) {
      const text = flowing(page);
      expect(isIncreasing(positionsIn(text, ['Action', 'Status', 'Owner', 'Due date', 'Own action row']))).toBe(true);
    }
  });

  it('when notes are long, then they flow on across pages and keep every word, in order', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const actions = plan.stages[3]!.actions;
    const notes = Array.from({ length: 550 }, (_, i) => `note${String(i).padStart(4, '0')}`).join(' ');
    for (const action of actions) {
      await plans.updateAction(t.db, asAdmin(), plan.id, action.id, { version: action.version, notes });
    }

    const { pdf } = await getPdf(admin, pdfUrl(plan.id, 'build'));

    expect(pdf.text.match(/note\d{4}/g)).toEqual(actions.flatMap(() => notes.split(' ')));
    expect(pdf.pages.filter((p) => /note\d{4}/.test(p)).length).toBeGreaterThanOrEqual(2);
  });

  it('when the plan has nothing answered or done, then it still exports, saying what is not answered yet', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const { pdf } = await getPdf(admin, pdfUrl(plan.id));

    // Cover, contents, the four stages with their missteps on six pages, the roles, and the logic model on a
    // landscape page of its own.
    expect(pdf.pages).toHaveLength(10);
    expect(flowing(pdf.text)).toContain('No teacher-leader roles are defined yet.');
    expect(flowing(pdf.pages[9]!)).toContain('Problem statement: Not written yet.');
    expect(flowing(pdf.pages[0]!)).toContain('Overall progress: 0% complete (0 of');
    expect(flowing(pdf.text).match(/Not answered yet\./g)).toHaveLength(plan.stages.flatMap((s) => s.questions).length);
  });

  it('when names have accents and other scripts, then they come out as typed in the text and in the file name', async () => {
    const zoe = await buildUser(t.db, lakeview.id, 'viewer', { name: 'Zoë Nguyễn' });
    const { plan } = await buildPlan(t.db, lakeview, { title: 'План Ελληνικά Łódź' });
    const [first, second] = plan.stages[0]!.actions;
    await plans.updateAction(t.db, asAdmin(), plan.id, first!.id, { version: first!.version, ownerUserId: zoe.id });
    await plans.updateAction(t.db, asAdmin(), plan.id, second!.id, {
      version: second!.version,
      ownerName: 'Учитель Ελληνικά',
    });
    const question = plan.stages[0]!.questions[0]!;
    await plans.saveAnswer(t.db, asAdmin(), plan.id, question.key, {
      text: 'Zoë Nguyễn leads in Łódź; Ελληνικά and Учитель too.',
      version: 1,
    });

    const { res, pdf } = await getPdf(admin, pdfUrl(plan.id));

    const text = flowing(pdf.text);
    for (const name of [
      'Zoë Nguyễn',
      'Учитель Ελληνικά',
      'Zoë Nguyễn leads in Łódź; Ελληνικά and Учитель too.',
      'План Ελληνικά Łódź',
      lakeview.name,
    ]) {
      expect([name, text.includes(name)]).toEqual([name, true]);
    }
    const disposition = res.headers['content-disposition'] as string;
    // The file is named with the day where the district is, which is not UTC's for part of each day.
    const day = todayIso(lakeview.timeZone);
    expect(disposition).toMatch(
      /^attachment; filename="lodz-lakeview-school-district-[a-z0-9]+_lodz_2026-27_\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/,
    );
    const encoded = disposition.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toMatch(
      /^łódź-lakeview-school-district-[a-z0-9]+_план-ελληνικά-łódź_2026-27_\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    expect([day, todayIso(lakeview.timeZone, new Date(Date.now() - 60_000))]).toContain(
      disposition.match(/_(\d{4}-\d{2}-\d{2})\.pdf"/)![1],
    );
  });
});

describe("a role's PDF file name", () => {
  it('when the title has no letter or digit the name keeps (punctuation, emoji, another script), then the file is named "role" there', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Role file names' });
    const exported = async (title: string) => {
      const made = await admin.agent
        .post(`/api/plans/${plan.id}/roles`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ archetype: 'coach', title, schoolIds: [lakeview.schools[0]!.id] });
      expect(made.status).toBe(201);
      const { res } = await getPdf(admin, `/api/plans/${plan.id}/roles/${(made.body as { id: string }).id}/export.pdf`);
      const disposition = res.headers['content-disposition'] as string;
      return {
        ascii: /filename="([^"]+)"/.exec(disposition)![1],
        unicode: decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!),
      };
    };
    const named = (role: string) =>
      expect.stringMatching(
        new RegExp(
          `^(lodz|łódź)-lakeview-school-district-[a-z0-9]+_role-file-names_2026-27_${role}_\\d{4}-\\d{2}-\\d{2}\\.pdf$`,
        ),
      );

    for (const title of ['!!! ???', '🎉🎉', '—']) {
      expect([title, await exported(title)]).toEqual([title, { ascii: named('role'), unicode: named('role') }]);
    }
    expect(await exported('数学教练')).toEqual({ ascii: named('role'), unicode: named('数学教练') });
  });
});

describe('an archived plan and its copy for the next year', () => {
  it("when both are exported, then each file name says its school year, and the archived plan's cover says it is archived and since which day", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Board report plan' });
    const copied = await admin.agent
      .post(`/api/plans/${plan.id}/copy`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Board report plan', schoolYear: '2027-28', copyRoles: false });
    expect(copied.status).toBe(201);
    const archived = await admin.agent
      .patch(`/api/plans/${plan.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ status: 'archived', version: plan.version });
    expect(archived.body.status).toBe('archived');

    const fileOf = async (planId: string) =>
      /filename="([^"]+)"/.exec(
        (await viewer.agent.get(`/api/plans/${planId}/export/measures.csv`)).headers['content-disposition'] as string,
      )![1]!;
    const [old, next] = [await fileOf(plan.id), await fileOf(copied.body.id as string)];
    expect(old).toMatch(/_board-report-plan_2026-27_measures_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(next).toMatch(/_board-report-plan_2027-28_measures_\d{4}-\d{2}-\d{2}\.csv$/);

    const { res, pdf } = await getPdf(viewer, pdfUrl(plan.id));
    expect(res.headers['content-disposition']).toMatch(/_board-report-plan_2026-27_\d{4}-\d{2}-\d{2}\.pdf"/);
    const archivedOn = formatLongDate(todayIso(lakeview.timeZone));
    expect(flowing(pdf.text)).toContain(`School year: 2026-27 Status: Archived on ${archivedOn} Exported on`);
    const stagePdf = await getPdf(viewer, pdfUrl(plan.id, 'context'));
    expect(flowing(stagePdf.pdf.text)).toContain('Board report plan · school year 2026-27 · archived · exported on');
    const nextPdf = await getPdf(viewer, pdfUrl(copied.body.id as string));
    expect(flowing(nextPdf.pdf.text)).toMatch(/School year: 2027-28 Exported on/);
  });
});

describe('exporting actions as CSV', () => {
  it('when cells hold quotes, commas, line breaks and formula-like text, then the CSV parses back to the same text, formulas neutralised', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Teacher leadership plan' });
    const [first, second] = plan.stages[0]!.actions;
    const third = plan.stages[1]!.actions[0]!;
    await plans.updateAction(t.db, asAdmin(), plan.id, first!.id, {
      version: first!.version,
      status: 'done',
      ownerName: 'Zoë "Z" Nguyễn, Jr.',
      dueDate: '2027-01-15',
      notes: 'Line one, with a comma\nLine two "quoted"\r\nLine three',
    });
    await plans.updateAction(t.db, asAdmin(), plan.id, second!.id, {
      version: second!.version,
      ownerName: '@cmd|calc',
      notes: '=HYPERLINK("http://evil.test","x")',
    });
    await plans.updateAction(t.db, asAdmin(), plan.id, third.id, { version: third.version, notApplicable: true });
    const own = await plans.addAction(t.db, asAdmin(), plan.id, {
      stageKey: 'build',
      text: '-2+3 own action',
      notes: '\tstarts with a tab',
      ownerName: '+1 555 0100',
    });
    const withCr = await plans.addAction(t.db, asAdmin(), plan.id, {
      stageKey: 'build',
      text: 'Carriage return',
      notes: '\rstarts with a carriage return',
    });

    const res = await viewer.agent.get(csvUrl(plan.id));

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="lodz-lakeview-school-district-[a-z0-9]+_teacher-leadership-plan_2026-27_actions_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(res.text).toContain('\r\n');
    const rows = parseCsv(res.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'Stage',
      'Action',
      'Own or roadmap',
      'Not applicable',
      'Status',
      'Owner',
      'Due date',
      'Notes',
      'Last updated',
    ]);
    const records = rows.slice(1);
    const current = await loadPlan(t.db, lakeview.id, plan.id);
    expect(records).toHaveLength(current.stages.flatMap((s) => s.actions).length);
    const row = (text: string) => records.find((r) => r[1] === text || r[1] === `'${text}`)!;

    expect(row(first!.text)).toEqual([
      '1. Design for impact',
      first!.text,
      'Roadmap',
      'No',
      'Done',
      'Zoë "Z" Nguyễn, Jr.',
      '2027-01-15',
      'Line one, with a comma\nLine two "quoted"\r\nLine three',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z]+$/),
    ]);
    expect(row(second!.text).slice(5, 8)).toEqual(["'@cmd|calc", '', `'=HYPERLINK("http://evil.test","x")`]);
    expect(row(own.text)).toEqual([
      '4. Build strategically',
      "'-2+3 own action",
      'Own',
      'No',
      'Not started',
      "'+1 555 0100",
      '',
      "'\tstarts with a tab",
      isoDateTimeIn(own.updatedAt, lakeview.timeZone),
    ]);
    expect(row(withCr.text)[7]).toBe("'\rstarts with a carriage return");
    expect(row(third.text).slice(2, 5)).toEqual(['Roadmap', 'Yes', 'Not started']);
    // Stage by stage, in the plan's order.
    const stageNumbers = records.map((r) => Number(r[0]!.split('.')[0]));
    expect(stageNumbers).toEqual([...stageNumbers].sort((a, b) => a - b));
  });

  it("when an action is past its due date by the district's day, then its status says overdue as the page does", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [started, idle, done] = plan.stages.flatMap((stage) => stage.actions);
    const today = todayIso(lakeview.timeZone);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const update = (action: typeof started, change: Record<string, unknown>) =>
      plans.updateAction(t.db, asAdmin(), plan.id, action!.id, { version: action!.version, ...change });
    await update(started, { status: 'in_progress', dueDate: yesterday });
    await update(idle, { dueDate: yesterday });
    await update(done, { status: 'done', dueDate: yesterday });
    const dueToday = await plans.addAction(t.db, asAdmin(), plan.id, {
      stageKey: 'design',
      text: 'Due today',
      dueDate: today,
    });

    const res = await viewer.agent.get(csvUrl(plan.id));

    const records = (parseCsv(res.text, { bom: true }) as string[][]).slice(1);
    const status = (text: string) => records.find((r) => r[1] === text)![4];
    expect(status(started!.text)).toBe('In progress, overdue');
    expect(status(idle!.text)).toBe('Not started, overdue');
    expect(status(done!.text)).toBe('Done');
    expect(status(dueToday.text)).toBe('Not started');
  });

  it('when one stage is asked for, then only its actions are listed', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await admin.agent.get(`${csvUrl(plan.id)}?stage=context`);
    expect(res.status).toBe(200);
    const records = (parseCsv(res.text, { bom: true }) as string[][]).slice(1);
    expect(records.length).toBe(plan.stages[1]!.actions.length);
    expect(new Set(records.map((r) => r[0]))).toEqual(new Set(['2. Know context']));
  });
});

describe("the district's day in an export", () => {
  it('when a principal approved a role at 07:10 UTC on Nov 30 in a district on Honolulu time, then the role and plan PDFs date it Nov 29, and the actions CSV says when an action changed in Honolulu time', async () => {
    const honolulu = await buildDistrict(t.db);
    await t.db('districts').where({ id: honolulu.id }).update({ time_zone: 'Pacific/Honolulu' });
    const [hAdmin, hPrincipal] = await Promise.all([
      signIn(t.app, honolulu.admin.email, testPassword),
      signIn(t.app, honolulu.principal.email, testPassword),
    ]);
    const { plan } = await buildPlan(t.db, honolulu);
    const roleUrl = (id: string) => `/api/plans/${plan.id}/roles/${id}`;
    const made = await hAdmin.agent
      .post(`/api/plans/${plan.id}/roles`)
      .set('X-CSRF-Token', hAdmin.csrf)
      .send({ archetype: 'coach', title: 'Literacy coach', schoolIds: [honolulu.schools[0]!.id] });
    expect(made.status).toBe(201);
    const role = made.body as { id: string };
    expect(
      (
        await hAdmin.agent
          .post(`${roleUrl(role.id)}/submit`)
          .set('X-CSRF-Token', hAdmin.csrf)
          .send({})
      ).status,
    ).toBe(200);
    expect((await decide(t.db, hPrincipal, roleUrl(role.id), { decision: 'approve' })).status).toBe(200);
    // Decided, and an action last changed, at 07:10 UTC on Nov 30: 9:10 PM on Nov 29 in Honolulu.
    const moment = '2026-11-30T07:10:00.000Z';
    await t.db('role_reviews').where({ role_id: role.id }).update({ created_at: moment });
    const action = plan.stages[0]!.actions[0]!;
    await t.db('plan_actions').where({ id: action.id }).update({ updated_at: moment });

    const decision = `${honolulu.principal.name}, Nov 29, 2026, round 1: approved`;
    const rolePdf = await getPdf(hAdmin, `${roleUrl(role.id)}/export.pdf`);
    expect(flowing(rolePdf.pdf.text)).toContain(decision);
    const planPdf = await getPdf(hAdmin, pdfUrl(plan.id));
    expect(flowing(planPdf.pdf.text)).toContain(decision);
    expect(flowing(planPdf.pdf.text)).not.toContain('Nov 30, 2026, round 1: approved');

    const csv = await hAdmin.agent.get(csvUrl(plan.id));
    const rows = parseCsv(csv.text, { bom: true }) as string[][];
    expect(rows.find((r) => r[1] === action.text)![8]).toBe('2026-11-29 21:10 HST');
  });
});

describe("a measure's status in the PDF", () => {
  it("when a measure is not judged, then its row says so and its chart's alternative text says why", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    for (const [name, fields] of [
      ['Math proficiency', { baseline: 40, target: 50, targetDate: '2027-06-01' }],
      ['Teacher turnover', { baseline: 12, baselineDate: '2026-08-01', target: 12, targetDate: '2027-06-01' }],
    ] as const) {
      const measure = await post(`/api/plans/${plan.id}/measures`, { name, term: 'short', unit: '%', ...fields });
      expect(measure.status).toBe(201);
      const reading = await post(`/api/plans/${plan.id}/measures/${measure.body.id}/readings`, {
        date: '2026-11-16',
        value: 20,
      });
      expect(reading.status).toBe(201);
    }

    const { pdf } = await getPdf(admin, pdfUrl(plan.id, 'measures'));
    expect(flowing(pdf.text)).toContain('20%, Nov 16, 2026 Not judged');
    expect(flowing(pdf.text)).not.toMatch(/on track|off track|at risk/i);
    expect(pdf.figures).toEqual([
      "Line chart of Math proficiency: baseline 40%, target 50% (Jun 1, 2027); 1 reading, the latest 20% on Nov 16, 2026; not judged: without the baseline's date there is no path to judge readings by.",
      'Line chart of Teacher turnover: baseline 12% (Aug 1, 2026), target 12% (Jun 1, 2027); 1 reading, the latest 20% on Nov 16, 2026; not judged: its baseline and target are the same: choose whether higher or lower is better to judge readings by.',
    ]);
  });

  it('when a level to keep says lower is better, then its target reads "at or below" in the row, the legend and the alternative text, and it is judged', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    const measure = await post(`/api/plans/${plan.id}/measures`, {
      name: 'Teacher turnover',
      term: 'long',
      unit: '%',
      baseline: 12,
      baselineDate: '2026-08-01',
      target: 12,
      targetDate: '2027-06-01',
      direction: 'lower',
    });
    expect(measure.status).toBe(201);
    await post(`/api/plans/${plan.id}/measures/${measure.body.id}/readings`, { date: '2026-11-16', value: 11 });

    for (const url of [pdfUrl(plan.id, 'measures'), pdfUrl(plan.id)]) {
      const { pdf } = await getPdf(admin, url);
      expect(flowing(pdf.text)).toContain('at or below 12%, Jun 1, 2027');
      expect(flowing(pdf.text)).toContain('Target at or below 12%');
      expect(pdf.figures).toContain(
        'Line chart of Teacher turnover: baseline 12% (Aug 1, 2026), target at or below 12% (Jun 1, 2027); 1 reading, the latest 11% on Nov 16, 2026; on track.',
      );
    }
  });
});

describe('who may export', () => {
  it('when signed in with any role of the district, then both exports answer 200', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const who of [admin, principal, viewer]) {
      expect((await who.agent.get(pdfUrl(plan.id))).status).toBe(200);
      expect((await who.agent.get(csvUrl(plan.id))).status).toBe(200);
    }
  });

  it('when signed out, then both exports answer 401', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const url of [pdfUrl(plan.id), csvUrl(plan.id)]) {
      const res = await request(t.app).get(url);
      expect([url, res.status, res.body.code]).toEqual([url, 401, 'unauthenticated']);
    }
  });

  it("when another district's admin asks for the plan, then both exports answer 404 and give nothing away", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const url of [pdfUrl(plan.id), pdfUrl(plan.id, 'design'), csvUrl(plan.id)]) {
      const res = await otherAdmin.agent.get(url);
      expect([url, res.status, res.body.code]).toEqual([url, 404, 'not_found']);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.text).not.toContain(plan.title);
    }
  });

  it('when the plan id is not a UUID or no such plan exists, then it answers 400 or 404, never 500', async () => {
    expect((await admin.agent.get('/api/plans/not-a-uuid/export.pdf')).status).toBe(400);
    expect((await admin.agent.get('/api/plans/00000000-0000-4000-8000-000000000000/export/actions.csv')).status).toBe(
      404,
    );
  });
});

describe('stage tables, measures and roles in the export', () => {
  it('when a plan has stage tables, measures and roles, then the PDF shows them: measures with latest reading and status, roles with review status and cost', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with everything' });
    const url = (key: string) => `/api/plans/${plan.id}/${key}`;
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    await post(url('priorities'), { title: 'Early literacy for every child', rank: 1 });
    await post(url('funding-sources'), {
      name: 'Title II re-directed',
      kind: 'redistributed',
      amountCents: 12_500_000,
      schoolYears: ['2026-27'],
      status: 'secured',
    });
    await post(url('partners'), {
      name: 'Leading Educators',
      kind: 'external_organization',
      role: 'Teacher-leader training',
    });
    const measure = await post(url('measures'), {
      name: 'Third graders reading on grade level',
      term: 'long',
      unit: '%',
      baseline: 48,
      baselineDate: '2025-09-01',
      target: 65,
      targetDate: '2026-09-01',
    });
    for (const [date, value] of [
      ['2025-12-01', 50],
      ['2026-03-01', 51],
    ] as const)
      await post(`${url('measures')}/${measure.body.id}/readings`, { date, value });
    const role = await post(url('roles'), {
      archetype: 'coach',
      title: 'Literacy coach',
      positions: 2,
      schoolIds: [lakeview.schools[0]!.id],
    });
    await post(`${url('roles')}/${role.body.id}/submit`, {});
    await decide(t.db, principal, `${url('roles')}/${role.body.id}`, {
      decision: 'request_changes',
      comment: 'Protect coaching time.',
    });

    const { pdf } = await getPdf(viewer, pdfUrl(plan.id));
    const text = flowing(pdf.text);
    expect(text).toContain('Early literacy for every child');
    expect(text).toContain('$125,000.00');
    expect(text).toContain('Leading Educators');
    // Half-way along the path 56 is expected; 51 falls short by more than 10% of the distance.
    expect(text).toMatch(/Third graders reading on grade level.*51%, Mar 1, 2026 Off track/);
    expect(text).toContain('Teacher-leader roles');
    expect(text).toMatch(/Literacy coach\s*Review status: Changes requested/);
    expect(text).toContain('Protect coaching time.');
    // The library's coach does not say how many students it serves: unknown is not zero.
    expect(text).toContain('Reach: 8 teachers; students not yet estimated');
    expect(text).toMatch(/Yearly cost: \$[\d,]+\.00/);
    // In reading order: stage 1's priority, stage 2's funding, stage 3's measure, stage 4's partner, then the roles.
    const order = [
      'Early literacy for every child 1',
      '$125,000.00',
      'Third graders reading on grade level (Long-term',
      'Leading Educators External',
      'approved or not, cost',
      'Literacy coach Review status',
    ];
    expect(positionsIn(text, order).every((n) => n >= 0)).toBe(true);
    expect(isIncreasing(positionsIn(text, order))).toBe(true);
    expect(pdf.outline.map((o) => o.title)).toContain('Teacher-leader roles');

    // One stage: the measures stage has its table but no roles.
    const stage3 = await getPdf(viewer, pdfUrl(plan.id, 'measures'));
    expect(flowing(stage3.pdf.text)).toContain('Third graders reading on grade level');
    expect(flowing(stage3.pdf.text)).not.toContain('Teacher-leader roles');
  });

  it('when a role is blank, then its PDF says what nobody chose is not yet decided, not 0%, a $0.00 stipend, No or recurring budget', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with a blank role' });
    const created = await admin.agent
      .post(`/api/plans/${plan.id}/roles`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Our own role' });
    expect(created.status).toBe(201);
    const text = flowing((await getPdf(admin, pdfUrl(plan.id))).pdf.text);
    expect(text).toContain('Time released from teaching: Not yet decided');
    expect(text).toContain('Pay for reach Not yet decided Kind of pay is not yet decided');
    expect(text).toContain('Pay: Kind of pay not yet decided, source of funds not yet decided');
    expect(text).toContain('Formal authority: Evaluates staff: Not yet decided; supervises staff: Not yet decided');
    expect(text).toContain('Developed jointly with the union: Not yet decided');
    expect(text).toContain('Recurring funding Not yet decided Paid from is not yet decided');
    expect(text).not.toMatch(
      /\$0\.00 stipend|Stipend: amount|stipend, paid from|Evaluates staff: No;|Release time 0%|Recurring funding Met/,
    );

    // A role from the library keeps what the library chose for it.
    const coach = await admin.agent
      .post(`/api/plans/${plan.id}/roles`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ archetype: 'coach' });
    expect(coach.status).toBe(201);
    const withCoach = flowing((await getPdf(admin, pdfUrl(plan.id))).pdf.text);
    expect(withCoach).toContain('Pay: $5,000.00 stipend, source of funds not yet decided');
    expect(withCoach).toContain('Formal authority: Evaluates staff: No; supervises staff: No');
  });

  it("when a role is a draft, approved once and edited since or never submitted, then its PDF says it is not in review, as the app does, not a school's old decision", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with draft roles' });
    const url = `/api/plans/${plan.id}/roles`;
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    const [first, second] = lakeview.schools;
    const edited = (await post(url, { archetype: 'coach', title: 'Edited coach', schoolIds: [first!.id] })).body as {
      id: string;
    };
    expect((await post(`${url}/${edited.id}/submit`, {})).status).toBe(200);
    expect((await decide(t.db, principal, `${url}/${edited.id}`, { decision: 'approve' })).body.status).toBe(
      'approved',
    );
    const approved = await admin.agent.get(`${url}/${edited.id}`);
    const back = await admin.agent
      .patch(`${url}/${edited.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ stipendCents: 6_000_00, version: approved.body.version });
    expect(back.body.status).toBe('draft');
    const never = (await post(url, { archetype: 'coach', title: 'Unsent coach', schoolIds: [second!.id] })).body as {
      id: string;
    };

    const editedText = flowing((await getPdf(admin, `${url}/${edited.id}/export.pdf`)).pdf.text);
    expect(editedText).toContain(`Review status: Draft (${first!.name}: not in review)`);
    expect(editedText).not.toMatch(/approved\)/);
    const neverText = flowing((await getPdf(admin, `${url}/${never.id}/export.pdf`)).pdf.text);
    expect(neverText).toContain(`Review status: Draft (${second!.name}: not in review)`);
    expect(neverText).not.toContain('waiting');
  });

  it('when the roles cost nothing yet, then the PDF says so of each year rather than that it is covered', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with a volunteer role' });
    const made = await admin.agent
      .post(`/api/plans/${plan.id}/roles`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Volunteer mentor', positions: 1, stipendCents: 0, releasePercent: 0 });
    expect(made.status).toBe(201);
    const text = flowing((await getPdf(viewer, pdfUrl(plan.id))).pdf.text);
    expect(text).toContain('1 teacher-leader role, approved or not, costs $0.00 a year');
    expect(text).toMatch(/2026-27: no costs yet; no money secured yet/);
    expect(text).not.toContain('covered by secured funding');
  });

  it("when some roles are not approved, then the PDF's budget says in the budget page's words what it counts: every role, approved or not, and each year's funding", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with roles in the making' });
    const post = (body: object) =>
      admin.agent.post(`/api/plans/${plan.id}/roles`).set('X-CSRF-Token', admin.csrf).send(body);
    expect(
      (
        await post({
          title: 'Draft coach',
          positions: 2,
          payKind: 'stipend',
          stipendCents: 4_000_00,
          releasePercent: 0,
          payFunding: 'recurring',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post({
          title: 'Grant mentor',
          positions: 1,
          payKind: 'stipend',
          stipendCents: 3_000_00,
          releasePercent: 0,
          payFunding: 'grant',
        })
      ).status,
    ).toBe(201);
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 5_000_00, status: 'secured' });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 2_000_00, status: 'pending' });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 1_500_00, status: 'idea' });
    // The budget page reads the same budget: the sentence above its tables and one line a school year.
    const budget = (await viewer.agent.get(`/api/plans/${plan.id}/budget`)).body as Budget;
    expect(budget.totalCents).toBe(11_000_00);

    const text = flowing((await getPdf(viewer, pdfUrl(plan.id))).pdf.text);
    expect(text).toContain(
      '2 teacher-leader roles, approved or not, cost $11,000.00 a year: $8,000.00 in roles meant to be paid from recurring budget and $3,000.00 in roles meant to be paid from grants.',
    );
    expect(text).toContain(programCostSentence(budget));
    for (const year of budget.years) expect(text).toContain(describeYear(year));
    expect(text).toContain(
      '2026-27: $6,000.00 short ($2,000.00 more is pending and $1,500.00 more is only an idea); 100% of secured money is recurring',
    );
    // And what it is priced at, which only the admin's form shows on the page.
    expect(text).toContain(
      `Priced at an average teacher cost of ${formatCents(plan.averageTeacherCostCents)} a year and ${plan.contractDays} contract days.`,
    );
  });

  it('when measures have charts, then no measure heading is left at the foot of a page without its chart', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with many measures' });
    const measuresUrl = `/api/plans/${plan.id}/measures`;
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    const names = Array.from({ length: 14 }, (_, i) => `Measure ${String.fromCharCode(65 + i)} of reading growth`);
    for (const [i, name] of names.entries()) {
      const measure = await post(measuresUrl, {
        name,
        term: 'short',
        unit: '%',
        baseline: 40,
        baselineDate: '2025-09-01',
        target: 60,
        targetDate: '2026-06-01',
        dataSource: 'State reading assessment, checked each term. '.repeat(i % 4).trim(),
      });
      expect(measure.status).toBe(201);
      await post(`${measuresUrl}/${measure.body.id}/readings`, { date: '2026-01-15', value: 45 + i });
    }
    const { pdf } = await getPdf(admin, pdfUrl(plan.id, 'measures'));
    // Each measure's heading before its chart is the name's last place in the text (the table lists it first);
    // its chart's legend must follow on the same page.
    for (const name of names) {
      const page = pdf.pages.findLastIndex((text) => flowing(text).includes(name));
      const after = flowing(pdf.pages[page]!).slice(flowing(pdf.pages[page]!).lastIndexOf(name));
      expect({ name, chartOnItsPage: after.includes('Straight path from baseline to target') }).toEqual({
        name,
        chartOnItsPage: true,
      });
    }
  });

  it('when roles have responsibilities, factors and review decisions, then no label of a role is left at the foot of a page without its first entry', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with many reviewed roles' });
    const url = `/api/plans/${plan.id}/roles`;
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    // Purposes of one to eight lines: the labels fall at every height of the page, the foot among them.
    for (let i = 0; i < 16; i += 1) {
      const role = await post(url, {
        archetype: 'coach',
        title: `Reviewed coach ${String.fromCharCode(65 + i)}`,
        purpose:
          'Coaches the grade-level team through planning, co-teaching and looking at student work together. '.repeat(
            1 + (i % 8),
          ),
        schoolIds: [lakeview.schools[0]!.id],
      });
      expect(role.status).toBe(201);
      expect((await post(`${url}/${role.body.id}/submit`, {})).status).toBe(200);
      const decided = await decide(t.db, principal, `${url}/${role.body.id}`, {
        decision: 'request_changes',
        comment: 'Name the days.',
      });
      expect(decided.status).toBe(200);
    }
    const { pdf } = await getPdf(admin, pdfUrl(plan.id, 'build'));
    // A label's first entry follows it on its page: a responsibility numbered 1, a decision with its round.
    const alone = pdf.pages.flatMap((text, page) =>
      [
        { label: 'Responsibilities', entry: /^ ?1\. ?\S/ },
        { label: 'Review decisions', entry: /, round 1: requested changes/ },
        { label: 'Opportunity Culture principles and high-impact factors', entry: /^ ?Factor Result Why \S/ },
      ]
        .filter(({ label, entry }) => {
          const at = flowing(text).lastIndexOf(label);
          return at >= 0 && !entry.test(flowing(text).slice(at + label.length));
        })
        .map(({ label }) => ({ page: page + 1, label })),
    );
    expect(alone).toEqual([]);
  });

  it('when measures have readings, then measures.csv has one row per reading with its measure, and neutralises formulas', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const post = (path: string, body: object) => admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(body);
    const measure = await post(`/api/plans/${plan.id}/measures`, {
      name: '=SUM(A1), "quoted", measure',
      term: 'short',
      baseline: 10,
      target: 20,
      targetDate: '2026-06-01',
    });
    await post(`/api/plans/${plan.id}/measures`, { name: 'No readings yet', term: 'long' });
    await post(`/api/plans/${plan.id}/measures`, {
      name: 'Absences (change)',
      term: 'short',
      baseline: -5,
      target: -12.5,
    });
    for (const [date, value, note] of [
      ['2026-01-10', 12, 'Winter, after PD'],
      ['2025-10-10', 11, '@note\nsecond line'],
    ] as const) {
      await post(`/api/plans/${plan.id}/measures/${measure.body.id}/readings`, { date, value, note });
    }
    const res = await viewer.agent.get(`/api/plans/${plan.id}/export/measures.csv`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/_measures_\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([
      'Measure',
      'Term',
      'Unit',
      'Baseline',
      'Baseline date',
      'Target',
      'Target date',
      'Direction',
      'Data source',
      'How often collected',
      'Owner',
      'Responsible person',
      'Status',
      'Reading date',
      'Reading value',
      'Reading note',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[13], r[14], r[15]])).toEqual([
      // A reading's note is one line: the line break sent became a space.
      [`'=SUM(A1), "quoted", measure`, '2025-10-10', '11', `'@note second line`],
      [`'=SUM(A1), "quoted", measure`, '2026-01-10', '12', 'Winter, after PD'],
      ['No readings yet', '', '', ''],
      ['Absences (change)', '', '', ''],
    ]);
    // Negative numbers stay numbers, not formula-escaped text.
    expect(rows[4]!.slice(3, 6)).toEqual(['-5', '', '-12.5']);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/export/measures.csv`)).status).toBe(404);
  });
});

describe('gathering an export', () => {
  it('reads the plan once, in one read-only repeatable-read transaction, with as many queries for a large plan as a small one', async () => {
    const small = await buildPlan(t.db, lakeview);
    const large = await buildPlan(t.db, lakeview);
    // One of each kind in the small plan (an empty list skips its follow-up queries), several in the large.
    for (const [plan, count] of [
      [small.plan, 1],
      [large.plan, 5],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        for (const name of ['priorities', 'partners', 'measures'] as const) {
          await buildRow(t.db, lakeview, plan.id, name, { [name === 'priorities' ? 'title' : 'name']: `Row ${i}` });
        }
        await buildRole(t.db, lakeview, plan.id, { title: `Role ${i}` });
        await buildStakeholderInput(t.db, lakeview, plan.id);
      }
    }
    const queriesOf = async (planId: string, file: string) => {
      const sql: string[] = [];
      // The session's own statements are not the export's: its expiry is touched at most once a minute. (On
      // Postgres, the BEGIN checks a session kept in memory: it is the export's all the same.)
      const onQuery = (q: { sql: string }) => {
        if (/^begin/i.test(q.sql) || !/"sessions"/.test(q.sql)) sql.push(q.sql);
      };
      t.db.on('query', onQuery);
      try {
        const res = await admin.agent.get(`/api/plans/${planId}/${file}`);
        expect(res.status).toBe(200);
      } finally {
        t.db.removeListener('query', onQuery);
      }
      return sql;
    };
    // The CSV, and the PDF, which also reads the stakeholder trace.
    for (const file of ['export/actions.csv', 'export.pdf']) {
      const smallQueries = await queriesOf(small.plan.id, file);
      const largeQueries = await queriesOf(large.plan.id, file);
      expect({ file, queries: largeQueries.length }).toEqual({ file, queries: smallQueries.length });
      expect(largeQueries.find((q) => /^BEGIN/i.test(q))).toMatch(/ISOLATION LEVEL REPEATABLE READ READ ONLY/i);
      expect(largeQueries.filter((q) => /from "plans"/.test(q))).toHaveLength(1);
    }
  });
});
