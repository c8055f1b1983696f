import { scaleLinear } from 'd3-scale';
import { curveLinear, curveStepBefore, line } from 'd3-shape';
import type { Overview } from '../overview/overview';
import {
  snapTimeUs,
  timeTicks,
  tickCount,
  valueTicks,
  type Tick,
  type ValueUnit,
} from './chart-axes';
import { matchingLine, type ChartSelection } from './chart-series';
import {
  crashBands,
  crashMarkers,
  placeLabels,
  type MarkerKind,
  type PlacedLabel,
} from './crash-markers';
import { deliveredPoints, goodputPoints, levelPoints, ratePoints, type Point } from './goodput';

/** Flow charts draw the overview's flows; firewall charts its firewall series. */
export type FlowChartKind = 'goodput' | 'delivered';
export type FirewallChartKind = 'connections' | 'checkpoint-writes' | 'checkpoint-bytes';
export type ChartKind = FlowChartKind | FirewallChartKind;

/** The plot's rectangle inside the svg, px. */
export interface PlotBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface ChartLine {
  readonly key: string;
  readonly styleIndex: number;
  readonly path: string;
  /** Where the line stops when its flow completed (a dot there); null otherwise. */
  readonly completedAt: { readonly x: number; readonly y: number } | null;
}

/** Everything a chart draws except the playhead: computed when the data or width changes. */
export interface ChartModel {
  readonly box: PlotBox;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly lines: readonly ChartLine[];
  /** The bulk transfer in the run without crashes, dashed grey; "" when there is none. */
  readonly baselinePath: string;
  readonly bands: readonly { readonly x: number; readonly width: number }[];
  readonly markers: readonly { readonly kind: MarkerKind; readonly x: number }[];
  /** Crash marker names above the plot; y is the text's baseline, from the plot's top. */
  readonly labels: readonly (PlacedLabel & { readonly y: number })[];
  readonly endUs: number;
  /** Plot x (px, from the plot's left) of a time. */
  readonly xOf: (us: number) => number;
  /** The time at a plot x (what a click there seeks to): whole µs, rounded to a pixel's worth. */
  readonly usAt: (px: number) => number;
}

export const CHART_HEIGHT_PX = 240;
const LABEL_ROWS = 3;
const LABEL_ROW_PX = 13;
const MARGIN = { left: 62, right: 14, bottom: 40, top: 6 };

export interface ChartInput {
  readonly overview: Overview;
  readonly selection: ChartSelection;
  readonly baseline: Overview | null;
}

/** A line's points, before any scale: what a chart draws, from whichever data. */
export interface LineData {
  readonly key: string;
  readonly styleIndex: number;
  readonly points: readonly Point[];
  /** It ends where its flow completed (a dot there). */
  readonly completed: boolean;
}

/** What one chart draws: its lines, a dashed baseline, and the run's span and crashes. */
export interface ChartData {
  readonly overview: Overview;
  readonly lines: readonly LineData[];
  readonly baseline: readonly Point[];
}

function pointsOf(
  kind: FlowChartKind,
  timesUs: readonly number[],
  delivered: readonly number[],
  endedAtUs: number | null,
): Point[] {
  return kind === 'goodput'
    ? goodputPoints(timesUs, delivered, endedAtUs)
    : deliveredPoints(timesUs, delivered, endedAtUs);
}

/** The flows' lines (and the bulk transfer's line in the run without crashes). */
export function flowChartData(kind: FlowChartKind, input: ChartInput): ChartData {
  const { overview, selection, baseline } = input;
  const endUs = Math.max(overview.endUs, 1);
  const bulk = selection.series.find((s) => s.key === selection.bulkKey);
  const other = bulk && baseline ? matchingLine(baseline, bulk) : null;
  return {
    overview,
    lines: selection.series.map((s) => ({
      key: s.key,
      styleIndex: s.styleIndex,
      points: pointsOf(kind, overview.timesUs, s.delivered, s.endedAtUs),
      completed: kind === 'delivered' && s.completedAtUs !== null,
    })),
    baseline:
      baseline && other
        ? pointsOf(kind, baseline.timesUs, other.delivered, other.endedAtUs).filter(
            (p) => p.timeUs <= endUs,
          )
        : [],
  };
}

