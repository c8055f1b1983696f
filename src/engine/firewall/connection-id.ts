import { formatIpv4 } from '../net/ipv4';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../net/packet';
import { joined } from '../util/joined-text';

/**
 * The unique connection identifier (the patent's act 602). A connection is named by its
 * original-direction 5-tuple — source and destination addresses, ports and protocol, as the
 * patent forms it "by combining the source and destination addresses" — plus a number that
 * tells apart successive connections with the same tuple (a port reused after TIME_WAIT).
 *
 * Its compact form, used on hot paths and in records, is one integer:
 * epoch · 2^32 + serial. The serial counts connections within one firewall instance; the
 * epoch counts firewall starts and is handed out by the router server, which outlives
 * crashes — so an identifier is never reused while records of an earlier connection with
 * the same number could still exist, even across restarts, and never collides with a
 * recovered one.
 */
export type ConnectionId = number;

const EPOCH_UNIT = 0x1_0000_0000;
/** epoch · 2^32 + serial must stay an exact integer in a double. */
export const MAX_EPOCH = 2 ** 21 - 1;

export function connectionIdEpoch(id: ConnectionId): number {
  return Math.floor(id / EPOCH_UNIT);
}

export function connectionIdSerial(id: ConnectionId): number {
  return id % EPOCH_UNIT;
}

/** Hands out identifiers for one firewall instance. */
export class ConnectionIdAllocator {
  private serial = 0;

  constructor(readonly epoch: number) {
    if (!(Number.isInteger(epoch) && epoch >= 0 && epoch <= MAX_EPOCH)) {
      throw new RangeError(
        `firewall epoch must be an integer from 0 to ${MAX_EPOCH}, got ${epoch}`,
      );
    }
  }

  next(): ConnectionId {
    this.serial++;
    if (this.serial >= EPOCH_UNIT) throw new RangeError('connection serial numbers exhausted');
    return this.epoch * EPOCH_UNIT + this.serial;
  }
}

export function protoName(proto: number): string {
  switch (proto) {
    case IPPROTO_TCP:
      return 'tcp';
    case IPPROTO_UDP:
      return 'udp';
    case IPPROTO_ICMP:
      return 'icmp';
    default:
      return `proto-${proto}`;
  }
}

/** The readable form: "tcp 203.0.113.10:35466 → 198.51.100.20:21 #17" (epoch shown when > 0). */
export function formatConnectionId(
  id: ConnectionId,
  proto: number,
  src: number,
  sport: number,
  dst: number,
  dport: number,
): string {
  const epoch = connectionIdEpoch(id);
  const number = epoch > 0 ? `${epoch}.${connectionIdSerial(id)}` : `${connectionIdSerial(id)}`;
  const ends =
    proto === IPPROTO_ICMP
      ? `${formatIpv4(src)} → ${formatIpv4(dst)} id ${sport}`
      : `${formatIpv4(src)}:${sport} → ${formatIpv4(dst)}:${dport}`;
  return joined`${protoName(proto)} ${ends} #${number}`; // kept for the whole run: flat
}
