import {
  TARGETS,
  withinOneFrame,
  type PageReading,
  type PlaySpan,
  type UiBenchResult,
} from './result';
import { median } from './stats';
import type { MainThreadTime } from './trace-summary';

/** One line of the table; a figure with a target says whether it is met. */
interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly target?: string;
  readonly met?: boolean;
}

/** The result as a table for a terminal: one figure a line, its target and whether it is met. */
export function formatReport(r: UiBenchResult): string {
  const entry = r.bundle.filter((c) => c.role === 'entry');
  const entryGzip = entry.reduce((sum, c) => sum + c.gzipBytes, 0);
  const entryRaw = entry.reduce((sum, c) => sum + c.rawBytes, 0);
  const rows: Row[] = [
    ...r.firstRender.map((f): Row => {
      const firstMs = median(f.firstRenderMs);
      return {
        figure: `first render ${f.path} (median of ${f.firstRenderMs.length})`,
        measured: `${ms(firstMs)} (FCP ${ms(median(f.fcpMs))})`,
        target: `≤ ${ms(TARGETS.firstRenderMs)}`,
        met: firstMs <= TARGETS.firstRenderMs,
      };
    }),
    ...spanRows('fast-forward at max', r.fastForward),
    {
      figure: 'idle frame ms (paused) p50 / p95',
      measured: `${ms(r.idleFrameMs.p50)} / ${ms(r.idleFrameMs.p95)}`,
    },
    ...spanRows('playing at 1×', r.playing),
    { figure: 'JS heap in use at the instant', measured: mb(r.heapUsedBytes) },
    { figure: '  of it live (after a full collection)', measured: mb(r.liveHeapBytes) },
    {
      figure: 'JS loaded with the page (gzip -9)',
      measured: `${kb(entryGzip)} (${kb(entryRaw)} raw)`,
      target: `≤ ${kb(TARGETS.entryGzipBytes)}`,
      met: entryGzip <= TARGETS.entryGzipBytes,
    },
    ...r.bundle.map((c) => ({
      figure: `  ${c.role} ${c.file}`,
      measured: `${kb(c.gzipBytes)} (${kb(c.rawBytes)} raw)`,
    })),
    {
      figure: 'page errors',
      measured: String(r.pageErrors.length),
      target: 'none',
      met: r.pageErrors.length === 0,
    },
  ];
  const title =
    `UI benchmark: ${r.scenario}, ${r.measuredAt}, ${r.browser}, ${r.cores} cores, ` +
    `load average ${r.loadAverage.map((l) => l.toFixed(1)).join(' → ')}` +
    (r.profiled ? ' (CPU profiler on: the figures include its overhead)' : '');
  return [title, ...table(rows)].join('\n');
}

function spanRows(name: string, s: PlaySpan): Row[] {
  const frames = [s.frameMs.p50, s.frameMs.p95, s.frameMs.p99, s.frameMs.max].map(ms);
  return [
    {
      figure: name,
      measured:
        `${s.from.simSeconds.toFixed(3)} → ${s.to.simSeconds.toFixed(3)} s simulated ` +
        `in ${(s.wallMs / 1_000).toFixed(1)} s`,
    },
    { figure: '  at its start', measured: reading(s.from) },
    { figure: '  at its end', measured: reading(s.to) },
    {
      figure: '  charts (overview worker)',
      measured: s.overviewReady.map((ready) => (ready ? 'ready' : 'computing')).join(' → '),
    },
    {
      figure: '  frame ms p50 / p95 / p99 / max',
      measured:
        `${frames.join(' / ')} (${count(s.frameMs.count)} frames, ` +
        `${count(s.overOneFrame)} over one)`,
      target: `p95 ≤ 1 frame (${ms(TARGETS.frameP95Ms)})`,
      met: withinOneFrame(s.frameMs.p95),
    },
    {
      figure: '  long tasks (> 50 ms): count, longest',
      measured:
        `${count(s.longTasks.count)}, ${ms(s.longTasks.longestMs)} ` +
        `(${ms(s.longTasks.totalMs)} in all)`,
      target: 'none',
      met: s.longTasks.count <= TARGETS.longTasks,
    },
    ...(s.mainThread === undefined ? [] : [mainThreadRow(s.mainThread)]),
  ];
}

/** The traced main thread: busy time, and each kind of work's share of it. */
function mainThreadRow(t: MainThreadTime): Row {
  const kinds = Object.entries(t.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, v]) => `${kind} ${t.busyMs > 0 ? Math.round((100 * v) / t.busyMs) : 0} %`);
  return {
    figure: '  main thread busy (traced)',
    measured: `${ms(t.busyMs)}: ${kinds.join(', ')}`,
  };
}

const reading = (p: PageReading) =>
  `${count(p.connectionsTracked)} connections, ${count(p.packetsInFlight)} packets in flight`;

function table(rows: readonly Row[]): string[] {
  const cells = (row: Row) => [row.figure, row.measured, row.target ?? ''];
  const header = ['figure', 'measured', 'target'];
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows.map(cells)].map((c) => c[i].length)),
  );
  const line = (texts: string[], verdict: string) =>
    [...texts.map((text, i) => text.padEnd(widths[i])), verdict].join('  ').trimEnd();
  return [
    line(header, ''),
    line(
      widths.map((w) => '-'.repeat(w)),
      '',
    ),
    ...rows.map((row) => line(cells(row), row.met === undefined ? '' : row.met ? 'met' : 'MISSED')),
  ];
}

const count = (n: number) => n.toLocaleString('en-US');
const ms = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
const kb = (bytes: number) => `${(bytes / 1_000).toFixed(1)} kB`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`;
