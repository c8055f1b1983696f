import { describe, expect, it } from 'vitest';
import { computeOverview } from '../overview/overview';
import { buildScenario, defaultConfig } from '../run/run-config';
import { connectionsSummary, writesSummary } from './firewall-summary';

describe('firewall chart summaries', () => {
  const overview = computeOverview(buildScenario(defaultConfig('ftp-crash')));

  it('says how many connections were tracked and what the crash did to the count', () => {
    expect(connectionsSummary(overview)).toMatch(
      /^Up to 63 connections tracked \(at \d\.\d{3} s\); crash at 0\.800 s: 20 before, none while down, 20 rebuilt by 1\.050 s\.$/,
    );
  });

  it('says so when the prior art rebuilds nothing', () => {
    const none = computeOverview(
      buildScenario({ ...defaultConfig('ftp-crash'), strategy: 'none' }),
    );
    expect(connectionsSummary(none)).toContain('20 before, none while down, 0 rebuilt by 1.050 s');
  });

  it('totals the checkpoint writes and names the busiest moment', () => {
    expect(writesSummary(overview, 'writes')).toMatch(
      /^584 writes to the checkpoint server in all; busiest [\d,]+ writes\/s \(the bucket ending \d\.\d{3} s\)\.$/,
    );
    expect(writesSummary(overview, 'bytes')).toMatch(/^42\.4 kB to the checkpoint server in all/);
    const none = computeOverview(
      buildScenario({ ...defaultConfig('ftp-crash'), strategy: 'none' }),
    );
    expect(writesSummary(none, 'writes')).toBe('Nothing was written to the checkpoint server.');
  });
});
