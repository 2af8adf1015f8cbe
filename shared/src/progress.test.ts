import { computeProgress, isAnswered } from './progress';

const q = (answered: boolean, notApplicable = false) => ({ answered, notApplicable });
const a = (status: string, notApplicable = false) => ({ status, notApplicable });

describe('computeProgress', () => {
  it('counts answered applicable questions and done applicable actions, per stage and for the plan', () => {
    const progress = computeProgress([
      { stageKey: 'design', questions: [q(true), q(false)], actions: [a('done'), a('in_progress')] },
      { stageKey: 'context', questions: [q(true)], actions: [a('blocked')] },
    ]);
    expect(progress.stages).toEqual([
      {
        stageKey: 'design',
        answeredQuestions: 1,
        applicableQuestions: 2,
        doneActions: 1,
        applicableActions: 2,
        percent: 50,
      },
      {
        stageKey: 'context',
        answeredQuestions: 1,
        applicableQuestions: 1,
        doneActions: 0,
        applicableActions: 1,
        percent: 50,
      },
    ]);
    expect(progress).toMatchObject({
      answeredQuestions: 2,
      applicableQuestions: 3,
      doneActions: 1,
      applicableActions: 3,
      percent: 50,
    });
  });

  it('leaves not-applicable items out of both the count and the total', () => {
    const progress = computeProgress([
      { stageKey: 'build', questions: [q(true), q(false, true)], actions: [a('done', true), a('not_started')] },
    ]);
    expect(progress).toMatchObject({
      answeredQuestions: 1,
      applicableQuestions: 1,
      doneActions: 0,
      applicableActions: 1,
      percent: 50,
    });
  });

  it('rounds down, so 100% means everything applicable is complete', () => {
    const progress = computeProgress([
      { stageKey: 'design', questions: [q(true), q(true), q(true)], actions: [a('not_started')] },
    ]);
    expect(progress.percent).toBe(75);
    const almost = computeProgress([
      { stageKey: 'design', questions: Array.from({ length: 199 }, () => q(true)).concat(q(false)), actions: [] },
    ]);
    expect(almost.percent).toBe(99);
  });

  it('does not lose a percent to floating point (29 of 50 is 58%)', () => {
    const progress = computeProgress([
      { stageKey: 'design', questions: Array.from({ length: 50 }, (_, i) => q(i < 29)), actions: [] },
    ]);
    expect(progress.percent).toBe(58);
  });

  it('is 0% for a stage or plan with nothing applicable, not a division by zero', () => {
    const progress = computeProgress([{ stageKey: 'design', questions: [q(false, true)], actions: [] }]);
    expect(progress.percent).toBe(0);
    expect(progress.stages[0]!.percent).toBe(0);
    expect(computeProgress([]).percent).toBe(0);
  });
});

describe('isAnswered', () => {
  it('counts any text but white space', () => {
    expect(isAnswered('Yes')).toBe(true);
    expect(isAnswered('  \n\t ')).toBe(false);
    expect(isAnswered('\u00a0')).toBe(false);
    expect(isAnswered('')).toBe(false);
  });
});
