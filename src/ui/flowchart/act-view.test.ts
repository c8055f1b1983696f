import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig } from '../run/run-config';
import { ActCounter, type ActCounts } from './act-counter';
import { actDetail, actsNow, actState, countText, strategyNote } from './act-view';
import { ALL_ACTS } from './acts';

const counts = (complete = true): ActCounts => ({
  byAct: new Map([
    [602, { count: 63, lastAtUs: 1_004_000 }],
    [900, { count: 1, lastAtUs: 1_050_000 }],
  ]),
  latest: { atUs: 1_050_000, acts: [900] },
  complete,
});

describe('countText', () => {
  it('gives exact counts, a lower bound when counting began late, and SI for huge ones', () => {
    expect(countText(0, true)).toBe('0×');
    expect(countText(12_345, true)).toBe('12,345×');
    expect(countText(63, false)).toBe('≥63×');
    expect(countText(1_234_567, true)).toBe('1.23M×');
  });
});

describe('actState', () => {
  it('describes a dark act with its count', () => {
    const s = actState(602, undefined, counts());
    expect(s).toMatchObject({ lit: false, strength: 0, current: false, countText: '63×' });
    expect(s.ariaLabel).toBe('Act 602: Form the unique connection id — executed 63 times, not lit');
  });

  it('describes a lit act, and the one being executed now', () => {
    const older = actState(900, { ageUs: 2_000, strength: 0.6, current: false }, counts());
    expect(older).toMatchObject({ lit: true, strength: 0.6, current: false, countText: '1×' });
    expect(older.ariaLabel).toContain('executed once, lit: executed 2.0 ms ago');
    const now = actState(900, { ageUs: 0, strength: 1, current: true }, counts());
    expect(now.ariaLabel).toContain('being executed now');
  });

  it('says "at least" when the counts are lower bounds', () => {
    expect(actState(602, undefined, counts(false)).ariaLabel).toContain('at least 63 times');
  });
});

describe('actDetail', () => {
  it("gives the patent's wording, the figure, the count and when it last ran", () => {
    expect(actDetail(602, counts())).toBe(
      'Act 602 (FIG. 6): Form a unique connection identifier, e.g. from the source and destination addresses of the packet. — executed 63 times so far, last at 1.004 s.',
    );
    expect(actDetail(1004, counts())).toMatch(
      /^Act 1004 \(FIG\. 10\): .* executed 0 times so far\.$/,
    );
    expect(actDetail(1, counts())).toBe('');
  });
});

describe('strategyNote', () => {
  it('explains which figures cannot light up', () => {
    expect(strategyNote('unique-id', true)).toBeNull();
    expect(strategyNote('none', true)).toMatch(/Prior art.*lost/);
    expect(strategyNote('snapshot', true)).toMatch(/FIG\. 6–8 do not run/);
    expect(strategyNote('unique-id', false)).toMatch(/no firewall/);
  });
});

describe('actsNow', () => {
  it('ftp-crash at 1.06 s: FIG. 9 and 10 lit and counted once or more, FIG. 6 counted not lit', () => {
    const sim = createSimulation(buildScenario(defaultConfig('ftp-crash')));
    const recorder = new Recorder(sim);
    const counter = new ActCounter(recorder);
    sim.runUntil(1_060_000);
    const { states, counts } = actsNow(counter, 1_060_000, 20_000);
    expect([...states.keys()]).toEqual(ALL_ACTS);
    for (const act of [900, 902, 904, 1000, 1002, 1004]) {
      expect(states.get(act)?.lit, `act ${act}`).toBe(true);
      expect(counts.byAct.get(act)?.count).toBeGreaterThanOrEqual(1);
    }
    expect(states.get(602)?.lit).toBe(false);
    expect(states.get(602)?.countText).toMatch(/^[1-9]\d*×$/);
  });
});
