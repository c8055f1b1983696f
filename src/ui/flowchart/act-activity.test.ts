import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEvent } from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig } from '../run/run-config';
import {
  actsOf,
  glowWindowUs,
  litActs,
  MAX_WINDOW_US,
  MIN_STRENGTH,
  RESTING_WINDOW_US,
} from './act-activity';
import { ActCounter, type ActCounts } from './act-counter';

const RESTART_US = 1_050_000;
const RECOVERY_ACTS = [900, 902, 904, 1000, 1002, 1004];

/** The act counts of ftp-crash's run up to `untilUs`. */
function ftpCrashAt(untilUs: number, strategy: 'unique-id' | 'none' = 'unique-id'): ActCounts {
  const sim = createSimulation(buildScenario({ ...defaultConfig('ftp-crash'), strategy }));
  const counter = new ActCounter(new Recorder(sim));
  sim.runUntil(untilUs);
  return counter.snapshot();
}

/** The act counts of exactly these events. */
function held(events: TraceEvent[]): ActCounts {
  const source = {
    firstSeq: 0,
    total: events.length,
    get: (seq: number) => events[seq],
    subscribe: () => () => {},
  };
  return new ActCounter(source).snapshot();
}

const write = (atUs: number, acts: number[]): TraceEvent => ({
  kind: 'checkpoint.write',
  atUs,
  acts,
  connection: 'c',
  area: 'base',
  version: 1,
  bytes: 40,
  mode: 'sync',
});

describe('actsOf', () => {
  it("reads the acts of checkpoint writes, the router server's restart and recovery steps", () => {
    expect(actsOf(write(1, [600, 602, 604]))).toEqual([600, 602, 604]);
    expect(actsOf({ kind: 'supervisor', atUs: 1, event: 'restarted', act: 900, epoch: 1 })).toEqual(
      [900],
    );
    expect(actsOf({ kind: 'supervisor', atUs: 1, event: 'detected', act: null, epoch: 0 })).toEqual(
      [],
    );
    const recovery: TraceEvent = {
      kind: 'recovery',
      atUs: 1,
      act: 1002,
      detail: 'base layer rebuilt',
      connection: 'c',
      area: 'base',
    };
    expect(actsOf(recovery)).toEqual([1002]);
    expect(actsOf({ kind: 'checkpoint.delete', atUs: 1, connection: 'c' })).toEqual([]);
  });
});

describe('glowWindowUs', () => {
  it('is fixed while the run rests, so a link shows the same lit acts', () => {
    for (const status of ['paused', 'finished', 'seeking'] as const) {
      expect(glowWindowUs(status, 1)).toBe(RESTING_WINDOW_US);
      expect(glowWindowUs(status, 'max')).toBe(RESTING_WINDOW_US);
    }
  });

  it('spans about a second of wall time while running, within bounds', () => {
    expect(glowWindowUs('running', 0.001)).toBe(RESTING_WINDOW_US);
    expect(glowWindowUs('running', 0.1)).toBe(100_000);
    expect(glowWindowUs('running', 1)).toBe(1_000_000);
    expect(glowWindowUs('running', 1000)).toBe(MAX_WINDOW_US);
    expect(glowWindowUs('running', 'max')).toBe(MAX_WINDOW_US);
  });
});

describe('litActs', () => {
  it('lights the latest act strongest and fades older ones with age', () => {
    const lit = litActs(
      held([write(0, [600, 602, 604]), write(10_000, [800, 802])]),
      10_000,
      20_000,
    );
    expect(lit.get(800)).toEqual({ ageUs: 0, strength: 1, current: true });
    const older = lit.get(600);
    expect(older?.current).toBe(false);
    expect(older?.ageUs).toBe(10_000);
    expect(older?.strength).toBeGreaterThan(MIN_STRENGTH);
    expect(older?.strength).toBeLessThan(1);
  });

  it('keeps the newest execution of an act when it ran several times', () => {
    const lit = litActs(held([write(5_000, [800, 802]), write(9_000, [800, 802])]), 10_000, 20_000);
    expect(lit.get(800)?.ageUs).toBe(1_000);
  });

  it('leaves out what is older than the window', () => {
    const events = [write(0, [600]), write(50_000, [700])];
    expect([...litActs(held(events), 60_000, 20_000).keys()]).toEqual([700]);
    expect([...litActs(held(events), 60_000, 100_000).keys()].sort()).toEqual([600, 700]);
    expect(litActs(held(events), 80_000, 20_000).size).toBe(0);
    expect(litActs(held([]), 0, 20_000).size).toBe(0);
  });

  it('ftp-crash just after the restart: FIG. 9 and FIG. 10 are lit', () => {
    const lit = litActs(ftpCrashAt(1_060_000), 1_060_000, RESTING_WINDOW_US);
    for (const act of RECOVERY_ACTS) {
      expect(lit.get(act), `act ${act}`).toBeDefined();
      expect(lit.get(act)?.ageUs).toBe(1_060_000 - RESTART_US);
    }
  });

  it('ftp-crash well after the restart: the recovery acts have gone dark', () => {
    const lit = litActs(ftpCrashAt(1_500_000), 1_500_000, RESTING_WINDOW_US);
    for (const act of RECOVERY_ACTS) expect(lit.has(act), `act ${act}`).toBe(false);
    // The download is moving again: its state changes are being checkpointed.
    expect(lit.has(802)).toBe(true);
  });

  it('ftp-crash with the prior art: the restart asks (902) and finds nothing to fetch', () => {
    const lit = litActs(ftpCrashAt(1_060_000, 'none'), 1_060_000, RESTING_WINDOW_US);
    expect(lit.has(900)).toBe(true);
    expect(lit.has(902)).toBe(true);
    for (const act of [904, 1000, 1002, 1004, 604, 704, 802]) expect(lit.has(act)).toBe(false);
  });

  it('at max speed, the recovery stays lit for the whole window', () => {
    // 2 s into ftp-crash, a second after the recovery, the download is in full flow again:
    // thousands of checkpoint writes came after the recovery's acts.
    const lit = litActs(ftpCrashAt(2_000_000), 2_000_000, glowWindowUs('running', 'max'));
    for (const act of RECOVERY_ACTS) expect(lit.has(act), `act ${act}`).toBe(true);
    expect(lit.get(802)?.current).toBe(true);
  });
});
