import { describe, expect, it } from 'vitest';
import { expectationCounts, reasonLabel, verdictSummary } from './verdict-summary';

describe('verdictSummary', () => {
  it('totals each verdict and names what decided', () => {
    const lines = verdictSummary([
      { verdict: 'accept', reason: 'rule', rule: 2, chain: 'forward', packets: 4_176 },
      { verdict: 'accept', reason: 'rule', rule: 4, chain: 'forward', packets: 2 },
      { verdict: 'drop', reason: 'policy', rule: null, chain: 'forward', packets: 3 },
      { verdict: 'drop', reason: 'invalid', rule: null, chain: null, packets: 1 },
    ]);
    expect(lines).toEqual([
      {
        verdict: 'accept',
        total: '4,178',
        none: false,
        reasons: [
          { label: 'rule 2', packets: '4,176' },
          { label: 'rule 4', packets: '2' },
        ],
      },
      {
        verdict: 'drop',
        total: '4',
        none: false,
        reasons: [
          { label: 'policy of chain forward', packets: '3' },
          { label: 'invalid state', packets: '1' },
        ],
      },
    ]);
  });

  it('shows accept and drop at zero, reject only when it happened', () => {
    expect(verdictSummary([]).map((l) => [l.verdict, l.total, l.none])).toEqual([
      ['accept', '0', true],
      ['drop', '0', true],
    ]);
    const rejected = verdictSummary([
      { verdict: 'reject', reason: 'rule', rule: 7, chain: 'forward', packets: 5 },
    ]);
    expect(rejected.map((l) => l.verdict)).toEqual(['accept', 'drop', 'reject']);
  });

  it('labels the reasons that have no rule', () => {
    const label = (reason: string) =>
      reasonLabel({ verdict: 'drop', reason, rule: null, chain: null, packets: 1 });
    expect(label('mid-stream')).toBe('mid-stream, no known connection');
    expect(label('rate-limit')).toBe('rate limit');
    expect(label('table-full')).toBe('connection table full');
    expect(label('something-new')).toBe('something-new');
  });
});

describe('expectationCounts', () => {
  it('lists pending first and evicted only when some were', () => {
    const e = {
      created: 8,
      matched: 4,
      expired: 0,
      evicted: 0,
      renewed: 0,
      refused: 0,
      pending: 4,
    };
    expect(expectationCounts(e).map((c) => `${c.label} ${c.value}`)).toEqual([
      'pending 4',
      'created 8',
      'matched 4',
      'expired 0',
      'refused 0',
    ]);
    expect(expectationCounts({ ...e, evicted: 1_000 }).at(-1)).toEqual({
      label: 'evicted',
      value: '1,000',
    });
  });
});
