import { DropReason, type DropReasonCode } from '../net/drop-reason';
import type { Ipv4Prefix } from '../net/ipv4';
import type { NetworkContext } from '../net/network-context';
import { IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';
import { ACCEPT, type InspectionHook } from '../router/inspection';
import type { FirewallConfig } from '../scenarios/schema';
import { BroadcastGuard } from './broadcast-guard';
import type { Connection } from './connection';
import { Conntrack } from './conntrack';
import { HelperDispatch } from './helper-dispatch';
import { sendReject } from './reject';
import {
  CtStateBit,
  newRuleContext,
  newRulesetResult,
  Verdict,
  type CompiledRuleset,
  type RuleContext,
  type RulesetResult,
} from './rules/ruleset-types';
import { VerdictStats } from './verdict-stats';
import type { CheckpointHooks } from './checkpoint-hooks';
import { PartRecords } from './part-records';
import { newFirewallShared, type FirewallShared } from './shared-state';
import { VerdictTrace } from './verdict-trace';

/** What the firewall needs from the router it runs in. */
export interface FirewallHost {
  readonly ctx: NetworkContext;
  readonly portNames: readonly string[];
  readonly portPrefixes: readonly Ipv4Prefix[];
  /** Sends a packet the router itself originates (a reject) out of a port. */
  originate(p: Packet, port: number): void;
}

/** How often expired connections and expectations are swept, and how much per sweep. */
const SWEEP_INTERVAL_US = 1_000_000;
const SWEEP_BUDGET = 8_192;

/**
 * The firewall application (FIG. 3/4A) in the router's inspection hook: the broadcast-storm
 * guard, connection tracking with its modules, and the ruleset. Every verdict has a reason;
 * anything conntrack finds invalid or cannot track is refused unless configured otherwise.
 */
export class Firewall implements InspectionHook {
  readonly conntrack: Conntrack;
  readonly verdicts: VerdictStats;
  /** Turns the base layer and module parts into checkpoint records (used by the strategies and recovery). */
  readonly records: PartRecords;
  readonly costUs: number;
  /** How long the packet just accepted must wait (see InspectionHook.holdUs). */
  holdUs = 0;
  /** Until when the firewall is busy writing checkpoints (later packets queue behind). */
  private busyUntilUs = 0;
  /** Set when the firewall crashed: its pending events find nothing to do. */
  private dead = false;
  private readonly guard: BroadcastGuard;
  private readonly helpers: HelperDispatch;
  private readonly rule: RuleContext = newRuleContext();
  private readonly result: RulesetResult = newRulesetResult();
  private readonly traced: VerdictTrace;
  private readonly sweepKind: number;
  private sweepPending = false;
  private readonly onLog = (rule: number, prefix: string): void => this.log(rule, prefix);
  private packet: Packet | null = null;

  constructor(
    readonly config: FirewallConfig,
    readonly ruleset: CompiledRuleset,
    private readonly host: FirewallHost,
    epoch: number,
    /** What successive instances share for the report (never read to decide anything). */
    shared: FirewallShared = newFirewallShared(ruleset),
  ) {
    this.verdicts = shared.verdicts;
    this.conntrack = new Conntrack(config, epoch, shared);
    this.records = new PartRecords(
      this.conntrack,
      ruleset.helpers.map((h) => h.name),
    );
    this.costUs = config.inspectUs;
    this.guard = BroadcastGuard.forPrefixes(
      config.broadcastPacketsPerSecond,
      config.broadcastBurst,
      host.portPrefixes,
    );
    this.helpers = new HelperDispatch(config, this.conntrack, ruleset, host.ctx);
    this.sweepKind = host.ctx.scheduler.register('firewall.sweep', () => this.sweep());
    this.traced = new VerdictTrace(host.ctx, ruleset);
  }

  /** Installs the checkpointing strategy this instance reports its events to. */
  attach(hooks: CheckpointHooks): void {
    this.conntrack.hooks = hooks;
  }

  /** The firewall spends `costUs` from now on checkpoint work: packets arriving meanwhile wait. */
  busy(costUs: number): void {
    if (costUs > 0) this.busyUntilUs = Math.max(this.busyUntilUs, this.host.ctx.nowUs) + costUs;
  }

  /** The firewall crashed: this instance is abandoned; its timers do nothing any more. */
  kill(): void {
    this.dead = true;
    this.host.ctx.scheduler.retire(this.sweepKind);
  }

  get alive(): boolean {
    return !this.dead;
  }

  inspect(p: Packet, inPort: number, outPort: number, nowUs: number): number {
    const verdict = this.decide(p, inPort, outPort, nowUs);
    this.holdUs = this.chargeWrites(nowUs);
    return verdict;
  }

  /**
   * Synchronous checkpoint writes take time before the packet that caused them may go on
   * (mode sync: "written before the packet is forwarded"), and the firewall is busy meanwhile:
   * a packet arriving during that time waits for it too.
   */
  private chargeWrites(nowUs: number): number {
    const cost = this.conntrack.hooks.takeWriteCostUs();
    if (cost === 0 && this.busyUntilUs <= nowUs) return 0;
    this.busyUntilUs = Math.max(this.busyUntilUs, nowUs) + cost;
    return this.busyUntilUs - nowUs;
  }

  private decide(p: Packet, inPort: number, outPort: number, nowUs: number): number {
    const ct = this.conntrack;
    if (this.guard.applies(p.dstAddr) && !this.guard.allow(p.srcAddr, nowUs)) {
      ct.reset(); // refused before connection tracking: no connection is charged
      this.verdicts.rateLimited++;
      return this.refuse(p, DropReason.firewallRateLimit, 'rate limited');
    }
    // Unroutable packets never reach the forward hook (Linux routes before it); the router drops them.
    if (outPort < 0) return ACCEPT;
    ct.classify(p, nowUs);
    if (ct.problem === 'mid-stream') {
      this.verdicts.midStream++;
      return this.refuse(p, DropReason.firewallMidStream, 'unknown mid-stream');
    }
    if (ct.problem === 'table-full') {
      this.verdicts.tableFull++;
      return this.refuse(p, DropReason.firewallTableFull, 'connection table full');
    }
    if (ct.ctState === CtStateBit.invalid && this.config.invalid === 'drop') {
      this.verdicts.invalid++;
      return this.refuse(p, DropReason.firewallInvalid, 'invalid state', ct.problemDetail);
    }
    const result = this.evaluate(p, inPort, outPort);
    if (result.verdict !== Verdict.accept) return this.ruleRefused(p, inPort, result);
    const helperIndex = ct.conn === null ? this.helperFor(p, result.helper) : -1;
    const conn = ct.accepted(
      p,
      nowUs,
      result.rule,
      helperIndex,
      // Not helpers[-1] ?? null: a negative index is a property lookup on V8's slow path
      // (3 % of a many-flows run, paid by every packet of a known connection).
      helperIndex >= 0 ? this.ruleset.helpers[helperIndex] : null,
    );
    if (conn !== null) this.afterAccept(conn, p, nowUs);
    this.countAccept(result);
    if (this.host.ctx.trace.enabled) {
      const history = conn !== null ? conn.history : ct.history;
      this.traced.verdict(p, 'accept', this.traced.reason(result), ct.ctState, history);
    }
    return ACCEPT;
  }

  private evaluate(p: Packet, inPort: number, outPort: number): RulesetResult {
    const r = this.rule;
    r.ctState = this.conntrack.ctState;
    r.srcAddr = p.srcAddr;
    r.dstAddr = p.dstAddr;
    r.proto = p.proto;
    r.sport = p.proto === 1 ? 0 : p.srcPort;
    r.dport = p.proto === 1 ? 0 : p.dstPort;
    r.inPort = inPort;
    r.outPort = outPort;
    r.ipBytes = p.ipBytes;
    this.packet = p;
    this.ruleset.evaluate(r, this.result, this.onLog);
    return this.result;
  }

  /** A helper assigned by `ct helper set` applies to a new connection of its own protocol. */
  private helperFor(p: Packet, index: number): number {
    if (index < 0 || this.conntrack.expectation !== null) return -1;
    const proto = this.ruleset.helpers[index].protocol === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP;
    return p.proto === proto ? index : -1;
  }

  private afterAccept(conn: Connection, p: Packet, nowUs: number): void {
    const ct = this.conntrack;
    // The trace first: the packet count is read from the ledger, on every packet otherwise.
    const traced = this.host.ctx.trace.enabled;
    if (traced && ct.dir === 0 && conn.history.acceptedPackets === 1) {
      this.host.ctx.trace.emit({
        kind: 'firewall.connection',
        atUs: nowUs,
        event: 'new',
        connection: conn.history.id,
        detail: conn.history.admittedBy,
      });
    }
    if (traced && ct.expectation !== null && conn.history.acceptedPackets === 1) {
      this.host.ctx.trace.emit({
        kind: 'firewall.expectation',
        atUs: nowUs,
        event: 'matched',
        helper: ct.expectation.helper,
        master: conn.history.related ?? '(ended)',
        detail: conn.history.id,
      });
    }
    // A related ICMP error is not the helper's protocol: only the connection's own packets go to it.
    if (conn.helper >= 0 && p.payloadLen > 0 && p.proto === conn.proto) {
      this.helpers.inspect(conn, p, ct.dir, nowUs);
    }
    if (!this.sweepPending) {
      this.sweepPending = true;
      this.host.ctx.scheduler.after(SWEEP_INTERVAL_US, this.sweepKind);
    }
  }

  private sweep(): void {
    if (this.dead) return;
    const now = this.host.ctx.nowUs;
    this.conntrack.sweep(now, SWEEP_BUDGET);
    this.busy(this.conntrack.hooks.takeWriteCostUs()); // the deletes the sweep caused
    this.sweepPending = this.conntrack.table.count > 0 || this.conntrack.expectations.size > 0;
    if (this.sweepPending) this.host.ctx.scheduler.after(SWEEP_INTERVAL_US, this.sweepKind);
  }

  private ruleRefused(p: Packet, inPort: number, result: RulesetResult): DropReasonCode {
    const ct = this.conntrack;
    ct.refused();
    const byRule = result.rule > 0;
    if (result.verdict === Verdict.reject) {
      this.verdicts.rejectByRule[result.rule]++;
      sendReject(this.host, p, inPort, result.rejectWith);
    } else if (byRule) {
      this.verdicts.dropByRule[result.rule]++;
    } else {
      this.verdicts.dropByPolicy[result.chain]++;
    }
    if (this.host.ctx.trace.enabled) {
      const verdict = result.verdict === Verdict.reject ? 'reject' : 'drop';
      this.traced.verdict(p, verdict, this.traced.reason(result), ct.ctState, ct.history);
    }
    return byRule ? DropReason.firewallRule : DropReason.firewallPolicy;
  }

  /** Refuses before the rules; the reason text is only built when someone traces. */
  private refuse(p: Packet, reason: DropReasonCode, label: string, detail = ''): DropReasonCode {
    const ct = this.conntrack;
    ct.refused();
    if (this.host.ctx.trace.enabled) {
      const reason = detail === '' ? label : `${label}: ${detail}`;
      this.traced.verdict(p, 'drop', reason, ct.ctState, ct.history);
    }
    return reason;
  }

  private countAccept(result: RulesetResult): void {
    if (result.rule > 0) this.verdicts.acceptByRule[result.rule]++;
    else if (result.chain >= 0) this.verdicts.acceptByPolicy[result.chain]++;
    else this.verdicts.noChain++;
  }

  private log(rule: number, prefix: string): void {
    if (this.host.ctx.trace.enabled && this.packet !== null)
      this.traced.log(rule, prefix, this.packet);
  }
}
