import {
  budgetYears,
  computeBudget,
  costSettingsSentence,
  describeYear,
  programCostSentence,
  roleCost,
  type RoleForCost,
} from './budget';

const settings = { averageTeacherCostCents: 80_000_00, contractDays: 200 };
const role = (overrides: Partial<RoleForCost>): RoleForCost => ({
  id: 'r',
  title: 'Coach',
  payKind: 'stipend',
  stipendCents: 5_000_00,
  supplementPercent: 0,
  extraDays: 0,
  payFunding: 'recurring',
  releasePercent: 0,
  positions: 1,
  ...overrides,
});

describe('roleCost', () => {
  it('is the stipend plus the released share of a teacher, times the positions', () => {
    // $5,000 stipend and 25% of an $80,000 teacher, for 4 positions.
    const cost = roleCost(role({ releasePercent: 25, positions: 4 }), settings);
    expect(cost).toMatchObject({
      payPerPositionCents: 5_000_00,
      releasedTimePerPositionCents: 20_000_00,
      perPositionCents: 25_000_00,
      totalCents: 100_000_00,
    });
  });

  it('prices a percentage supplement on the average teacher cost', () => {
    expect(roleCost(role({ payKind: 'percent_supplement', supplementPercent: 20 }), settings).payPerPositionCents).toBe(
      16_000_00,
    );
  });

  it('prices extra days at a day of the average teacher cost', () => {
    // $80,000 over 200 days is $400 a day; 10 days cost $4,000.
    expect(roleCost(role({ payKind: 'extra_days', extraDays: 10 }), settings).payPerPositionCents).toBe(4_000_00);
  });

  it('prices no pay while the kind of pay is not yet decided, whatever amount is stored', () => {
    expect(roleCost(role({ payKind: null, stipendCents: 5_000_00 }), settings).payPerPositionCents).toBe(0);
  });

  it('costs nothing for zero positions', () => {
    expect(roleCost(role({ positions: 0, releasePercent: 50 }), settings).totalCents).toBe(0);
  });
});

describe('computeBudget', () => {
  const roles = [
    role({ id: 'a', stipendCents: 10_000_00, positions: 2 }),
    role({ id: 'b', stipendCents: 30_000_00, payFunding: 'grant' }),
  ];

  it('sets the program cost against secured funding per school year, with the recurring share and the shortfall', () => {
    const budget = computeBudget(
      roles,
      [
        { kind: 'existing', amountCents: 20_000_00, schoolYears: ['2026-27', '2027-28'], status: 'secured' },
        { kind: 'new_grant', amountCents: 30_000_00, schoolYears: ['2026-27'], status: 'secured' },
        { kind: 'redistributed', amountCents: 5_000_00, schoolYears: ['2027-28'], status: 'pending' },
        { kind: 'new_grant', amountCents: 99_000_00, schoolYears: ['2027-28'], status: 'idea' },
      ],
      settings,
      '2026-27',
    );
    expect(budget.totalCents).toBe(50_000_00);
    expect(budget.recurringRoleCostCents).toBe(20_000_00);
    expect(budget.grantRoleCostCents).toBe(30_000_00);
    expect(budget.years).toEqual([
      {
        schoolYear: '2026-27',
        costCents: 50_000_00,
        securedRecurringCents: 20_000_00,
        securedGrantCents: 30_000_00,
        pendingCents: 0,
        ideaCents: 0,
        shortfallCents: 0,
        recurringSharePercent: 40,
      },
      {
        schoolYear: '2027-28',
        costCents: 50_000_00,
        securedRecurringCents: 20_000_00,
        securedGrantCents: 0,
        pendingCents: 5_000_00,
        ideaCents: 99_000_00,
        shortfallCents: 30_000_00,
        recurringSharePercent: 100,
      },
    ]);
  });

  it('shows the whole cost as shortfall and no recurring share when nothing is secured', () => {
    const budget = computeBudget(roles, [], settings, '2026-27');
    expect(budget.years).toEqual([
      expect.objectContaining({ schoolYear: '2026-27', shortfallCents: 50_000_00, recurringSharePercent: null }),
    ]);
  });

  it('says 100% recurring only when every secured dollar is, and 0% only when none is', () => {
    const share = (recurringCents: number, grantCents: number) => {
      const [year] = computeBudget(
        roles,
        [
          { kind: 'existing', amountCents: recurringCents, schoolYears: ['2026-27'], status: 'secured' },
          { kind: 'new_grant', amountCents: grantCents, schoolYears: ['2026-27'], status: 'secured' },
        ],
        settings,
        '2026-27',
      ).years;
      return [year!.recurringSharePercent, describeYear(year!).split('; ')[1]];
    };
    // $99,500 from the general fund and $500 from a grant.
    expect(share(99_500_00, 500_00)).toEqual([99, '99% of secured money is recurring']);
    expect(share(500_00, 99_500_00)).toEqual([0, 'less than 1% of secured money is recurring']);
    expect(share(50_000_00, 0)).toEqual([100, '100% of secured money is recurring']);
    expect(share(0, 50_000_00)).toEqual([0, '0% of secured money is recurring']);
  });

  it('counts a source that lists no school year toward the plan’s own year', () => {
    const budget = computeBudget(
      roles,
      [{ kind: 'existing', amountCents: 50_000_00, schoolYears: [], status: 'secured' }],
      settings,
      '2026-27',
    );
    expect(budget.years).toEqual([
      expect.objectContaining({ schoolYear: '2026-27', securedRecurringCents: 50_000_00, shortfallCents: 0 }),
    ]);
  });

  it('lists the plan year and every funded year once, in order', () => {
    expect(
      budgetYears('2027-28', [
        { kind: 'existing', amountCents: 1, schoolYears: ['2028-29', '2026-27', '2027-28'], status: 'idea' },
      ]),
    ).toEqual(['2026-27', '2027-28', '2028-29']);
  });
});

