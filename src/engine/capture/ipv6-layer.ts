import { u16, u32 } from './bytes';
import type { CaptureFragment } from './capture-packet';
import type { IpView } from './ip-view';
import { formatIpv6 } from './ipv6-text';
import { MAX_IPV6_EXTENSION_HEADERS } from './limits';
import { shortHeader, type SkipReason } from './skip-reason';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const DESTINATION_OPTIONS = 60;
const EXTENSION_HEADERS = new Set([
  HOP_BY_HOP,
  ROUTING,
  FRAGMENT,
  AUTHENTICATION,
  DESTINATION_OPTIONS,
]);

/**
 * Reads the IPv6 header at `start` and walks the extension headers (hop-by-hop, routing,
 * fragment, authentication, destination options) to the transport header. The walk stops at a
 * fragment header with a non-zero offset: a later fragment holds no transport header. A payload
 * length of 0 (a jumbogram, or segmentation offload) is taken as "the rest of the frame".
 */
export function decodeIpv6(
  frame: Uint8Array,
  start: number,
  truncated: boolean,
): IpView | SkipReason {
  const available = frame.length - start;
  if (available < 40) return shortHeader('ipv6', truncated);
  if (frame[start] >> 4 !== 6) return 'bad-ipv6-header';
  const stated = u16(frame, start + 4);
  const ipBytes = stated === 0 ? available : 40 + stated;
  if (ipBytes > available && !truncated) return 'bad-ipv6-header';
  const declaredEnd = start + ipBytes;
  const end = Math.min(declaredEnd, frame.length);
  let next = frame[start + 6];
  let at = start + 40;
  let fragment: CaptureFragment | null = null;
  for (let count = 0; EXTENSION_HEADERS.has(next); count++) {
    if (count === MAX_IPV6_EXTENSION_HEADERS) return 'too-many-ipv6-extension-headers';
    if (at + 8 > declaredEnd) return 'bad-ipv6-header';
    if (at + 8 > end) return shortHeader('ipv6', truncated);
    let length: number;
    if (next === FRAGMENT) {
      const field = u16(frame, at + 2);
      fragment = {
        id: u32(frame, at + 4),
        offsetBytes: field & 0xfff8,
        moreFragments: (field & 1) === 1,
      };
      length = 8;
    } else {
      // AH counts 4-byte units minus 2; the others 8-byte units after the first 8 bytes.
      length = next === AUTHENTICATION ? (frame[at + 1] + 2) * 4 : (frame[at + 1] + 1) * 8;
    }
    if (at + length > declaredEnd) return 'bad-ipv6-header';
    if (at + length > end) return shortHeader('ipv6', truncated);
    next = frame[at];
    at += length;
    if (fragment !== null && fragment.offsetBytes > 0) break;
  }
  return {
    network: 'ipv6',
    src: formatIpv6(frame, start + 8),
    dst: formatIpv6(frame, start + 24),
    ttl: frame[start + 7],
    ipProtocol: next,
    ipBytes,
    fragment,
    transportStart: at,
    end,
    transportBytes: declaredEnd - at,
  };
}
