import type { Connection } from '../firewall/connection';
import type { Firewall } from '../firewall/firewall';
import { ModuleId } from '../firewall/modules/module-ids';
import { TcpWindowFlag } from '../firewall/modules/tcp/tcp-part';

/** TCP window flags that are not part of the checkpointed state (see README). */
const UNCHECKPOINTED_FLAGS = TcpWindowFlag.DATA_UNACKNOWLEDGED | TcpWindowFlag.BE_LIBERAL;

/**
 * The checkpointed view of a firewall's table: for each connection, its base layer and every
 * module part as far as they are checkpointed — what recovery promises to rebuild exactly.
 * Left out: timeouts (recovery restarts them), TCP window positions and the annotations of
 * the last packet (recovered connections are tracked liberally until they are re-learnt; a
 * window edge is written when it has moved more than tcpWindowBytes), and an FTP helper's
 * position in the control stream (it resynchronises at the next line). Taken by the
 * supervisor just before a crash, kept aside, and used only to verify the recovery —
 * recovery itself never sees it.
 */
export function tableView(fw: Firewall): Map<number, string> {
  const view = new Map<number, string>();
  for (const conn of fw.conntrack.table.live()) view.set(conn.id, connectionView(fw, conn));
  return view;
}

function connectionView(fw: Firewall, c: Connection): string {
  const m = fw.conntrack.modules;
  const helper = c.helper >= 0 ? fw.ruleset.helpers[c.helper].name : '';
  const parts: Record<string, unknown> = {
    base: [
      c.proto,
      c.src,
      c.dst,
      c.sport,
      c.dport,
      c.createdUs,
      c.rule,
      helper,
      c.masterId,
      c.seenReply,
    ],
  };
  if (c.part(ModuleId.tcp) >= 0) {
    const t = m.tcpParts.get(c.part(ModuleId.tcp));
    parts.tcp = [
      t.state,
      t.status,
      ...t.seen.map((s) => [s.tdScale, s.flags & ~UNCHECKPOINTED_FLAGS]),
    ];
  }
  if (c.part(ModuleId.udp) >= 0) parts.udp = m.udpParts.get(c.part(ModuleId.udp));
  if (c.part(ModuleId.icmp) >= 0) parts.icmp = m.icmpParts.get(c.part(ModuleId.icmp));
  const pending = fw.conntrack.expectations
    .entries()
    .filter((e) => e.masterSlot === c.slot && e.masterId === c.id)
    .map((e) => [e.proto, e.src, e.dst, e.dport, e.expiresUs]);
  if (c.part(ModuleId.ftp) >= 0)
    parts.ftp = [m.ftpParts.announcedOf(c.part(ModuleId.ftp)), pending];
  if (c.part(ModuleId.sip) >= 0) {
    const s = m.sipParts.get(c.part(ModuleId.sip));
    parts.sip = [s.state, s.announced, pending];
  }
  return JSON.stringify(parts);
}

/** Connections of `before` missing from `after`, and those present in both but different. */
export function compareViews(
  before: Map<number, string>,
  after: Map<number, string>,
): { lost: number[]; mismatched: number[] } {
  const lost: number[] = [];
  const mismatched: number[] = [];
  for (const [id, view] of before) {
    const now = after.get(id);
    if (now === undefined) lost.push(id);
    else if (now !== view) mismatched.push(id);
  }
  for (const id of after.keys()) if (!before.has(id)) mismatched.push(id);
  return { lost, mismatched };
}