describe('describeYear', () => {
  it('says what more money is pending and what is only an idea, beside the shortfall', () => {
    const [year] = computeBudget(
      [role({ stipendCents: 50_000_00 })],
      [
        { kind: 'existing', amountCents: 20_000_00, schoolYears: ['2026-27'], status: 'secured' },
        { kind: 'new_grant', amountCents: 5_000_00, schoolYears: ['2026-27'], status: 'pending' },
        { kind: 'new_grant', amountCents: 3_000_00, schoolYears: ['2026-27'], status: 'idea' },
      ],
      settings,
      '2026-27',
    ).years;
    expect(describeYear(year!)).toBe(
      '2026-27: $30,000.00 short ($5,000.00 more is pending and $3,000.00 more is only an idea); 100% of secured money is recurring',
    );
    expect(describeYear({ ...year!, pendingCents: 0 })).toMatch(/short \(\$3,000\.00 more is only an idea\);/);
  });
});

describe('costSettingsSentence', () => {
  it('says the average teacher cost and the contract days the budget is priced at', () => {
    expect(costSettingsSentence({ averageTeacherCostCents: 80_000_00, contractDays: 185 })).toBe(
      'Priced at an average teacher cost of $80,000.00 a year and 185 contract days.',
    );
  });
});

describe('programCostSentence', () => {
  it('says what it counts, every role approved or not, and how much is meant to come from recurring money and grants', () => {
    const budget = computeBudget(
      [
        role({ id: 'a', stipendCents: 10_000_00, positions: 2 }),
        role({ id: 'b', stipendCents: 30_000_00, payFunding: 'grant' }),
      ],
      [],
      settings,
      '2026-27',
    );
    expect(programCostSentence(budget)).toBe(
      '2 teacher-leader roles, approved or not, cost $50,000.00 a year: $20,000.00 in roles meant to be paid from recurring budget and $30,000.00 in roles meant to be paid from grants.',
    );
    expect(programCostSentence(computeBudget([role({})], [], settings, '2026-27'))).toMatch(
      /^1 teacher-leader role, approved or not, costs \$5,000\.00 a year:/,
    );
  });

  it('counts the roles whose source of funds is not yet decided, so that its parts add up to the whole', () => {
    const budget = computeBudget(
      [
        role({ id: 'a', stipendCents: 10_000_00 }),
        role({ id: 'b', stipendCents: 30_000_00, payFunding: 'grant' }),
        role({ id: 'c', stipendCents: 2_000_00, payFunding: null }),
      ],
      [],
      settings,
      '2026-27',
    );
    expect(programCostSentence(budget)).toBe(
      '3 teacher-leader roles, approved or not, cost $42,000.00 a year: $10,000.00 in roles meant to be paid from recurring budget, $30,000.00 in roles meant to be paid from grants, and $2,000.00 in roles whose source of funds is not yet decided.',
    );
  });
});
