import { describe, expect, it } from 'vitest';
import { flow, overviewOf } from './chart-fixture';
import { MAX_LINES, isSum, kindNoun, matchingLine, selectSeries } from './chart-series';

const ramp = (step: number) => [step, 2 * step, 3 * step];

/** ftp-crash in small: an FTP session, a video stream and 60 web requests (3 in the overview). */
function ftpCrashLike() {
  const flows = [
    flow('download/control', 'ftp-control', [100, 200, 300]),
    flow('download/data', 'ftp-data', ramp(1000), { bytesGoal: 20_000_000 }),
    flow('video', 'udp-stream', ramp(100), { bytesGoal: 2_000_000 }),
    flow('web#1', 'tcp', ramp(10), { bytesGoal: 20_200 }),
    flow('web#2', 'tcp', ramp(10), { bytesGoal: 20_200 }),
  ];
  const overview = overviewOf(flows);
  const kinds = overview.kinds.map((k) => (k.kind === 'tcp' ? { ...k, flows: 60 } : k));
  return { ...overview, kinds };
}

describe('selectSeries', () => {
  it('draws bulk transfers and streams one by one, biggest goal first', () => {
    const { series } = selectSeries(ftpCrashLike());
    expect(series.map((s) => s.key)).toEqual(['download/data', 'video', 'kind:tcp']);
    expect(series.map((s) => s.styleIndex)).toEqual([0, 1, 2]);
  });

  it('sums a kind with many flows, and says so', () => {
    const { series, note } = selectSeries(ftpCrashLike());
    const tcp = series.find((s) => s.key === 'kind:tcp');
    expect(tcp).toMatchObject({ label: '60 TCP requests (sum)', flowCount: 60, bytesGoal: null });
    expect(tcp?.delivered).toEqual([20, 40, 60]);
    expect(note).toContain('Summed into one line each: 60 TCP requests.');
  });

  it('leaves out control connections, and says so', () => {
    const { series, note } = selectSeries(ftpCrashLike());
    expect(series.some((s) => s.kind === 'ftp-control')).toBe(false);
    expect(note).toContain('FTP control sessions carry too few bytes to chart.');
  });

  it('follows the biggest transfer', () => {
    expect(selectSeries(ftpCrashLike()).bulkKey).toBe('download/data');
  });

  it('draws a call’s four media streams one by one, with no note but the signalling', () => {
    const media = ['audio-out', 'video-out', 'audio-in', 'video-in'].map((name, i) =>
      flow(`call/${name}`, 'udp-stream', ramp(i + 1), { bytesGoal: (i + 1) * 1000 }),
    );
    const { series, note, bulkKey } = selectSeries(
      overviewOf([flow('call/signalling', 'sip-call', [1, 2, 3]), ...media]),
    );
    expect(series).toHaveLength(4);
    expect(bulkKey).toBe('call/video-in');
    expect(note).toBe('SIP calls carry too few bytes to chart.');
  });

  it('sums every kind when the lines would be too many', () => {
    const flows = Array.from({ length: 8 }, (_, i) =>
      flow(`s${i}`, i < 4 ? 'udp-stream' : 'tcp', ramp(i + 1), { bytesGoal: 100 }),
    );
    const overview = overviewOf(flows);
    const many = {
      ...overview,
      kinds: overview.kinds.map((k) => (k.kind === 'tcp' ? { ...k, flows: 1_200 } : k)),
    };
    const sel = selectSeries(many);
    expect(sel.series.length).toBeLessThanOrEqual(MAX_LINES);
    // 4 streams + the tcp sum fit: only the crowded kind is summed.
    expect(sel.series.map((s) => s.key)).toContain('kind:tcp');
    expect(sel.series.filter((s) => !isSum(s))).toHaveLength(4);
  });

  it('falls back to one line per kind past the line limit, and says so', () => {
    const kinds = ['ftp-data', 'udp-stream', 'tcp'] as const;
    const flows = kinds.flatMap((kind) =>
      [1, 2, 3].map((i) => flow(`${kind}-${i}`, kind, ramp(i), { bytesGoal: 100 * i })),
    );
    const sel = selectSeries(overviewOf(flows));
    expect(sel.series.map((s) => s.key)).toEqual(['kind:ftp-data', 'kind:udp-stream', 'kind:tcp']);
    expect(sel.note).toBe('9 flows: each kind is drawn as the sum of its flows.');
    // No single flow: the summed line that delivered most is followed.
    expect(sel.bulkKey).toBe('kind:ftp-data');
  });

  it('draws nothing for a run of control connections only', () => {
    const sel = selectSeries(overviewOf([flow('c', 'ftp-control', [1, 2, 3])]));
    expect(sel.series).toEqual([]);
    expect(sel.bulkKey).toBeNull();
  });
});

describe('matchingLine', () => {
  const other = overviewOf([
    flow('download/data', 'ftp-data', [5, 9], { completedAtUs: 15_000, endedAtUs: 15_000 }),
  ]);

  it('finds the same flow by id', () => {
    expect(matchingLine(other, { key: 'download/data', kind: 'ftp-data' })).toMatchObject({
      delivered: [5, 9],
      completedAtUs: 15_000,
    });
  });

  it('finds the same kind’s sum', () => {
    expect(matchingLine(other, { key: 'kind:ftp-data', kind: 'ftp-data' })).toEqual({
      delivered: [5, 9],
      completedAtUs: null,
      endedAtUs: null,
    });
  });

  it('is null when the other run has no such line', () => {
    expect(matchingLine(other, { key: 'video', kind: 'udp-stream' })).toBeNull();
  });
});

describe('kindNoun', () => {
  it('names every kind in the plural', () => {
    expect(kindNoun('tcp')).toBe('TCP requests');
    expect(kindNoun('udp-stream')).toBe('UDP streams');
  });
});
