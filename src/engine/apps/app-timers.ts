import type { Scheduler } from '../sim/scheduler';

/** An application that wants to be woken at given simulated times. */
export interface TimedApp {
  onTimer(token: number): void;
}

/** Wake-ups for applications, one event kind for all; `token` tells the app which one. */
export class AppTimers {
  private readonly apps: TimedApp[] = [];
  private readonly kind: number;

  constructor(private readonly scheduler: Scheduler) {
    this.kind = scheduler.register('app.timer', (app, token) => this.apps[app].onTimer(token));
  }

  /** Registers an app; returns the handle used to schedule its timers. */
  add(app: TimedApp): number {
    return this.apps.push(app) - 1;
  }

  at(handle: number, timeUs: number, token: number): void {
    this.scheduler.at(timeUs, this.kind, handle, token);
  }
}
