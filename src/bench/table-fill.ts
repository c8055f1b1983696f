import type { CheckpointServer } from '../engine/checkpoint/checkpoint-server';
import type { FirewallRuntime } from '../engine/firewall-service';
import type { Connection } from '../engine/firewall/connection';
import type { Firewall } from '../engine/firewall/firewall';
import { parseIpv4 } from '../engine/net/ipv4';
import { IPPROTO_TCP, TCP_ACK, TCP_SYN } from '../engine/net/packet';
import { ACCEPT } from '../engine/router/inspection';
import type { CheckpointConfig, ScenarioInput } from '../engine/scenarios/schema';
import { createSimulation, type Simulation } from '../engine/simulation';

export type FillStrategy = CheckpointConfig['strategy'];

export interface FillOptions {
  readonly connections: number;
  /** Default unique-id. 'none' builds the firewall alone (the server stays empty). */
  readonly strategy?: FillStrategy;
}

export interface FilledTable {
  readonly sim: Simulation;
  readonly runtime: FirewallRuntime;
  readonly firewall: Firewall;
  readonly server: CheckpointServer;
  /** Connections in the table (all N opened). */
  readonly count: number;
  /**
   * The live connections, in the order they were opened: views made for this call (the
   * table keeps no object per connection, and a bench that only counts should not either).
   */
  connections(): Connection[];
}

/** Base layer, TCP part, FTP helper part. */
export const PARTS_PER_CONNECTION = 3;
/** Client source ports used per client address (the rest of the 16-bit range is left alone). */
const PORTS_PER_CLIENT = 60_000;
const FIRST_PORT = 1_024;
const CLIENT_NET = parseIpv4('10.0.0.0');
const SERVER = parseIpv4('198.51.100.20');
const FTP_PORT = 21;
/** Index of the inside and outside ports in benchScenario(). */
const INSIDE = 0;
const OUTSIDE = 1;

/**
 * A two-port router: clients behind eth0 (10.0.0.0/8, room for millions of 5-tuples), the FTP
 * server behind eth1. The conntrack table and the checkpoint server are sized for `connections`:
 * the defaults (65,536 connections, 512 MiB) would refuse the big runs.
 */
export function benchScenario(
  connections: number,
  strategy: FillStrategy = 'unique-id',
): ScenarioInput {
  const records = connections * PARTS_PER_CONNECTION;
  return {
    name: 'bench',
    seed: 1,
    router: {
      ports: [
        { name: 'eth0', prefix: '10.0.0.0/8', zone: 'inside' },
        { name: 'eth1', prefix: '198.51.100.0/24', zone: 'outside' },
      ],
    },
    hosts: [
      { name: 'client', address: '10.0.0.1', port: 'eth0' },
      { name: 'ftp', address: '198.51.100.20', port: 'eth1' },
    ],
    firewall: { maxConnections: Math.max(1, connections) },
    checkpoint: {
      strategy,
      mode: 'sync',
      maxRecords: Math.max(4_000_000, records + 1_024),
      // Records are under 100 bytes; 512 bytes each leaves room for any version of them.
      maxBytes: Math.max(512 * 1024 * 1024, records * 512),
    },
  };
}

/** The simulation with an empty firewall sized for `connections`, and its checkpoint server. */
export function benchSimulation(
  connections: number,
  strategy: FillStrategy = 'unique-id',
): { sim: Simulation; runtime: FirewallRuntime; firewall: Firewall } {
  const sim = createSimulation(benchScenario(connections, strategy));
  const { runtime, firewall } = sim;
  if (runtime === null || firewall === null) throw new Error('the bench scenario has no firewall');
  return { sim, runtime, firewall };
}

/**
 * Builds a firewall and its checkpoint server holding N connections, the way traffic would:
 * each connection is a real TCP three-way handshake to port 21 pushed through the firewall's
 * own inspection (conntrack, rules, the FTP helper assigned by the default ruleset, and the
 * checkpointing strategy's hooks). Each connection so has 3 parts — base layer, TCP part, FTP
 * helper part — and, with unique-id, 3 records on the server. The router's queues and links
 * are bypassed (inspect() is called directly): they would only add scheduler events and
 * simulated time to a set-up that already takes about a minute for a million connections.
 */
export function fillTable(options: FillOptions): FilledTable {
  const { connections: n, strategy = 'unique-id' } = options;
  const { sim, runtime, firewall } = benchSimulation(n, strategy);
  openConnections(sim, firewall, 0, n);
  const table = firewall.conntrack.table;
  if (table.count !== n) {
    throw new Error(`table fill: expected ${n} connections, the table holds ${table.count}`);
  }
  const connections = () => [...table.live()];
  return { sim, runtime, firewall, server: runtime.server, count: n, connections };
}

/**
 * Opens connections first … first + count - 1: for each, SYN, SYN-ACK, ACK between client i
 * and the FTP server. Connection i always has the same 5-tuple, so a range opens only once.
 */
export function openConnections(
  sim: Simulation,
  firewall: Firewall,
  first: number,
  count: number,
): void {
  for (let i = first; i < first + count; i++) {
    const client = CLIENT_NET + 1 + Math.floor(i / PORTS_PER_CLIENT);
    const port = FIRST_PORT + (i % PORTS_PER_CLIENT);
    const clientIsn = (i * 2_654_435_761) >>> 0;
    const serverIsn = (clientIsn ^ 0x5bd1_e995) >>> 0;
    send(sim, firewall, client, port, true, TCP_SYN, clientIsn, 0);
    send(sim, firewall, client, port, false, TCP_SYN | TCP_ACK, serverIsn, clientIsn + 1);
    send(sim, firewall, client, port, true, TCP_ACK, clientIsn + 1, serverIsn + 1);
  }
}

/**
 * One segment between a client and the FTP server, through the firewall as if it had just
 * arrived on its port; anything but an accept means the fill is broken.
 */
function send(
  sim: Simulation,
  firewall: Firewall,
  client: number,
  port: number,
  fromClient: boolean,
  flags: number,
  seq: number,
  ack: number,
): void {
  const p = sim.ctx.packets.alloc(sim.nowUs);
  p.proto = IPPROTO_TCP;
  p.srcAddr = fromClient ? client : SERVER;
  p.dstAddr = fromClient ? SERVER : client;
  p.srcPort = fromClient ? port : FTP_PORT;
  p.dstPort = fromClient ? FTP_PORT : port;
  p.flags = flags;
  p.seq = seq >>> 0;
  p.ack = ack >>> 0;
  p.window = 65_535;
  if ((flags & TCP_SYN) !== 0) p.mssOption = 1_460;
  const inPort = fromClient ? INSIDE : OUTSIDE;
  const verdict = firewall.inspect(p, inPort, fromClient ? OUTSIDE : INSIDE, sim.nowUs);
  sim.ctx.packets.release(p);
  if (verdict !== ACCEPT) throw new Error(`table fill: packet refused (drop reason ${verdict})`);
}

/**
 * Runs a full garbage collection when Node was started with --expose-gc, so that one
 * measurement does not pay for the garbage of the one before. Returns whether it could.
 */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}
