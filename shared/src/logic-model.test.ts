import {
  createLogicModelEntrySchema,
  entryPlace,
  entryProblems,
  linkWords,
  sortEntries,
  type LogicModelSection,
} from './logic-model';

const entry = (id: string, section: LogicModelSection, horizon: number | null = null) => ({ id, section, horizon });

describe('the logic model', () => {
  it('lists entries as the chain runs: inputs, activities, outputs by horizon, outcomes, then as added', () => {
    const sorted = sortEntries([
      entry('outcome', 'outcome'),
      entry('output-12', 'output', 12),
      entry('output-1', 'output', 1),
      entry('activity-a', 'activity'),
      entry('input', 'input'),
      entry('activity-b', 'activity'),
      entry('output-3', 'output', 3),
    ]);
    expect(sorted.map((e) => e.id)).toEqual([
      'input',
      'activity-a',
      'activity-b',
      'output-1',
      'output-3',
      'output-12',
      'outcome',
    ]);
  });

  it('an output needs a horizon, other parts take none, and each part links only to its own kinds', () => {
    expect(createLogicModelEntrySchema.safeParse({ section: 'output', text: 'Cycles' }).success).toBe(false);
    expect(createLogicModelEntrySchema.safeParse({ section: 'output', horizon: 3, text: 'Cycles' }).success).toBe(true);
    expect(createLogicModelEntrySchema.safeParse({ section: 'input', horizon: 3, text: 'Stipends' }).success).toBe(
      false,
    );
    const id = '3f0c7a52-4a0e-4a54-9d8e-0a4b7b0d9c11';
    expect(
      entryProblems('activity', {
        links: [
          { kind: 'role', id },
          { kind: 'measure', id },
        ],
      }),
    ).toEqual([
      { field: 'links.1.kind', message: 'activities link to high-impact actions and teacher-leader roles only' },
    ]);
    expect(entryProblems('output', { horizon: null })).toEqual([
      { field: 'horizon', message: 'is required for an output: 1, 3 or 12 months' },
    ]);
  });

  it('names a broken link by the name it last had, and an output by its horizon', () => {
    const id = '3f0c7a52-4a0e-4a54-9d8e-0a4b7b0d9c11';
    expect(linkWords({ kind: 'measure', id, label: 'Retention', broken: true })).toBe(
      'Measure: broken (deleted: Retention)',
    );
    expect(linkWords({ kind: 'partner', id, label: 'State university', broken: false })).toBe(
      'Partner: State university',
    );
    expect(entryPlace({ section: 'output', horizon: 12 })).toBe('Outputs, at 12 months');
    expect(entryPlace({ section: 'input', horizon: null })).toBe('Inputs');
  });
});
