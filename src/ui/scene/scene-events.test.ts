import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkpointAreaNames,
  createSimulation,
  type Simulation,
  type TraceEvent,
} from '../../engine';
import { summary } from '../events/event-fixture';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig, type RunConfig } from '../run/run-config';
import { layoutTopology } from '../topology-layout';
import { connectionIndexOf } from './connection-index';
import { withCheckpointServer } from './layout-checkpoint-server';
import { maxFlightUs, sceneGeometry } from './scene-geometry';
import { SceneEvents } from './scene-events';
import { recorderScene, type SceneSource } from './scene-source';
import { persistenceUs, SCENE_LIMITS, sceneItems } from './scene-items';

/**
 * The whole recorder with every event's kind but a packet's hidden from the scene ('fault',
 * which it does not draw by kind): each is read and drawn by what it says, none passed over
 * by its kind and time alone. The reference for the scene's shortcut.
 */
function readingEvery(recorder: Recorder): SceneSource {
  const whole = recorderScene(recorder);
  return {
    scanScene: (visitor) =>
      whole.scanScene({
        transmit: (...args) => visitor.transmit(...args),
        other: (atUs, _kind, handle) => visitor.other(atUs, 'fault', handle),
      }),
    eventAt: (handle) => whole.eventAt(handle),
  };
}

/**
 * The scene drawn from its own index and drawn from the whole recorder, every event read, at
 * instants through ftp-crash: packets on the links, the writes, the crash, the reassembly and
 * the time after.
 */
function compareThroughRun(
  config: RunConfig,
  capacity?: number,
  bounds: Partial<typeof SCENE_LIMITS> = {},
): number {
  const scenario = buildScenario(config);
  const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
  const geometry = sceneGeometry(layout, scenario);
  const sim = createSimulation(scenario);
  const recorder = new Recorder(sim, capacity);
  const index = connectionIndexOf(recorder);
  const early = new SceneEvents(recorder); // built before any event: follows by subscription
  let compared = 0;
  for (let nowUs = 50_000; nowUs <= 1_400_000; nowUs += 50_000) {
    sim.runUntil(nowUs);
    const late = new SceneEvents(recorder); // built from what the recorder holds
    const query = {
      nowUs,
      windowUs: persistenceUs(1),
      maxFlightUs: maxFlightUs(scenario),
      connectionOf: (p: Parameters<typeof index.connectionOf>[0]) => index.connectionOf(p),
      exposedSinceUs: sim.firewallState === 'down' ? 800_000 : null,
    };
    // Unbounded scans: with the bound, the index reaches further back in time than the
    // recorder (the events it skips do not count), which is the point of it.
    const limits = { ...SCENE_LIMITS, maxEvents: Number.POSITIVE_INFINITY, ...bounds };
    const whole = sceneItems(readingEvery(recorder), geometry, query, limits);
    expect(sceneItems(recorderScene(recorder), geometry, query, limits)).toEqual(whole);
    expect(sceneItems(early, geometry, query, limits)).toEqual(whole);
    expect(sceneItems(late, geometry, query, limits)).toEqual(whole);
    compared += whole.flights.length + whole.moves.length + whole.drops.length;
  }
  return compared;
}

describe('the scene through its SceneEvents', () => {
  it('gives the scene exactly what the whole recorder gives, through a crash and recovery', () => {
    const config = defaultConfig('ftp-crash');
    expect(compareThroughRun(config)).toBeGreaterThan(1_000);
    expect(compareThroughRun({ ...config, failOpen: true })).toBeGreaterThan(1_000);
    expect(compareThroughRun({ ...config, strategy: 'snapshot' })).toBeGreaterThan(1_000);
  });

  it('passes over only events it would not draw, up to the bounds on what it draws', () => {
    const bounds = { maxFlights: 40, maxDrops: 3, maxMoves: 5 };
    expect(compareThroughRun(defaultConfig('ftp-crash'), undefined, bounds)).toBeGreaterThan(100);
  });

  it('forgets what the recorder forgot', () => {
    // A ring of 3,000 events: at most instants the window reaches back past its oldest.
    expect(compareThroughRun(defaultConfig('ftp-crash'), 3_000)).toBeGreaterThan(100);
  });
});

/** Events of every kind the scene reads by kind and time, in time order, as a recorder gets them. */
function arbitraryEvents(areas: readonly string[], places: readonly string[]) {
  const area = fc.constantFrom(...areas);
  const connection = fc.integer({ min: 1, max: 9 }).map((n) => `tcp … #${n}`);
  const event = fc.oneof(
    fc.record({ kind: fc.constant('checkpoint.write' as const), area, connection }),
    fc.record({ kind: fc.constant('checkpoint.snapshot' as const) }),
    fc.record({ kind: fc.constant('checkpoint.delete' as const), connection }),
    fc.record({ kind: fc.constant('packet.drop' as const), where: fc.constantFrom(...places) }),
    fc.record({ kind: fc.constant('firewall.crash' as const) }),
    fc.record({
      kind: fc.constant('recovery' as const),
      act: fc.constantFrom(904, 1002, 1004),
      area,
      connection,
    }),
  );
  return fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), event), { maxLength: 120 });
}

function asTraceEvent(atUs: number, e: Record<string, unknown> & { kind: string }): TraceEvent {
  switch (e.kind) {
    case 'checkpoint.write':
      return {
        ...(e as { kind: 'checkpoint.write'; area: string; connection: string }),
        atUs,
        acts: [700],
        version: 1,
        bytes: 40,
        mode: 'sync',
      };
    case 'checkpoint.snapshot':
      return { kind: 'checkpoint.snapshot', atUs, connections: 3, bytes: 300 };
    case 'checkpoint.delete':
      return { kind: 'checkpoint.delete', atUs, connection: e.connection as string };
    case 'packet.drop':
      return {
        kind: 'packet.drop',
        atUs,
        where: e.where as string,
        reason: 'r',
        packet: summary(),
      };
    case 'firewall.crash':
      return { kind: 'firewall.crash', atUs, connections: 3, failOpen: false };
    default:
      return {
        kind: 'recovery',
        atUs,
        act: e.act as number,
        detail: '',
        connection: e.connection as string,
        area: e.area as string,
      };
  }
}

describe('the scene passing over events by kind and time', () => {
  it('draws what reading every event draws, for any mix of kinds, ages and bounds', () => {
    const scenario = buildScenario(defaultConfig('ftp-crash'));
    const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
    const geometry = sceneGeometry(layout, scenario);
    const places = [...geometry.places.keys()];
    fc.assert(
      fc.property(
        arbitraryEvents([...checkpointAreaNames], places),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1_000, max: 20_000 }),
        fc.record({
          maxDrops: fc.integer({ min: 0, max: 6 }),
          maxMoves: fc.integer({ min: 0, max: 6 }),
        }),
        (steps, afterUs, windowUs, bounds) => {
          let emit: (e: TraceEvent) => void = () => {};
          const sim = { trace: { subscribe: (fn: typeof emit) => ((emit = fn), () => {}) } };
          const recorder = new Recorder(sim as unknown as Simulation);
          const index = new SceneEvents(recorder);
          let atUs = 0;
          for (const [gapUs, e] of steps) emit(asTraceEvent((atUs += gapUs), e));
          const query = {
            nowUs: atUs + afterUs,
            windowUs,
            maxFlightUs: 1,
            connectionOf: () => null,
            exposedSinceUs: null,
          };
          const limits = { ...SCENE_LIMITS, ...bounds };
          expect(sceneItems(index, geometry, query, limits)).toEqual(
            sceneItems(readingEvery(recorder), geometry, query, limits),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
