import { formatIpv4 } from '../net/ipv4';
import { u16, u32 } from './bytes';
import type { IpView } from './ip-view';
import { shortHeader, type SkipReason } from './skip-reason';

const MORE_FRAGMENTS = 0x2000;
const OFFSET_MASK = 0x1fff;

/**
 * Reads the IPv4 header at `start`. Options are stepped over by IHL. The checksum is not
 * verified: captures taken on the sending host carry checksums the NIC fills in later. A total
 * length of 0 is taken as "the rest of the frame", as Wireshark does, because TCP segmentation
 * offload leaves it so in captures of large segments.
 */
export function decodeIpv4(
  frame: Uint8Array,
  start: number,
  truncated: boolean,
): IpView | SkipReason {
  const available = frame.length - start;
  if (available < 20) return shortHeader('ipv4', truncated);
  if (frame[start] >> 4 !== 4) return 'bad-ipv4-header';
  const headerBytes = (frame[start] & 0x0f) * 4;
  if (headerBytes < 20) return 'bad-ipv4-header';
  if (available < headerBytes) return shortHeader('ipv4', truncated);
  const stated = u16(frame, start + 2);
  const ipBytes = stated === 0 ? available : stated;
  if (ipBytes < headerBytes) return 'bad-ipv4-header';
  if (ipBytes > available && !truncated) return 'bad-ipv4-header';
  const fragmentField = u16(frame, start + 6);
  const offsetBytes = (fragmentField & OFFSET_MASK) * 8;
  const moreFragments = (fragmentField & MORE_FRAGMENTS) !== 0;
  return {
    network: 'ipv4',
    src: formatIpv4(u32(frame, start + 12)),
    dst: formatIpv4(u32(frame, start + 16)),
    ttl: frame[start + 8],
    ipProtocol: frame[start + 9],
    ipBytes,
    fragment:
      offsetBytes > 0 || moreFragments
        ? { id: u16(frame, start + 4), offsetBytes, moreFragments }
        : null,
    transportStart: start + headerBytes,
    end: start + Math.min(ipBytes, available),
    transportBytes: ipBytes - headerBytes,
  };
}
