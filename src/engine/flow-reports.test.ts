import { describe, expect, it } from 'vitest';
import { buildReport, builtinScenarios, createSimulation } from '.';
import { Flow, FlowRegistry } from './apps/flow';
import { flowReports } from './flow-reports';

/** Each way a flow's figures change, applied at `nowUs`. */
const CHANGES: Record<string, (f: Flow, nowUs: number) => void> = {
  start: (f, now) => f.start(now),
  progress: (f, now) => f.progress(100, now),
  retransmission: (f) => f.countRetransmission(),
  setExtra: (f) => f.setExtra('datagramsSent', 7),
  addExtra: (f) => f.addExtra('gaps'),
  complete: (f, now) => f.complete(now),
  abort: (f, now) => f.abort(now, 'reset'),
  fail: (f, now) => f.fail(now, '550 no such file'),
};

describe('flowReports', () => {
  it.each(Object.keys(CHANGES))('reports a flow afresh after %s, and keeps the others', (name) => {
    const registry = new FlowRegistry(
      () => {},
      () => {},
    );
    const flows = ['a', 'b', 'c'].map((id) => registry.create(id, 'tcp', 1_000));
    if (name !== 'start') flows[1].start(0);
    // All at one instant: a running flow's stall then reads the same before and after, and
    // only the registry's word on the change can bring a new report.
    const first = flowReports(registry, 20);
    CHANGES[name](flows[1], 20);
    const next = flowReports(registry, 20);
    expect(next).not.toBe(first);
    expect(next[0]).toBe(first[0]);
    expect(next[2]).toBe(first[2]);
    expect(next[1]).not.toEqual(first[1]);
    expect(flowReports(registry, 20)[1]).toBe(next[1]); // nothing changed since
  });

  it.each(['ftp-crash', 'video-call', 'video-stream'])(
    '%s: reports kept from refresh to refresh equal reports built afresh',
    (name) => {
      const scenario = builtinScenarios[name];
      const refreshed = createSimulation(scenario);
      const { durationUs } = refreshed.scenario;
      const stepUs = Math.ceil(durationUs / 12);
      let compared = 0;
      for (let t = 0; t <= durationUs; t += stepUs) {
        refreshed.runUntil(t);
        const kept = buildReport(refreshed).flows;
        const afresh = createSimulation(scenario);
        afresh.runUntil(t);
        expect(kept).toEqual(buildReport(afresh).flows);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(12);
    },
  );
});
