import { domainScores, isLowRating, readinessActionText, readinessIndicators } from './readiness';

describe('readiness domain scores', () => {
  it('averages each domain over its rated indicators, to one decimal, and counts the low ones', () => {
    const scores = domainScores([
      { indicatorKey: 'culture.vision', rating: 3, previousRating: null },
      { indicatorKey: 'culture.trust', rating: 2, previousRating: null },
      { indicatorKey: 'culture.alignment', rating: 2, previousRating: null },
      { indicatorKey: 'systems.time', rating: 1, previousRating: null },
    ]);
    expect(scores.map((s) => [s.domainKey, s.average, s.rated, s.low])).toEqual([
      ['culture', 2.3, 3, 2],
      ['roles', null, 0, 0],
      ['systems', 1, 1, 1],
    ]);
  });

  it('keeps last year’s average apart, and leaves out indicators not rated this year', () => {
    const [culture] = domainScores([
      { indicatorKey: 'culture.vision', rating: null, previousRating: 2 },
      { indicatorKey: 'culture.trust', rating: 4, previousRating: 3 },
    ]);
    expect(culture).toMatchObject({ average: 4, rated: 1, low: 0, previousAverage: 2.5 });
  });

  it('calls only 1 and 2 low', () => {
    expect([null, 1, 2, 3, 4].map(isLowRating)).toEqual([false, true, true, false, false]);
  });

  it('gives every indicator a unique key in its domain, and names it in the words of its action', () => {
    const keys = readinessIndicators.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const i of readinessIndicators) expect(i.key.startsWith(`${i.domainKey}.`)).toBe(true);
    expect(readinessActionText('systems.time', 'Northside Elementary', 1)).toBe(
      'Strengthen readiness: Protected time to lead (Northside Elementary, rated 1 of 4, Not in place)',
    );
  });
});
