import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';
import type { ConntrackTimeouts, FirewallConfig } from '../scenarios/schema';
import type { Connection, DirectionCode } from './connection';
import { newFtpPart } from './modules/ftp-helper';
import { FtpPartTable } from './modules/ftp-part-table';
import { icmpCtStateNames, IcmpTracker, type IcmpPart } from './modules/icmp-tracker';
import { MODULE_COUNT, ModuleId } from './modules/module-ids';
import { PartTable } from './modules/part-table';
import { newSipPart, type SipPart } from './modules/sip-helper';
import { tcpCtStateNames } from './modules/tcp/tcp-states';
import { TcpReason } from './modules/tcp/tcp-result';
import { newTcpPart, TcpWindowFlag } from './modules/tcp/tcp-part';
import { TcpPartTable } from './modules/tcp/tcp-part-table';
import type { TcpTimeoutsUs } from './modules/tcp/tcp-timeouts';
import { TcpTracker, type TcpPart } from './modules/tcp/tcp-tracker';
import { TrackResult, type TrackResultCode } from './modules/track-result';
import { udpCtStateNames, UdpTracker, type UdpPart } from './modules/udp-tracker';

/** Outcome of preparing a layer-4 part for a packet with no connection. */
interface Prepared {
  module: number;
  handle: number;
  /** '' when the packet may start a connection; else why not. */
  problem: '' | 'mid-stream' | 'invalid';
  /** More about an invalid start (a constant string: nothing is built per packet). */
  detail: string;
}

/**
 * The firewall's modules and their own tables (FIG. 4A/4B): TCP, UDP and ICMP trackers and the
 * FTP and SIP helpers. Each table holds only its module's data, addressed by the handles a
 * connection's base layer keeps in `parts`.
 */
export class ConntrackModules {
  readonly tcp: TcpTracker;
  readonly udp: UdpTracker;
  readonly icmp: IcmpTracker;
  readonly tcpParts: TcpPartTable;
  readonly udpParts: PartTable<UdpPart>;
  readonly icmpParts: PartTable<IcmpPart>;
  readonly ftpParts: FtpPartTable;
  readonly sipParts: PartTable<SipPart>;
  /** Why the last track() said invalid. */
  invalidReason = '';
  private readonly prepared: Prepared = { module: -1, handle: -1, problem: '', detail: '' };
  /** The part the TCP tracker works on: loaded from the table, stored back after. */
  private readonly tcpScratch: TcpPart = newTcpPart();

  constructor(readonly config: FirewallConfig) {
    const t = config.timeouts;
    const max = config.maxConnections;
    this.tcp = new TcpTracker({
      liberal: config.tcpLiberal,
      loose: config.midStream === 'loose',
      maxRetrans: config.tcpMaxRetrans,
      timeoutsUs: tcpTimeouts(t),
    });
    this.udp = new UdpTracker({ unrepliedUs: t.udpUs, streamUs: t.udpStreamUs });
    this.icmp = new IcmpTracker(t.icmpUs);
    // One spare per table: a part is prepared before the connection is confirmed.
    this.tcpParts = new TcpPartTable(max + 1);
    this.udpParts = new PartTable('udp', max + 1);
    this.icmpParts = new PartTable('icmp', max + 1);
    this.ftpParts = new FtpPartTable(max);
    this.sipParts = new PartTable('sip', max);
  }

  /** Room for `count` more parts of a module, made in one step (a recovery about to attach them). */
  reserve(module: number, count: number): void {
    if (module === ModuleId.tcp) this.tcpParts.reserve(count);
    else if (module === ModuleId.ftp) this.ftpParts.reserve(count);
    // The other tables keep their parts as objects in an array: nothing to lengthen.
  }

  /** Builds the layer-4 part for a packet that may start a connection. */
  prepare(p: Packet, nowUs: number): Prepared {
    const out = this.prepared;
    out.problem = '';
    out.detail = '';
    out.module = -1;
    out.handle = -1;
    if (p.proto === IPPROTO_TCP) {
      const part = this.tcp.start(p, nowUs, this.tcpScratch);
      if (part === null) {
        const reason = this.tcp.invalidReason;
        out.problem = reason === TcpReason.NO_PICKUP ? 'mid-stream' : 'invalid';
        out.detail = reason;
        return out;
      }
      out.module = ModuleId.tcp;
      out.handle = this.tcpParts.add(part);
    } else if (p.proto === IPPROTO_UDP) {
      out.module = ModuleId.udp;
      out.handle = this.udpParts.add(this.udp.start(nowUs));
    } else if (p.proto === IPPROTO_ICMP) {
      if (!this.icmp.canStart(p)) {
        out.problem = 'invalid';
        out.detail = 'ICMP packet of no known exchange';
        return out;
      }
      out.module = ModuleId.icmp;
      out.handle = this.icmpParts.add(this.icmp.start());
    } else {
      out.problem = 'invalid';
      out.detail = 'protocol not tracked';
    }
    return out;
  }

