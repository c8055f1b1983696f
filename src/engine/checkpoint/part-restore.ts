import type { Connection } from '../firewall/connection';
import type { SavedExpectation } from '../firewall/expectation-codec';
import type { Firewall } from '../firewall/firewall';
import { decodeFtpPart, decodeSipPart } from '../firewall/modules/helper-codec';
import { ModuleId } from '../firewall/modules/module-ids';
import { decodeTcpPart } from '../firewall/modules/tcp/tcp-codec';
import { newFtpPart } from '../firewall/modules/ftp-helper';
import { newTcpPart } from '../firewall/modules/tcp/tcp-part';
import { decodeIcmpPart, decodeUdpPart } from '../firewall/modules/udp-icmp-codec';
import { AREA_COUNT, areaOfModule, moduleOfArea } from '../firewall/part-records';
import { RECORD_HEADER_BYTES } from './record';
import type { Pace } from './recovery-job';

/** The helpers' pending expectations read from their records, by the rebuilt connection's slot. */
export type PendingExpectations = Map<number, readonly SavedExpectation[]>;
/** Each TCP record is decoded here, then copied into the module's table. */
const tcpScratch = newTcpPart();
/** Each FTP record likewise. */
const ftpScratch = newFtpPart();

/**
 * Decodes one module record (sound: its CRC checked; `length` bytes from `start` in `bytes`)
 * and adds the part to that module's own table, linking it from the connection's base layer
 * (act 1004). Returns false when the payload does not decode: the connection is then not
 * rebuilt at all rather than rebuilt wrong.
 */
export function attachPart(
  target: Firewall,
  conn: Connection,
  area: number,
  bytes: Uint8Array,
  start: number,
  length: number,
  version: number,
  pendingBySlot: PendingExpectations,
): boolean {
  const at = start + RECORD_HEADER_BYTES;
  const end = start + length;
  const modules = target.conntrack.modules;
  // A part whose place is taken (a second layer-4 part, a second helper: records that agree
  // with their checksums but not with each other) is refused before it takes a handle.
  if (!conn.hasRoomFor(moduleOfArea(area))) return false;
  try {
    switch (area) {
      case areaOfModule(ModuleId.tcp):
        conn.setPart(ModuleId.tcp, modules.tcpParts.add(decodeTcpPart(bytes, at, end, tcpScratch)));
        break;
      case areaOfModule(ModuleId.udp):
        conn.setPart(ModuleId.udp, modules.udpParts.add(decodeUdpPart(bytes, at, end)));
        break;
      case areaOfModule(ModuleId.icmp):
        conn.setPart(ModuleId.icmp, modules.icmpParts.add(decodeIcmpPart(bytes, at, end)));
        break;
      case areaOfModule(ModuleId.ftp): {
        const { part, pending } = decodeFtpPart(bytes, at, end, ftpScratch);
        conn.setPart(ModuleId.ftp, modules.ftpParts.add(part));
        if (pending.length > 0) pendingBySlot.set(conn.slot, pending);
        break;
      }
      default: {
        const { part, pending } = decodeSipPart(bytes, at, end);
        conn.setPart(ModuleId.sip, modules.sipParts.add(part));
        if (pending.length > 0) pendingBySlot.set(conn.slot, pending);
      }
    }
  } catch {
    return false;
  }
  conn.setVersion(area, version);
  return true;
}

/**
 * Last step of reassembly: the helpers' expectations, re-created for masters that are back
 * in the table (as conntrackd commits expectations after the connections). Expired ones stay
 * gone. The digests are taken now, so the first packet after recovery writes only real
 * changes, with versions after the ones recovered.
 */
export function* restoreExpectations(
  target: Firewall,
  /** The slots of the connections taken into service. */
  adopted: readonly number[],
  pendingBySlot: PendingExpectations,
  nowUs: number,
  pace: Pace,
): Generator<void, void, void> {
  for (let i = 0; i < adopted.length; i++) {
    restoreOne(target, target.conntrack.table.get(adopted[i]), pendingBySlot, nowUs);
    pace.credit(1);
    if (pace.tick()) yield;
  }
}

function restoreOne(
  target: Firewall,
  conn: Connection,
  pendingBySlot: PendingExpectations,
  nowUs: number,
): void {
  for (let area = 0; area < AREA_COUNT; area++) {
    if (area === 0 || conn.part(area - 1) >= 0)
      conn.setWritten(area, target.records.digest(conn, area));
  }
  if (conn.part(ModuleId.tcp) >= 0) target.records.noteWindow(conn);
  const pending = pendingBySlot.get(conn.slot);
  if (pending === undefined) return;
  pendingBySlot.delete(conn.slot); // read once: the rebuilt connection does not keep it
  const helper = conn.part(ModuleId.ftp) >= 0 ? 'ftp' : conn.part(ModuleId.sip) >= 0 ? 'sip' : null;
  for (const e of pending) {
    if (e.expiresUs <= nowUs || helper === null) continue;
    target.conntrack.expectations.restore({
      ...e,
      masterSlot: conn.slot,
      masterId: conn.id,
      helper,
    });
  }
}
