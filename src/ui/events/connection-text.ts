/** A readable connection id taken apart: "tcp 192.0.2.10:50047 → 198.51.100.20:21 #1". */
export interface ConnectionParts {
  readonly proto: string;
  readonly src: string;
  /** ICMP: the echo id; both ends carry it. */
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
  /** "1", or "2.5" for a connection rebuilt after a restart (epoch.serial). */
  readonly number: string;
}

const PORTS_ID = /^(\S+) (\S+):(\d+) → (\S+):(\d+) #([\d.]+)$/;
const ICMP_ID = /^(icmp) (\S+) → (\S+) id (\d+) #([\d.]+)$/;

export function parseConnectionId(id: string): ConnectionParts | null {
  const ports = PORTS_ID.exec(id);
  if (ports) {
    const [, proto, src, sport, dst, dport, number] = ports;
    return { proto, src, sport: Number(sport), dst, dport: Number(dport), number };
  }
  const icmp = ICMP_ID.exec(id);
  if (icmp) {
    const [, proto, src, dst, echoId, number] = icmp;
    return { proto, src, sport: Number(echoId), dst, dport: Number(echoId), number };
  }
  return null;
}

/**
 * A connection in a narrow column: its number first (what tells connections apart), then
 * protocol and ports — "#1 tcp 50047 → 21", "#3 icmp id 7". The full id goes in a tooltip.
 */
export function shortConnection(id: string): string {
  const c = parseConnectionId(id);
  if (c === null) return id;
  const ends = c.proto === 'icmp' ? `id ${c.sport}` : `${c.sport} → ${c.dport}`;
  return `#${c.number} ${c.proto} ${ends}`;
}

/**
 * The same key for both directions of a flow, so a reply finds its connection:
 * ("tcp", "a", 1, "b", 2) and ("tcp", "b", 2, "a", 1) give one key.
 */
export function flowKey(proto: string, a: string, aPort: number, b: string, bPort: number): string {
  const one = `${a}:${aPort}`;
  const other = `${b}:${bPort}`;
  return one < other ? `${proto} ${one} ${other}` : `${proto} ${other} ${one}`;
}

export function connectionFlowKey(c: ConnectionParts): string {
  return flowKey(c.proto, c.src, c.sport, c.dst, c.dport);
}

/** A TCP socket's label ("192.0.2.10:50047 → 198.51.100.20:21") as a flow key. */
export function socketFlowKey(socket: string): string | null {
  const m = /^(\S+):(\d+) → (\S+):(\d+)$/.exec(socket);
  return m ? flowKey('tcp', m[1], Number(m[2]), m[3], Number(m[4])) : null;
}
