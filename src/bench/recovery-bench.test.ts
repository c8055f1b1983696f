import { describe, expect, it } from 'vitest';
import { measureRecovery, runRecoveryBench } from './recovery-bench';
import { fillTable } from './table-fill';

describe('runRecoveryBench', () => {
  it('recovers every connection from its 3 records, in both embodiments', () => {
    const result = runRecoveryBench({ quick: true, sizes: [400, 1_200] });
    expect(result.runs.map((r) => [r.connections, r.embodiment])).toEqual([
      [400, 'firewall'],
      [400, 'modules'],
      [1_200, 'firewall'],
      [1_200, 'modules'],
    ]);
    for (const run of result.runs) {
      expect(run).toMatchObject({ recovered: run.connections, lost: 0 });
      expect(run.records).toBe(run.connections * 3);
      expect(run.wallMs.runs).toBe(2);
      expect(run.recordsPerSec.min).toBeGreaterThan(0);
      expect(run.recordsPerSec.median).toBeLessThanOrEqual(run.recordsPerSec.max);
    }
    expect(result.recordsPerSecConnections).toBe(1_200);
    expect(result.recordsPerSec).toBe(result.runs[2].recordsPerSec.median);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses to report a recovery that lost a connection', () => {
    const table = fillTable({ connections: 200 });
    table.server.space.corrupt(1, table.connections()[7].id, 30, 0x5a); // a TCP record
    expect(() => measureRecovery(table, 'firewall', 1)).toThrow(/expected 200 connections/);
  });
});
