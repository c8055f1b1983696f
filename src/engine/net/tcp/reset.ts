import { TCP_ACK, TCP_RST, TCP_SYN, type Packet } from '../packet';

/**
 * Fills `rst` (addresses and ports already set, pointing back at the sender of `to`) as the
 * RST that answers segment `to` when no connection wants it (RFC 9293 §3.10.7.1): if `to`
 * carried an ACK the reset takes that sequence number, otherwise it acknowledges `to`.
 */
export function fillResetFor(to: Packet, rst: Packet): void {
  if (to.flags & TCP_ACK) {
    rst.seq = to.ack;
    rst.ack = 0;
    rst.flags = TCP_RST;
  } else {
    rst.seq = 0;
    rst.ack = (to.seq + to.payloadLen + (to.flags & TCP_SYN ? 1 : 0)) >>> 0;
    rst.flags = TCP_RST | TCP_ACK;
  }
}
