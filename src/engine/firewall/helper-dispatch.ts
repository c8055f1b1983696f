import type { NetworkContext } from '../net/network-context';
import { formatIpv4 } from '../net/ipv4';
import { IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';
import type { FirewallConfig } from '../scenarios/schema';
import type { Connection, DirectionCode } from './connection';
import type { Conntrack } from './conntrack';
import { ftpInspect, newFtpPart, type FtpAnnouncement } from './modules/ftp-helper';
import { ModuleId } from './modules/module-ids';
import { sipInspect } from './modules/sip-helper';
import type { CompiledRuleset } from './rules/ruleset-types';

/** RTP and RTCP for audio and video, in both directions of a call. */
const SIP_MAX_EXPECTED = 8;

/**
 * Runs a connection's layer-7 helper on accepted packets and turns what it finds into
 * expectations: FTP data connections announced by PORT, EPRT, 227 and 229, RTP/RTCP streams
 * announced in SIP's SDP. An FTP announcement naming another address than the announcer's
 * own (the FTP bounce attack) gets no expectation unless `ftpLoose` is set.
 */
export class HelperDispatch {
  /** The FTP part being inspected, loaded from the helper's table. */
  private readonly ftpPart = newFtpPart();

  constructor(
    private readonly config: FirewallConfig,
    private readonly conntrack: Conntrack,
    private readonly ruleset: CompiledRuleset,
    private readonly ctx: NetworkContext,
  ) {}

  inspect(conn: Connection, p: Packet, dir: DirectionCode, nowUs: number): void {
    const type = this.ruleset.helpers[conn.helper].type;
    const modules = this.conntrack.modules;
    if (type === 'ftp' && conn.proto === IPPROTO_TCP) {
      const handle = conn.part(ModuleId.ftp);
      const part = modules.ftpParts.load(handle, this.ftpPart);
      ftpInspect(part, p, dir, (a) => {
        part.announced++;
        // Stored before the change is reported: the record written for it reads the table.
        modules.ftpParts.store(handle, part);
        this.ftpAnnounced(conn, a, nowUs);
        this.conntrack.hooks.helperChanged(conn);
      });
      modules.ftpParts.store(handle, part);
    } else if (type === 'sip') {
      const part = modules.sipParts.get(conn.part(ModuleId.sip));
      const stateBefore = part.state;
      const message = sipInspect(part, p);
      if (message === null) return;
      if (part.state !== stateBefore && message.media.length === 0)
        this.conntrack.hooks.helperChanged(conn);
      // Media comes from the other party of the call (conntrack's sip_direct_media).
      const peer = dir === 0 ? conn.dst : conn.src;
      for (const medium of message.media) {
        part.announced++;
        for (const port of [medium.port, medium.port + 1]) {
          this.expect(
            conn,
            'sip',
            IPPROTO_UDP,
            peer,
            medium.address,
            port,
            SIP_MAX_EXPECTED,
            nowUs,
          );
        }
      }
      if (message.media.length > 0) this.conntrack.hooks.helperChanged(conn);
    }
  }

  private ftpAnnounced(conn: Connection, a: FtpAnnouncement, nowUs: number): void {
    // The announcer is the client for PORT/EPRT (original direction), the server for 227/229.
    const announcer = a.dir === 0 ? conn.src : conn.dst;
    const peer = a.dir === 0 ? conn.dst : conn.src;
    if (a.ipv6)
      return this.refuse(conn, `${a.command} names an IPv6 address on an IPv4 connection`, nowUs);
    const address = a.command === '229' ? announcer : a.address;
    if (address !== announcer && !this.config.ftpLoose) {
      return this.refuse(
        conn,
        `${a.command} names ${formatIpv4(address)}, not the announcer ${formatIpv4(announcer)} (FTP bounce)`,
        nowUs,
      );
    }
    this.expect(
      conn,
      'ftp',
      IPPROTO_TCP,
      peer,
      address,
      a.port,
      this.config.maxExpectationsPerMaster,
      nowUs,
    );
  }

  private expect(
    conn: Connection,
    helper: string,
    proto: number,
    src: number,
    dst: number,
    dport: number,
    maxPerMaster: number,
    nowUs: number,
  ): void {
    this.conntrack.expectations.add(
      {
        masterSlot: conn.slot,
        masterId: conn.id,
        proto,
        src,
        dst,
        dport,
        createdUs: nowUs,
        expiresUs: nowUs + this.config.timeouts.expectationUs,
        helper,
      },
      maxPerMaster,
    );
    if (this.ctx.trace.enabled) {
      const what = `${proto === IPPROTO_TCP ? 'tcp' : 'udp'} ${formatIpv4(src)}:* → ${formatIpv4(dst)}:${dport}`;
      this.trace('created', helper, conn, what, nowUs);
    }
  }

  private refuse(conn: Connection, why: string, nowUs: number): void {
    this.conntrack.expectations.stats.refused++;
    if (this.ctx.trace.enabled) this.trace('refused', 'ftp', conn, why, nowUs);
  }

  private trace(
    event: 'created' | 'refused',
    helper: string,
    conn: Connection,
    detail: string,
    nowUs: number,
  ) {
    this.ctx.trace.emit({
      kind: 'firewall.expectation',
      atUs: nowUs,
      event,
      helper,
      master: conn.history.id,
      detail,
    });
  }
}
