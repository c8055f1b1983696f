import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig } from '../run/run-config';
import { ActCounter } from './act-counter';

const scenario = buildScenario(defaultConfig('ftp-crash'));

/** The counts of a whole ftp-crash run, and how many connections the firewall created. */
function countWhole(attachAtUs: number, capacity?: number) {
  const sim = createSimulation(scenario);
  const recorder = new Recorder(sim, capacity);
  let created = 0;
  sim.trace.subscribe((e) => {
    if (e.kind === 'firewall.connection' && e.event === 'new') created++;
  });
  sim.runUntil(attachAtUs);
  const counter = new ActCounter(recorder);
  sim.run();
  return { counts: counter.snapshot(), created, counter, sim };
}

const count = (c: ReturnType<typeof countWhole>['counts'], act: number) =>
  c.byAct.get(act)?.count ?? 0;

describe('ActCounter', () => {
  it('counts ftp-crash: a base record per connection, one restart, every connection rebuilt', () => {
    const { counts, created } = countWhole(0);
    expect(counts.complete).toBe(true);
    expect(created).toBeGreaterThan(0);
    for (const act of [600, 602, 604]) expect(count(counts, act)).toBe(created);
    expect(count(counts, 702)).toBe(count(counts, 700));
    expect(count(counts, 802)).toBeGreaterThan(0);
    for (const act of [900, 902, 904, 1000]) expect(count(counts, act)).toBe(1);
    // 20 connections were in the table at the crash; each base layer is rebuilt once.
    expect(count(counts, 1002)).toBe(20);
    expect(count(counts, 1004)).toBeGreaterThanOrEqual(20);
    expect(counts.byAct.get(900)?.lastAtUs).toBe(1_050_000);
  });

  it('catches up on what was recorded before it existed, counting nothing twice', () => {
    const early = countWhole(0).counts;
    const late = countWhole(1_200_000).counts;
    expect(late).toEqual(early);
  });

  it('says its counts are lower bounds when the recorder had already dropped events', () => {
    const { counts } = countWhole(2_000_000, 1_000);
    expect(counts.complete).toBe(false);
    expect(count(counts, 900)).toBe(0);
  });

  it('stops counting when detached', () => {
    const sim = createSimulation(scenario);
    const counter = new ActCounter(new Recorder(sim));
    sim.runUntil(100_000);
    counter.detach();
    const before = counter.snapshot();
    sim.run();
    expect(counter.snapshot()).toEqual(before);
  });
});
