import { describe, expect, it } from 'vitest';
import { crash, flow, overviewOf } from './chart-fixture';
import { selectSeries } from './chart-series';
import {
  crashEffect,
  deliveredSummary,
  goodputSummary,
  outcomeText,
  pauseBrief,
  pauseText,
  seriesFacts,
  type SeriesFacts,
} from './chart-summary';

// 10 ms buckets; 12,500 bytes a bucket is 10 Mbit/s.
const bucket = 12_500;
const growing = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => (from + i + 1) * bucket);
const flat = (n: number, at: number) => Array.from({ length: n }, () => at);

function factsOf(delivered: number[], more = {}, crashes = [crash(100_000, 150_000, 160_000)]) {
  const overview = overviewOf(
    [flow('download/data', 'ftp-data', delivered, { bytesGoal: 40 * bucket, ...more })],
    { crashes },
  );
  return seriesFacts(selectSeries(overview).series[0], overview);
}

describe('seriesFacts', () => {
  it('finds the peak and the pause a crash caused', () => {
    // 10 buckets delivering, 10 empty (crash at 0.1 s), then delivering again.
    const f = factsOf([...growing(10), ...flat(10, 10 * bucket), ...growing(20, 10)], {
      completedAtUs: 400_000,
      endedAtUs: 400_000,
    });
    expect(f).toMatchObject({ outcome: 'completed', peakMbps: 10, peakAtUs: 10_000 });
    expect(f.pauses).toEqual([{ fromUs: 100_000, toUs: 200_000 }]);
  });

  it('calls a flow stalled that has not ended and not delivered for a second', () => {
    const f = factsOf([...growing(10), ...flat(110, 10 * bucket)]);
    expect(f.outcome).toBe('stalled');
    expect(f.lastGrowthUs).toBe(100_000);
    expect(f.pauses).toEqual([{ fromUs: 100_000, toUs: null }]);
  });

  it('calls it running when the run ended while it still delivered', () => {
    expect(factsOf(growing(30), {}, []).outcome).toBe('running');
  });

  it('tells a flow that failed from one that completed', () => {
    expect(factsOf(growing(30), { endedAtUs: 300_000 }, []).outcome).toBe('ended');
  });
});

const base: SeriesFacts = {
  key: 'download/data',
  label: 'download/data',
  outcome: 'completed',
  finalBytes: 20_000_000,
  bytesGoal: 20_000_000,
  completedAtUs: 2_282_855,
  endedAtUs: 2_282_855,
  lastGrowthUs: 2_280_000,
  peakMbps: 98.6,
  peakAtUs: 320_000,
  pauses: [{ fromUs: 824_000, toUs: 1_400_000 }],
};

describe('outcomeText', () => {
  it('says how each line ended', () => {
    expect(outcomeText(base)).toBe('completed at 2.283 s');
    expect(outcomeText({ ...base, outcome: 'stalled', finalBytes: 9_505_000 })).toBe(
      'stalled at 9.51 MB of 20.0 MB (47 %): nothing delivered after 2.280 s',
    );
    expect(outcomeText({ ...base, outcome: 'ended', finalBytes: 1_000_000 })).toBe(
      'ended at 2.283 s with 1.00 MB of 20.0 MB (5 %)',
    );
    expect(outcomeText({ ...base, outcome: 'summed', bytesGoal: null })).toBe(
      'delivered 20.0 MB in all',
    );
  });

  it('says what a stream that completed short of its goal delivered', () => {
    expect(outcomeText({ ...base, finalBytes: 5_000_000 })).toBe(
      'completed at 2.283 s with 5.00 MB of 20.0 MB (25 %)',
    );
  });
});

describe('pauseText and pauseBrief', () => {
  it('describe a pause, a stall and no pause', () => {
    expect(pauseText('d', base.pauses[0])).toBe(
      'd delivered nothing from 0.824 s to 1.400 s (0.576 s), then resumed',
    );
    expect(pauseText('d', { fromUs: 824_000, toUs: null })).toBe(
      'd delivered nothing after 0.824 s and never resumed',
    );
    expect(pauseText('d', null)).toBe('d was not held up');
    expect(pauseBrief(base.pauses[0])).toBe('nothing for 0.576 s from 0.824 s');
    expect(pauseBrief({ fromUs: 824_000, toUs: null })).toBe(
      'nothing after 0.824 s, never resumed',
    );
    expect(pauseBrief(null)).toBe('not held up');
  });
});

describe('crashEffect', () => {
  it('tells the invention (resumed) from the prior art (stalled)', () => {
    expect(crashEffect(base)).toBe('resumed');
    expect(crashEffect({ ...base, pauses: [{ fromUs: 1, toUs: null }] })).toBe('stalled');
    expect(crashEffect({ ...base, pauses: [null] })).toBe('unaffected');
    expect(crashEffect({ ...base, pauses: [] })).toBe('no-crash');
    expect(crashEffect(null)).toBe('no-crash');
  });
});

describe('goodputSummary', () => {
  it('gives the peak and what each crash did to the bulk transfer', () => {
    expect(goodputSummary(base, [crash(800_000, 1_050_000, 1_050_472)])).toBe(
      'Peak goodput 98.6 Mbit/s (download/data, at 0.320 s). Crash at 0.800 s: download/data ' +
        'delivered nothing from 0.824 s to 1.400 s (0.576 s), then resumed.',
    );
  });

  it('says when there was no crash, or nothing to chart', () => {
    expect(goodputSummary({ ...base, pauses: [] }, [])).toContain('No firewall crash in this run.');
    expect(goodputSummary(null, [])).toBe('No data flows to chart.');
  });

  it('names the first crashes and counts the rest', () => {
    const crashes = [1, 2, 3, 4, 5].map((s) => crash(s * 1e6, null, null));
    const text = goodputSummary({ ...base, pauses: crashes.map(() => null) }, crashes);
    expect(text.match(/Crash at/g)).toHaveLength(3);
    expect(text).toContain('2 more crashes are in the table of lines.');
  });
});

describe('deliveredSummary', () => {
  const video: SeriesFacts = { ...base, key: 'video', label: 'video', completedAtUs: 4_100_000 };

  it('puts the bulk transfer first and measures it against the run without the crash', () => {
    expect(deliveredSummary([video, base], 'download/data', 1_681_000)).toBe(
      'download/data completed at 2.283 s, 0.602 s later than without the crash. ' +
        'video completed at 4.100 s.',
    );
  });

  it('does not compare without a baseline, and says when there is nothing to chart', () => {
    expect(deliveredSummary([base], 'download/data', null)).toBe(
      'download/data completed at 2.283 s.',
    );
    expect(deliveredSummary([], null, null)).toBe('No data flows to chart.');
  });
});
