import type { RunState } from './simulation-runner';

/**
 * A crash can be injected while the scenario's firewall is up and the run is at an instant:
 * not over, and not on its way to another playhead (the crash would land half way).
 */
export function canCrashFirewall(state: RunState): boolean {
  return state.firewall === 'up' && state.status !== 'finished' && state.status !== 'seeking';
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
      if (state.status === 'seeking') return 'The playhead is moving: crash once it is there';
      return state.status === 'finished'
        ? 'The run is over'
        : 'Crash the firewall application now; the router server restarts it and it rebuilds its connections from the checkpoint server';
  }
}
