import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEvent } from '../../engine';
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

  it('counts an event it refuses, holding nothing in its place, the rest intact', () => {
    let emit: (e: TraceEvent) => void = () => {};
    const sim = { trace: { subscribe: (fn: typeof emit) => ((emit = fn), () => {}) } };
    const recorder = new Recorder(sim as unknown as Simulation, 4);
    const events = Array.from({ length: 6 }, (_, i): TraceEvent => ({
      kind: 'checkpoint.flush',
      atUs: i,
      operations: i,
    }));
    events.forEach((e) => emit(e));
    const bad = { kind: 'checkpoint.flush', atUs: 6, operations: 'x' } as unknown as TraceEvent;
    expect(() => emit(bad)).toThrow('checkpoint.flush.operations is x, not a num');
    expect(recorder.total).toBe(7);
    expect(recorder.firstSeq).toBe(3);
    expect([3, 4, 5].map((seq) => recorder.get(seq))).toStrictEqual(events.slice(3));
    expect(recorder.get(6)).toBeUndefined();
    const seen: number[] = [];
    recorder.scanBack((_, seq) => seen.push(seq) > 0);
    expect(seen).toEqual([5, 4, 3]);
    emit(events[0]);
    expect(recorder.get(7)).toStrictEqual(events[0]);
  });
});
