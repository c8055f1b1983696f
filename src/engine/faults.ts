import type { Channel } from './net/channel';
import type { Fault, FirewallCrashFault, LinkLossFault } from './scenarios/schema';
import type { Scheduler } from './sim/scheduler';
import type { Trace } from './sim/trace';
import type { TraceEvent } from './trace-event';

/** What faults act on. */
export interface FaultTargets {
  readonly scheduler: Scheduler;
  readonly trace: Trace<TraceEvent>;
  links(host: string): { up: Channel; down: Channel };
  crashFirewall(): void;
}

/**
 * Schedules a scenario's faults: link-loss windows, and firewall crashes at a time or at the
 * n-th trace event of a kind (counted by a trace listener; the crash itself is then scheduled
 * for the same microsecond, so it never lands in the middle of handling that event).
 */
export function scheduleFaults(faults: readonly Fault[], t: FaultTargets): void {
  const loss = faults.filter((f): f is LinkLossFault => f.kind === 'link-loss');
  const lossKind = t.scheduler.register('fault.link-loss', (i, on) =>
    applyLinkLoss(loss[i], on === 1, t),
  );
  loss.forEach((f, i) => {
    t.scheduler.at(f.fromUs, lossKind, i, 1);
    t.scheduler.at(f.toUs, lossKind, i, 0);
  });
  const crashes = faults.filter((f): f is FirewallCrashFault => f.kind === 'firewall-crash');
  const crashKind = t.scheduler.register('fault.firewall-crash', (i) => crash(crashes[i], t));
  crashes.forEach((f, i) => {
    if (f.atUs !== undefined) return t.scheduler.at(f.atUs, crashKind, i);
    const at = f.atEvent as { kind: string; count: number };
    let seen = 0;
    const stop = t.trace.subscribe((e) => {
      if (e.kind !== at.kind || ++seen !== at.count) return;
      stop();
      t.scheduler.after(0, crashKind, i);
    });
  });
}

function crash(f: FirewallCrashFault, t: FaultTargets): void {
  if (t.trace.enabled) {
    const when =
      f.atUs !== undefined ? `at ${f.atUs} µs` : `at ${f.atEvent?.kind} #${f.atEvent?.count}`;
    t.trace.emit({ kind: 'fault', atUs: t.scheduler.nowUs, fault: 'firewall-crash', detail: when });
  }
  t.crashFirewall();
}

function applyLinkLoss(f: LinkLossFault, on: boolean, t: FaultTargets): void {
  const links = t.links(f.host);
  if (f.direction !== 'from-router') links.up.setFault(f.rate, on);
  if (f.direction !== 'to-router') links.down.setFault(f.rate, on);
  if (t.trace.enabled) {
    t.trace.emit({
      kind: 'fault',
      atUs: t.scheduler.nowUs,
      fault: 'link-loss',
      detail: `${f.host} ${f.direction}: loss ${f.rate} ${on ? 'starts' : 'ends'}`,
    });
  }
}
