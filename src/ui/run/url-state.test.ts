import { describe, expect, it } from 'vitest';
import { defaultConfig, type RunConfig } from './run-config';
import { formatSeconds, parseSeconds, readUrl, writeUrl } from './url-state';

describe('seconds in links', () => {
  it('round-trips every microsecond exactly', () => {
    for (const us of [0, 1, 999_999, 1_000_000, 1_250_000, 800_000, 4_099_524, 86_400_000_001]) {
      expect(parseSeconds(formatSeconds(us))).toBe(us);
    }
    expect(formatSeconds(1_250_000)).toBe('1.25');
    expect(formatSeconds(2_000_000)).toBe('2');
    expect(parseSeconds('0.000001')).toBe(1);
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '-1', '1e3', '0x10', '1.2345678', ' 1', '1.', 'NaN', '1'.repeat(17)]) {
      expect(() => parseSeconds(bad)).toThrow(/is not a time in seconds/);
    }
  });
});

describe('readUrl / writeUrl', () => {
  const edited: RunConfig = {
    ...defaultConfig('ftp-crash'),
    seed: 42,
    strategy: 'none',
    checkpointMode: 'async',
    failOpen: true,
    crashAtUs: [1_250_000, 2_000_000],
    rules: 'table inet filter { # é ✓\n}\n',
  };

  it('round-trips a whole run with its playhead', () => {
    const search = writeUrl({ config: edited, playheadUs: 1_234_567, compare: 'unique-id' });
    expect(search).toContain('scenario=ftp-crash');
    expect(search).toContain('crash=1.25%2C2');
    expect(search).toContain('t=1.234567');
    expect(search).toContain('compare=unique-id');
    expect(readUrl(search, 'ftp-transfer')).toEqual({
      state: { config: edited, playheadUs: 1_234_567, compare: 'unique-id' },
      problems: [],
    });
  });

  it('writes every setting, so defaults changing later cannot change a shared run', () => {
    const search = writeUrl({ config: defaultConfig('ftp-crash'), playheadUs: null });
    expect(search).toBe('?scenario=ftp-crash&seed=1&strategy=unique-id&mode=sync&fail=closed');
  });

  it('opens the fallback scenario as defined when there is no query', () => {
    expect(readUrl('', 'ftp-transfer')).toEqual({
      state: { config: defaultConfig('ftp-transfer'), playheadUs: null, compare: null },
      problems: [],
    });
  });

  it('names each unusable parameter and keeps its default', () => {
    const { state, problems } = readUrl(
      '?scenario=ftp-crash&seed=-3&strategy=magic&mode=sync&fail=maybe&crash=1,x&t=later&rules=%%%&zoom=2&compare=both',
      'ftp-transfer',
    );
    expect(state.config).toEqual(defaultConfig('ftp-crash'));
    expect(state.playheadUs).toBeNull();
    expect(problems).toEqual([
      'URL parameter "zoom": unknown parameter, ignored',
      'URL parameter "seed": "-3" is not a seed (a whole number from 0 to 4294967295)',
      'URL parameter "strategy": "magic" is not one of unique-id, snapshot, none',
      'URL parameter "fail": "maybe" is not one of open, closed',
      'URL parameter "crash": "x" is not a time in seconds (like 0.8 or 1.250000)',
      'URL parameter "rules": not base64url text',
      'URL parameter "t": "later" is not a time in seconds (like 0.8 or 1.250000)',
      'URL parameter "compare": "both" is not one of unique-id, snapshot, none',
    ]);
  });

  it('falls back to the default scenario for an unknown one, and clips long text', () => {
    const { state, problems } = readUrl(`?scenario=${'x'.repeat(100)}`, 'ftp-transfer');
    expect(state.config.scenario).toBe('ftp-transfer');
    expect(problems).toEqual([
      `URL parameter "scenario": no built-in scenario "${'x'.repeat(40)}…"; showing "ftp-transfer"`,
    ]);
  });

  it('sorts crash times and drops repeats', () => {
    const { state } = readUrl('?scenario=ftp-crash&crash=2,1.5,2', 'ftp-transfer');
    expect(state.config.crashAtUs).toEqual([1_500_000, 2_000_000]);
  });
});
