import { formatIpv4, parsePrefix } from '../net/ipv4';
import type { ScenarioInput } from '../scenarios/schema';

/** A router port of a replay given on its own (the CLI's --port NAME=PREFIX[:zone]). */
export interface ReplayPortSpec {
  readonly name: string;
  readonly prefix: string;
  /** Default: the first port is inside, the others outside (a LAN and its uplinks). */
  readonly zone?: 'inside' | 'outside';
}

/** A replay runs until its capture ends; this only bounds it (a day, the scenario maximum). */
export const REPLAY_DURATION_US = 86_400_000_000;

/** The name of the capture side behind a port (a host name: at most 32 characters). */
function sideName(port: string): string {
  return `${port.slice(0, 27)}-side`;
}

/**
 * The router's link to a capture side: as fast as a link may be, so the capture's own timing
 * decides (a real gigabit burst must not queue or drop here), with the default delay so the
 * scene shows packets leaving.
 */
export const CAPTURE_SIDE_LINK = { bandwidthBps: 400_000_000_000 };

/** A capture side for a port with no host: named after the port, at its network address. */
function sideFor(port: { name: string; prefix: string }) {
  const address = formatIpv4(parsePrefix(port.prefix).network);
  const name = sideName(port.name);
  return { name, address, port: port.name, role: 'capture' as const, link: CAPTURE_SIDE_LINK };
}

/** A replay scenario from ports alone: one capture side per port, the default ruleset. */
export function replayScenario(ports: readonly ReplayPortSpec[]): ScenarioInput {
  return {
    name: 'replay',
    description: 'A packet capture replayed through the router and its firewall.',
    durationUs: REPLAY_DURATION_US,
    router: {
      ports: ports.map((p, i) => ({
        name: p.name,
        prefix: p.prefix,
        zone: p.zone ?? (i === 0 ? 'inside' : 'outside'),
      })),
    },
    hosts: ports.map(sideFor),
  };
}

/**
 * A scenario turned into a replay of the same router and firewall: its hosts become capture
 * sides (same names and addresses), ports without a host get one, the traffic goes (the
 * capture is the traffic) and so do link faults (capture sides have no link of their own);
 * firewall crashes stay. Unvalidated data in, unvalidated data out.
 */
export function asReplayScenario(input: ScenarioInput): ScenarioInput {
  const hosts = input.hosts.map((h) => ({
    ...h,
    role: 'capture' as const,
    link: { ...h.link, ...CAPTURE_SIDE_LINK },
  }));
  const taken = new Set(hosts.map((h) => h.port));
  for (const port of input.router.ports) if (!taken.has(port.name)) hosts.push(sideFor(port));
  return {
    ...input,
    durationUs: REPLAY_DURATION_US,
    hosts,
    traffic: [],
    faults: (input.faults ?? []).filter((f) => f.kind === 'firewall-crash'),
  };
}
