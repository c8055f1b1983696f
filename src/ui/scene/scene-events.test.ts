import { describe, expect, it } from 'vitest';
import { checkpointAreaNames, createSimulation } from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig, type RunConfig } from '../run/run-config';
import { layoutTopology } from '../topology-layout';
import { connectionIndexOf } from './connection-index';
import { withCheckpointServer } from './layout-checkpoint-server';
import { maxFlightUs, sceneGeometry } from './scene-geometry';
import { SceneEvents } from './scene-events';
import { recorderScene } from './scene-source';
import { persistenceUs, SCENE_LIMITS, sceneItems } from './scene-items';

/**
 * The scene drawn from its own index and drawn from the whole recorder, at instants through
 * ftp-crash: packets on the links, the writes, the crash, the reassembly and the time after.
 */
function compareThroughRun(config: RunConfig, capacity?: number): number {
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
    const limits = { ...SCENE_LIMITS, maxEvents: Number.POSITIVE_INFINITY };
    const whole = sceneItems(recorderScene(recorder), geometry, query, limits);
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

  it('forgets what the recorder forgot', () => {
    // A ring of 3,000 events: at most instants the window reaches back past its oldest.
    expect(compareThroughRun(defaultConfig('ftp-crash'), 3_000)).toBeGreaterThan(100);
  });
});
