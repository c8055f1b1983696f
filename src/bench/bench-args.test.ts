import { describe, expect, it } from 'vitest';
import { parseBenchArgs, WORKLOADS } from './bench-args';
import { formatTable } from './report-table';

describe('parseBenchArgs', () => {
  it('runs every workload five times by default', () => {
    expect(parseBenchArgs([])).toEqual({
      json: false,
      runs: 5,
      quick: false,
      only: [...WORKLOADS],
    });
    expect(parseBenchArgs(['--json', '--runs', '3', '--only', 'bulk,memory'])).toMatchObject({
      json: true,
      runs: 3,
      only: ['bulk', 'memory'],
    });
  });

  it('names what is wrong with an option', () => {
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(/--runs must be a whole number/);
    expect(() => parseBenchArgs(['--only', 'bulk,fast'])).toThrow(/no workload "fast"/);
    expect(() => parseBenchArgs(['--nope'])).toThrow();
  });
});

describe('formatTable', () => {
  it('prints each figure’s median, unit and spread in columns', () => {
    const text = formatTable('bulk', [
      { what: 'forwarded', figure: { median: 1500, min: 1000, max: 2000, runs: 3 }, unit: '/s' },
      { what: 'kept', figure: '75.0', unit: '%' },
    ]);
    expect(text).toBe(
      'bulk\n  forwarded  1,500 /s  1,000 … 2,000 (3 runs)\n  kept        75.0 %   \n',
    );
  });
});
