import { IPPROTO_ICMP, IPPROTO_TCP, TCP_RST, type Packet } from '../net/packet';
import { fillResetFor } from '../net/tcp/reset';
import type { FirewallHost } from './firewall';
import type { RejectWith } from './rules/ruleset-types';

const ICMP_DEST_UNREACHABLE = 3;
const unreachableCode: Record<Exclude<RejectWith, 'tcp-reset'>, number> = {
  'host-unreachable': 1,
  'port-unreachable': 3,
  'admin-prohibited': 13,
};

/**
 * Answers a rejected packet, as nftables' `reject` does: a TCP reset (for `with tcp reset`,
 * TCP only) or an ICMP destination-unreachable, sent back out of the port the packet came in
 * on, in the name of the destination it tried to reach (the router has no address of its own
 * in this model).
 */
export function sendReject(host: FirewallHost, p: Packet, inPort: number, how: RejectWith): void {
  // Never answer a reset with a reset, or an ICMP error with another (RFC 1122 §3.2.2).
  if (
    (p.proto === IPPROTO_TCP && p.flags & TCP_RST) ||
    (p.proto === IPPROTO_ICMP && p.icmpType === ICMP_DEST_UNREACHABLE)
  ) {
    return;
  }
  const ctx = host.ctx;
  const answer = ctx.packets.alloc(ctx.nowUs);
  answer.srcAddr = p.dstAddr;
  answer.dstAddr = p.srcAddr;
  if (how === 'tcp-reset' && p.proto === IPPROTO_TCP) {
    answer.proto = IPPROTO_TCP;
    answer.srcPort = p.dstPort;
    answer.dstPort = p.srcPort;
    fillResetFor(p, answer);
  } else {
    answer.proto = IPPROTO_ICMP;
    answer.icmpType = ICMP_DEST_UNREACHABLE;
    answer.icmpCode = unreachableCode[how === 'tcp-reset' ? 'port-unreachable' : how];
  }
  host.originate(answer, inPort);
}
