import { formatIpv4 } from '../net/ipv4';

/** A parsed SIP message (RFC 3261): a request (method set) or a response (status set). */
export interface SipMessageText {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly reason: string;
  /** Header values by lower-case name (the first occurrence). */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

const REQUEST_LINE = /^([A-Z]+) (sip:\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3}) (.*)$/;

/** Parses one SIP message as carried in a UDP datagram; null when it is not one. */
export function parseSipMessage(text: string): SipMessageText | null {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const lines = head.split('\r\n');
  const request = REQUEST_LINE.exec(lines[0]);
  const response = request ? null : STATUS_LINE.exec(lines[0]);
  if (!request && !response) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return {
    method: request ? request[1] : '',
    uri: request ? request[2] : '',
    status: response ? Number(response[1]) : 0,
    reason: response ? response[2] : '',
    headers,
    body,
  };
}

/** Builds a SIP message: start line, headers in order, Content-Length, then the body. */
export function formatSipMessage(
  startLine: string,
  headers: Array<[string, string]>,
  body = '',
): string {
  const lines = [
    startLine,
    ...headers.map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A media line for formatSdp: kind ("audio", "video"), RTP port and payload format. */
export interface SdpOffer {
  readonly kind: string;
  readonly port: number;
  readonly format: number;
  readonly rtpmap: string;
}

/** An SDP body (RFC 8866) offering media at `address`. */
export function formatSdp(
  user: string,
  sessionId: number,
  address: number,
  media: readonly SdpOffer[],
): string {
  const ip = formatIpv4(address);
  const lines = [
    'v=0',
    `o=${user} ${sessionId} ${sessionId} IN IP4 ${ip}`,
    's=call',
    `c=IN IP4 ${ip}`,
    't=0 0',
  ];
  for (const m of media)
    lines.push(`m=${m.kind} ${m.port} RTP/AVP ${m.format}`, `a=rtpmap:${m.format} ${m.rtpmap}`);
  return `${lines.join('\r\n')}\r\n`;
}
