import { bytesSource, createSimulation, PortCapture, type Simulation } from '../../engine';
import type { RunInput } from '../run/run-config';

/** What can be downloaded: the ports' traffic as pcapng or pcap, or the trace as JSON Lines. */
export type ExportKind = 'pcapng' | 'pcap' | 'trace';

/** The largest export made: it is held whole in memory (the worker's, then the page's blob). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;
/** Bytes per chunk handed back: few buffers to transfer, none of them huge. */
const BLOCK_BYTES = 1024 * 1024;
/** Trace text gathered before it is encoded (one encode per batch, not per event). */
const TEXT_BATCH_CHARS = 64 * 1024;

const EXTENSIONS: Record<ExportKind, string> = {
  pcapng: 'pcapng',
  pcap: 'pcap',
  trace: 'jsonl',
};

/** MIME types; a browser saves the file under its name whatever the type says. */
export const EXPORT_TYPES: Record<ExportKind, string> = {
  pcapng: 'application/x-pcapng',
  pcap: 'application/vnd.tcpdump.pcap',
  trace: 'application/x-ndjson',
};

/** A file ready to download. */
export interface ExportFile {
  readonly name: string;
  readonly type: string;
  readonly chunks: Uint8Array<ArrayBuffer>[];
}

/**
 * Re-runs a run headless from time 0 to `untilUs` (the playhead) and returns what it
 * recorded, in chunks. The engine is deterministic, so this is exactly the run on screen —
 * the live run records nothing, and costs nothing, until the user asks for a file. Throws
 * as soon as the file would exceed `maxBytes`.
 */
export function exportRun(
  run: RunInput,
  untilUs: number,
  kind: ExportKind,
  maxBytes = MAX_EXPORT_BYTES,
): Uint8Array<ArrayBuffer>[] {
  if (!(Number.isFinite(untilUs) && untilUs >= 0)) {
    throw new RangeError(`an export ends at a time ≥ 0 µs, got ${untilUs}`);
  }
  const sim = createSimulation(run.scenario, {
    replay: run.capture === null ? undefined : bytesSource(run.capture),
  });
  const sink = new BlockSink(maxBytes);
  if (kind === 'trace') {
    // One JSON line per event, as the CLI's --trace writes them.
    sim.trace.subscribe((event) => sink.writeText(`${JSON.stringify(event)}\n`));
  } else {
    // A replay's timestamps line up with the capture it came from; a simulated run starts at the epoch.
    const baseUs = sim.replay?.injector.originUs ?? 0;
    sim.router.tap = new PortCapture(sim.router, sim.scheduler, { format: kind, baseUs }, (c) =>
      sink.write(c),
    );
  }
  runTo(sim, Math.min(Math.round(untilUs), run.scenario.durationUs));
  return sink.finish();
}

/**
 * Runs as the page's runner does: to the limit, unless all traffic ends first. A stop asked
 * while some traffic goes on (the flows done, a replay not yet) is run past, as the runner's
 * next call would.
 */
function runTo(sim: Simulation, limitUs: number): void {
  while (!sim.trafficEnded && sim.nowUs < limitUs) sim.runUntil(limitUs);
}

/**
 * Gathers bytes into blocks of BLOCK_BYTES: a capture arrives as one small array per packet,
 * a trace as one line per event — too many to hand over one by one. Refuses to grow beyond
 * `maxBytes` (the exception ends the run that is writing).
 */
class BlockSink {
  private readonly blocks: Uint8Array<ArrayBuffer>[] = [];
  private block = new Uint8Array(BLOCK_BYTES);
  private used = 0;
  private bytes = 0;
  private readonly encoder = new TextEncoder();
  private text: string[] = [];
  private textChars = 0;

  constructor(private readonly maxBytes: number) {}

  /** Text is gathered and encoded a batch at a time, not a line at a time. */
  writeText(text: string): void {
    this.text.push(text);
    this.textChars += text.length;
    if (this.textChars >= TEXT_BATCH_CHARS) this.flushText();
  }

  write(data: Uint8Array): void {
    this.bytes += data.length;
    if (this.bytes > this.maxBytes) {
      const mib = Math.round(this.maxBytes / (1024 * 1024));
      throw new Error(`the export would exceed ${mib} MiB: export an earlier moment`);
    }
    for (let from = 0; from < data.length;) {
      const n = Math.min(data.length - from, BLOCK_BYTES - this.used);
      this.block.set(data.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
      if (this.used === BLOCK_BYTES) {
        this.blocks.push(this.block);
        this.block = new Uint8Array(BLOCK_BYTES);
        this.used = 0;
      }
    }
  }

  finish(): Uint8Array<ArrayBuffer>[] {
    this.flushText();
    if (this.used > 0) this.blocks.push(this.block.slice(0, this.used));
    this.used = 0;
    return this.blocks;
  }

  private flushText(): void {
    if (this.text.length === 0) return;
    const bytes = this.encoder.encode(this.text.join(''));
    this.text = [];
    this.textChars = 0;
    this.write(bytes);
  }
}

/**
 * `checkpoint-router-<run>-<seconds>s.<ext>`: the run is the scenario, or the capture
 * replayed (its file name without extension), kept to characters every file system takes.
 */
export function exportFileName(scenarioKey: string, untilUs: number, kind: ExportKind): string {
  const run =
    scenarioKey
      .replace(/^[a-z]+:/, '')
      .replace(/\.(pcapng|pcap|cap)$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 64) || 'run';
  const seconds = (Math.max(untilUs, 0) / 1e6).toFixed(6).replace(/\.?0+$/, '');
  return `checkpoint-router-${run}-${seconds}s.${EXTENSIONS[kind]}`;
}
