import { describe, expect, it } from 'vitest';
import { builtinScenarios, createSimulation, parseScenario } from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig, type RunConfig } from '../run/run-config';
import { InvariantMonitors, type MonitorId } from './invariant-monitors';

/** Runs `config` to `untilUs` with monitors and a recorder attached from the start. */
function watch(config: RunConfig, untilUs = 600_000_000) {
  const sim = createSimulation(buildScenario(config));
  const recorder = new Recorder(sim);
  const monitors = new InvariantMonitors(sim, recorder);
  while (!sim.trafficEnded && sim.nowUs < untilUs)
    sim.runUntil(Math.min(sim.nowUs + 100_000, untilUs));
  const status = (id: MonitorId) => monitors.statuses.find((s) => s.id === id)!;
  return { sim, recorder, status };
}

const ftpCrash = defaultConfig('ftp-crash');

describe('invariant monitors', () => {
  it('ftp-crash with unique-id: all three hold, each checked where its facts change', () => {
    const { status } = watch(ftpCrash);
    for (const id of ['rebuilt', 'admitted', 'records'] as const) {
      expect(status(id).failure).toBeNull();
      expect(status(id).notApplicable).toBeNull();
    }
    expect(status('rebuilt').checks).toBe(1);
    expect(status('admitted').checks).toBeGreaterThan(10_000);
    expect(status('records').checks).toBeGreaterThan(500);
  });

  it('the prior art fails "every connection rebuilt" at the recovery, naming what was lost', () => {
    const { status, recorder } = watch({ ...ftpCrash, strategy: 'none' }, 3_000_000);
    const failure = status('rebuilt').failure!;
    expect(failure.detail).toBe('crash #1: 0 of 20 rebuilt, 20 lost');
    expect(recorder.get(failure.seq)).toMatchObject({ kind: 'supervisor', event: 'recovered' });
    expect(status('admitted').failure).toBeNull();
    expect(status('records').notApplicable).toBe('none keeps no records');
  });

  it('fail-open lets packets through unchecked: "no packet admitted…" fails at the first', () => {
    const { status, recorder } = watch({ ...ftpCrash, failOpen: true }, 1_500_000);
    const failure = status('admitted').failure!;
    expect(failure.detail).toMatch(/^packet \d+ forwarded with no verdict from the firewall$/);
    expect(failure.atUs).toBeGreaterThanOrEqual(800_000);
    expect(recorder.get(failure.seq)).toMatchObject({ kind: 'router.forward' });
    expect(status('rebuilt').failure).toBeNull();
  });

  it('a scenario without a firewall has nothing to watch', () => {
    const input = builtinScenarios['video-stream'] as Record<string, unknown>;
    const scenario = parseScenario({ ...input, firewall: { enabled: false } });
    const sim = createSimulation(scenario);
    const monitors = new InvariantMonitors(sim, new Recorder(sim));
    sim.runUntil(100_000);
    for (const s of monitors.statuses) {
      expect(s.notApplicable).toBe('this scenario has no firewall');
      expect(s.checks).toBe(0);
    }
  });
});
