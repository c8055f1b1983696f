import { bench, describe } from 'vitest';
import { readCheckpointMemory } from '../checkpoint/memory-view';
import { Injector } from '../testing/inject';
import { queryFirewallMemory, type FirewallMemoryRequest } from './memory-query';

/**
 * What the memory views cost with a big table: 12,000 connections (10,000 UDP, 2,000 TCP
 * half-open), each with its base and module records on the checkpoint server. Run with
 * `npx vitest bench --run src/engine/firewall/memory-view.bench.ts`.
 */
const CONNECTIONS_UDP = 10_000;
const CONNECTIONS_TCP = 2_000;
const SYN = 0x02;

const injector = new Injector();
for (let i = 0; i < CONNECTIONS_UDP; i++) {
  injector.udp(true, 10_000 + i, 53);
  if (i % 2 === 0) injector.udp(false, 53, 10_000 + i);
  injector.wait(200); // bounded buffers, and sync checkpoint writes: let each packet through
}
for (let i = 0; i < CONNECTIONS_TCP; i++) {
  injector.tcp(true, 30_000 + i, 80, SYN, i * 1_000, 0);
  injector.wait(200);
}
const sim = injector.sim;
const server = sim.runtime?.server;
const tracked = sim.firewall?.conntrack.table.count;
if (tracked !== CONNECTIONS_UDP + CONNECTIONS_TCP || !server)
  throw new Error(`expected ${CONNECTIONS_UDP + CONNECTIONS_TCP} connections, got ${tracked}`);

describe(`memory views of ${CONNECTIONS_UDP + CONNECTIONS_TCP} connections`, () => {
  const page = (request: Partial<FirewallMemoryRequest>) => () => {
    queryFirewallMemory(sim.firewall, sim.firewallState, {
      filter: '',
      sort: 'number',
      descending: false,
      start: 0,
      limit: 20,
      selected: null,
      ...request,
    });
  };
  bench('queryFirewallMemory: first page by number', page({}));
  bench('queryFirewallMemory: a middle page by tuple', page({ sort: 'tuple', start: 6_000 }));
  bench('queryFirewallMemory: filtered, selected', page({ filter: 'unreplied', selected: 7 }));
  bench('readCheckpointMemory', () => {
    readCheckpointMemory(server, { selected: null });
  });
  bench('readCheckpointMemory with a selection', () => {
    readCheckpointMemory(server, { selected: 7 });
  });
});
