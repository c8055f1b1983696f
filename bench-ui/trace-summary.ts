/**
 * Where the page's main thread spent a traced stretch, from a Chrome trace (the
 * devtools.timeline categories, as the Performance panel records them): time by the kind of
 * work, counted once, from its complete ('X') events, the form Chrome records these in. An event nested in another (a layout forced by a script, a collection
 * during a function call) is charged to the innermost kind, and its parent keeps the rest.
 */

/** One event of a Chrome trace file's `traceEvents` (the fields used here). */
export interface TraceEventJson {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

export type WorkKind = 'script' | 'style' | 'layout' | 'paint' | 'gc' | 'other';

/** Event names by the kind of work they are (the Performance panel's grouping). */
const KINDS: Readonly<Record<string, WorkKind>> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  'v8.run': 'script',
  UpdateLayoutTree: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  UpdateLayerTree: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  CompositeLayers: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'V8.GC_SCAVENGER': 'gc',
  BlinkGC: 'gc',
};

export interface MainThreadTime {
  /** Milliseconds of each kind; 'other' is the main thread's top-level tasks not covered. */
  readonly byKind: Readonly<Record<WorkKind, number>>;
  /** Milliseconds of top-level tasks in all (the main thread busy). */
  readonly busyMs: number;
}

/**
 * The renderer main thread's time by kind of work, over the whole trace. With several
 * renderers traced, the page's is the one whose main thread was busiest.
 */
export function mainThreadTime(events: readonly TraceEventJson[]): MainThreadTime {
  const main = busiestRendererMain(events);
  const byKind: Record<WorkKind, number> = {
    script: 0,
    style: 0,
    layout: 0,
    paint: 0,
    gc: 0,
    other: 0,
  };
  if (main === undefined) return { byKind, busyMs: 0 };
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && (e.dur ?? 0) > 0)
    .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), kind: kindOf(e.name) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let busyUs = 0;
  // Walk the nesting: each span's own time is its length less its children's.
  const open: { end: number; kind: WorkKind | null; childUs: number; start: number }[] = [];
  const close = (until: number) => {
    while (open.length > 0 && open[open.length - 1].end <= until) {
      const span = open.pop()!;
      const own = span.end - span.start - span.childUs;
      const parent = open[open.length - 1];
      if (parent !== undefined) parent.childUs += span.end - span.start;
      else busyUs += span.end - span.start;
      const kind = span.kind ?? inheritedKind(open) ?? 'other';
      byKind[kind] += own / 1_000;
    }
  };
  for (const span of spans) {
    close(span.start);
    open.push({ ...span, childUs: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return { byKind, busyMs: busyUs / 1_000 };
}

function busiestRendererMain(events: readonly TraceEventJson[]): TraceEventJson | undefined {
  const mains = events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  const busyUs = (m: TraceEventJson) =>
    events
      .filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid)
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  return mains.sort((a, b) => busyUs(b) - busyUs(a))[0];
}

function kindOf(name: string): WorkKind | null {
  return KINDS[name] ?? null;
}

/** An unknown event's time goes to the nearest enclosing event of a known kind. */
function inheritedKind(open: readonly { kind: WorkKind | null }[]): WorkKind | null {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].kind !== null) return open[i].kind;
  return null;
}
