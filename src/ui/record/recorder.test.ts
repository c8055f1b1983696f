import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEvent } from '../../engine';
import { buildScenario, defaultConfig } from '../run/run-config';
import { Recorder } from './recorder';

const scenario = buildScenario(defaultConfig('ftp-transfer'));

describe('Recorder', () => {
  it('numbers every event of the run and holds the latest in a bounded ring', () => {
    const sim = createSimulation(scenario);
    const all: TraceEvent[] = [];
    sim.trace.subscribe((e) => all.push(e));
    const recorder = new Recorder(sim, 1_000);
    sim.runUntil(100_000);
    expect(recorder.total).toBe(all.length);
    expect(all.length).toBeGreaterThan(1_000);
    expect(recorder.firstSeq).toBe(all.length - 1_000);
    expect(recorder.get(recorder.firstSeq)).toStrictEqual(all[recorder.firstSeq]);
    expect(recorder.get(all.length - 1)).toStrictEqual(all.at(-1));
    expect(recorder.get(recorder.firstSeq - 1)).toBeUndefined();
    expect(recorder.get(all.length)).toBeUndefined();
  });

  it('scans back from the latest event until told to stop', () => {
    const sim = createSimulation(scenario);
    const recorder = new Recorder(sim, 500);
    sim.runUntil(50_000);
    const seen: number[] = [];
    recorder.scanBack((_, seq) => {
      seen.push(seq);
      return seen.length < 10;
    });
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => recorder.total - 1 - i));
    let count = 0;
    recorder.scanBack(() => ++count > 0);
    expect(count).toBe(500);
  });

  it('tells subscribers each event with its number, and stops when detached', () => {
    const sim = createSimulation(scenario);
    const recorder = new Recorder(sim);
    const seqs: number[] = [];
    recorder.subscribe((_, seq) => seqs.push(seq));
    sim.runUntil(10_000);
    expect(seqs).toEqual(Array.from({ length: recorder.total }, (_, i) => i));
    recorder.detach();
    const total = recorder.total;
    sim.runUntil(20_000);
    expect(recorder.total).toBe(total);
  });

  it('does not change the run it records', () => {
    const plain = createSimulation(scenario);
    plain.run();
    const watched = createSimulation(scenario);
    new Recorder(watched);
    watched.run();
    expect(watched.nowUs).toBe(plain.nowUs);
    expect(watched.scheduler.eventsProcessed).toBe(plain.scheduler.eventsProcessed);
  });
});
