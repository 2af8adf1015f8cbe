import {
  buildTrace,
  createStakeholderInputSchema,
  inputLabel,
  inputsBehind,
  type StakeholderInput,
} from './stakeholder-input';

const input = (over: Partial<StakeholderInput>): StakeholderInput => ({
  id: '00000000-0000-4000-8000-000000000001',
  stakeholderId: '00000000-0000-4000-8000-0000000000a1',
  stakeholderName: 'Union',
  kind: 'meeting',
  heardOn: '2026-10-02',
  source: '',
  summary: 'Protect release time.',
  shaped: [],
  version: 1,
  updatedAt: '2026-10-02T12:00:00.000Z',
  ...over,
});

describe('the stakeholder trace', () => {
  it('finds the inputs behind an item by its kind and id only', () => {
    const a = input({
      shaped: [{ kind: 'answer', id: 'design.q1', label: 'Why?', stageKey: 'design', broken: false }],
    });
    const b = input({ id: '00000000-0000-4000-8000-000000000002', shaped: [] });
    expect(inputsBehind([a, b], 'answer', 'design.q1')).toEqual([a]);
    expect(inputsBehind([a, b], 'action', 'design.q1')).toEqual([]);
  });

  it('groups inputs by stakeholder in their order, leaves out those with none, and never shows a broken link', () => {
    const trace = buildTrace(
      [
        { id: '00000000-0000-4000-8000-0000000000a1', name: 'Union', kind: 'union' },
        { id: '00000000-0000-4000-8000-0000000000a2', name: 'Families', kind: 'families' },
      ],
      [
        input({
          shaped: [
            { kind: 'decision', id: 'd1', label: 'Cycle length', stageKey: 'build', broken: false },
            { kind: 'measure', id: 'm1', label: '', stageKey: null, broken: true },
          ],
        }),
      ],
      { union: 'Union' },
    );
    expect(trace).toEqual([
      {
        stakeholder: { name: 'Union', kind: 'Union' },
        inputs: [
          {
            kind: 'meeting',
            heardOn: '2026-10-02',
            source: '',
            summary: 'Protect release time.',
            shaped: [{ kind: 'decision', label: 'Cycle length' }],
            // A broken link is not a part the reader is kept from: nothing is said to be left out.
            shapedNotShown: false,
          },
        ],
      },
    ]);
  });

  it('names an input by the start of what was heard', () => {
    expect(inputLabel({ summary: '  Short.  ' })).toBe('Input: Short.');
    expect(inputLabel({ summary: 'x'.repeat(200) })).toBe(`Input: ${'x'.repeat(79)}…`);
    expect(inputLabel({ summary: '' })).toBe('Input: untitled');
  });

  it('refuses an item named twice and an empty summary', () => {
    const result = createStakeholderInputSchema.safeParse({
      kind: 'note',
      heardOn: '2026-10-02',
      summary: ' ',
      shaped: [
        { kind: 'role', id: 'r' },
        { kind: 'role', id: 'r' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['shaped', 'summary']);
  });
});
