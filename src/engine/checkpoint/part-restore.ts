import type { Connection } from '../firewall/connection';
import type { SavedExpectation } from '../firewall/expectation-codec';
import type { Firewall } from '../firewall/firewall';
import { decodeFtpPart, decodeSipPart } from '../firewall/modules/helper-codec';
import { ModuleId } from '../firewall/modules/module-ids';
import { decodeTcpPart } from '../firewall/modules/tcp/tcp-codec';
import { newTcpPart } from '../firewall/modules/tcp/tcp-part';
import { decodeIcmpPart, decodeUdpPart } from '../firewall/modules/udp-icmp-codec';
import { areaOfModule } from '../firewall/part-records';
import { RECORD_HEADER_BYTES } from './record';

/** A rebuilt connection and the expectations its helper record carried. */
export interface Attached {
  readonly conn: Connection;
}

const pendingByConnection = new WeakMap<Connection, SavedExpectation[]>();
/** Each TCP record is decoded here, then copied into the module's table. */
const tcpScratch = newTcpPart();

/**
 * Decodes one module record (sound: its CRC checked) and adds the part to that module's own
 * table, linking it from the connection's base layer (act 1004). Returns false when the
 * payload does not decode: the connection is then not rebuilt at all rather than rebuilt wrong.
 */
export function attachPart(
  target: Firewall,
  conn: Connection,
  area: number,
  record: Uint8Array,
  version: number,
): boolean {
  const at = RECORD_HEADER_BYTES;
  const modules = target.conntrack.modules;
  try {
    switch (area) {
      case areaOfModule(ModuleId.tcp):
        conn.parts[ModuleId.tcp] = modules.tcpParts.add(decodeTcpPart(record, at, tcpScratch));
        break;
      case areaOfModule(ModuleId.udp):
        conn.parts[ModuleId.udp] = modules.udpParts.add(decodeUdpPart(record, at));
        break;
      case areaOfModule(ModuleId.icmp):
        conn.parts[ModuleId.icmp] = modules.icmpParts.add(decodeIcmpPart(record, at));
        break;
      case areaOfModule(ModuleId.ftp): {
        const { part, pending } = decodeFtpPart(record, at);
        conn.parts[ModuleId.ftp] = modules.ftpParts.add(part);
        pendingByConnection.set(conn, pending);
        break;
      }
      default: {
        const { part, pending } = decodeSipPart(record, at);
        conn.parts[ModuleId.sip] = modules.sipParts.add(part);
        pendingByConnection.set(conn, pending);
      }
    }
  } catch {
    return false;
  }
  conn.versions[area] = version;
  return true;
}

/**
 * Last step of reassembly: the helpers' expectations, re-created for masters that are back
 * in the table (as conntrackd commits expectations after the connections). Expired ones stay
 * gone. The digests are taken now, so the first packet after recovery writes only real
 * changes, with versions after the ones recovered.
 */
export function restoreExpectations(
  target: Firewall,
  attached: readonly Attached[],
  nowUs: number,
): void {
  const ct = target.conntrack;
  for (const { conn } of attached) {
    for (let area = 0; area < conn.written.length; area++) {
      if (area === 0 || conn.parts[area - 1] >= 0)
        conn.written[area] = target.records.digest(conn, area);
    }
    if (conn.parts[ModuleId.tcp] >= 0) target.records.noteWindow(conn);
    const helper =
      conn.parts[ModuleId.ftp] >= 0 ? 'ftp' : conn.parts[ModuleId.sip] >= 0 ? 'sip' : null;
    for (const e of pendingByConnection.get(conn) ?? []) {
      if (e.expiresUs <= nowUs || helper === null) continue;
      ct.expectations.restore({ ...e, masterSlot: conn.slot, masterId: conn.id, helper });
    }
  }
}
