import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  checkpointAreaNames,
  createSimulation,
  parseScenario,
  replayScenario,
} from '../../engine';
import { Recorder } from '../record/recorder';
import { layoutTopology } from '../topology-layout';
import { withCheckpointServer } from './layout-checkpoint-server';
import { maxFlightUs, sceneGeometry } from './scene-geometry';
import { sceneEventsOf } from './scene-events';
import { sceneItems } from './scene-items';

const capture = new Uint8Array(
  readFileSync(new URL('../../../public/samples/ftp-passive.pcap', import.meta.url)),
);
const scenario = parseScenario(
  replayScenario([
    { name: 'lan', prefix: '192.0.2.0/24' },
    { name: 'wan', prefix: '198.51.100.0/24' },
  ]),
);

describe('a replay in the scene', () => {
  it('draws a replayed packet on the last stretch of its port’s link, reaching the port as it fades', () => {
    const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
    const geometry = sceneGeometry(layout, scenario);
    const sim = createSimulation(scenario, { replay: bytesSource(capture) });
    const recorder = new Recorder(sim);
    sim.runUntil(0); // the first SYN, from the client's network, has entered port lan
    const windowUs = 100;
    // Through the scene's own index, as the page draws it: replayed entries are among its kinds.
    const at = (nowUs: number) =>
      sceneItems(sceneEventsOf(recorder), geometry, {
        nowUs,
        windowUs,
        maxFlightUs: maxFlightUs(scenario),
        connectionOf: () => null,
        exposedSinceUs: null,
      }).flights.filter((f) => f.packetId === 1);
    const entry = geometry.entries.get('lan');
    expect(entry).toBeDefined();
    const [start] = at(0);
    expect(start.progress).toBeCloseTo(0.6);
    const [end] = at(windowUs);
    expect(end.progress).toBeCloseTo(1);
    expect(end.at.x).toBeCloseTo(entry?.to.x ?? NaN);
    expect(at(windowUs + 1)).toEqual([]);
  });
});
