import {
  alignmentSubjectId,
  factorCounts,
  parseAlignmentSubjectId,
  planAlignment,
  roleAlignment,
  tlmsCoverage,
  type AlignedRole,
  type AlignmentAnswer,
} from './alignment';

const role = (overrides: Partial<AlignedRole> = {}): AlignedRole => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Multi-classroom leader',
  responsibilities: [],
  releasePercent: 50,
  reachTeachers: 5,
  reachStudents: 120,
  payKind: 'stipend',
  stipendCents: 500_000,
  supplementPercent: 0,
  extraDays: 0,
  payFunding: 'recurring',
  evaluatesStaff: false,
  supervisesStaff: false,
  measureIds: ['00000000-0000-4000-8000-0000000000aa'],
  ...overrides,
});

const answer = (factor: AlignmentAnswer['factor'], value: AlignmentAnswer['answer'], note = ''): AlignmentAnswer => ({
  factor,
  answer: value,
  note,
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
});

const factor = (r: AlignedRole, name: string, answers: AlignmentAnswer[] = []) =>
  roleAlignment(r, answers).factors.find((f) => f.factor === name)!;

describe('a role against the high-impact factors, from its own fields', () => {
  it('when a role is funded by a grant, then recurring funding is not met, and it says why', () => {
    const result = factor(role({ payFunding: 'grant' }), 'recurring_funding');
    expect(result).toMatchObject({ state: 'not_met', decidedBy: 'fields' });
    expect(result.reason).toMatch(/grant/);
    expect(factor(role(), 'recurring_funding').state).toBe('met');
  });

  it('when a role has 0% release, then it gives no time to lead but keeps its teaching', () => {
    const r = role({ releasePercent: 0 });
    expect(factor(r, 'time_to_lead')).toMatchObject({
      state: 'not_met',
      reason: '0% release: no time in the school day to lead.',
    });
    expect(factor(r, 'continued_teaching')).toMatchObject({ state: 'met', reason: 'Keeps teaching 100% of the week.' });
  });

  it('when a role is fully released, then it no longer counts as continued teaching', () => {
    expect(factor(role({ releasePercent: 100 }), 'continued_teaching').state).toBe('not_met');
    expect(factor(role({ releasePercent: 100 }), 'time_to_lead').state).toBe('met');
  });

  it('when a role pays nothing extra, whatever the kind of pay, then pay for reach is not met', () => {
    expect(factor(role({ stipendCents: 0 }), 'pay_for_reach').state).toBe('not_met');
    expect(factor(role({ payKind: 'percent_supplement', supplementPercent: 20 }), 'pay_for_reach')).toMatchObject({
      state: 'met',
      reason: 'Paid a 20% supplement for the added responsibility.',
    });
    expect(factor(role({ payKind: 'extra_days', extraDays: 0, stipendCents: 900 }), 'pay_for_reach').state).toBe(
      'not_met',
    );
    expect(factor(role(), 'pay_for_reach').reason).toBe('Paid a $5,000.00 stipend for the added responsibility.');
  });

  it('when the kind of pay is not yet decided, then pay for reach waits for it, whatever amount is stored', () => {
    expect(factor(role({ payKind: null, stipendCents: 900 }), 'pay_for_reach')).toMatchObject({
      state: 'needs_answer',
      reason: 'Kind of pay is not yet decided: set it on the role.',
    });
  });

  it('when a role leads other teachers, then its reach is met; serving none is not', () => {
    expect(factor(role(), 'reach')).toMatchObject({ state: 'met', reason: 'Leads 5 other teachers, 120 students.' });
    expect(factor(role({ reachTeachers: 0 }), 'reach').state).toBe('not_met');
  });

  it('when a role names no measure of its success, then authority is not matched to accountability', () => {
    expect(factor(role({ measureIds: [] }), 'authority_accountability')).toMatchObject({
      state: 'not_met',
      decidedBy: 'fields',
    });
  });
});