  track(conn: Connection, p: Packet, dir: DirectionCode, nowUs: number): TrackResultCode {
    let result: TrackResultCode;
    switch (conn.proto) {
      case IPPROTO_TCP: {
        const handle = conn.part(ModuleId.tcp);
        const part = this.tcpParts.load(handle, this.tcpScratch);
        result = this.tcp.track(part, p, dir, nowUs) as TrackResultCode;
        this.tcpParts.store(handle, part);
        if (result === TrackResult.invalid) this.invalidReason = this.tcp.invalidReason;
        return result;
      }
      case IPPROTO_UDP:
        return this.udp.track(this.udpParts.get(conn.part(ModuleId.udp)), dir, nowUs);
      default:
        result = this.icmp.track(this.icmpParts.get(conn.part(ModuleId.icmp)), p, dir);
        if (result === TrackResult.invalid)
          this.invalidReason = 'ICMP type does not fit the exchange';
        return result;
    }
  }

  /** The layer-4 state as a number, to notice changes. */
  stateOf(conn: Connection): number {
    switch (conn.proto) {
      case IPPROTO_TCP:
        return this.tcpParts.stateOf(conn.part(ModuleId.tcp));
      case IPPROTO_UDP:
        return this.udpParts.get(conn.part(ModuleId.udp)).state;
      default:
        return this.icmpParts.get(conn.part(ModuleId.icmp)).state;
    }
  }

  stateName(conn: Connection): string {
    const state = this.stateOf(conn);
    if (conn.proto === IPPROTO_TCP) return tcpCtStateNames[state];
    return conn.proto === IPPROTO_UDP ? udpCtStateNames[state] : icmpCtStateNames[state];
  }

  /**
   * When the connection expires after the packet just tracked. TCP keeps the kernel's own
   * expiry (not renewed by ignored packets or a retransmitted SYN); UDP and ICMP are renewed
   * by every packet.
   */
  expiresUs(conn: Connection, nowUs: number): number {
    switch (conn.proto) {
      case IPPROTO_TCP:
        return this.tcpParts.expiresUsOf(conn.part(ModuleId.tcp));
      case IPPROTO_UDP:
        return nowUs + this.udp.timeoutUs(this.udpParts.get(conn.part(ModuleId.udp)));
      default:
        return nowUs + this.icmp.timeoutUs;
    }
  }

  /**
   * A rebuilt connection's TCP part: its timeout starts now, and both directions are tracked
   * liberally (as conntrackd does for connections it restores): the window positions in the
   * record may be behind the segments in flight, so those must not be called invalid. The
   * state machine still applies.
   */
  restartTimeout(conn: Connection, nowUs: number): void {
    if (conn.proto !== IPPROTO_TCP) return;
    const handle = conn.part(ModuleId.tcp);
    const part = this.tcpParts.load(handle, this.tcpScratch);
    part.seen[0].flags |= TcpWindowFlag.BE_LIBERAL;
    part.seen[1].flags |= TcpWindowFlag.BE_LIBERAL;
    part.expiresUs = nowUs + this.tcp.timeoutUs(part);
    this.tcpParts.store(handle, part);
  }

  /** The TCP tracker asked for the connection to go after this packet (an RST answered a SYN). */
  killRequested(conn: Connection): boolean {
    return conn.proto === IPPROTO_TCP && this.tcp.out.kill;
  }

  /** Gives a confirmed connection the part of the layer-7 helper `ct helper set` assigned. */
  attachHelper(conn: Connection, type: 'ftp' | 'sip'): void {
    if (type === 'ftp') conn.setPart(ModuleId.ftp, this.ftpParts.add(newFtpPart()));
    else conn.setPart(ModuleId.sip, this.sipParts.add(newSipPart()));
  }

  /** Frees every part of a connection. */
  release(conn: Connection): void {
    for (let m = 0; m < MODULE_COUNT; m++) {
      if (conn.part(m) >= 0) this.releasePart(m, conn.part(m));
      conn.setPart(m, -1);
    }
  }

  releasePart(module: number, handle: number): void {
    this.tableOf(module).remove(handle);
  }

  private tableOf(module: number): { remove(handle: number): void } {
    switch (module) {
      case ModuleId.tcp:
        return this.tcpParts;
      case ModuleId.udp:
        return this.udpParts;
      case ModuleId.icmp:
        return this.icmpParts;
      case ModuleId.ftp:
        return this.ftpParts;
      default:
        return this.sipParts;
    }
  }
}

function tcpTimeouts(t: ConntrackTimeouts): TcpTimeoutsUs {
  return {
    SYN_SENT: t.tcpSynSentUs,
    SYN_RECV: t.tcpSynRecvUs,
    ESTABLISHED: t.tcpEstablishedUs,
    FIN_WAIT: t.tcpFinWaitUs,
    CLOSE_WAIT: t.tcpCloseWaitUs,
    LAST_ACK: t.tcpLastAckUs,
    TIME_WAIT: t.tcpTimeWaitUs,
    CLOSE: t.tcpCloseUs,
    SYN_SENT2: t.tcpSynSent2Us,
    RETRANS: t.tcpRetransUs,
    UNACK: t.tcpUnackUs,
  };
}
