import { diffWords, isLongText } from '../src/features/history/text-diff';

const joined = (parts: ReturnType<typeof diffWords>, keep: 'before' | 'after') =>
  (parts ?? [])
    .filter((part) => part.kind === 'same' || part.kind === (keep === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');

describe('the word diff of a long text in the history', () => {
  it('marks only the words taken out and put in, and rebuilds both versions exactly', () => {
    const before = 'Teacher leaders coach K-3 teams on the science of reading.\nThey model lessons weekly.';
    const after = 'Teacher leaders coach K-5 teams on the science of reading.\nThey model lessons twice a week.';
    const parts = diffWords(before, after);
    expect(parts?.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'K-3' },
      { kind: 'added', text: 'K-5' },
      { kind: 'removed', text: 'weekly.' },
      { kind: 'added', text: 'twice a week.' },
    ]);
    expect(joined(parts, 'before')).toBe(before);
    expect(joined(parts, 'after')).toBe(after);
  });

  it('shows an answer written from nothing as all added, and one cleared as all removed', () => {
    expect(diffWords('', 'A new answer.')).toEqual([{ kind: 'added', text: 'A new answer.' }]);
    expect(diffWords('An old answer.', '')).toEqual([{ kind: 'removed', text: 'An old answer.' }]);
  });

  it('gives up (null) on two long texts too different to compare quickly, so both are shown whole', () => {
    const many = (word: string) => Array.from({ length: 1000 }, (_, i) => `${word}${i}`).join(' ');
    expect(diffWords(many('a'), many('b'))).toBeNull();
    // The same length with a small change compares fine: what both share at the ends needs no table.
    expect(diffWords(many('a'), `${many('a')} end`)).not.toBeNull();
  });

  it('compares texts word by word only when long or on several lines', () => {
    expect(isLongText('In progress')).toBe(false);
    expect(isLongText('one\ntwo')).toBe(true);
    expect(isLongText('x'.repeat(81))).toBe(true);
  });
});
