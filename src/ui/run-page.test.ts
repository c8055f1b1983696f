import { describe, expect, it } from 'vitest';
import { computeOverview, withoutCrashes } from './overview/overview';
import { buildScenario, defaultConfig, type RunConfig } from './run/run-config';
import { RunPage, type OverviewReplyHandler } from './run-page.svelte';

/** An address bar that remembers what the page wrote. */
function fakeAddress(search: string) {
  const written: string[] = [];
  return {
    written,
    bar: {
      get search() {
        return written.at(-1) ?? search;
      },
      replace: (next: string) => written.push(next),
    },
  };
}

/** Computes overviews at once, in this thread. */
function inline(onreply: OverviewReplyHandler) {
  return {
    request: (config: RunConfig) => {
      const scenario = buildScenario(config);
      const calm = withoutCrashes(scenario);
      onreply(config, {
        id: 0,
        ok: true,
        overview: computeOverview(scenario),
        baseline: calm === null ? null : computeOverview(calm),
      });
    },
  };
}

describe('RunPage', () => {
  it('opens the run its address names, and writes the address of every setting', () => {
    const address = fakeAddress('?scenario=ftp-crash&seed=3&t=0.5');
    const page = new RunPage(address.bar, 'ftp-transfer', 1, inline);
    page.runner?.finishSeek();
    expect(page.view.config).toEqual({ ...defaultConfig('ftp-crash'), seed: 3 });
    expect(page.notices).toEqual([]);
    expect(page.view.overview?.endUs).toBeGreaterThan(0);
    expect(page.view.baseline?.crashes).toEqual([]);
    expect(page.view.baseline?.events).toBeGreaterThan(0);
    expect(page.view.recorder?.total).toBeGreaterThan(0);
    expect(address.written.at(-1)).toBe(
      '?scenario=ftp-crash&seed=3&strategy=unique-id&mode=sync&fail=closed&t=0.5',
    );
  });

  it('keeps the run and says why when new settings cannot run', () => {
    const address = fakeAddress('?scenario=blocked-address');
    const page = new RunPage(address.bar, 'ftp-transfer', 1, inline);
    const runner = page.runner;
    const config = page.view.config;
    if (config === null) throw new Error('no config');
    page.reconfigure({ ...config, rules: 'table inet filter {\n  nonsense\n}\n' });
    expect(page.configError).toMatch(/^rules:2:/);
    expect(page.runner).toBe(runner);
    expect(page.view.config).toBe(config);
    page.reconfigure({ ...config, seed: 9 });
    expect(page.configError).toBe('');
    expect(address.written.at(-1)).toContain('seed=9');
  });

  it('says what it could not use from a damaged address, and still runs', () => {
    const address = fakeAddress('?scenario=nope&seed=x');
    const page = new RunPage(address.bar, 'ftp-transfer', 1, inline);
    expect(page.notices).toHaveLength(2);
    expect(page.view.config).toEqual(defaultConfig('ftp-transfer'));
    expect(page.runner).not.toBeNull();
  });

  it('crashes now and at a time, each time as part of the address', () => {
    const address = fakeAddress('?scenario=ftp-transfer&t=0.3');
    const page = new RunPage(address.bar, 'ftp-crash', 1, inline);
    page.runner?.finishSeek();
    page.crashNow();
    expect(address.written.at(-1)).toContain('crash=0.3');
    expect(page.crashAt(1_000_000)).toBeNull();
    expect(page.view.config?.crashAtUs).toEqual([300_000, 1_000_000]);
    expect(page.crashAt(-1)).toMatch(/whole number of µs/);
  });
});
