import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../../net/packet';
import { TCP_CT_STATE_COUNT, TcpCtState } from './tcp-states';

/**
 * Conntrack's TCP state machine as data: the kernel's `tcp_conntracks[2][6][TCP_CONNTRACK_MAX]`
 * and `get_conntrack_index()` from net/netfilter/nf_conntrack_proto_tcp.c (Linux 6.17).
 */

/** Packet classes (the kernel's `enum tcp_bit_set`), the table's middle index. */
export const TcpPacketClass = { syn: 0, synack: 1, fin: 2, ack: 3, rst: 4, none: 5 } as const;
export type TcpPacketClassCode = (typeof TcpPacketClass)[keyof typeof TcpPacketClass];
export const tcpPacketClassNames = ['syn', 'synack', 'fin', 'ack', 'rst', 'none'] as const;
export const TCP_PACKET_CLASS_COUNT = 6;

/** Directions of a connection: the way its first packet went, and back. */
export const CT_DIR_ORIGINAL = 0;
export const CT_DIR_REPLY = 1;

/**
 * `get_conntrack_index()`: RST wins over everything, then SYN (with or without ACK), FIN, ACK.
 * So FIN|ACK is `fin`, RST|ACK is `rst`, SYN|FIN is `syn` (tcp_error refuses that one first).
 */
export function tcpPacketClass(flags: number): TcpPacketClassCode {
  if (flags & TCP_RST) return TcpPacketClass.rst;
  if (flags & TCP_SYN) return flags & TCP_ACK ? TcpPacketClass.synack : TcpPacketClass.syn;
  if (flags & TCP_FIN) return TcpPacketClass.fin;
  if (flags & TCP_ACK) return TcpPacketClass.ack;
  return TcpPacketClass.none;
}

const TCP_URG = 0x20;
const TCP_ECE = 0x40;
const TCP_CWR = 0x80;
const TCP_PSH = 0x08;

/** `tcp_valid_flags[]` from tcp_error(): the only flag sets (ignoring PSH, ECE, CWR) it lets in. */
const VALID_FLAGS_TABLE = new Uint8Array((TCP_FIN | TCP_SYN | TCP_RST | TCP_ACK | TCP_URG) + 1);
for (const f of [
  TCP_SYN,
  TCP_SYN | TCP_URG,
  TCP_SYN | TCP_ACK,
  TCP_RST,
  TCP_RST | TCP_ACK,
  TCP_FIN | TCP_ACK,
  TCP_FIN | TCP_ACK | TCP_URG,
  TCP_ACK,
  TCP_ACK | TCP_URG,
])
  VALID_FLAGS_TABLE[f] = 1;

/**
 * tcp_error()'s flag check: a TCP packet whose flags are not a sane combination (SYN|FIN, a bare
 * FIN, no flags at all, ...) is invalid before any connection is looked at.
 */
export function tcpFlagsValid(flags: number): boolean {
  return VALID_FLAGS_TABLE[flags & 0xff & ~(TCP_ECE | TCP_CWR | TCP_PSH)] === 1;
}

// The kernel's short names, so the table below reads like the C source (no cell leads to sNO).
const sSS = TcpCtState.SYN_SENT;
const sSR = TcpCtState.SYN_RECV;
const sES = TcpCtState.ESTABLISHED;
const sFW = TcpCtState.FIN_WAIT;
const sCW = TcpCtState.CLOSE_WAIT;
const sLA = TcpCtState.LAST_ACK;
const sTW = TcpCtState.TIME_WAIT;
const sCL = TcpCtState.CLOSE;
const sS2 = TcpCtState.SYN_SENT2;
const sIV = TcpCtState.INVALID;
const sIG = TcpCtState.IGNORE;

/*
 * We sit in the middle: every packet passes us but may still be lost before its destination,
 * so we track the state the *sender* of the current packet is in. sIG marks packets that may be
 * valid or not — the receiver's answer (RST or SYN/ACK) will tell — so they pass without
 * changing anything; sIV marks packets that are truly invalid.
 */
// prettier-ignore
const TABLE: readonly (readonly (readonly number[])[])[] = [
  [
    /* ORIGINAL   sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2 */
    /* syn    */ [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2],
    // NO->SS opens; SS->SS is a retransmitted SYN, S2->S2 a late one. A SYN in SR..LA means
    // the peer will answer RST, or we hold a dead entry: ignore. TW/CL->SS: reopening
    // (RFC 1122), which tcp_packet turns into "delete and start again".
    /* synack */ [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
    // The client cannot SYN and then SYN/ACK, except in simultaneous open (S2->SR, and SR->SR
    // for a late retransmission of it). Anywhere else it is invalid.
    /* fin    */ [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    // No FIN before the SYN/ACK. SR/ES->FW starts the close; FW/CW->LA is a FIN from both
    // sides (or a retransmitted one); LA, TW and CL stay put.
    /* ack    */ [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV],
    // NO->ES is assumed (mid-stream pickup); an ACK in SS/S2 is invalid (no SYN/ACK seen yet).
    // FW->CW: the FIN was acknowledged; LA->TW: the last ACK (unless it is an RFC 5961
    // challenge ACK, which tcp_packet catches).
    /* rst    */ [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    /* none   */ [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  ],
  [
    /* REPLY      sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2 */
    /* syn    */ [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
    // SS->S2: simultaneous open (S2->S2 retransmits it). The server may not SYN elsewhere,
    // except TW->SS: reopening where the old server now plays client.
    /* synack */ [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    // SS/S2->SR is the normal answer. Later SYN/ACKs may be retransmissions, or answer a SYN
    // we ignored: let them through untouched.
    /* fin    */ [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    // As in the original direction: no FIN before the handshake.
    /* ack    */ [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
    // SS/S2->IG: may be a half-open connection (or a challenge ACK to the SYN). SR stays SR: it
    // may answer a late resent SYN; the client's ACK is what establishes.
    /* rst    */ [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    /* none   */ [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  ],
];

/** The table flattened: [dir][class][state] at ((dir * 6) + class) * 10 + state. */
const FLAT = new Uint8Array(2 * TCP_PACKET_CLASS_COUNT * TCP_CT_STATE_COUNT);
for (let dir = 0; dir < 2; dir++)
  for (let cls = 0; cls < TCP_PACKET_CLASS_COUNT; cls++)
    for (let state = 0; state < TCP_CT_STATE_COUNT; state++)
      FLAT[(dir * TCP_PACKET_CLASS_COUNT + cls) * TCP_CT_STATE_COUNT + state] =
        TABLE[dir][cls][state];

/**
 * `tcp_conntracks[dir][cls][state]`: the next state, or TcpCtState.INVALID / IGNORE. `state`
 * must be a stored state (0..9) and `cls` a TcpPacketClass.
 */
export function tcpTransition(dir: 0 | 1, cls: number, state: number): number {
  return FLAT[(dir * TCP_PACKET_CLASS_COUNT + cls) * TCP_CT_STATE_COUNT + state];
}
