import { describe, expect, it } from 'vitest';
import { formatReport } from './report';
import { withinOneFrame, type PlaySpan, type UiBenchResult } from './result';
import { distribution } from './stats';

const span = (frameMs: number[], longestMs: number): PlaySpan => ({
  wallMs: 10_000,
  from: { simSeconds: 105, connectionsTracked: 104_866, packetsInFlight: 2_097 },
  to: { simSeconds: 115, connectionsTracked: 114_817, packetsInFlight: 1_900 },
  frameMs: distribution(frameMs),
  overOneFrame: frameMs.filter((f) => !withinOneFrame(f)).length,
  longTasks:
    longestMs === 0
      ? { count: 0, longestMs: 0, totalMs: 0 }
      : { count: 1, longestMs, totalMs: longestMs },
  overviewReady: [false, true],
});

const result: UiBenchResult = {
  scenario: 'large-table',
  measuredAt: '2026-11-27T14:00:00.000Z',
  browser: 'Chromium 156',
  cores: 2,
  loadAverage: [0.4, 1.1],
  profiled: false,
  bundle: [
    { file: 'index-Dj.js', role: 'entry', rawBytes: 531_463, gzipBytes: 175_200 },
    { file: 'overview-worker-Bs.js', role: 'worker', rawBytes: 220_094, gzipBytes: 69_000 },
  ],
  firstRender: [{ path: '/', firstRenderMs: [420, 380, 900], fcpMs: [200, 210, 190] }],
  fastForward: span([8, 9, 70], 70),
  idleFrameMs: distribution([16.7, 16.6]),
  playing: span([16.7, 16.7, 16.6], 0),
  heapUsedBytes: 812_000_000,
  liveHeapBytes: 500_000_000,
  pageErrors: [],
};

describe('formatReport', () => {
  const lines = formatReport(result).split('\n');
  const row = (figure: string) => lines.find((l) => l.startsWith(figure)) ?? '';

  it('titles the table with the scenario, date, browser, cores and load', () => {
    expect(lines[0]).toBe(
      'UI benchmark: large-table, 2026-11-27T14:00:00.000Z, Chromium 156, 2 cores, load average 0.4 → 1.1',
    );
    expect(lines[1]).toMatch(/^figure +measured +target$/);
  });

  it('gives each figure with a target its verdict', () => {
    expect(row('first render / (median of 3)')).toMatch(/420 ms \(FCP 200 ms\) +≤ 1,000 ms +met$/);
    expect(row('JS loaded with the page')).toMatch(
      /175\.2 kB \(531\.5 kB raw\) +≤ 150\.0 kB +MISSED$/,
    );
    expect(row('page errors')).toMatch(/0 +none +met$/);
  });

  it('gives the heap in use and, under it, what a full collection left of it', () => {
    const heap = lines.indexOf(row('JS heap in use at the instant'));
    expect(lines[heap]).toMatch(/ 812 MB$/);
    expect(lines[heap + 1]).toMatch(/^ +of it live \(after a full collection\) +500 MB$/);
  });

  it('reports both stretches: what the page showed, frames and long tasks', () => {
    const start = lines.indexOf(row('playing at 1×'));
    const playing = lines.slice(start, start + 6).join('\n');
    expect(playing).toContain('105.000 → 115.000 s simulated in 10.0 s');
    expect(playing).toContain('104,866 connections, 2,097 packets in flight');
    expect(playing).toContain('computing → ready');
    expect(playing).toMatch(
      /16\.7 ms \/ 16\.7 ms \/ 16\.7 ms \/ 16\.7 ms \(3 frames, 0 over one\) +p95 ≤ 1 frame \(16\.7 ms\) +met/,
    );
    expect(playing).toMatch(/0, 0 ms \(0 ms in all\) +none +met/);
    expect(row('fast-forward at max')).toBeTruthy();
    expect(lines.join('\n')).toMatch(/1, 70 ms \(70 ms in all\) +none +MISSED/);
  });

  it('judges the frame target in whole 60 Hz frames, as the clock can tell them', () => {
    const judged = (frameMs: number[]) => {
      const all = formatReport({ ...result, playing: span(frameMs, 0) }).split('\n');
      const from = all.findIndex((l) => l.startsWith('playing at 1×'));
      return all.slice(from).find((l) => l.startsWith('  frame ms')) ?? '';
    };
    // One frame read through a clock coarsened to 0.1 ms: 16.6, 16.7 or 16.8.
    const oneFrame = Array.from({ length: 100 }, (_, i) => [16.6, 16.7, 16.8][i % 3]);
    expect(judged([16.6, ...oneFrame])).toMatch(
      /\(101 frames, 0 over one\) +p95 ≤ 1 frame \(16\.7 ms\) +met$/,
    );
    // Six frames missed in a hundred: the 95th percentile is two frames.
    const missed = [16.6, ...oneFrame.slice(6), 33.3, 33.4, 33.3, 50, 33.3, 33.4];
    expect(judged(missed)).toMatch(
      /\(101 frames, 6 over one\) +p95 ≤ 1 frame \(16\.7 ms\) +MISSED$/,
    );
  });

  it('lists every chunk with its role', () => {
    expect(row('  entry index-Dj.js')).toContain('175.2 kB (531.5 kB raw)');
    expect(row('  worker overview-worker-Bs.js')).toContain('69.0 kB (220.1 kB raw)');
  });

  it('flags a profiled run', () => {
    expect(formatReport({ ...result, profiled: true }).split('\n')[0]).toContain('CPU profiler on');
  });
});
