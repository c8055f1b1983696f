import type { CheckpointMemory, FirewallMemoryRow } from '../../engine';

/** Test data shaped like the engine's memory views (see queryFirewallMemory, readCheckpointMemory). */

export const CONTROL = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1';
export const DATA = 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 #2';
export const VIDEO = 'udp 192.0.2.70:5004 → 198.51.100.20:5004 #3';

/** A firewall memory row of ftp-crash at 0.7 s: the FTP data connection (its master: #1). */
export const DATA_ROW: FirewallMemoryRow = {
  id: DATA,
  number: 2,
  createdUs: 5_000,
  admittedBy: 'expectation (ftp)',
  state: 'ESTABLISHED',
  helper: '',
  master: CONTROL,
  rebuilt: false,
  related: false,
  parts: [0x13, -1, -1, -1, -1],
};

export const CONTROL_ROW: FirewallMemoryRow = {
  ...DATA_ROW,
  id: CONTROL,
  number: 1,
  createdUs: 1_000,
  admittedBy: 'rule 4',
  helper: 'ftp-standard',
  master: '',
  parts: [0x13, -1, -1, 1, -1],
};

/**
 * A checkpoint memory holding base records of connections 1–4 (2's master is 1), their
 * tcp/udp parts and the control connection's ftp part, as the engine lists them with the data
 * connection (#2) selected and a limit of one other record per area.
 */
export function checkpointMemory(): CheckpointMemory {
  const record = (id: number, connection: string, size: number) => ({
    id,
    connection,
    version: id + 1,
    size,
    selected: id === 2,
    related: id === 1,
  });
  const area = (
    name: string,
    count: number,
    size: number,
    listed: ReturnType<typeof record>[],
  ) => ({
    name,
    count,
    bytes: count * size,
    listed,
  });
  const areas = [
    area('base', 4, 60, [record(2, DATA, 60), record(1, CONTROL, 60), record(3, VIDEO, 60)]),
    area('tcp', 3, 120, [record(2, DATA, 120), record(1, CONTROL, 120), record(9, '#9', 120)]),
    area('udp', 1, 33, [record(3, VIDEO, 33)]),
    area('icmp', 0, 0, []),
    area('ftp', 1, 70, [record(1, CONTROL, 70)]),
    area('sip', 0, 0, []),
  ];
  areas[1].listed[2].version = 0; // a record whose header does not read
  return {
    areas,
    records: 9,
    bytes: areas.reduce((s, a) => s + a.bytes, 0),
    blobs: 0,
    blobBytes: 0,
  };
}
