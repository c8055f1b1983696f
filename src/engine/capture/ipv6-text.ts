import { invariant } from '../errors';
import { formatIpv4 } from '../net/ipv4';
import { u16, u32 } from './bytes';

/**
 * An IPv6 address as RFC 5952 text: lowercase hex, no leading zeros, the longest run of two or
 * more zero groups (the first of equal runs) as "::", and IPv4-mapped addresses (::ffff:0:0/96)
 * with their IPv4 part dotted. `at` is where the 16 address bytes start in `bytes`.
 */
export function formatIpv6(bytes: Uint8Array, at: number): string {
  invariant(at >= 0 && at + 16 <= bytes.length, 'an IPv6 address needs 16 bytes');
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(u16(bytes, at + 2 * i));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(u32(bytes, at + 12))}`;
  }
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