/** The firewall's line: connections tracked, or checkpoint writes or bytes per second. */
export function firewallChartData(kind: FirewallChartKind, overview: Overview): ChartData | null {
  const fw = overview.firewall;
  if (fw === null) return null;
  const t = overview.timesUs;
  const points =
    kind === 'connections'
      ? levelPoints(t, fw.connections)
      : ratePoints(t, kind === 'checkpoint-writes' ? fw.writes : fw.bytes);
  return {
    overview,
    lines: [{ key: kind, styleIndex: 0, points, completed: false }],
    baseline: [],
  };
}

const UNITS: Record<ChartKind, ValueUnit> = {
  goodput: 'number',
  delivered: 'bytes',
  connections: 'number',
  'checkpoint-writes': 'number',
  'checkpoint-bytes': 'bytes',
};

/**
 * Scales, ticks, line paths and crash markers of one chart at one width. Pure, and meant to
 * run only when the data or the width changes: the playhead is placed with `xOf` alone.
 */
export function chartModel(
  kind: ChartKind,
  data: ChartData,
  widthPx: number,
  heightPx = CHART_HEIGHT_PX,
): ChartModel {
  const { overview } = data;
  const endUs = Math.max(overview.endUs, 1);
  const plotWidth = Math.max(widthPx - MARGIN.left - MARGIN.right, 10);
  const x = scaleLinear().domain([0, endUs]).range([0, plotWidth]);

  const markers = crashMarkers(overview.crashes, endUs).map((m) => ({
    kind: m.kind,
    x: x(m.timeUs),
  }));
  const labels = placeLabels(markers, plotWidth, LABEL_ROWS);
  const rows = labels.reduce((n, l) => Math.max(n, l.row + 1), 0);
  const top = MARGIN.top + rows * LABEL_ROW_PX;
  const box = {
    left: MARGIN.left,
    top,
    width: plotWidth,
    height: Math.max(heightPx - top - MARGIN.bottom, 10),
  };

  const maxValue = Math.max(
    ...data.lines.flatMap(({ points }) => points.map((p) => p.value)),
    ...data.baseline.map((p) => p.value),
    0,
  );
  const yCount = tickCount(box.height, 36);
  const y = scaleLinear()
    .domain([0, maxValue > 0 ? maxValue : 1])
    .range([box.height, 0])
    .nice(yCount);
  const path = line<Point>()
    .x((p) => x(p.timeUs))
    .y((p) => y(p.value))
    .curve(kind === 'delivered' ? curveLinear : curveStepBefore);

  return {
    box,
    xTicks: timeTicks(x, tickCount(plotWidth, 80)),
    yTicks: valueTicks(y, yCount, UNITS[kind]),
    lines: data.lines.map((l) => {
      const last = l.points.at(-1);
      return {
        key: l.key,
        styleIndex: l.styleIndex,
        path: path(l.points) ?? '',
        completedAt: l.completed && last ? { x: x(last.timeUs), y: y(last.value) } : null,
      };
    }),
    baselinePath: path(data.baseline) ?? '',
    bands: crashBands(overview.crashes, endUs).map((b) => ({
      x: x(b.fromUs),
      width: Math.max(x(b.toUs) - x(b.fromUs), 1),
    })),
    markers,
    labels: labels.map((l) => ({ ...l, y: -4 - l.row * LABEL_ROW_PX })),
    endUs,
    xOf: (us) => x(Math.min(Math.max(us, 0), endUs)),
    usAt: (px) => Math.min(Math.max(snapTimeUs(x.invert(px), endUs / plotWidth), 0), endUs),
  };
}
