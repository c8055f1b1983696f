import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  applyOverrides,
  asReplayScenario,
  CaptureError,
  chunkedSource,
  parseScenario,
  PortCapture,
  REPLAY_CHUNK_BYTES,
  replayScenario,
  runReplay,
  type ReplayReport,
  type ReplaySource,
  type ScenarioInput,
  type Simulation,
} from '../engine/index';
import { UsageError, type SimArgs } from './args';
import { fail, loadScenario, openTrace, runOverrides } from './cli-support';
import { openOutput, type OutputFile } from './output-file';
import { formatReplaySummary } from './replay-summary';

/** `--pcap`: replays a capture through the router; same exit codes as a scenario run. */
export function replayMain(args: SimArgs): number {
  const path = args.pcapPath as string;
  let scenario: ScenarioInput;
  let outputs: Outputs;
  try {
    if (!existsSync(path)) throw new UsageError(`no capture file "${path}"`);
    const base = args.ports.length > 0 ? replayScenario(args.ports) : replayOf(args.scenario);
    scenario = applyOverrides(base, runOverrides(args)) as ScenarioInput;
    parseScenario(scenario, args.ports.length > 0 ? '--port' : args.scenario);
    outputs = openOutputs(args);
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
    outputs.close();
    if (error instanceof CaptureError) return fail(new UsageError(`${path}: ${error.message}`));
    return fail(error);
  }
  outputs.close();
  const wallMs = Math.round(performance.now() - startMs);
  const out = { ...report, wallMs };
  if (args.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else process.stdout.write(formatReplaySummary(out));
  progress.done(report);
  return 0;
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

interface Outputs {
  attach(sim: Simulation): void;
  close(): void;
}

/** The trace and capture files, opened before the run so a bad path fails at once. */
function openOutputs(args: SimArgs): Outputs {
  const files: Array<{ close(): void }> = [];
  const pcap: OutputFile | null =
    args.pcapOutPath === undefined ? null : openOutput(args.pcapOutPath, 'capture file');
  if (pcap !== null) files.push(pcap);
  return {
    attach(sim) {
      if (args.tracePath !== undefined) files.push(openTrace(args.tracePath, sim));
      if (pcap === null) return;
      const names = sim.router.ports.map((p) => p.name);
      const unknown = (args.pcapOutPorts ?? []).find((n) => !names.includes(n));
      if (unknown !== undefined) {
        throw new UsageError(
          `--pcap-out-port: no router port "${unknown}" (ports: ${names.join(', ')})`,
        );
      }
      sim.router.tap = new PortCapture(
        sim.router,
        sim.scheduler,
        {
          format: /\.pcap$/i.test(args.pcapOutPath ?? '') ? 'pcap' : 'pcapng',
          ports: args.pcapOutPorts,
          baseUs: sim.replay?.injector.originUs ?? 0,
        },
        (chunk) => pcap.write(chunk),
      );
    },
    close: () => files.forEach((f) => f.close()),
  };
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