describe('where the fields cannot decide, the district answers', () => {
  it('when the reach is not estimated and nobody answered, then it needs the district’s answer', () => {
    const result = factor(role({ reachTeachers: null }), 'reach');
    expect(result).toMatchObject({ state: 'needs_answer', decidedBy: 'district', answer: null, answerable: true });
    expect(result.reason).toMatch(/not estimated/);
  });

  it('when the role is accountable for measures, then its authority is asked, with the facts', () => {
    const result = factor(role({ evaluatesStaff: true }), 'authority_accountability');
    expect(result.state).toBe('needs_answer');
    expect(result.reason).toBe(
      'Accountable for 1 measure; evaluates staff: yes, supervises staff: no. Does its authority match what it is accountable for?',
    );
    expect(factor(role({ evaluatesStaff: null, supervisesStaff: null }), 'authority_accountability').reason).toBe(
      'Accountable for 1 measure; evaluates staff: not yet decided, supervises staff: not yet decided. Does its authority match what it is accountable for?',
    );
  });

  it('when the district answers yes, no or not yet, then the factor is met, not met or still open, with its note', () => {
    const r = role();
    expect(
      factor(r, 'authority_accountability', [answer('authority_accountability', 'yes', 'Leads its team only.')]),
    ).toMatchObject({
      state: 'met',
      reason: 'The district answered yes. Leads its team only.',
    });
    expect(factor(r, 'authority_accountability', [answer('authority_accountability', 'no')]).state).toBe('not_met');
    expect(factor(r, 'authority_accountability', [answer('authority_accountability', 'not_yet')]).state).toBe(
      'needs_answer',
    );
  });

  it('when the fields decide a factor, then an earlier answer does not override them', () => {
    const result = factor(role({ reachTeachers: 0 }), 'reach', [answer('reach', 'yes')]);
    expect(result).toMatchObject({ state: 'not_met', decidedBy: 'fields' });
  });

  it('counts the factors in words', () => {
    expect(factorCounts(roleAlignment(role({ payFunding: 'grant' }), []))).toBe(
      '4 met, 1 not met, 1 needs your answer',
    );
  });
});

describe('Teacher Leader Model Standards coverage', () => {
  it('counts roles and responsibilities per domain, and names the domains no role serves', () => {
    const coach = role({
      responsibilities: [
        { text: 'Lead coaching cycles', domains: [4, 3] },
        { text: 'Model lessons', domains: [4] },
      ],
    });
    const dataLead = role({
      id: '00000000-0000-4000-8000-000000000002',
      responsibilities: [{ text: 'Run data meetings', domains: [5] }],
    });
    const coverage = tlmsCoverage([coach, dataLead]);
    expect(coverage.domains.find((d) => d.number === 4)).toMatchObject({ roles: 1, responsibilities: 2 });
    expect(coverage.domains.find((d) => d.number === 5)).toMatchObject({ roles: 1, responsibilities: 1 });
    expect(coverage.uncoveredDomains).toEqual([1, 2, 6, 7]);
  });

  it('when a plan has no roles, then no domain is served', () => {
    const plan = planAlignment([], new Map());
    expect(plan.uncoveredDomains).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.roles).toEqual([]);
  });
});

describe('the subject of a thread on one factor', () => {
  const roleId = '7a1c2a4e-1b2c-4d3e-8f40-5a6b7c8d9e0f';
  it('names the role and the factor, and reads back the same', () => {
    expect(alignmentSubjectId(roleId, 'pay_for_reach')).toBe(`${roleId}:pay_for_reach`);
    expect(parseAlignmentSubjectId(`${roleId}:pay_for_reach`)).toEqual({ roleId, factor: 'pay_for_reach' });
  });
  it('reads nothing from an id that names no factor of a role', () => {
    for (const id of [
      roleId,
      `${roleId}:charisma`,
      'design.q1',
      `${roleId}:reach:extra`,
      `x${roleId}:reach`,
      // One spelling only, as stored: an uppercase id would start threads the role's page never finds.
      `${roleId.toUpperCase()}:reach`,
    ]) {
      expect(parseAlignmentSubjectId(id)).toBeNull();
    }
  });
});
