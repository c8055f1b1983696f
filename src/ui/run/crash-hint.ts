import type { RunState } from './simulation-runner';

/** A crash can be injected while the scenario's firewall is up and the run not over. */
export function canCrashFirewall(state: RunState): boolean {
  return state.firewall === 'up' && state.status !== 'finished';
}

/** The Crash firewall button's tooltip: what it does now, or why it cannot. */
export function crashHint(state: RunState): string {
  switch (state.firewall) {
    case 'disabled':
      return 'This scenario has no firewall to crash';
    case 'down':
      return 'The firewall is down: the router server will restart it';
    case 'recovering':
      return 'The firewall is recovering its connections from the checkpoint server';
    case 'up':
      return state.status === 'finished'
        ? 'The run is over'
        : 'Crash the firewall application now; the router server restarts it and it rebuilds its connections from the checkpoint server';
  }
}
