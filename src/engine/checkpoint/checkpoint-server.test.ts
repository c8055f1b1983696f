import { describe, expect, it } from 'vitest';
import { recordViews } from '../testing/record-views';
import { CheckpointServer, type CheckpointServerConfig } from './checkpoint-server';
import { encodeRecord, RECORD_HEADER_BYTES as H } from './record';

const AREAS = ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'];
const config: CheckpointServerConfig = {
  maxRecords: 100,
  maxBytes: 10_000,
  writeLatencyUs: 20,
  bytesPerUs: 8,
};
const rec = (area: number, id: number, version: number, size = 16) =>
  encodeRecord(area, id, version, new Uint8Array(size));
/** What config charges for a message of `bytes`. */
const cost = (bytes: number) => 20 + Math.ceil(bytes / 8);

describe('CheckpointServer', () => {
  it('charges writeLatencyUs + ceil(bytes / bytesPerUs) per write, whatever the outcome', () => {
    const server = new CheckpointServer(AREAS, config);
    expect(server.put(rec(0, 1, 1, 16))).toEqual({ outcome: 'stored', costUs: cost(H + 16) });
    expect(server.put(rec(0, 1, 1, 17))).toEqual({ outcome: 'stale', costUs: cost(H + 17) });
    expect(server.put(new Uint8Array(9))).toEqual({ outcome: 'malformed', costUs: 20 + 2 });
    expect(server.messageCostUs(0)).toBe(20);
    expect(server.messageCostUs(40)).toBe(25);
    expect(server.messageCostUs(41)).toBe(26);
    expect(server.stats).toMatchObject({
      writes: 3,
      bytesWritten: 2 * H + 33 + 9,
      stored: 1,
      refusedStale: 1,
      refusedMalformed: 1,
      busyUs: cost(H + 16) + cost(H + 17) + 22,
    });
    const free = new CheckpointServer(AREAS, { ...config, writeLatencyUs: 3, bytesPerUs: 0 });
    expect(free.put(rec(0, 1, 1, 1000)).costUs).toBe(3);
  });

  it('reports full and malformed records without storing them', () => {
    const server = new CheckpointServer(AREAS, { ...config, maxRecords: 1 });
    expect(server.put(rec(1, 1, 1)).outcome).toBe('stored');
    expect(server.put(rec(1, 2, 1)).outcome).toBe('full');
    expect(server.put(rec(6, 3, 1)).outcome).toBe('malformed'); // no area 6 on this server
    // Shorter than a header: no area or id to file it under. (A record cut short after its
    // header is filed: its CRC no longer matches, and recovery finds that.)
    const truncated = rec(1, 4, 1).subarray(0, H - 1);
    expect(server.put(truncated).outcome).toBe('malformed');
    expect(server.stats).toMatchObject({ refusedFull: 1, refusedMalformed: 2, stored: 1 });
    expect(server.space.recordCount).toBe(1);
  });

  it('stores a record whose CRC is wrong: recovery, not the server, checks it', () => {
    const server = new CheckpointServer(AREAS, config);
    const damaged = rec(0, 1, 1);
    damaged[30] ^= 1;
    expect(server.put(damaged).outcome).toBe('stored');
  });

  it('deletes a connection from every area for one message of latency', () => {
    const server = new CheckpointServer(AREAS, config);
    server.put(rec(0, 5, 1));
    server.put(rec(1, 5, 1));
    server.put(rec(4, 5, 1));
    expect(server.deleteConnection(5)).toEqual({ removed: 3, costUs: 20 });
    expect(server.deleteConnection(5)).toEqual({ removed: 0, costUs: 20 });
    expect(server.stats).toMatchObject({ deletes: 2, recordsDeleted: 3 });
    expect(server.hasData()).toBe(false);
  });

  it('answers recovery: anything there, the base records, an area, one connection', () => {
    const server = new CheckpointServer(AREAS, config);
    expect(server.hasData()).toBe(false);
    expect(server.listBase().records.count).toBe(0);
    expect(server.listBase().costUs).toBe(0);
    const base = [rec(0, 2, 1, 8), rec(0, 1, 1, 24)];
    for (const r of base) server.put(r);
    server.put(rec(1, 2, 3, 0));
    expect(server.hasData()).toBe(true);
    const busyBefore = server.stats.busyUs;

    const listed = server.listBase();
    expect(recordViews(listed.records)).toEqual(base);
    expect(listed.costUs).toBe(cost(H + 8) + cost(H + 24));
    const tcp = server.fetchArea('tcp');
    expect([recordViews(tcp.records), tcp.costUs]).toEqual([[rec(1, 2, 3, 0)], cost(H)]);
    expect(recordViews(server.fetchArea(1, 2).records)).toEqual([rec(1, 2, 3, 0)]);
    expect(server.fetchArea(1, 1).records.count).toBe(0);
    expect(server.fetchArea(1, 1).costUs).toBe(0);
    expect(server.stats).toMatchObject({ reads: 4, bytesRead: 4 * H + 8 + 24 });
    expect(server.stats.busyUs - busyBefore).toBe(cost(H + 8) + cost(H + 24) + 2 * cost(H));
    expect(() => server.fetchArea('dns')).toThrow(RangeError);
  });

  it('keeps one whole-table snapshot, replaced by the next and counted in the byte bound', () => {
    const server = new CheckpointServer(AREAS, { ...config, maxBytes: 100 });
    expect(server.snapshot()).toEqual({ bytes: undefined, costUs: 0 });
    expect(server.putSnapshot(new Uint8Array(64))).toEqual({ outcome: 'stored', costUs: 28 });
    expect(server.hasData()).toBe(true);
    expect(server.put(rec(0, 1, 1, 100 - 64 - H + 1)).outcome).toBe('full'); // one byte over
    expect(server.putSnapshot(new Uint8Array(101)).outcome).toBe('full');
    const read = server.snapshot();
    expect(read.bytes).toHaveLength(64);
    expect(read.costUs).toBe(28);
    expect(server.stats).toMatchObject({ writes: 3, refusedFull: 2, reads: 1, bytesRead: 64 });
  });

  it('reports per-area usage', () => {
    const server = new CheckpointServer(AREAS, config);
    server.put(rec(0, 1, 1, 0));
    server.put(rec(2, 1, 1, 6));
    expect(server.areaUsage().filter((u) => u.records > 0)).toEqual([
      { area: 0, name: 'base', records: 1, bytes: H },
      { area: 2, name: 'udp', records: 1, bytes: H + 6 },
    ]);
  });

  it('returns the same result object from every put (read it at once)', () => {
    const server = new CheckpointServer(AREAS, config);
    const first = server.put(rec(0, 1, 1));
    const second = server.put(rec(0, 1, 1));
    expect(second).toBe(first);
    expect(first.outcome).toBe('stale');
  });

  it('refuses a cost model it cannot compute exactly', () => {
    expect(() => new CheckpointServer(AREAS, { ...config, bytesPerUs: 0.5 })).toThrow('bytesPerUs');
    expect(() => new CheckpointServer(AREAS, { ...config, writeLatencyUs: -1 })).toThrow(
      'writeLatencyUs',
    );
  });
});
