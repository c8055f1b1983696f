import { checkpointAreaNames, type Simulation, type TraceEvent } from '../../engine';
import type { Recorder } from '../record/recorder';
import { RulesOracle } from './rules-oracle';

export type MonitorId = 'rebuilt' | 'admitted' | 'records';

/** Where an invariant first failed: the event, and what was wrong. */
export interface MonitorFailure {
  readonly atUs: number;
  readonly seq: number;
  readonly detail: string;
  readonly connection: string | null;
}

export interface MonitorStatus {
  readonly id: MonitorId;
  readonly title: string;
  /** Why it does not apply to this run, or null when it is watched. */
  readonly notApplicable: string | null;
  /** Times it was checked so far. */
  readonly checks: number;
  readonly failure: MonitorFailure | null;
}

export const MONITOR_TITLES: Record<MonitorId, string> = {
  rebuilt: 'Every connection rebuilt after recovery',
  admitted: 'No packet admitted that the rules refuse',
  records: 'Checkpoint records ≤ live connections',
};

/** Verdicts waiting for their packet's forward; more than this and the oldest are let go. */
export const MAX_PENDING_VERDICTS = 65_536;

type Verdict = Extract<TraceEvent, { kind: 'firewall.verdict' }>;

/**
 * Live invariant monitors over one simulation, fed its events as they are recorded. Each is
 * checked where its facts change — a recovery ending, a packet forwarded, a record written or
 * deleted — against the engine's own state or an independent evaluation, and remembers the
 * event where it first failed. Framework-free; a fresh simulation gets fresh monitors.
 */
export class InvariantMonitors {
  private readonly checks: Record<MonitorId, number> = { rebuilt: 0, admitted: 0, records: 0 };
  private readonly failures: Record<MonitorId, MonitorFailure | null> = {
    rebuilt: null,
    admitted: null,
    records: null,
  };
  private readonly notApplicable: Record<MonitorId, string | null>;
  private readonly oracle: RulesOracle | null;
  private readonly pending = new Map<number, Verdict>();
  private readonly stop: () => void;

  constructor(
    private readonly sim: Simulation,
    recorder: Recorder,
  ) {
    const firewall = sim.scenario.firewall.enabled;
    const strategy = sim.scenario.checkpoint.strategy;
    const noFirewall = firewall ? null : 'this scenario has no firewall';
    this.notApplicable = {
      rebuilt: noFirewall,
      admitted: noFirewall,
      records:
        noFirewall ??
        (strategy === 'unique-id'
          ? null
          : strategy === 'snapshot'
            ? 'snapshot keeps one blob of the whole table, not records per connection'
            : 'none keeps no records'),
    };
    this.oracle = firewall ? new RulesOracle(sim.scenario) : null;
    this.stop = recorder.subscribe((event, seq) => this.observe(event, seq));
  }

  get statuses(): MonitorStatus[] {
    return (Object.keys(MONITOR_TITLES) as MonitorId[]).map((id) => ({
      id,
      title: MONITOR_TITLES[id],
      notApplicable: this.notApplicable[id],
      checks: this.checks[id],
      failure: this.failures[id],
    }));
  }

  detach(): void {
    this.stop();
  }

  private observe(event: TraceEvent, seq: number): void {
    switch (event.kind) {
      case 'firewall.verdict':
        this.remember(event);
        return;
      case 'packet.drop':
        this.pending.delete(event.packet.id);
        return;
      case 'router.forward':
        this.checkAdmitted(event, seq);
        return;
      case 'supervisor':
        if (event.event !== 'recovered') return;
        this.checkRebuilt(event, seq);
        this.checkRecords(event, seq, null);
        return;
      case 'checkpoint.write':
      case 'checkpoint.delete':
        this.checkRecords(event, seq, event.connection);
        return;
      default:
        return;
    }
  }

  private remember(verdict: Verdict): void {
    if (this.notApplicable.admitted !== null) return;
    if (this.pending.size >= MAX_PENDING_VERDICTS) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(verdict.packet.id, verdict);
  }

  private checkAdmitted(event: Extract<TraceEvent, { kind: 'router.forward' }>, seq: number) {
    if (this.notApplicable.admitted !== null || this.failures.admitted !== null) return;
    this.checks.admitted++;
    const verdict = this.pending.get(event.packet.id);
    this.pending.delete(event.packet.id);
    let detail: string | null;
    if (verdict === undefined) detail = 'forwarded with no verdict from the firewall';
    else if (verdict.verdict !== 'accept') detail = `forwarded after a ${verdict.verdict} verdict`;
    else {
      const why = this.oracle!.refusal(event.packet, verdict.ctState, event.inPort, event.outPort);
      detail = why === null ? null : `accepted by ${verdict.reason}, but ${why}`;
    }
    if (detail !== null) {
      const connection = verdict?.connection ?? null;
      this.fail('admitted', event.atUs, seq, `packet ${event.packet.id} ${detail}`, connection);
    }
  }

  private checkRebuilt(event: TraceEvent, seq: number): void {
    if (this.notApplicable.rebuilt !== null || this.failures.rebuilt !== null) return;
    const crashes = this.sim.runtime?.crashes ?? [];
    const crash = crashes[crashes.length - 1];
    if (crash === undefined) return;
    this.checks.rebuilt++;
    if (crash.lost === 0 && crash.corrupt === 0 && crash.mismatches === 0) return;
    const changed = crash.mismatches > 0 ? `, ${crash.mismatches} not as they were` : '';
    const corrupt = crash.corrupt > 0 ? `, ${crash.corrupt} corrupt records` : '';
    const detail = `crash #${crashes.length}: ${crash.recovered} of ${crash.connectionsBefore} rebuilt, ${crash.lost} lost${changed}${corrupt}`;
    this.fail('rebuilt', event.atUs, seq, detail, null);
  }

  /** Only while the firewall is up: down or reassembling, its table is gone or filling. */
  private checkRecords(event: TraceEvent, seq: number, connection: string | null): void {
    if (this.notApplicable.records !== null || this.failures.records !== null) return;
    const runtime = this.sim.runtime;
    const firewall = this.sim.firewall;
    if (runtime === null || firewall === null || this.sim.firewallState !== 'up') return;
    this.checks.records++;
    const live = firewall.conntrack.table.count;
    for (const area of runtime.server.areaUsage()) {
      if (!checkpointAreaNames.includes(area.name) || area.records <= live) continue;
      const detail = `area ${area.name} holds ${area.records} records for ${live} live connections`;
      this.fail('records', event.atUs, seq, detail, connection);
      return;
    }
  }

  private fail(
    id: MonitorId,
    atUs: number,
    seq: number,
    detail: string,
    connection: string | null,
  ) {
    this.failures[id] = { atUs, seq, detail, connection };
  }
}
