import { parseIpv4 } from '../net/ipv4';

/** A media stream an SDP body announces: where its RTP goes (RTCP goes to port + 1). */
export interface SdpMedia {
  readonly kind: string;
  readonly address: number;
  readonly port: number;
}

/**
 * Reads the `c=` (connection) and `m=` (media) lines of an SDP body (RFC 8866): session-level
 * `c=` applies to every medium without its own. Only IPv4 (`IN IP4`) addresses are
 * understood; a medium with port 0 (disabled) or no usable address is left out.
 */
export function parseSdpMedia(body: string): SdpMedia[] {
  let sessionAddress = -1;
  const media: Array<{ kind: string; port: number; address: number }> = [];
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('c=')) {
      const address = connectionAddress(line);
      if (media.length === 0) sessionAddress = address;
      else media[media.length - 1].address = address;
    } else if (line.startsWith('m=')) {
      const m = /^m=(\w+) (\d{1,5})(?:\/\d+)? /.exec(line);
      if (m) media.push({ kind: m[1], port: Number(m[2]), address: -1 });
    }
  }
  return media
    .map((m) => ({
      kind: m.kind,
      port: m.port,
      address: m.address >= 0 ? m.address : sessionAddress,
    }))
    .filter((m) => m.port > 0 && m.port < 65_535 && m.address >= 0);
}

function connectionAddress(line: string): number {
  const m = /^c=IN IP4 ([0-9.]+)/.exec(line);
  if (!m) return -1;
  try {
    return parseIpv4(m[1]);
  } catch {
    return -1;
  }
}
