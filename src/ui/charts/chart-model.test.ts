import { describe, expect, it } from 'vitest';
import { crash, flow, overviewOf, timesOf } from './chart-fixture';
import {
  CHART_HEIGHT_PX,
  chartModel,
  firewallChartData,
  flowChartData,
  type ChartInput,
  type FlowChartKind,
} from './chart-model';
import { selectSeries } from './chart-series';

// 100 buckets of 10 ms: a 1 s run; the download delivers 12,500 bytes a bucket (10 Mbit/s),
// nothing while the firewall is down (0.3–0.5 s), and completes at 0.95 s.
const download = Array.from({ length: 100 }, (_, i) => {
  const bucket = i + 1;
  const paused = Math.min(Math.max(bucket - 30, 0), 20);
  return Math.min(bucket - paused, 75) * 12_500;
});
const crashed = overviewOf(
  [
    flow('download/data', 'ftp-data', download, {
      bytesGoal: 75 * 12_500,
      completedAtUs: 950_000,
      endedAtUs: 950_000,
    }),
  ],
  { crashes: [crash(300_000, 450_000, 500_000)] },
);
const input = (baseline: ChartInput['baseline'] = null): ChartInput => ({
  overview: crashed,
  selection: selectSeries(crashed),
  baseline,
});

/** A flow chart's model: its lines from the selection, then scales and paths. */
const modelOf = (kind: FlowChartKind, data: ChartInput, widthPx: number) =>
  chartModel(kind, flowChartData(kind, data), widthPx);

describe('chartModel', () => {
  it('fits the plot in the width, below the crash labels', () => {
    const model = modelOf('goodput', input(), 600);
    expect(model.box.left + model.box.width).toBeLessThan(600);
    // crash, restart and back are 0.05 s (30 px) apart: "restart" and "back" stack.
    expect(model.labels.map((l) => l.kind)).toEqual(['crash', 'restart', 'back']);
    expect(model.box.top).toBeGreaterThan(Math.max(...model.labels.map((l) => -l.y)) - 4);
    expect(model.box.top + model.box.height).toBeLessThan(CHART_HEIGHT_PX);
  });

  it('draws one path per line, and the outage band with its markers', () => {
    const model = modelOf('goodput', input(), 600);
    expect(model.lines).toHaveLength(1);
    expect(model.lines[0].path).toMatch(/^M0,/);
    expect(model.bands).toHaveLength(1);
    expect(model.bands[0].x).toBeCloseTo(model.xOf(300_000));
    expect(model.markers.map((m) => m.kind)).toEqual(['crash', 'restart', 'back']);
  });

  it('scales goodput to its peak and labels the axis in Mbit/s', () => {
    const model = modelOf('goodput', input(), 600);
    expect(model.yTicks.at(-1)?.label).toBe('10');
  });

  it('marks where a completed flow ended on the delivered chart only', () => {
    const delivered = modelOf('delivered', input(), 600);
    expect(delivered.lines[0].completedAt?.x).toBeCloseTo(delivered.xOf(950_000));
    expect(modelOf('goodput', input(), 600).lines[0].completedAt).toBeNull();
    expect(delivered.yTicks.at(-1)?.label).toBe('1 MB');
  });

  it('draws the baseline only when there is one', () => {
    expect(modelOf('goodput', input(), 600).baselinePath).toBe('');
    const baseline = overviewOf([
      flow(
        'download/data',
        'ftp-data',
        download.map((_, i) => Math.min(i + 1, 75) * 12_500),
        {
          endedAtUs: 750_000,
        },
      ),
    ]);
    expect(modelOf('goodput', input(baseline), 600).baselinePath).toMatch(/^M0,/);
  });

  it('has fewer time ticks when narrow', () => {
    const wide = modelOf('goodput', input(), 1200).xTicks.length;
    const narrow = modelOf('goodput', input(), 380).xTicks.length;
    expect(narrow).toBeLessThan(wide);
    expect(narrow).toBeGreaterThanOrEqual(2);
  });

  it('maps times to x and back, clamped to the run and snapped to a pixel’s worth', () => {
    const model = modelOf('goodput', input(), 600);
    expect(model.xOf(-5)).toBe(0);
    expect(model.xOf(5_000_000)).toBe(model.box.width);
    expect(model.usAt(-10)).toBe(0);
    expect(model.usAt(model.box.width + 10)).toBe(1_000_000);
    const at = model.usAt(model.xOf(523_456));
    expect(Math.abs(at - 523_456)).toBeLessThan(1_000_000 / model.box.width);
    expect(Number.isInteger(at)).toBe(true);
  });

  it('copes with a run of no time at all', () => {
    const empty = overviewOf([flow('d', 'ftp-data', [0], { bytesGoal: 1 })], {
      timesUs: [0],
      endUs: 0,
    });
    const m = modelOf(
      'delivered',
      { overview: empty, selection: selectSeries(empty), baseline: null },
      300,
    );
    expect(m.endUs).toBe(1);
    expect(m.yTicks.length).toBeGreaterThan(0);
  });

  it('keeps its fixture honest: 100 samples of 10 ms', () => {
    expect(crashed.timesUs).toEqual(timesOf(100));
  });

  it('draws the firewall: connections tracked as a level, checkpoint writes as a rate', () => {
    const times = timesOf(4); // 10 ms buckets
    const overview = overviewOf([], {
      timesUs: times,
      firewall: { connections: [2, 3, 0, 3], writes: [4, 10, 10, 12], bytes: [0, 0, 0, 0] },
    });
    const connections = firewallChartData('connections', overview)!;
    expect(connections.lines[0].points.map((p) => p.value)).toEqual([0, 2, 3, 0, 3]);
    const writes = firewallChartData('checkpoint-writes', overview)!;
    // 4, 6, 0 and 2 writes in 10 ms buckets: 400, 600, 0 and 200 per second.
    expect(writes.lines[0].points.map((p) => p.value)).toEqual([400, 400, 600, 0, 200]);
    const m = chartModel('checkpoint-writes', writes, 600);
    expect(m.yTicks.at(-1)?.label).toBe('600');
    expect(firewallChartData('connections', overviewOf([], { firewall: null }))).toBeNull();
  });
});
