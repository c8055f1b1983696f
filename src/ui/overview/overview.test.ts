import { describe, expect, it } from 'vitest';
import { buildScenario, defaultConfig } from '../run/run-config';
import { SimulationRunner } from '../run/simulation-runner';
import { computeOverview, DEFAULT_LIMITS, withoutCrashes } from './overview';

describe('computeOverview', () => {
  const scenario = buildScenario(defaultConfig('ftp-crash'));
  const overview = computeOverview(scenario);

  it('is the very run the page plays: same end, same crashes, same flows', () => {
    const runner = new SimulationRunner(scenario);
    runner.seek(scenario.durationUs);
    runner.finishSeek();
    const report = runner.metrics().report;
    expect(overview.endUs).toBe(report.simulatedUs);
    expect(overview.finishedBy).toBe('traffic');
    expect(overview.crashes).toEqual(report.crashes);
    expect(overview.events).toBe(report.events);
    for (const series of overview.flows) {
      const flow = report.flows.find((f) => f.id === series.id);
      expect(series.delivered.at(-1)).toBe(flow?.bytesDelivered);
      expect(series.completedAtUs).toBe(flow?.completedAtUs);
    }
  });

  it('samples at the ends of equal buckets, the last at the end of the run', () => {
    const { timesUs, bucketUs, endUs } = overview;
    expect(timesUs.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxPoints + 1);
    expect(timesUs.length).toBeGreaterThan(DEFAULT_LIMITS.maxPoints / 4);
    timesUs.slice(0, -1).forEach((t, i) => expect(t).toBe((i + 1) * bucketUs));
    expect(timesUs.at(-1)).toBe(endUs);
    for (const s of [...overview.flows, ...overview.kinds]) {
      expect(s.delivered).toHaveLength(timesUs.length);
      s.delivered.slice(1).forEach((b, i) => expect(b).toBeGreaterThanOrEqual(s.delivered[i]));
    }
  });

  it('keeps the first flows one by one and every flow in its kind', () => {
    const many = computeOverview(buildScenario(defaultConfig('many-flows')), {
      ...DEFAULT_LIMITS,
      maxPoints: 50,
    });
    expect(many.flows).toHaveLength(DEFAULT_LIMITS.maxFlows);
    const tcp = many.kinds.find((k) => k.kind === 'tcp');
    expect(tcp?.flows).toBe(1_200);
    expect(many.timesUs.length).toBeLessThanOrEqual(51);
  });

  it('shows the prior art losing the transfer', () => {
    const none = computeOverview(
      buildScenario({ ...defaultConfig('ftp-crash'), strategy: 'none' }),
    );
    expect(none.crashes[0]).toMatchObject({ recovered: 0 });
    expect(none.crashes[0].lost).toBeGreaterThan(0);
    const data = none.flows.find((f) => f.kind === 'ftp-data');
    expect(data?.completedAtUs).toBeNull();
  });

  it('takes the crashes away for the baseline, and only them', () => {
    const calm = withoutCrashes(scenario);
    expect(calm?.faults).toEqual([]);
    expect(withoutCrashes(buildScenario(defaultConfig('ftp-transfer')))).toBeNull();
    const baseline = computeOverview(calm ?? scenario);
    expect(baseline.crashes).toEqual([]);
    const done = (o: typeof overview) => o.flows.find((f) => f.kind === 'ftp-data')?.completedAtUs;
    expect(done(baseline)).toBeLessThan(done(overview) ?? 0);
  });

  it('follows the firewall: connections tracked, and checkpoint writes and bytes so far', () => {
    const fw = overview.firewall!;
    const report = (() => {
      const runner = new SimulationRunner(scenario);
      runner.seek(scenario.durationUs);
      runner.finishSeek();
      return runner.metrics().report;
    })();
    for (const series of [fw.connections, fw.writes, fw.bytes]) {
      expect(series).toHaveLength(overview.timesUs.length);
    }
    expect(fw.writes.at(-1)).toBe(report.checkpoint.writes);
    expect(fw.bytes.at(-1)).toBe(report.checkpoint.bytes);
    expect(fw.connections.at(-1)).toBe(report.firewall.connectionsTracked);
    // Down from the crash at 0.8 s until the restart: no table, so nothing tracked.
    const crash = overview.crashes[0];
    const down = overview.timesUs.findIndex((t) => t > crash.atUs && t < crash.restartedAtUs!);
    expect(fw.connections[down]).toBe(0);

    const none = computeOverview(
      buildScenario({ ...defaultConfig('ftp-crash'), strategy: 'none' }),
    );
    expect(none.firewall?.writes.every((w) => w === 0)).toBe(true);
  });
});
