import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import {
  applyOverrides,
  asReplayScenario,
  CaptureError,
  chunkedSource,
  parseScenario,
  REPLAY_CHUNK_BYTES,
  replayScenario,
  runReplay,
  type ReplayReport,
  type ReplaySource,
  type ScenarioInput,
} from '../engine/index';
import { UsageError, type SimArgs } from './args';
import { fail, loadScenario, runOverrides } from './cli-support';
import { formatReplaySummary } from './replay-summary';
import { openRunOutputs, type RunOutputs } from './run-outputs';

/** `--pcap`: replays a capture through the router; same exit codes as a scenario run. */
export function replayMain(args: SimArgs): number {
  const path = args.pcapPath as string;
  let scenario: ScenarioInput;
  let outputs: RunOutputs;
  try {
    if (!existsSync(path)) throw new UsageError(`no capture file "${path}"`);
    const base = args.ports.length > 0 ? replayScenario(args.ports) : replayOf(args.scenario);
    scenario = applyOverrides(base, runOverrides(args)) as ScenarioInput;
    const valid = parseScenario(scenario, args.ports.length > 0 ? '--port' : args.scenario);
    outputs = openRunOutputs(
      args,
      valid.router.ports.map((p) => p.name),
    );
  } catch (error) {
    return fail(error);
  }
  const progress = new Progress(path);
  const startMs = performance.now();
  let report: ReplayReport;
  try {
    report = runReplay(scenario, () => fileSource(path, progress), {
      seed: args.seed,
      keepVerdicts: args.verdicts,
      untilUs: args.untilUs,
      onProgress: (bytes, run) => progress.report(bytes, run),
      onSimulation: (sim, run) => (run === 'replay' ? outputs.attach(sim) : undefined),
    });
  } catch (error) {
    outputs.close(false);
    if (error instanceof CaptureError) return fail(new UsageError(`${path}: ${error.message}`));
    return fail(error);
  }
  outputs.close(true);
  const wallMs = Math.round(performance.now() - startMs);
  if (args.json) writeJson({ ...report, wallMs });
  else process.stdout.write(formatReplaySummary({ ...report, wallMs }));
  progress.done(report);
  return 0;
}

/**
 * The report as one JSON document, `verdicts` written one line at a time: a capture of
 * millions of packets would not fit in one string.
 */
function writeJson(report: ReplayReport & { wallMs: number }): void {
  const { verdicts, ...rest } = report;
  const head = JSON.stringify(rest, null, 2);
  if (verdicts === undefined) {
    writeSync(1, `${head}\n`);
    return;
  }
  writeSync(1, `${head.slice(0, -2)},\n  "verdicts": [`);
  const batch: string[] = [];
  verdicts.forEach((v, i) => {
    batch.push(`${i === 0 ? '' : ','}\n    ${JSON.stringify(v)}`);
    if (batch.length === 10_000) writeSync(1, batch.splice(0).join(''));
  });
  writeSync(1, `${batch.join('')}\n  ]\n}\n`);
}

/** A scenario (built-in or file) as the router of a replay. */
function replayOf(nameOrPath: string): ScenarioInput {
  return asReplayScenario(parseScenario(loadScenario(nameOrPath), nameOrPath));
}

/** Reads the capture in chunks with a fresh buffer each (the reader keeps them until read). */
function fileSource(path: string, progress: Progress): ReplaySource {
  const fd = openSync(path, 'r');
  progress.size = fstatSync(fd).size;
  let open = true;
  return chunkedSource(() => {
    if (!open) return null;
    const chunk = new Uint8Array(REPLAY_CHUNK_BYTES);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n > 0) return chunk.subarray(0, n);
    closeSync(fd);
    open = false;
    return null;
  });
}

/** Progress on stderr: the share of the file read, at most every second, and a last line. */
class Progress {
  size = 0;
  private lastMs = performance.now();

  constructor(private readonly path: string) {}

  report(bytes: number, run: string): void {
    const now = performance.now();
    if (now - this.lastMs < 1_000) return;
    this.lastMs = now;
    const share = this.size === 0 ? 100 : (100 * bytes) / this.size;
    const label = run === 'replay' ? 'replay' : 'replay without crash';
    process.stderr.write(
      `${label}: ${(bytes / 1e6).toFixed(1)} of ${(this.size / 1e6).toFixed(1)} MB (${share.toFixed(0)}%)\n`,
    );
  }

  done(r: ReplayReport): void {
    process.stderr.write(
      `replay: ${this.path}: ${r.replay.replayed} packets replayed, ${r.replay.accepted} accepted, ${r.replay.dropped} dropped\n`,
    );
  }
}
