import { figure, repeat, type Figure } from './stats';
import { benchSimulation, collectGarbage, openConnections, type FillStrategy } from './table-fill';

/**
 * `memory`: bytes per tracked connection, firewall and checkpoint server together, from the
 * heap after a full garbage collection (Node must run with --expose-gc; without it the
 * figures would count whatever garbage happens to be lying around, so none are given).
 *
 * Memory is heapUsed + external: records longer than 64 bytes (base and TCP records) live
 * outside the V8 heap, in ArrayBuffer backing stores counted as external memory only.
 * The firewall alone is measured with strategy `none` (its server stays empty); the server's
 * share is the difference — the price of checkpointing, in bytes.
 *
 * The table is sized for exactly N connections (firewall.maxConnections = N), so its
 * preallocated hash and slot arrays are charged to a full table: `fixedBytes` is what the
 * empty simulation already held, `marginalBytesPerConnection` what each connection added.
 */
export interface MemoryOptions {
  readonly connections?: number;
  readonly runs?: number;
  /** A small table and few runs, for tests: behaviour, not figures. */
  readonly quick?: boolean;
}

export interface MemoryFigures {
  /** (memory after the fill − memory before the simulation was built) / N. */
  readonly bytesPerConnection: Figure;
  /** (memory after the fill − memory of the built, empty simulation) / N. */
  readonly marginalBytesPerConnection: Figure;
  /** The empty simulation (router, hosts, preallocated conntrack tables). */
  readonly fixedBytes: Figure;
  /** Resident set growth / N: an upper bound that includes allocator overhead (noisy). */
  readonly rssBytesPerConnection: Figure;
}

export type MemoryResult =
  | {
      readonly available: true;
      readonly connections: number;
      /** Firewall + checkpoint server (unique-id): the median of `total.bytesPerConnection`. */
      readonly bytesPerConnection: number;
      /** Firewall + checkpoint server, strategy unique-id. */
      readonly total: MemoryFigures;
      /** The firewall alone (strategy none: nothing is checkpointed). */
      readonly firewall: MemoryFigures;
      /** total − firewall medians, per connection: what the server holds for each. */
      readonly serverBytesPerConnection: number;
    }
  | { readonly available: false; readonly reason: string };

export const MEMORY_CONNECTIONS = 100_000;

export function runMemoryBench(options: MemoryOptions = {}): MemoryResult {
  if (!collectGarbage()) {
    return { available: false, reason: 'global.gc is missing: run node with --expose-gc' };
  }
  const quick = options.quick ?? false;
  const connections = options.connections ?? (quick ? 1_000 : MEMORY_CONNECTIONS);
  const runs = options.runs ?? (quick ? 2 : 3);
  const firewall = measure(connections, 'none', runs);
  const total = measure(connections, 'unique-id', runs);
  const bytesPerConnection = total.bytesPerConnection.median;
  return {
    available: true,
    connections,
    bytesPerConnection,
    total,
    firewall,
    serverBytesPerConnection: bytesPerConnection - firewall.bytesPerConnection.median,
  };
}

interface Sample {
  bytes: number;
  marginal: number;
  fixed: number;
  rss: number;
}

function measure(connections: number, strategy: FillStrategy, runs: number): MemoryFigures {
  const samples = repeat(runs, () => sample(connections, strategy));
  const perRun = (pick: (s: Sample) => number) => figure(samples.map(pick));
  return {
    bytesPerConnection: perRun((s) => s.bytes),
    marginalBytesPerConnection: perRun((s) => s.marginal),
    fixedBytes: perRun((s) => s.fixed),
    rssBytesPerConnection: perRun((s) => s.rss),
  };
}

/** One fill of a fresh simulation, with the memory read before, between and after. */
function sample(connections: number, strategy: FillStrategy): Sample {
  const before = memory();
  const built = benchSimulation(connections, strategy);
  const empty = memory();
  openConnections(built.sim, built.firewall, 0, connections);
  const after = memory();
  if (built.firewall.conntrack.table.count !== connections) {
    throw new Error(`memory bench: the table holds ${built.firewall.conntrack.table.count}`);
  }
  return {
    bytes: (after.used - before.used) / connections,
    marginal: (after.used - empty.used) / connections,
    fixed: empty.used - before.used,
    rss: (after.rss - before.rss) / connections,
  };
}

/**
 * Live memory after full collections: the V8 heap plus ArrayBuffer backing stores. Twice,
 * because backing stores freed by one collection are swept in the background and leave the
 * `external` count only when the next one starts.
 */
function memory(): { used: number; rss: number } {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return { used: m.heapUsed + m.external, rss: m.rss };
}
