import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as logicModel from '../src/features/logic-model/service';
import * as alignment from '../src/features/alignment/service';
import * as measures from '../src/features/measures/service';
import * as missteps from '../src/features/missteps/service';
import * as plans from '../src/features/plans/service';
import * as readiness from '../src/features/readiness/service';
import * as roles from '../src/features/roles/service';
import * as stakeholderInputs from '../src/features/stakeholder-inputs/service';
import * as tables from '../src/features/stage-tables/service';
import { signIn, startTestApp, type SignedInAgent, type TestApp } from './support/test-app';
import {
  buildDistrict,
  buildPlan,
  buildPrincipal,
  buildRole,
  buildRow,
  buildShareLink,
  signedInUserOf,
  testPassword,
  tokenOf,
  type TestDistrict,
} from './support/factories';
import { shareParts } from '@planner/shared/share-link';

/**
 * The PDFs of a plan written in many scripts, held to PDF/UA-1 by the checker in ../shared/tools/pdfua
 * (veraPDF's rules), to `overlaps.py` (no text printed over text) and to poppler's pdftotext (every
 * sample comes out as typed: no glyph missing, right-to-left text in reading order). They need Debian's
 * poppler-utils, qpdf, python3-pikepdf and python3-fonttools (.ci/run installs them).
 */
const tools = process.env.PDFUA_TOOLS ?? path.resolve(__dirname, '../../../shared/tools/pdfua');

const samples = {
  Spanish: 'Los líderes docentes acompañan a sus colegas en el aula',
  Vietnamese: 'Giáo viên lãnh đạo Nguyễn Thị Hương hướng dẫn đồng nghiệp',
  Chinese: '教师领导力计划支持新教师的成长',
  Japanese: '教員のリーダーシップ計画です',
  Korean: '교사 리더십 계획과 멘토링',
  Arabic: 'خطة القيادة للمعلمين',
  Hebrew: 'תוכנית מנהיגות מורים',
  Russian: 'Учитель-наставник помогает коллегам',
  Hindi: 'शिक्षक नेतृत्व योजना',
  'Haitian Creole': 'Pwofesè yo ap travay ansanm pou elèv yo',
  Somali: 'Macallimiinta hoggaaminta waxay taageeraan ardayda',
  Bengali: 'শিক্ষক নেতৃত্ব পরিকল্পনা',
  Tamil: 'ஆசிரியர் தலைமைத் திட்டம்',
  Thai: 'แผนความเป็นผู้นำของครู',
  Amharic: 'የመምህራን አመራር እቅድ',
  Armenian: 'Ուսուցիչների առաջնորդության ծրագիր',
  Georgian: 'მასწავლებელთა ლიდერობის გეგმა',
  Symbols: 'Done ✓ → next ★ © 2026 ⚠ ① ♻',
  Emoji: 'Great work 👍🏽 🎉 👨‍👩‍👧 ❤️',
};
const sampleTexts = Object.values(samples);

/** Thai with no space in it, longer than a line: it must wrap between its words. */
const thaiParagraph = 'ครูพี่เลี้ยงช่วยให้ครูใหม่วางแผนการสอนทุกสัปดาห์และสังเกตการสอนในห้องเรียน'.repeat(4);

/** Runic, which no font of the PDFs has: printed as stand-ins, kept in the text. */
const runic = 'ᚠᚢᚦᚨᚱᚲ';

let t: TestApp;
let district: TestDistrict;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;
let planId: string;
let roleId: string;
let folder: string;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The checker runs Debian's python3, where the Debian packages install (not a python3 earlier on the PATH). */
const debianPython = '/usr/bin/python3';

function missingTools(): string[] {
  const missing: string[] = [];
  for (const file of ['check', 'overlaps.py'])
    if (!existsSync(path.join(tools, file))) missing.push(path.join(tools, file));
  for (const command of ['pdftotext', 'qpdf', debianPython]) {
    if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) missing.push(command);
  }
  if (spawnSync(debianPython, ['-c', 'import pikepdf, fontTools']).status !== 0)
    missing.push('python3-pikepdf, python3-fonttools');
  return missing;
}

/** Downloads a PDF as `who`, saves it in the test's folder and returns its path. */
async function savePdf(who: SignedInAgent, url: string, name: string): Promise<string> {
  const res = await who.agent.get(url).buffer(true);
  expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
  const file = path.join(folder, name);
  writeFileSync(file, res.body as Buffer);
  return file;
}

