import { parseIpv4, type Ipv4Prefix } from '../net/ipv4';

/**
 * The router port a replayed packet enters: the one whose prefix holds its source address,
 * the longest prefix winning when ports overlap (a default route's 0.0.0.0/0 port takes what
 * no other port claims). -1 when no port faces the source.
 */
export function sourcePort(prefixes: readonly Ipv4Prefix[], source: number): number {
  let best = -1;
  let bestLength = -1;
  for (let i = 0; i < prefixes.length; i++) {
    const prefix = prefixes[i];
    if ((source & prefix.mask) >>> 0 === prefix.network && prefix.length > bestLength) {
      best = i;
      bestLength = prefix.length;
    }
  }
  return best;
}

/** sourcePort for an address as text (a capture packet's `src`). */
export function sourcePortOf(prefixes: readonly Ipv4Prefix[], source: string): number {
  return sourcePort(prefixes, parseIpv4(source));
}
