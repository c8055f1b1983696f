import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  createSimulation,
  parseScenario,
  replayScenario,
  type Simulation,
  type TraceEvent,
} from '../../engine';
import { buildScenario, defaultConfig, withCrashAt, type RunConfig } from '../run/run-config';
import { EVENT_KINDS, EVENT_SCHEMA } from './event-schema';
import { Recorder } from './recorder';

const RING = 4_096;

const run = (config: RunConfig, crashAtUs: number) =>
  createSimulation(buildScenario(withCrashAt(config, crashAtUs)));
const ftpCrash = defaultConfig('ftp-crash');

/**
 * Runs that show every kind of event between them, each to the time given, but a record's
 * deletion: connections end in these scenarios two minutes after they close (conntrack's
 * timeouts), so that one is left to event-columns.test.ts with the other kinds. The runs of
 * ftp-crash and many-flows go round the ring several times.
 */
const RUNS: readonly [string, () => Simulation, number][] = [
  ['ftp-crash', () => run(ftpCrash, 2_000_000), 4_000_000],
  ['ftp-crash, async', () => run({ ...ftpCrash, checkpointMode: 'async' }, 2_000_000), 3_000_000],
  ['ftp-crash, snapshot', () => run({ ...ftpCrash, strategy: 'snapshot' }, 2_000_000), 3_000_000],
  ['ftp-crash, none', () => run({ ...ftpCrash, strategy: 'none' }, 2_000_000), 6_000_000],
  ['video-call', () => run(defaultConfig('video-call'), 1_000_000), 3_000_000],
  ['blocked-address', () => run(defaultConfig('blocked-address'), 1_000_000), 15_100_000],
  ['many-flows', () => run(defaultConfig('many-flows'), 1_000_000), 3_000_000],
  ['a replayed capture', replay, 10_000_000],
];

function replay(): Simulation {
  const capture = readFileSync(
    new URL('../../../public/samples/ftp-passive.pcap', import.meta.url),
  );
  const scenario = replayScenario([
    { name: 'lan', prefix: '192.0.2.0/24' },
    { name: 'wan', prefix: '198.51.100.0/24' },
  ]);
  return createSimulation(parseScenario(scenario), {
    replay: bytesSource(new Uint8Array(capture)),
  });
}

/** An event's keys as EVENT_SCHEMA lists them: the kind, its fields, then its packet. */
function schemaKeys(kind: TraceEvent['kind']): string {
  const { fields, packet } = EVENT_SCHEMA[kind];
  return ['kind', ...fields.map((f) => f.name), ...(packet ? ['packet'] : [])].join();
}

/** The first events of `sim` (to `untilUs`) the ring did not give back as they were. */
function misread(sim: Simulation, untilUs: number, kinds: Set<string>): number[] {
  const recorder = new Recorder(sim, RING);
  const seen: TraceEvent[] = [];
  const wrong: number[] = [];
  recorder.subscribe((event, seq) => {
    seen[seq % RING] = event;
    kinds.add(event.kind);
    // Read at once, and again at the end for the ring's last lap (older slots left intact).
    if (JSON.stringify(recorder.get(seq)) !== JSON.stringify(event)) wrong.push(seq);
    if (Object.keys(event).join() !== schemaKeys(event.kind)) wrong.push(seq);
  });
  sim.runUntil(untilUs);
  for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
    if (!isDeepStrictEqual(recorder.get(seq), seen[seq % RING])) wrong.push(seq);
  }
  return wrong.slice(0, 10);
}

/** The recorder keeps numbers, not objects: what it gives back must be what the engine said. */
describe('Recorder on real runs', () => {
  const kinds = new Set<string>();

  it.each(RUNS)(
    'gives back every event of %s, field for field and in key order',
    (_, start, untilUs) => {
      expect(misread(start(), untilUs, kinds)).toEqual([]);
    },
  );

  it('has seen every kind of event in those runs', () => {
    expect(EVENT_KINDS.filter((kind) => !kinds.has(kind))).toEqual(['checkpoint.delete']);
  });
});
