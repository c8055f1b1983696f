import { invariant, violated } from '../errors';
import type { CaptureSummary } from '../capture/capture-summary';
import type { Simulation } from '../simulation';
import type { ReplaySkipReason } from './replay-packet';
import type { FrameExpectation } from './replay-outcomes';
import type { FrameVerdict, VerdictLog } from './verdict-log';

/** The `replay` section of a replay's report; see README for every field. */
export interface ReplaySection {
  /** What the capture reader found: format, interfaces, frames, skipped frames by reason. */
  capture: CaptureSummary;
  /** IPv4 packets that entered a router port. */
  replayed: number;
  /** Decoded packets not replayed, by reason. */
  skipped: Record<ReplaySkipReason, number>;
  outOfOrder: number;
  truncated: number;
  /** Replayed packets the router forwarded. */
  accepted: number;
  /** Replayed packets dropped, by the firewall or the router; `dropReasons` says why. */
  dropped: number;
  dropReasons: Record<string, number>;
  /** Helpers' expectations with the frame that announced (created) or used (matched) each. */
  expectations: FrameExpectation[];
  /** Verdicts past the log's limit (MAX_LOGGED_VERDICTS), neither listed nor compared. */
  verdictsOmitted: number;
  /** Present when the replay had firewall crashes: how their verdicts differ from a run without. */
  crashComparison?: CrashComparison;
}

/** One frame whose fate a crash changed. */
export interface VerdictDifference {
  frame: number;
  withCrash: Pick<FrameVerdict, 'verdict' | 'reason'>;
  withoutCrash: Pick<FrameVerdict, 'verdict' | 'reason'>;
}

export interface CrashComparison {
  /** When each crash was set (null for a crash set at an event count). */
  crashesAtUs: Array<number | null>;
  /** Frames accepted in one run and dropped in the other. */
  differing: number;
  /** The first MAX_LISTED_DIFFERENCES of them, in file order. */
  differences: VerdictDifference[];
  withoutCrash: { accepted: number; dropped: number };
}

export const MAX_LISTED_DIFFERENCES = 1_000;

export function buildReplaySection(sim: Simulation): ReplaySection {
  const replay = sim.replay;
  invariant(replay !== null, 'a replay section of a run that replays nothing');
  const { injector, outcomes } = replay;
  return {
    capture: injector.captureSummary(),
    replayed: injector.replayed,
    skipped: { ...injector.skipped },
    outOfOrder: injector.outOfOrder,
    truncated: injector.truncated,
    accepted: outcomes.accepted,
    dropped: outcomes.dropped,
    dropReasons: Object.fromEntries(outcomes.dropReasons),
    expectations: [...outcomes.expectations],
    verdictsOmitted: outcomes.log?.omitted ?? 0,
  };
}

/**
 * Frame by frame, the verdicts of a run with crashes against the same capture without them.
 * Both runs replayed the same frames in the same order (skipping depends on the file alone).
 */
export function compareVerdicts(
  withCrash: VerdictLog,
  withoutCrash: VerdictLog,
): Pick<CrashComparison, 'differing' | 'differences'> {
  if (!(withCrash.length === withoutCrash.length))
    violated(
      `${withCrash.length} verdicts against ${withoutCrash.length}: the runs replayed other frames`,
    );
  let differing = 0;
  const differences: VerdictDifference[] = [];
  for (let i = 0; i < withCrash.length; i++) {
    if (withCrash.accepted(i) === withoutCrash.accepted(i)) continue;
    differing++;
    if (differences.length >= MAX_LISTED_DIFFERENCES) continue;
    const a = withCrash.at(i);
    const b = withoutCrash.at(i);
    differences.push({
      frame: a.frame,
      withCrash: { verdict: a.verdict, reason: a.reason },
      withoutCrash: { verdict: b.verdict, reason: b.reason },
    });
  }
  return { differing, differences };
}
