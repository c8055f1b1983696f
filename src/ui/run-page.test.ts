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

  it("compare mode: the second run moves with the page's, frame by frame, in the link too", () => {
    const address = fakeAddress('?scenario=ftp-crash&compare=none');
    const page = new RunPage(address.bar, 'ftp-transfer', 0.1, inline);
    const runner = page.runner!;
    expect(page.view.compare?.strategy).toBe('none');
    runner.play();
    for (let frame = 0; frame < 30; frame++) {
      runner.tick(frame * 16);
      const fresh = frame % 6 === 5 ? runner.metrics() : null;
      page.update(runner.state, fresh);
      expect(page.view.compare?.state.nowUs).toBe(runner.state.nowUs);
      if (fresh) expect(page.view.compare?.metrics.nowUs).toBe(fresh.nowUs);
    }
    expect(runner.state.nowUs).toBeGreaterThan(40_000);
    runner.pause();
    page.update(runner.state, runner.metrics());
    expect(address.written.at(-1)).toMatch(/&compare=none$/);
    page.setCompare(null);
    expect(page.view.compare).toBeNull();
    expect(page.search).not.toContain('compare');
  });

  it('keeps the selected connection through a crash added now (the same run, replayed)', () => {
    const address = fakeAddress('?scenario=ftp-transfer&t=0.3');
    const page = new RunPage(address.bar, 'ftp-crash', 1, inline);
    page.runner?.finishSeek();
    page.view.selection.connection = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1';
    page.crashNow();
    expect(page.view.selection.connection).toBe('tcp 192.0.2.10:50047 → 198.51.100.20:21 #1');
    page.reconfigure({ ...page.view.config!, seed: 2 });
    expect(page.view.selection.connection).toBeNull();
  });

  it('says why when the whole run could not be worked out ahead', () => {
    const failing = (onreply: OverviewReplyHandler) => ({
      request: (config: RunConfig) =>
        onreply(config, { id: 0, ok: false, message: 'out of memory' }),
    });
    const page = new RunPage(fakeAddress('').bar, 'ftp-transfer', 1, failing);
    expect(page.view.overview).toBeNull();
    expect(page.view.overviewError).toBe('out of memory');
  });
});