/** The text layer as poppler reads it, spaces and line breaks made single spaces. */
const textOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  const missing = missingTools();
  if (missing.length > 0) {
    throw new Error(
      `The PDF/UA checks need: ${missing.join(', ')}. Install them with ` +
        '`apt-get install -y poppler-utils qpdf python3-pikepdf python3-fonttools` (.ci/run does), ' +
        'and the checker in ../shared/tools/pdfua (or set PDFUA_TOOLS).',
    );
  }
  folder = mkdtempSync(path.join(os.tmpdir(), 'planner-pdf-ua-'));
  t = await startTestApp();
  const [lakeview, hillcrest] = await Promise.all([buildDistrict(t.db), buildDistrict(t.db)]);
  district = lakeview;
  [viewer, otherAdmin] = await Promise.all([
    signIn(t.app, district.viewer.email, testPassword),
    signIn(t.app, hillcrest.admin.email, testPassword),
  ]);
  const admin = signedInUserOf(district);
  const { plan } = await buildPlan(t.db, district, { title: 'Plan 2026-27 · Plan de liderazgo · 教师计划' });
  planId = plan.id;
  // Each key question answered in one language, with a line of English around it.
  const questions = plan.stages.flatMap((s) => s.questions);
  for (const [i, question] of questions.entries()) {
    const sample = sampleTexts[i % sampleTexts.length]!;
    await plans.saveAnswer(t.db, admin, plan.id, question.key, {
      text: `Families told us:\n\n${sample}\n\nWrite to family.engagement.office@lakeview-unified-school-district.example.org or see https://lakeview-unified-school-district.example.org/teacher-leadership/family-engagement/2026-27/plan.`,
      version: question.answer.version,
    });
  }
  for (const [i, sample] of sampleTexts.entries()) {
    await plans.addAction(t.db, admin, plan.id, { stageKey: i % 2 === 0 ? 'build' : 'design', text: sample });
  }
  for (const sample of sampleTexts.slice(0, 4)) {
    await buildRow(t.db, district, plan.id, 'priorities', {
      title: sample,
      description: `Contact: maria.gonzalez-rodriguez@lakeview-unified-school-district.example.org. ${sample}`,
    });
  }
  const measure = await buildRow(t.db, district, plan.id, 'measures', {
    name: 'Third graders reading on grade level',
    unit: '%',
    baseline: 48,
    baselineDate: '2026-09-01',
    target: 60,
    targetDate: '2027-06-01',
  });
  for (const [date, value, note] of [
    ['2026-09-15', 50, ''],
    ['2026-10-15', 51, `Fall benchmark: ${samples.Vietnamese}`],
    ['2026-11-15', 53, ''],
  ] as const) {
    await measures.addReading(t.db, admin, plan.id, measure.id, { date, value, note });
  }
  await buildRow(t.db, district, plan.id, 'measures', { name: 'Teachers staying in the district' });
  const role = await buildRole(t.db, district, plan.id, {
    title: `Instructional coach · ${samples.Arabic}`,
    purpose: `${samples.Hebrew}. ${samples.Korean}. ${samples.Hindi}. Coaches K-3 teams.`,
  });
  const updated = await roles.updateRole(t.db, admin, plan.id, role.id, {
    version: role.version,
    responsibilities: [
      { text: `Leads weekly planning: ${samples.Spanish}`, domains: [4, 3] },
      { text: `Mentors new teachers: ${samples.Japanese}`, domains: [] },
    ],
    measureIds: [measure.id],
  });
  roleId = updated.id;
  // Readiness: the district and a school, one with evidence in another script.
  for (const [schoolId, indicatorKey, rating] of [
    [null, 'culture.vision', 3],
    [null, 'systems.time', 1],
    [district.schools[0]!.id, 'roles.clarity', 2],
  ] as const) {
    await readiness.createRating(t.db, admin, plan.id, { schoolId, indicatorKey, rating, evidence: samples.Russian });
  }

  // The logic model: long enough to run on to a second landscape page, with one link broken.
  await logicModel.updateCanvas(t.db, admin, plan.id, {
    problemStatement: `Too few new teachers stay past year three. ${samples.Somali} ${thaiParagraph} Runes: ${runic}.`,
    goal: `Keep nine in ten new teachers. ${samples.Russian}`,
    version: 1,
  });
  const grant = await buildRow(t.db, district, plan.id, 'fundingSources', { name: 'Retired literacy grant' });
  await logicModel.addEntry(t.db, admin, plan.id, {
    section: 'input',
    horizon: null,
    text: `Stipends for coaches: ${samples.Chinese}`,
    links: [{ kind: 'fundingSource', id: grant.id }],
  });
  await tables.removeRow(t.db, admin, 'fundingSources', plan.id, grant.id, 1, tables.plainRows('fundingSources'));
  for (let i = 1; i <= 24; i++) {
    await logicModel.addEntry(t.db, admin, plan.id, {
      section: 'activity',
      horizon: null,
      text: `Coaching cycle ${i}: observe, debrief and co-plan with each teacher of the team, every week of the term`,
      links: [{ kind: 'role', id: role.id }],
    });
  }
  await logicModel.addEntry(t.db, admin, plan.id, {
    section: 'output',
    horizon: 3,
    text: `Every new teacher has a mentor: ${samples['Haitian Creole']}`,
    links: [{ kind: 'measure', id: measure.id }],
  });
  await logicModel.addEntry(t.db, admin, plan.id, {
    section: 'outcome',
    horizon: null,
    text: 'More third graders read on grade level',
    links: [{ kind: 'measure', id: measure.id }],
  });

  // Missteps of stage 4, one happening with a note; the district's answer on a factor the fields leave open.
  await missteps.addStarters(t.db, admin, plan.id, { stageKey: 'build' });
  await missteps.addMisstep(t.db, admin, plan.id, {
    stageKey: 'build',
    text: 'Coaches asked to lead with no release time',
    status: 'happening',
    note: `Two schools cut the block. ${samples.Russian}`,
  });
  await alignment.saveAnswer(t.db, admin, plan.id, roleId, 'authority_accountability', {
    answer: 'yes',
    note: samples.Somali,
    version: null,
  });

  // The stakeholder trace: families heard in their languages, one input shaping an answer and the role.
  const families = await buildRow(t.db, district, plan.id, 'stakeholders', { name: 'Familias de Lakeview' });
  for (const [i, sample] of [samples.Spanish, samples.Arabic, samples.Vietnamese].entries()) {
    await stakeholderInputs.addInput(t.db, admin, plan.id, families.id, {
      kind: i === 0 ? 'meeting' : 'survey_finding',
      heardOn: `2026-10-0${String(i + 1)}`,
      source: `Family night ${String(i + 1)}`,
      summary: `${sample}\n\nFamilies asked for coaches who speak their language.`,
      shaped:
        i === 0
          ? [
              { kind: 'answer', id: questions[0]!.key },
              { kind: 'role', id: roleId },
            ]
          : [],
    });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('PDF/UA-1 exports in every script', () => {
  let files: Record<'plan' | 'stage' | 'role' | 'shared', string>;

  beforeAll(async () => {
    // Everything a share link can show, the trace included: what the public reads is held to the same rules.
    const link = await buildShareLink(t.db, district, planId, { parts: [...shareParts] });
    files = {
      plan: await savePdf(viewer, `/api/plans/${planId}/export.pdf`, 'plan.pdf'),
      stage: await savePdf(viewer, `/api/plans/${planId}/export.pdf?stage=build`, 'stage.pdf'),
      role: await savePdf(viewer, `/api/plans/${planId}/roles/${roleId}/export.pdf`, 'role.pdf'),
      shared: await savePdf(viewer, `/api/shared/${tokenOf(link.url)}/export.pdf`, 'shared.pdf'),
    };
  }, 120_000);

  it('when the whole plan, a stage, a role and a share link are exported, then each passes the PDF/UA-1 check with no failed rule', () => {
    for (const [name, file] of Object.entries(files)) {
      const { status, output } = run(path.join(tools, 'check'), [file]);
      expect({ name, status, output }).toEqual({ name, status: 0, output: expect.any(String) as string });
    }
  });

  it('then no word is printed over another', () => {
    for (const [name, file] of Object.entries(files)) {
      const { status, output } = run(debianPython, [path.join(tools, 'overlaps.py'), file]);
      expect({ name, status, last: output.trim().split('\n').at(-1) }).toEqual({
        name,
        status: 0,
        last: '0 overlapping word pairs',
      });
    }
  });

  it('then every sample extracts as typed, in reading order, with no missing glyph', () => {
    const text = flat(textOf(files.plan));
    for (const [language, sample] of Object.entries(samples)) {
      expect({ language, found: text.includes(sample) }).toEqual({ language, found: true });
    }
    for (const file of Object.values(files)) {
      // A glyph the fonts lack extracts as U+0000 or U+FFFD.
      const text = textOf(file);
      expect([text.includes('\u0000'), text.includes('\uFFFD')]).toEqual([false, false]);
    }
  });

  it('then the stage’s missteps and the roles’ framework alignment are in the plan and the stage', () => {
    for (const file of [files.plan, files.stage]) {
      const text = flat(textOf(file));
      expect(text).toContain('Missteps to avoid');
      expect(text).toContain('1 of 5 marked happening');
      expect(text).toContain(`Note: Two schools cut the block. ${samples.Russian}`);
      expect(text).toContain('Teacher Leader Model Standards served');
      expect(text).toContain('No role serves domain 1, 2, 5, 6, 7.');
      expect(text).toContain('Authority matched to');
      expect(text).toContain('The district answered yes.');
    }
  });

  it('then the whole plan carries what stakeholders said, and what each input shaped', () => {
    const text = flat(textOf(files.plan));
    expect(text).toContain('What we heard, and what we did with it');
    expect(text).toContain('3 inputs from 1 stakeholder, newest first.');
    expect(text).toContain(`Meeting, Oct 1, 2026 (Family night 1): ${samples.Spanish}`);
    // Newest first, as the share link shows them.
    const [newest, oldest] = [text.indexOf('(Family night 3)'), text.indexOf('(Family night 1)')];
    expect(newest).toBeGreaterThan(0);
    expect(newest).toBeLessThan(oldest);
    expect(text).toContain('What we did with it: • Answer: What priorities can be advanced');
    expect(text).toContain('• Teacher-leader role: Instructional coach');
    expect(flat(textOf(files.stage))).not.toContain('What we heard');
  });

  it('then a long email address and link break at their punctuation, never losing a character', () => {
    const text = textOf(files.plan).replace(/\s+/g, '');
    expect(text).toContain('family.engagement.office@lakeview-unified-school-district.example.org');
    expect(text).toContain(
      'https://lakeview-unified-school-district.example.org/teacher-leadership/family-engagement/2026-27/plan.',
    );
  });

  it('then passages in another script are tagged with their language', () => {
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', files.plan, '-'], {
      maxBuffer: 64 << 20,
    }).toString('latin1');
    for (const lang of ['he', 'ar', 'hi', 'zh', 'ja', 'ko', 'bn', 'ta', 'th', 'am', 'hy', 'ka'])
      expect(raw).toContain(`/Lang (${lang})`);
  });

  it('then Thai, written with no space, wraps between its words, and extracts whole', () => {
    const text = textOf(files.plan);
    const start = text.indexOf(thaiParagraph.slice(0, 12));
    const lines = text.slice(start, text.indexOf(' Runes:', start)).split('\n');
    expect(lines.join('')).toBe(thaiParagraph);
    expect(lines.length).toBeGreaterThan(2);
    // Each line but the last ends where a word ends.
    const words = new Intl.Segmenter('th', { granularity: 'word' });
    const ends = new Set([...words.segment(thaiParagraph)].map((w) => w.index + w.segment.length));
    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.length;
      expect({ line, endsAWord: ends.has(at) }).toEqual({ line, endsAWord: true });
    }
  });

  it('then characters no font has are printed as visible stand-ins that still say the characters', () => {
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', files.plan, '-'], {
      maxBuffer: 64 << 20,
    }).toString('latin1');
    const utf16 = [...runic].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
    expect(raw.toLowerCase()).toContain(`/actualtext <feff${utf16}>`);
    // The stand-in, a white square, is a glyph of the embedded Latin font.
    expect(raw).toMatch(/<[0-9a-f]{4}> <25a1>/i);
    expect(flat(textOf(files.plan))).toContain(`Runes: ${runic}.`);
  });

  it('then each measure with readings has its chart as a Figure whose alternative text tells the chart, and a table of its readings', () => {
    // The structure tree's Figures, with their /Alt and /BBox, as pikepdf reads them.
    const script = [
      'import json, sys, pikepdf',
      'pdf = pikepdf.open(sys.argv[1])',
      'found = []',
      'def walk(node):',
      '    if isinstance(node, pikepdf.Array):',
      '        for kid in node: walk(kid)',
      '    elif isinstance(node, pikepdf.Dictionary):',
      "        if node.get('/S') == '/Figure':",
      "            a = node.get('/A')",
      "            found.append({'alt': str(node.get('/Alt', '')), 'bbox': len(a.get('/BBox', [])) if a is not None else 0})",
      "        if '/K' in node: walk(node.K)",
      'walk(pdf.Root.StructTreeRoot.K)',
      'print(json.dumps(found))',
    ].join('\n');
    const figures = JSON.parse(execFileSync(debianPython, ['-c', script, files.plan], { encoding: 'utf8' })) as {
      alt: string;
      bbox: number;
    }[];
    expect(figures).toEqual([
      {
        alt:
          'Line chart of Third graders reading on grade level: baseline 48% (Sep 1, 2026), target at or above 60% (Jun 1, 2027); ' +
          '3 readings from Sep 15, 2026 to Nov 15, 2026, the latest 53% on Nov 15, 2026; on track.',
        bbox: 4,
      },
    ]);
    const text = flat(textOf(files.plan));
    for (const row of [
      'Sep 15, 2026 50%',
      'Oct 15, 2026 51%',
      `Fall benchmark: ${samples.Vietnamese}`,
      'Nov 15, 2026 53%',
    ])
      expect(text).toContain(row);
    expect(text).toMatch(/Teachers staying in the district No readings yet\./);
  });

  it('then stage 2 holds the readiness self-assessment as a table of each rated scope', () => {
    const text = flat(textOf(files.plan));
    expect(text).toContain('Readiness self-assessment');
    expect(text).toMatch(/The district 3 Not rated 1 1/);
    expect(text).toMatch(new RegExp(`${district.schools[0]!.name} Not rated 2 Not rated 1`));
  });

  it('then the logic model is on landscape pages of its own, every entry complete, a broken link named as broken', () => {
    const pages = textOf(files.plan).split('\f');
    const first = pages.findIndex((page) => page.trimStart().startsWith('Logic model'));
    expect(first).toBeGreaterThan(0);
    const sizeOf = (page: number) =>
      execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), files.plan], { encoding: 'utf8' }).match(
        new RegExp(`Page +${page} size: +([\\d.]+) x ([\\d.]+)`),
      );
    for (const page of [first + 1, first + 2]) {
      const size = sizeOf(page);
      expect(Number(size?.[1])).toBeGreaterThan(Number(size?.[2]));
    }
    const model = flat(pages.slice(first).join(' '));
    expect(model).toContain(`Too few new teachers stay past year three. ${samples.Somali}`);
    expect(model).toContain('Funding source: broken (deleted: Retired literacy grant)');
    expect(model).toContain('Outputs, at 3 months');
    for (let i = 1; i <= 24; i++) expect(model).toContain(`Coaching cycle ${i}: observe, debrief and co-plan`);
    expect(model).toContain('More third graders read on grade level');
  });

  it('when a stage is exported alone, then it starts with the stage heading: no cover, no contents of the whole plan', () => {
    const pages = textOf(files.stage).split('\f');
    expect(flat(pages[0]!)).toMatch(/Stage 4 of 4: Build strategically/);
    expect(flat(textOf(files.stage))).not.toMatch(/Contents|Progress by stage/);
  });

  it("when a role's PDF is asked for, then it holds that role with numbered responsibilities; another district gets 404", async () => {
    const text = flat(textOf(files.role));
    expect(text).toContain(`Teacher-leader role: Instructional coach`);
    expect(text).toContain(`1. Leads weekly planning: ${samples.Spanish}`);
    expect(text).toContain(`2. Mentors new teachers: ${samples.Japanese}`);
    expect(text).not.toContain('•');
    const other = await otherAdmin.agent.get(`/api/plans/${planId}/roles/${roleId}/export.pdf`);
    expect(other.status).toBe(404);
  });
});

