import { describe, expect, it } from 'vitest';
import { mainThreadTime, type TraceEventJson } from './trace-summary';

const meta = (tid: number, name: string): TraceEventJson => ({
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid: 1,
  tid,
  args: { name },
});
const span = (name: string, ts: number, dur: number, tid = 7): TraceEventJson => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 1,
  tid,
});

describe('mainThreadTime', () => {
  it("charges nested work to its innermost kind and the rest to the parent's", () => {
    const t = mainThreadTime([
      meta(7, 'CrRendererMain'),
      meta(9, 'Compositor'),
      span('RunTask', 0, 10_000), // unknown: its uncovered time is 'other'
      span('FunctionCall', 1_000, 6_000),
      span('Layout', 2_000, 1_000), // forced by the script
      span('MinorGC', 4_000, 500),
      span('Paint', 8_000, 1_000),
      span('RunTask', 20_000, 2_000),
      span('SomethingInside', 20_500, 1_000), // unknown under unknown: still 'other'
      span('FunctionCall', 0, 50_000, 9), // another thread: not counted
    ]);
    expect(t.busyMs).toBe(12);
    expect(t.byKind).toEqual({ script: 4.5, style: 0, layout: 1, paint: 1, gc: 0.5, other: 5 });
  });

  it('finds nothing in a trace without the renderer main thread', () => {
    expect(mainThreadTime([span('FunctionCall', 0, 1_000)]).busyMs).toBe(0);
  });

  it("picks the busiest renderer's main thread when several were traced", () => {
    const other = (e: TraceEventJson): TraceEventJson => ({ ...e, pid: 2 });
    const t = mainThreadTime([
      meta(7, 'CrRendererMain'),
      other(meta(7, 'CrRendererMain')), // a second renderer, less busy
      other(span('FunctionCall', 0, 1_000)),
      span('Paint', 0, 3_000),
    ]);
    expect(t.busyMs).toBe(3);
    expect(t.byKind.paint).toBe(3);
  });
});
