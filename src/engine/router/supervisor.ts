import { violated } from '../errors';
import { DropReason } from '../net/drop-reason';
import type { NetworkContext } from '../net/network-context';
import type { Packet } from '../net/packet';
import type { SupervisorConfig } from '../scenarios/schema';
import { PacketFifo } from './packet-fifo';
import { ACCEPT, HELD, type InspectionHook } from './inspection';
import type { Router } from './router';

/** A firewall instance as the router server sees it. */
export interface SupervisedFirewall extends InspectionHook {
  /** The instance crashed: it is abandoned and must do nothing more. */
  kill(): void;
}

/** A recovery the router server runs a piece at a time, one piece per event. */
export interface RecoveryInProgress {
  /** Does the next piece. */
  step(): void;
  /** Gives it up: the instance it was rebuilding crashed. */
  abandon(): void;
  readonly done: boolean;
  /** Simulated time from the recovery's start to the end of the last piece done. */
  readonly elapsedUs: number;
}

/** What the router server needs from the rest of the system to restart a firewall. */
export interface FirewallService<F extends SupervisedFirewall> {
  /** A brand-new firewall instance for this epoch, with its checkpointing attached. */
  start(epoch: number): F;
  /** Starts recovery into the new instance (acts 902–1004), to be run piece by piece. */
  recover(fw: F, nowUs: number): RecoveryInProgress;
  /** The firewall instance crashed (its strategy loses what it had not written). */
  crashed(fw: F, nowUs: number): void;
  /** The new instance is in service. */
  recovered(fw: F, nowUs: number): void;
}

type State = 'up' | 'down' | 'recovering';

/**
 * The router server (FIG. 9): when the firewall crashes it notices (after detectUs), restarts
 * it (act 900, after restartUs) as a brand-new instance — nothing of the old one survives —
 * and has it recover from the checkpoint server. While the firewall is down the router fails
 * closed (every packet dropped, counted as firewall-down) or, if configured, open (every
 * packet let through unchecked, counted as exposure). While the new instance reassembles,
 * packets wait in a bounded queue and go through it once it is ready.
 *
 * The reassembly runs in pieces, each an event at the simulated time the work before it
 * took, so a big table's recovery is spread over its duration (and the page draws it as it
 * goes) instead of done in one event at the restart.
 */
export class Supervisor<F extends SupervisedFirewall> {
  state: State = 'up';
  epoch = 0;
  firewall: F;
  /** Packets let through unchecked while the firewall was down (fail-open). */
  exposure = 0;
  private readonly held: PacketFifo;
  private readonly heldPorts: Int32Array;
  private heldHead = 0;
  private generation = 0;
  private readonly kind: number;
  private readonly down: InspectionHook;
  private readonly recovering: InspectionHook;
  private recovery: RecoveryInProgress | null = null;
  private restartedAtUs = 0;

  constructor(
    private readonly ctx: NetworkContext,
    private readonly router: Router,
    private readonly config: SupervisorConfig,
    private readonly service: FirewallService<F>,
  ) {
    this.firewall = service.start(0);
    router.inspection = this.firewall;
    this.held = new PacketFifo(Math.max(1, config.recoveryQueuePackets));
    this.heldPorts = new Int32Array(Math.max(1, config.recoveryQueuePackets));
    this.kind = ctx.scheduler.register('supervisor', (step, generation) =>
      this.advance(step, generation),
    );
    this.down = { costUs: 0, holdUs: 0, inspect: () => this.whileDown() };
    this.recovering = { costUs: 0, holdUs: 0, inspect: (p, inPort) => this.hold(p, inPort) };
  }

  /** The firewall application crashes now. */
  crash(): void {
    const now = this.ctx.nowUs;
    if (this.state === 'down') return;
    this.firewall.kill();
    this.recovery?.abandon(); // a recovery cut short is given up with its instance
    this.recovery = null;
    this.service.crashed(this.firewall, now);
    this.state = 'down';
    this.router.inspection = this.down;
    this.generation++;
    this.releaseHeld(false);
    this.ctx.scheduler.after(this.config.detectUs, this.kind, 0, this.generation);
  }

  /**
   * detected (0) → restarted (1) → a piece of the recovery (3), as many as it takes →
   * recovered (2); a crash in between starts over.
   */
  private advance(step: number, generation: number): void {
    if (generation !== this.generation) return;
    const now = this.ctx.nowUs;
    if (step === 0) {
      this.note('detected', null);
      this.ctx.scheduler.after(this.config.restartUs, this.kind, 1, generation);
    } else if (step === 1) {
      this.epoch++;
      this.firewall = this.service.start(this.epoch);
      this.note('restarted', 900);
      this.state = 'recovering';
      this.router.inspection = this.recovering;
      this.recovery = this.service.recover(this.firewall, now);
      this.restartedAtUs = now;
      this.recoverPiece(generation);
    } else if (step === 3) {
      this.recoverPiece(generation);
    } else {
      this.recovery = null;
      this.state = 'up';
      this.router.inspection = this.firewall;
      this.service.recovered(this.firewall, now);
      this.note('recovered', null);
      this.releaseHeld(true);
    }
  }

  /** Runs the recovery's next piece; schedules the one after, or the return to service. */
  private recoverPiece(generation: number): void {
    const recovery = this.recovery;
    if (recovery === null) violated('a recovery piece with no recovery in progress');
    recovery.step();
    const dueUs = this.restartedAtUs + recovery.elapsedUs;
    const delayUs = dueUs - this.ctx.nowUs;
    if (!(delayUs >= 0)) violated(`a recovery piece due ${-delayUs} us in the past`);
    this.ctx.scheduler.after(delayUs, this.kind, recovery.done ? 2 : 3, generation);
  }

  private whileDown(): number {
    if (!this.config.failOpen) return DropReason.firewallDown;
    this.exposure++;
    return ACCEPT;
  }

  private hold(p: Packet, inPort: number): number {
    if (this.held.full || this.config.recoveryQueuePackets === 0)
      return DropReason.firewallRecovering;
    const tail = (this.heldHead + this.held.length) % this.heldPorts.length;
    this.heldPorts[tail] = inPort;
    this.held.push(p);
    return HELD;
  }

  /** Hands held packets back to the router: through the firewall now up, or dropped at a crash. */
  private releaseHeld(up: boolean): void {
    while (this.held.length > 0) {
      const p = this.held.shift();
      const inPort = this.heldPorts[this.heldHead];
      this.heldHead = (this.heldHead + 1) % this.heldPorts.length;
      if (up) this.router.reprocess(p, inPort);
      else this.router.refuseHeld(p, inPort, DropReason.firewallDown);
    }
  }

  private note(event: 'detected' | 'restarted' | 'recovered', act: number | null): void {
    const trace = this.ctx.trace;
    if (trace.enabled)
      trace.emit({ kind: 'supervisor', atUs: this.ctx.nowUs, event, act, epoch: this.epoch });
  }
}
