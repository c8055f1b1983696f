import { describe, expect, it } from 'vitest';
import { computeOverview } from '../overview/overview';
import { buildScenario, defaultConfig, type Strategy } from '../run/run-config';
import { chartModel, flowChartData } from './chart-model';
import { selectSeries } from './chart-series';
import { crashEffect, seriesFacts } from './chart-summary';

/** The built-in ftp-crash run, as the charts read it. */
function ftpCrash(strategy: Strategy) {
  const overview = computeOverview(buildScenario({ ...defaultConfig('ftp-crash'), strategy }));
  const selection = selectSeries(overview);
  const facts = selection.series.map((s) => seriesFacts(s, overview));
  const bulk = facts.find((f) => f.key === selection.bulkKey) ?? null;
  return { overview, selection, bulk };
}

describe('the charts of ftp-crash', () => {
  it('with the invention: the download pauses at the crash, resumes and completes', () => {
    const { overview, selection, bulk } = ftpCrash('unique-id');
    expect(selection.series.map((s) => s.key)).toEqual(['download/data', 'video', 'kind:tcp']);
    expect(bulk?.outcome).toBe('completed');
    expect(crashEffect(bulk)).toBe('resumed');
    const pause = bulk?.pauses[0];
    expect(pause?.fromUs).toBeGreaterThanOrEqual(overview.crashes[0].atUs);
    expect(pause?.toUs).toBeGreaterThan(overview.crashes[0].recoveredAtUs ?? 0);
    const model = chartModel(
      'goodput',
      flowChartData('goodput', { overview, selection, baseline: null }),
      1200,
    );
    expect(model.lines).toHaveLength(3);
    expect(model.bands).toHaveLength(1);
  });

  it('with the prior art: the download flat-lines after the crash and never completes', () => {
    const { bulk } = ftpCrash('none');
    expect(bulk?.outcome).toBe('stalled');
    expect(crashEffect(bulk)).toBe('stalled');
    expect(bulk?.finalBytes).toBeLessThan(bulk?.bytesGoal ?? 0);
  });
});
