import { invariant } from '../errors';
import { buildReport, type SimulationReport } from '../report';
import type { ScenarioInput } from '../scenarios/schema';
import { createSimulation, type Simulation } from '../simulation';
import { buildReplaySection, compareVerdicts, type ReplaySection } from './replay-report';
import type { ReplaySource } from './replay-source';
import type { FrameVerdict } from './verdict-log';

export interface ReplayRunOptions {
  readonly seed?: number;
  /** Keep each frame's verdict for the report's `verdicts`. */
  readonly keepVerdicts?: boolean;
  /** Stop at this simulated time even if the capture goes on. */
  readonly untilUs?: number;
  /** Called between slices of the run with the bytes of the capture read so far. */
  readonly onProgress?: (bytesRead: number, run: 'replay' | 'without crash') => void;
  /** Called with each simulation before it runs (to follow its trace). */
  readonly onSimulation?: (sim: Simulation, run: 'replay' | 'without crash') => void;
}

export interface ReplayReport extends SimulationReport {
  replay: ReplaySection;
  verdicts?: FrameVerdict[];
}

/** Simulated time per slice of a run between progress calls. */
const SLICE_US = 1_000_000;

/**
 * Replays a capture through a replay scenario's router and firewall, to the capture's end.
 * With firewall crashes in the scenario it replays the capture a second time without them
 * (`openSource` is called once per run, so a file streams twice rather than being held) and
 * reports the frames whose verdict the crashes changed.
 */
export function runReplay(
  scenario: ScenarioInput,
  openSource: () => ReplaySource,
  options: ReplayRunOptions = {},
): ReplayReport {
  const crashes = (scenario.faults ?? []).filter((f) => f.kind === 'firewall-crash');
  const compare = crashes.length > 0;
  const sim = replaySimulation(scenario, openSource(), options, compare, 'replay');
  const report: ReplayReport = { ...buildReport(sim), replay: buildReplaySection(sim) };
  const log = sim.replay?.outcomes.log ?? null;
  if (options.keepVerdicts && log !== null) report.verdicts = log.toArray();
  if (!compare || log === null) return report;
  const faults = (scenario.faults ?? []).filter((f) => f.kind !== 'firewall-crash');
  const plain = { ...scenario, faults };
  const baseline = replaySimulation(plain, openSource(), options, true, 'without crash');
  const baseLog = baseline.replay?.outcomes.log ?? null;
  invariant(baseLog !== null, 'the run without crashes kept no verdicts');
  report.replay.crashComparison = {
    crashesAtUs: crashes.map((f) => f.atUs ?? null),
    ...compareVerdicts(log, baseLog),
    withoutCrash: {
      accepted: baseline.replay?.outcomes.accepted ?? 0,
      dropped: baseline.replay?.outcomes.dropped ?? 0,
    },
  };
  return report;
}

function replaySimulation(
  scenario: ScenarioInput,
  source: ReplaySource,
  options: ReplayRunOptions,
  keepVerdicts: boolean,
  run: 'replay' | 'without crash',
): Simulation {
  const sim = createSimulation(scenario, {
    seed: options.seed,
    replay: source,
    keepVerdicts: keepVerdicts || options.keepVerdicts,
  });
  options.onSimulation?.(sim, run);
  const untilUs = Math.min(options.untilUs ?? Infinity, sim.scenario.durationUs);
  while (!sim.trafficEnded && sim.nowUs < untilUs) {
    sim.run(Math.min(untilUs, sim.nowUs + SLICE_US));
    options.onProgress?.(source.bytesRead, run);
  }
  if (!sim.trafficEnded) sim.replay?.outcomes.finish();
  return sim;
}
