import type { CheckpointMemory, FirewallMemory } from '../../engine';

/** Test data shaped like the engine's memory views (see readFirewallMemory, readCheckpointMemory). */

export interface ConnectionSpec {
  readonly id: string;
  readonly number: number;
  readonly createdUs?: number;
  readonly admittedBy?: string;
  readonly state?: string;
  readonly helper?: string;
  readonly master?: string;
  readonly rebuilt?: boolean;
  /** Part codes in module order (tcp, udp, icmp, ftp, sip); -1 none. */
  readonly parts?: readonly number[];
}

export function firewallMemory(
  specs: readonly ConnectionSpec[],
  state: FirewallMemory['state'] = 'up',
): FirewallMemory {
  const n = specs.length;
  return {
    state,
    count: n,
    ids: specs.map((s) => s.id),
    numbers: Float64Array.from(specs, (s) => s.number),
    createdUs: Float64Array.from(specs, (s) => s.createdUs ?? 0),
    admittedBy: specs.map((s) => s.admittedBy ?? 'rule 4'),
    states: specs.map((s) => s.state ?? 'ESTABLISHED'),
    helpers: specs.map((s) => s.helper ?? ''),
    masters: specs.map((s) => s.master ?? ''),
    rebuilt: Uint8Array.from(specs, (s) => (s.rebuilt ? 1 : 0)),
    parts: [0, 1, 2, 3, 4].map((m) => Int32Array.from(specs, (s) => s.parts?.[m] ?? -1)),
  };
}

export const CONTROL = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1';
export const DATA = 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 #2';
export const VIDEO = 'udp 192.0.2.70:5004 → 198.51.100.20:5004 #3';
export const WEB = 'tcp 192.0.2.140:42667 → 198.51.100.20:80 #4';

/** ftp-crash at 0.7 s, in small: the FTP control and data connections, video, one web request. */
export const FTP_MEMORY = firewallMemory([
  {
    id: CONTROL,
    number: 1,
    createdUs: 1_000,
    helper: 'ftp-standard',
    parts: [0x13, -1, -1, 1, -1],
  },
  {
    id: DATA,
    number: 2,
    createdUs: 5_000,
    admittedBy: 'expectation (ftp)',
    master: CONTROL,
    parts: [0x13],
  },
  { id: VIDEO, number: 3, createdUs: 2_000, state: 'REPLIED', parts: [-1, 1] },
  { id: WEB, number: 4, createdUs: 600_000, state: 'TIME_WAIT', parts: [0x17] },
]);

/** `n` UDP connections with made-up tuples, for the big-table tests and the bench. */
export function bigFirewallMemory(n: number): FirewallMemory {
  const ip = (k: number) => `192.0.${2 + ((k >> 8) & 0xff)}.${k & 0xff}`;
  return firewallMemory(
    Array.from({ length: n }, (_, k) => ({
      id: `udp ${ip(k)}:${10_000 + (k % 50_000)} → 198.51.100.20:53 #${k + 1}`,
      number: k + 1,
      createdUs: (k * 7_919) % 1_000_000,
      state: k % 3 === 0 ? 'UNREPLIED' : 'REPLIED',
      parts: [-1, k % 3 === 0 ? 0 : 1],
    })),
  );
}

/**
 * A checkpoint memory holding base records of connections 1–4 of FTP_MEMORY (2's master is 1),
 * their tcp/udp parts and the control connection's ftp part.
 */
export function checkpointMemory(): CheckpointMemory {
  const area = (name: string, ids: number[], size: number) => ({
    name,
    count: ids.length,
    bytes: ids.length * size,
    ids: Float64Array.from(ids),
    versions: Uint32Array.from(ids, (id) => id + 1),
    sizes: Uint32Array.from(ids, () => size),
  });
  const areas = [
    area('base', [1, 2, 3, 4], 60),
    area('tcp', [1, 2, 4], 120),
    area('udp', [3], 33),
    area('icmp', [], 0),
    area('ftp', [1], 70),
    area('sip', [], 0),
  ];
  const client = 0xc000020a; // 192.0.2.10
  const server = 0xc6336414; // 198.51.100.20
  return {
    areas,
    bases: {
      readable: Uint8Array.from([1, 1, 1, 1]),
      proto: Uint8Array.from([6, 6, 17, 6]),
      src: Uint32Array.from([client, client, 0xc0000246, 0xc000028c]),
      dst: Uint32Array.from([server, server, server, server]),
      sport: Uint16Array.from([50_047, 50_048, 5_004, 42_667]),
      dport: Uint16Array.from([21, 33_981, 5_004, 80]),
      masters: Float64Array.from([-1, 1, -1, -1]),
    },
    records: 9,
    bytes: areas.reduce((s, a) => s + a.bytes, 0),
    blobs: 0,
    blobBytes: 0,
  };
}
