import { describe, expect, it } from 'vitest';
import { buildScenario, defaultConfig } from '../run/run-config';
import { SimulationRunner } from '../run/simulation-runner';
import { compareRows, divergenceNote, outcomeText, type CompareSide } from './compare-summary';
import type { TraceEvent } from '../../engine';

/** ftp-crash with `strategy`, run to its end (or to `untilUs`). */
function side(strategy: 'unique-id' | 'none', untilUs = 600_000_000): CompareSide {
  const runner = new SimulationRunner(buildScenario({ ...defaultConfig('ftp-crash'), strategy }));
  runner.seek(untilUs);
  runner.finishSeek();
  return {
    label: strategy,
    report: runner.metrics().report,
    nowUs: runner.state.nowUs,
    finished: runner.state.status === 'finished',
  };
}

describe('compare summary', () => {
  it('lines up both runs of ftp-crash and marks where they part', () => {
    const rows = compareRows(side('unique-id'), side('none'));
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row('crashes')).toMatchObject({
      a: '20 recovered, 0 lost of 20',
      b: '0 recovered, 20 lost of 20',
      differs: true,
    });
    expect(row('transfer').a).toMatch(/^100% · completed at 2\.\d{3} s$/);
    expect(row('transfer').b).toMatch(/^\d{1,2}% · did not complete$/);
    expect(row('dropped').b).toMatch(/^[\d,]+ \(.*down [\d,]+/);
    expect(row('checkpoint').b).toBe('0 · 0 B');
    expect(row('clock').differs).toBe(false);
  });

  it('says the outcome of each side in a sentence', () => {
    expect(outcomeText(side('unique-id'))).toMatch(
      /^unique-id: 20 recovered, 0 lost of 20\. download\/data completed at 2\.\d{3} s\.$/,
    );
    expect(outcomeText(side('none'))).toBe(
      'none: 0 recovered, 20 lost of 20. download/data did not complete.',
    );
    expect(outcomeText(side('none', 500_000))).toBe(
      'none: no crash yet (so far). download/data running.',
    );
  });

  it('finds nothing to tell apart in two identical runs', () => {
    const rows = compareRows(side('unique-id', 1_000_000), side('unique-id', 1_000_000));
    expect(rows.filter((r) => r.differs)).toEqual([]);
  });
});

describe('divergence note', () => {
  const forward = (atUs: number, id: number) =>
    ({ kind: 'router.forward', atUs, packet: { id } }) as unknown as TraceEvent;
  it('names the side where the same packet came later, and by how much', () => {
    const d = { index: 4, atUs: 1005, a: forward(1038, 1), aSeq: 7, b: forward(1005, 1) };
    expect(divergenceNote(d, 'unique-id · sync', 'none')).toBe(
      'the same packet, 33 µs later in unique-id · sync',
    );
    expect(divergenceNote({ ...d, b: forward(1005, 2) }, 'a', 'b')).toBe('');
    expect(divergenceNote({ ...d, b: null }, 'a', 'b')).toBe('');
  });
});
