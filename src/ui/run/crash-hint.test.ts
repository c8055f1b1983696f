import { describe, expect, it } from 'vitest';
import { canCrashFirewall, crashHint } from './crash-hint';
import type { RunState } from './simulation-runner';

const state = (status: RunState['status'], firewall: RunState['firewall']): RunState => ({
  status,
  playing: status === 'running',
  firewall,
  speed: 1,
  nowUs: 0,
  finishedBy: null,
  seekUs: null,
  reachedUs: 0,
});

describe('crashHint', () => {
  it('allows a crash only while the firewall is up and the run not finished', () => {
    expect(canCrashFirewall(state('paused', 'up'))).toBe(true);
    expect(canCrashFirewall(state('running', 'up'))).toBe(true);
    expect(canCrashFirewall(state('finished', 'up'))).toBe(false);
    expect(canCrashFirewall(state('seeking', 'up'))).toBe(false);
    for (const firewall of ['down', 'recovering', 'disabled'] as const) {
      expect(canCrashFirewall(state('running', firewall))).toBe(false);
    }
  });

  it('says what a crash does while one is possible', () => {
    expect(crashHint(state('running', 'up'))).toMatch(/^Crash the firewall application now/);
    expect(crashHint(state('paused', 'up'))).toMatch(/checkpoint server$/);
  });

  it('says why there is nothing to crash', () => {
    expect(crashHint(state('finished', 'up'))).toBe('The run is over');
    expect(crashHint(state('seeking', 'up'))).toMatch(/^The playhead is moving/);
    expect(crashHint(state('running', 'down'))).toMatch(/is down/);
    expect(crashHint(state('running', 'recovering'))).toMatch(/is recovering/);
    expect(crashHint(state('paused', 'disabled'))).toBe('This scenario has no firewall to crash');
  });
});
