import type { Packet } from '../../net/packet';
import { parseSdpMedia, type SdpMedia } from '../../protocols/sdp';
import { parseSipMessage } from '../../protocols/sip-text';
import { asciiText } from '../../util/ascii';

/** Largest SIP message the helper reads (one UDP datagram; longer ones are skipped). */
const MAX_SIP_BYTES = 4_096;

export const SipCallState = { idle: 0, inviting: 1, answered: 2, ended: 3 } as const;

/** The SIP module's data for one signalling connection. No connection identifier. */
export interface SipPart {
  state: number;
  /** Media streams announced so far (expectations asked for). */
  announced: number;
}

/** What a SIP message told the helper: the method or status, and the media its SDP offers. */
export interface SipFinding {
  readonly method: string;
  readonly status: number;
  readonly media: SdpMedia[];
}

export function newSipPart(): SipPart {
  return { state: SipCallState.idle, announced: 0 };
}

/**
 * The SIP helper (conntrack's nf_conntrack_sip, for video conferencing): reads each SIP
 * message carried on the signalling connection, follows the call (INVITE → 200 OK → BYE) and
 * hands back the RTP media announced in SDP bodies of INVITEs and 2xx answers, for which the
 * firewall then expects RTP and RTCP connections.
 */
export function sipInspect(part: SipPart, p: Packet): SipFinding | null {
  if (p.payloadLen === 0 || p.payloadLen > MAX_SIP_BYTES) return null;
  const message = parseSipMessage(asciiText(p.payload, 0, p.payloadLen));
  if (message === null) return null;
  const { method, status } = message;
  if (method === 'INVITE') part.state = SipCallState.inviting;
  else if (status >= 200 && status < 300 && part.state === SipCallState.inviting)
    part.state = SipCallState.answered;
  else if (method === 'BYE') part.state = SipCallState.ended;
  const sdp = /^application\/sdp/i.test(message.headers.get('content-type') ?? '');
  const offers = sdp && (method === 'INVITE' || (status >= 200 && status < 300));
  return { method, status, media: offers ? parseSdpMedia(message.body) : [] };
}
