import { matchingPeople, mentionAt, withoutInsertedMention } from '../src/features/comments/mentions';
import { typedTexts } from '../src/lib/plan-editing';
import { conflictFields, theirsOnlyNote, type ConflictFieldSpec } from '../src/lib/autosave/conflict-fields';
import { fieldMessage } from '../src/lib/forms';
import { parseDollars, parseNumber, parsePercent, parseSchoolYears, parseWholeNumber } from '../src/lib/parse';
import { proposedCopy } from '../src/features/plans/school-year';
import { describeYear } from '@planner/shared/budget';
import { yearIsLastIn } from '../src/lib/use-typed-date';
import type { PlanSummary } from '@planner/shared/plan';

describe('the parser', () => {
  it.each([
    ['125000', 12_500_000],
    ['$125,000.50', 12_500_050],
    ['19.99', 1_999],
    ['0.29', 29],
    ['1,234.5', 123_450],
    ['', null],
  ])('reads the dollars "%s" as exactly %p cents', (text, cents) => {
    expect(parseDollars(text)).toEqual({ ok: true, value: cents });
  });

  it.each(['lots', '12.345', '1,23', '-5'])('refuses "%s" as dollars, saying what it expects', (text) => {
    expect(parseDollars(text)).toEqual({ ok: false, message: 'must be an amount in dollars, such as 125,000.50' });
  });

  it('reads numbers, counts, percentages and school years as people type them', () => {
    expect(parseNumber('1,250.5')).toEqual({ ok: true, value: 1250.5 });
    expect(parseNumber('-3')).toEqual({ ok: true, value: -3 });
    expect(parseNumber('three').ok).toBe(false);
    expect(parseWholeNumber('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber('2.5').ok).toBe(false);
    expect(parsePercent('12.5%')).toEqual({ ok: true, value: 12.5 });
    expect(parseSchoolYears('2026-27, 2027-28;2028-29')).toEqual(['2026-27', '2027-28', '2028-29']);
  });

  it.each(['45,5', '1,25', '12,50', '1,2345', ',5', '1,,000', '-4,5'])(
    'refuses the comma of "%s", which is not between thousands, rather than read it as another number',
    (text) => {
      expect(parseNumber(text)).toEqual({
        ok: false,
        message: 'must be a number with a point for decimals, such as 45.5; commas go only between thousands (1,250)',
      });
      expect(parsePercent(`${text}%`).ok).toBe(false);
    },
  );

  it('refuses a count with a comma not between thousands, and takes those that are', () => {
    expect(parseWholeNumber('1,20')).toEqual({
      ok: false,
      message: 'must be a whole number, such as 3; commas go only between thousands (1,200)',
    });
    expect(parseWholeNumber('12,345,678')).toEqual({ ok: true, value: 12_345_678 });
    expect(parseNumber('-1,250,000.75')).toEqual({ ok: true, value: -1_250_000.75 });
  });
});

describe("a year of the plan's budget in words", () => {
  const year = {
    schoolYear: '2027-28',
    costCents: 0,
    securedRecurringCents: 0,
    securedGrantCents: 0,
    pendingCents: 0,
    ideaCents: 0,
    shortfallCents: 0,
    recurringSharePercent: null,
  };

  it('with no roles and nothing secured, says there is nothing to cover rather than that it is covered', () => {
    expect(describeYear(year)).toBe('2027-28: no costs yet; no money secured yet');
  });

  it('says a year short, and one covered, as before', () => {
    expect(describeYear({ ...year, costCents: 2_000_000, shortfallCents: 2_000_000 })).toBe(
      '2027-28: $20,000.00 short; no money secured yet',
    );
    expect(
      describeYear({ ...year, costCents: 2_000_000, securedRecurringCents: 3_000_000, recurringSharePercent: 100 }),
    ).toBe('2027-28: covered by secured funding; 100% of secured money is recurring');
  });
});

describe('messages in the words on the screen', () => {
  it('names the field before a rule, and writes a sentence of its own with a capital', () => {
    expect(fieldMessage('Amount', 'must not be negative')).toBe('Amount must not be negative');
    expect(fieldMessage('Kind', 'is required: choose one')).toBe('Kind is required: choose one');
    expect(fieldMessage('School year', 'the second year must follow the first, as in 2026-27')).toBe(
      'The second year must follow the first, as in 2026-27',
    );
  });
});

describe('the fields of a conflict', () => {
  type Row = { text: string; notes: string; status: string };
  const specs: ConflictFieldSpec<Row>[] = [
    { label: 'Action', fields: ['text'], format: (v) => v.text },
    { label: 'Status', fields: ['status'], format: (v) => v.status.toUpperCase() },
    { label: 'Notes', fields: ['notes'], format: (v) => v.notes, mergeable: true },
  ];

  it('lists the fields this person changed first, then those only the other changed, and merges long text', () => {
    const shown = { text: 'Same', notes: 'Mine', status: 'done' };
    const theirs = { text: 'Same', notes: 'Theirs', status: 'blocked' };
    const { fields, merged } = conflictFields(specs, { notes: 'Mine' }, shown, theirs);
    expect(fields).toEqual([
      { label: 'Notes', mine: 'Mine', theirs: 'Theirs' },
      { label: 'Status', mine: 'DONE', theirs: 'BLOCKED', note: theirsOnlyNote },
    ]);
    expect(merged).toEqual({ notes: 'Mine\n\nTheirs' });
  });

  it("takes a role's field modes sent back in the database's key order as the same, not as a change of theirs", () => {
    type Modes = { fieldModes: Record<string, string>; title: string };
    const modeSpecs: ConflictFieldSpec<Modes>[] = [
      { label: 'Title', fields: ['title'], format: (v) => v.title },
      { label: 'Set by', fields: ['fieldModes'], format: (v) => JSON.stringify(v.fieldModes) },
    ];
    const sent = { title: 'Reading coach', fieldModes: { title: 'loose', purpose: 'tight' } };
    const theirs = { title: 'Literacy coach', fieldModes: { purpose: 'tight', title: 'loose' } };
    const { fields } = conflictFields(modeSpecs, { title: 'Reading coach' }, sent, theirs, { title: 'Coach' });
    expect(fields).toEqual([{ label: 'Title', mine: 'Reading coach', theirs: 'Literacy coach' }]);
  });

  it("keeps on theirs no field of mine linked with one they changed: a measure's direction goes with its target", () => {
    type Path = { baseline: number; target: number; direction: string };
    const pathSpecs: ConflictFieldSpec<Path>[] = (['baseline', 'target', 'direction'] as const).map((field) => ({
      label: field,
      fields: [field],
      format: (v) => String(v[field]),
    }));
    const base = { baseline: 50, target: 70, direction: 'higher' };
    const mine = { target: 30, direction: 'lower' };
    const theirs = { ...base, target: 80 };
    const linked = [['baseline', 'target', 'direction']];
    const apart = conflictFields(pathSpecs, mine, { ...base, ...mine }, theirs, base);
    expect(apart.kept).toEqual({ direction: 'lower' });
    const together = conflictFields(pathSpecs, mine, { ...base, ...mine }, theirs, base, linked);
    expect(together.kept).toEqual({});
    expect(together.fields).toEqual([
      { label: 'target', mine: '30', theirs: '80' },
      { label: 'direction', mine: 'lower', theirs: 'higher' },
    ]);
  });
});

describe('copying a plan to a new year', () => {
  const plan = (title: string, schoolYear: string) => ({ title, schoolYear }) as PlanSummary;

  it('proposes the next school year, or the first after it that no plan of that title has', () => {
    const lastYear = plan('Teacher Leadership Plan 2026-27', '2026-27');
    expect(proposedCopy(lastYear, [lastYear])).toEqual({
      title: 'Teacher Leadership Plan 2027-28',
      schoolYear: '2027-28',
    });
    const taken = [lastYear, plan('Teacher Leadership Plan 2027-28', '2027-28')];
    expect(proposedCopy(lastYear, taken)).toEqual({ title: 'Teacher Leadership Plan 2028-29', schoolYear: '2028-29' });
    const untitledYear = plan('Our plan', '2026-27');
    expect(proposedCopy(untitledYear, [untitledYear, plan('Our plan 2027-28', '2027-28')])).toEqual({
      title: 'Our plan 2028-29',
      schoolYear: '2028-29',
    });
  });
});

describe('mentions typed in a comment', () => {
  const people = [
    { id: '1', name: 'Marcus Ortega', email: 'principal@lakeview.test' },
    { id: '2', name: 'Dana Whitfield', email: 'admin@lakeview.test' },
    { id: '3', name: 'Mara Lind', email: 'mara@lakeview.test' },
  ];

  it('finds the word after "@" that ends at the caret, and nothing in an address or after a space', () => {
    expect(mentionAt('Over to @mar', 12)).toEqual({ start: 8, typed: 'mar' });
    expect(mentionAt('@Da', 3)).toEqual({ start: 0, typed: 'Da' });
    expect(mentionAt('Over to @mar and more', 12)).toEqual({ start: 8, typed: 'mar' });
    expect(mentionAt('Over to @', 9)).toBeNull();
    expect(mentionAt('write to board@lakeview', 23)).toBeNull();
    expect(mentionAt('Over to @mar ', 13)).toBeNull();
  });

  it('offers the people whose name or email holds what is typed, leaving out those already chosen', () => {
    expect(matchingPeople(people, [], 'mar').map((p) => p.name)).toEqual(['Marcus Ortega', 'Mara Lind']);
    expect(matchingPeople(people, [people[0]!], 'MAR').map((p) => p.name)).toEqual(['Mara Lind']);
    expect(matchingPeople(people, [], 'admin@').map((p) => p.name)).toEqual(['Dana Whitfield']);
    expect(matchingPeople(people, [], 'zz')).toEqual([]);
  });

  it('takes out the "@Name " the Mention someone field put in, and nothing the writer changed', () => {
    expect(withoutInsertedMention('Please look. @Marcus Ortega ', 'Marcus Ortega')).toBe('Please look.');
    expect(withoutInsertedMention('@Marcus Ortega ', 'Marcus Ortega')).toBe('');
    expect(withoutInsertedMention('Look. @Mara Lind @Marcus Ortega ', 'Mara Lind')).toBe('Look. @Marcus Ortega ');
    expect(withoutInsertedMention('@Marcus Ortega can you check?', 'Marcus Ortega')).toBe('can you check?');
    // Changed since: the writer's words stay.
    expect(withoutInsertedMention('Look. @Marcus Ortega, please', 'Marcus Ortega')).toBeNull();
    expect(withoutInsertedMention('Look. @Marcus', 'Marcus Ortega')).toBeNull();
    expect(withoutInsertedMention('@Marcus Ortega and @Marcus Ortega ', 'Marcus Ortega')).toBeNull();
    expect(withoutInsertedMention('x@Marcus Ortega ', 'Marcus Ortega')).toBeNull();
  });
});

describe('the words of a change refused as its plan was archived', () => {
  it('keeps what was typed, in lists too, and leaves out what a control chose', () => {
    expect(
      typedTexts({
        text: 'Coach new teachers',
        notes: 'Start with Northside.',
        status: 'in_progress',
        dueDate: '2026-12-01',
        ownerUserId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
        ownerName: 'Superintendent’s cabinet',
        notApplicable: false,
        responsibilities: [{ text: 'Lead a PLC' }, { text: '' }],
      }),
    ).toEqual(['Coach new teachers', 'Start with Northside.', 'Superintendent’s cabinet', 'Lead a PLC']);
  });

  it('keeps a note of one word, or one that starts with a date, and leaves out a role’s field modes', () => {
    expect(
      typedTexts({
        notes: 'tbd',
        text: '2026-12-01 board meeting: present the plan',
        stance: 'champion',
        frequency: 'quarterly',
        fieldModes: { title: 'district', duties: 'school' },
        payKind: 'stipend',
        payFunding: 'grant',
        links: [{ kind: 'fundingSource', id: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e' }],
      }),
    ).toEqual(['tbd', '2026-12-01 board meeting: present the plan']);
  });
});

describe('a date typed in the order of its language', () => {
  it('ends with the year in en-US and en-GB, and starts with it in en-CA, sv-SE and ja-JP, where its year typed is not the date finished', () => {
    expect(['en-US', 'en-GB', 'es-US', 'en-CA', 'sv-SE', 'ja-JP'].map(yearIsLastIn)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
