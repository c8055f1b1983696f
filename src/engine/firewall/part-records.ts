import { RECORD_HEADER_BYTES, sealRecord } from '../checkpoint/record';
import { ByteWriter } from '../checkpoint/byte-writer';
import { encodeBase } from './base-codec';
import type { Connection } from './connection';
import type { Conntrack } from './conntrack';
import type { Expectation } from './expectations';
import { newFtpPart } from './modules/ftp-helper';
import { encodeFtpPart, encodeSipPart } from './modules/helper-codec';
import { MODULE_COUNT, ModuleId } from './modules/module-ids';
import { newTcpPart, TcpWindowFlag } from './modules/tcp/tcp-part';
import { encodeTcpPart } from './modules/tcp/tcp-codec';
import { encodeIcmpPart, encodeUdpPart } from './modules/udp-icmp-codec';

/** Checkpoint areas: the base layer, then one per module in ModuleId order. */
export const BASE_AREA = 0;
export const areaOfModule = (module: number): number => module + 1;
export const moduleOfArea = (area: number): number => area - 1;
export const AREA_NAMES: readonly string[] = ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'];
export const AREA_COUNT = MODULE_COUNT + 1;

/** TCP window flags that change on nearly every packet and are not worth a record. */
const TCP_VOLATILE_FLAGS = TcpWindowFlag.DATA_UNACKNOWLEDGED;

/**
 * Turns a connection's base layer or one module's part into a checkpoint record (FIG. 7):
 * the module encodes only its own part; the connection identifier retrieved from the base
 * layer (act 702) goes into the record's header (act 704), with the next version number.
 * Also tells whether a part has changed in a way worth writing (FIG. 8, act 800).
 */
export class PartRecords {
  private readonly writer = new ByteWriter(256);
  /** The TCP part being encoded, loaded from the module's table. */
  private readonly tcpPart = newTcpPart();
  private readonly ftpPart = newFtpPart();

  constructor(
    private readonly conntrack: Conntrack,
    private readonly helperNames: readonly string[],
  ) {}

  /** The areas holding a part of this connection (always the base). */
  areasOf(conn: Connection): number[] {
    const areas = [BASE_AREA];
    for (let m = 0; m < MODULE_COUNT; m++) if (conn.part(m) >= 0) areas.push(areaOfModule(m));
    return areas;
  }

  /**
   * Encodes the area's current state as the connection's next record for that area. The
   * record is a view of this encoder's buffer, valid until the next encode: whoever keeps it
   * copies it (the server copies what it stores; an async queue copies what it holds).
   */
  encode(conn: Connection, area: number): Uint8Array {
    const w = this.writer.reset().skip(RECORD_HEADER_BYTES);
    const modules = this.conntrack.modules;
    switch (area) {
      case BASE_AREA:
        encodeBase(conn, conn.helper >= 0 ? this.helperNames[conn.helper] : '', w);
        break;
      case areaOfModule(ModuleId.tcp):
        encodeTcpPart(modules.tcpParts.load(conn.part(ModuleId.tcp), this.tcpPart), w);
        break;
      case areaOfModule(ModuleId.udp):
        encodeUdpPart(modules.udpParts.get(conn.part(ModuleId.udp)), w);
        break;
      case areaOfModule(ModuleId.icmp):
        encodeIcmpPart(modules.icmpParts.get(conn.part(ModuleId.icmp)), w);
        break;
      case areaOfModule(ModuleId.ftp):
        encodeFtpPart(
          modules.ftpParts.load(conn.part(ModuleId.ftp), this.ftpPart),
          this.pending(conn),
          w,
        );
        break;
      default:
        encodeSipPart(modules.sipParts.get(conn.part(ModuleId.sip)), this.pending(conn), w);
    }
    conn.setVersion(area, conn.version(area) + 1);
    conn.setWritten(area, this.digest(conn, area));
    if (area === areaOfModule(ModuleId.tcp)) this.noteWindow(conn);
    const record = w.view();
    sealRecord(record, area, conn.id, conn.version(area));
    return record;
  }

  /**
   * A number that changes when the area changes in a way recovery needs: TCP state, status
   * and window flags (not the data-in-flight flag); UDP and ICMP state; the base layer's
   * seen-reply bit. Window positions are covered by windowMoved(); helpers report their
   * changes themselves. Always an integer below 2^32 - 1, as the connection's columns keep it:
   * TCP's packs a state below 16, status bits below 16, flags below 256 and window scales of
   * at most 14 (so its top four bits are never all set).
   */
  digest(conn: Connection, area: number): number {
    const modules = this.conntrack.modules;
    switch (area) {
      case BASE_AREA:
        return conn.seenReply ? 1 : 0;
      case areaOfModule(ModuleId.tcp): {
        const t = modules.tcpParts;
        const h = conn.part(ModuleId.tcp);
        const f0 = t.flagsOf(h, 0) & ~TCP_VOLATILE_FLAGS;
        const f1 = t.flagsOf(h, 1) & ~TCP_VOLATILE_FLAGS;
        return (
          t.stateOf(h) +
          16 * t.statusOf(h) +
          256 * f0 +
          65_536 * f1 +
          16_777_216 * t.tdScaleOf(h, 0) +
          268_435_456 * t.tdScaleOf(h, 1)
        );
      }
      case areaOfModule(ModuleId.udp):
        return modules.udpParts.get(conn.part(ModuleId.udp)).state;
      case areaOfModule(ModuleId.icmp):
        return modules.icmpParts.get(conn.part(ModuleId.icmp)).state;
      default:
        return conn.written(area);
    }
  }

  /** Has either direction's right edge moved more than `bytes` since the TCP record was written? */
  windowMoved(conn: Connection, bytes: number): boolean {
    const t = this.conntrack.modules.tcpParts;
    const h = conn.part(ModuleId.tcp);
    return (
      Math.abs((t.tdEndOf(h, 0) - conn.writtenEnd(0)) | 0) > bytes ||
      Math.abs((t.tdEndOf(h, 1) - conn.writtenEnd(1)) | 0) > bytes
    );
  }

  /** Remembers the TCP window positions the record just written (or recovered) holds. */
  noteWindow(conn: Connection): void {
    const t = this.conntrack.modules.tcpParts;
    const h = conn.part(ModuleId.tcp);
    conn.setWrittenEnd(0, t.tdEndOf(h, 0));
    conn.setWrittenEnd(1, t.tdEndOf(h, 1));
  }

  private pending(conn: Connection): Expectation[] {
    return this.conntrack.expectations
      .entries()
      .filter((e) => e.masterSlot === conn.slot && e.masterId === conn.id);
  }
}
