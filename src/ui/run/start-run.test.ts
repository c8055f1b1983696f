import { describe, expect, it } from 'vitest';
import { builtinScenarios, parseScenario } from '../../engine';
import { startRun } from './start-run';

describe('startRun', () => {
  it('builds a paused runner at the given speed', () => {
    const run = startRun(parseScenario(builtinScenarios['video-stream']), 10);
    expect(run.ok && run.runner.state).toMatchObject({ status: 'paused', speed: 10 });
  });

  it('turns an engine failure into a message naming the scenario', () => {
    const scenario = parseScenario(builtinScenarios['video-stream']);
    const broken = { ...scenario, hosts: [] };
    const run = startRun(broken, 1);
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.message).toMatch(/^Cannot run scenario "video-stream": /);
  });
});