describe("a role's PDF, as the role's page reads it", () => {
  let text: string;
  let file: string;
  let firstPrincipal: string;
  let secondPrincipal: string;

  beforeAll(async () => {
    const admin = signedInUserOf(district);
    const [north, , east] = district.schools;
    const eastPrincipal = await buildPrincipal(t.db, district.id, [east!.id]);
    [firstPrincipal, secondPrincipal] = [district.principal.name, eastPrincipal.name];
    const role = await buildRole(t.db, district, planId, {
      title: 'Reading lead',
      schoolIds: [north!.id, east!.id],
      fieldModes: {
        title: 'tight',
        purpose: 'tight',
        releasePercent: 'loose',
        teachingLoad: 'loose',
        payKind: 'tight',
        selectionProcess: 'loose',
      },
      applicationOpens: null,
      applicationCloses: '2027-03-15',
    });
    // Round 1: one school approves, the other sends it back; edited and sent again, round 2 waits on both.
    const sent = await roles.submitRole(t.db, admin, planId, role.id);
    for (const [principal, decision, comment] of [
      [district.principal, 'approve', 'ok'],
      [eastPrincipal, 'request_changes', 'Say when applications open'],
    ] as const) {
      await roles.reviewRole(t.db, signedInUserOf(district, principal), planId, role.id, {
        decision,
        comment,
        version: sent.version,
        round: sent.round,
      });
    }
    const sentBack = await roles.getRole(t.db, admin, planId, role.id);
    const edited = await roles.updateRole(t.db, admin, planId, role.id, {
      version: sentBack.version,
      purpose: 'Leads reading in the early grades',
    });
    await roles.submitRole(t.db, admin, planId, edited.id);
    file = await savePdf(viewer, `/api/plans/${planId}/roles/${role.id}/export.pdf`, 'reviewed-role.pdf');
    text = flat(textOf(file));
  }, 120_000);

  it('then it passes the PDF/UA-1 check', () => {
    const { status, output } = run(path.join(tools, 'check'), [file]);
    expect({ status, output }).toEqual({ status: 0, output: expect.any(String) as string });
  });

  it("then each review decision says its round, an earlier round's as such, while the current round waits on each school", () => {
    const [north, , east] = district.schools;
    // The schools in order of name: East before North.
    expect(text).toContain(`Review status: In review, round 2 (${east!.name}: waiting; ${north!.name}: waiting)`);
    expect(text).toMatch(
      new RegExp(
        `${firstPrincipal}, \\w+ \\d+, \\d{4}, round 1, before the role was sent for review again: approved: “ok”`,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `${secondPrincipal}, \\w+ \\d+, \\d{4}, round 1, before the role was sent for review again: requested changes: “Say when applications open”`,
      ),
    );
  });

  it('then it names the features the district sets and those each school may adapt, and counts those not decided', () => {
    expect(text).toContain('Set by the district (tight): Title; Purpose; Kind of pay');
    expect(text).toContain(
      'May be adapted by each school (loose): Time released from teaching (% of the week); Teaching load kept; Selection process',
    );
    // Of its 30 features (the coach's pay is a stipend: the supplement and extra days are not among them, as on its page).
    expect(text).toContain('Not yet decided whether the district sets them or each school may adapt them: 24 features');
    expect(text).not.toContain('the rest are set by the district');
  });

  it('when an approved role is edited and returns to draft, then its decision says it came before the change', async () => {
    const admin = signedInUserOf(district);
    const sent = await roles.submitRole(
      t.db,
      admin,
      planId,
      (await buildRole(t.db, district, planId, { title: 'Math lead', schoolIds: [district.schools[0]!.id] })).id,
    );
    await roles.reviewRole(t.db, signedInUserOf(district, district.principal), planId, sent.id, {
      decision: 'approve',
      comment: 'Fine',
      version: sent.version,
      round: sent.round,
    });
    await roles.updateRole(t.db, admin, planId, sent.id, { version: sent.version, positions: 2 });
    const draft = flat(textOf(await savePdf(viewer, `/api/plans/${planId}/roles/${sent.id}/export.pdf`, 'draft.pdf')));
    expect(draft).toContain(`Review status: Draft (${district.schools[0]!.name}: not in review)`);
    expect(draft).toMatch(
      new RegExp(
        `${firstPrincipal}, \\w+ \\d+, \\d{4}, round 1, before the role was changed and returned to draft: approved: “Fine”`,
      ),
    );
  });

  it('then an application window with only its closing day says it closes then', () => {
    expect(text).toContain('Application window: closes Mar 15, 2027');
  });
});
