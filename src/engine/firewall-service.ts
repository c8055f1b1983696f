import { CheckpointServer } from './checkpoint/checkpoint-server';
import { CheckpointStats } from './checkpoint/checkpoint-stats';
import { startRecovery, type RecoveryResult } from './checkpoint/recovery';
import { SnapshotCheckpointer } from './checkpoint/snapshot-checkpointer';
import { emptyView, tableView, type TableView } from './checkpoint/table-view';
import { UniqueIdCheckpointer } from './checkpoint/unique-id-checkpointer';
import { noCheckpoints } from './firewall/checkpoint-hooks';
import { Firewall, type FirewallHost } from './firewall/firewall';
import { AREA_NAMES } from './firewall/part-records';
import type { CompiledRuleset } from './firewall/rules/ruleset-types';
import { newFirewallShared, type FirewallShared } from './firewall/shared-state';
import type { FirewallService, RecoveryInProgress } from './router/supervisor';
import type { Scenario } from './scenarios/schema';

/** One crash and what recovery made of it (the report's `crashes[]`). */
export interface CrashReport {
  atUs: number;
  restartedAtUs: number | null;
  recoveredAtUs: number | null;
  /**
   * Connections in the table when it crashed; for a crash during a reassembly, in the table
   * that reassembly was rebuilding (the instance was never in service).
   */
  connectionsBefore: number;
  /** Connections taken back into the table, so far while the recovery runs. */
  recovered: number;
  /** Connections of the table before the crash that recovery did not bring back. */
  lost: number;
  orphans: number;
  corrupt: number;
  /** Connections rebuilt but not equal to what they were (checked against a copy kept aside). */
  mismatches: number;
  /** Records read from the checkpoint server. */
  records: number;
  partsByModule: Record<string, number>;
  /** Connections with a base record but a part missing or unreadable (counted lost). */
  incomplete: number;
  /** Connections whose leftover records recovery deleted (nothing could be rebuilt from them). */
  discarded: number;
}

/**
 * Everything around the firewall application that outlives it: the checkpoint server, the
 * connection ledger, the ruleset and its counters, the checkpointing statistics — and, for
 * verification only, the view of the table each crash took with it. Builds each firewall
 * instance with its strategy, and runs the recovery when the router server restarts one.
 */
export class FirewallRuntime implements FirewallService<Firewall> {
  readonly server: CheckpointServer;
  readonly shared: FirewallShared;
  readonly stats = new CheckpointStats();
  readonly crashes: CrashReport[] = [];
  private readonly strategies = new Map<Firewall, { crash(): void }>();
  private before = emptyView();
  private lastRecovery: RecoveryResult | null = null;
  /** Test hook: called with the durable view after each async flush or snapshot. */
  onDurable: ((view: TableView) => void) | null = null;

  constructor(
    private readonly scenario: Scenario,
    readonly ruleset: CompiledRuleset,
    private readonly host: FirewallHost,
  ) {
    const c = scenario.checkpoint;
    this.server = new CheckpointServer(AREA_NAMES, c);
    this.shared = newFirewallShared(ruleset);
  }

  start(epoch: number): Firewall {
    const fw = new Firewall(this.scenario.firewall, this.ruleset, this.host, epoch, this.shared);
    const c = this.scenario.checkpoint;
    const { scheduler, trace } = this.host.ctx;
    const durable = () => this.onDurable?.(tableView(fw));
    if (c.strategy === 'unique-id') {
      const strategy = new UniqueIdCheckpointer(
        this.server,
        fw.records,
        c,
        this.stats,
        scheduler,
        trace,
        durable,
      );
      fw.attach(strategy);
      this.strategies.set(fw, strategy);
    } else if (c.strategy === 'snapshot') {
      const strategy = new SnapshotCheckpointer(
        this.server,
        fw.conntrack,
        fw.records,
        c,
        this.stats,
        scheduler,
        trace,
        (cost) => fw.busy(cost),
        () => this.inService(),
        durable,
      );
      fw.attach(strategy);
      this.strategies.set(fw, strategy);
    } else {
      fw.attach(noCheckpoints);
    }
    return fw;
  }

  crashed(fw: Firewall, nowUs: number): void {
    // Verification only: recovery never sees this. An instance that crashes while it is still
    // reassembling was never in service, and the table it was rebuilding is still the one at
    // stake: the next recovery is checked against that, not against the part rebuilt so far.
    const last = this.crashes[this.crashes.length - 1];
    const recovering = last !== undefined && last.restartedAtUs !== null && !this.inService();
    if (!recovering) this.before = tableView(fw);
    this.strategies.get(fw)?.crash();
    this.strategies.delete(fw);
    const trace = this.host.ctx.trace;
    if (trace.enabled) {
      trace.emit({
        kind: 'firewall.crash',
        atUs: nowUs,
        connections: this.before.size,
        failOpen: this.scenario.supervisor.failOpen,
      });
    }
    this.crashes.push({
      atUs: nowUs,
      restartedAtUs: null,
      recoveredAtUs: null,
      connectionsBefore: this.before.size,
      recovered: 0,
      lost: this.before.size,
      orphans: 0,
      corrupt: 0,
      mismatches: 0,
      records: 0,
      partsByModule: {},
      incomplete: 0,
      discarded: 0,
    });
  }

  recover(fw: Firewall, nowUs: number): RecoveryInProgress {
    const s = this.scenario;
    const crash = this.crashes[this.crashes.length - 1];
    crash.restartedAtUs = nowUs;
    this.lastRecovery = null;
    const job = startRecovery({
      server: this.server,
      firewall: fw,
      config: s.checkpoint,
      nowUs,
      reassemblyNsPerRecord: s.supervisor.reassemblyNsPerRecord,
      trace: this.host.ctx.trace,
      clockUs: () => this.host.ctx.nowUs,
    });
    return {
      step: () => {
        job.step();
        this.reassembled(crash, job.progress); // the result itself, once done
      },
      abandon: () => job.abandon(),
      get done() {
        return job.done;
      },
      get elapsedUs() {
        return job.elapsedUs;
      },
    };
  }

  /**
   * The crash report takes in what the recovery has found so far, after each piece: the page
   * shows it grow. A recovery cut short by another crash keeps what it had got to.
   */
  private reassembled(crash: CrashReport, result: RecoveryResult): void {
    this.lastRecovery = result;
    Object.assign(crash, {
      recovered: result.recovered,
      lost: crash.connectionsBefore - result.recovered,
      records: result.records,
      orphans: result.orphans,
      corrupt: result.corrupt,
      incomplete: result.incomplete,
      discarded: result.discarded,
      partsByModule: { ...result.partsByModule },
    });
  }

  /** The instance in service has not crashed since, or has come back from its last crash. */
  private inService(): boolean {
    const last = this.crashes[this.crashes.length - 1];
    return last === undefined || last.recoveredAtUs !== null;
  }

  recovered(fw: Firewall, nowUs: number): void {
    const crash = this.crashes[this.crashes.length - 1];
    const { lost, mismatched } = this.before.against(fw);
    crash.recoveredAtUs = nowUs;
    crash.lost = lost.length;
    crash.mismatches = mismatched.length;
    for (const id of lost) this.shared.ledger.lost(id, nowUs, 'lost in a firewall crash');
    for (const id of this.lastRecovery?.recoveredIds ?? []) this.shared.ledger.cameBack(id);
  }
}
