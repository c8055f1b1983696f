import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenarios/validate';
import { benchScenario, collectGarbage, fillTable, PARTS_PER_CONNECTION } from './table-fill';

describe('fillTable', () => {
  it('opens N established FTP connections, each with base, TCP and FTP parts and 3 records', () => {
    const n = 1_500;
    const filled = fillTable({ connections: n });
    const { firewall, server } = filled;
    const connections = filled.connections();
    expect([firewall.conntrack.table.count, filled.count]).toEqual([n, n]);
    expect(connections).toHaveLength(n);
    expect(new Set(connections.map((c) => c.id)).size).toBe(n);
    for (const conn of connections) {
      expect(firewall.records.areasOf(conn)).toEqual([0, 1, 4]); // base, tcp, ftp
      expect(conn.history.states.at(-1)).toBe('ESTABLISHED');
    }
    expect(server.space.recordCount).toBe(n * PARTS_PER_CONNECTION);
    expect(server.areaUsage().map((a) => [a.name, a.records])).toEqual([
      ['base', n],
      ['tcp', n],
      ['udp', 0],
      ['icmp', 0],
      ['ftp', n],
      ['sip', 0],
    ]);
    expect(server.stats.refusedFull + server.stats.refusedStale).toBe(0);
  });

  it('with strategy none, fills the firewall and leaves the server empty', () => {
    const { firewall, server } = fillTable({ connections: 300, strategy: 'none' });
    expect(firewall.conntrack.table.count).toBe(300);
    expect(server.space.recordCount).toBe(0);
  });

  it('sizes the conntrack table and the checkpoint server for a million connections', () => {
    const scenario = parseScenario(benchScenario(1_000_000));
    expect(scenario.firewall.maxConnections).toBe(1_000_000);
    expect(scenario.checkpoint.maxRecords).toBeGreaterThanOrEqual(3_000_000);
    expect(scenario.checkpoint.maxBytes).toBeGreaterThanOrEqual(3_000_000 * 256);
  });

  it('collects garbage only when gc is exposed, and says so', () => {
    expect(collectGarbage()).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function');
  });
});
