import { describe, expect, it } from 'vitest';
import { builtinScenarioNames, RulesetError } from '../../engine';
import { buildScenario, defaultConfig, MAX_ADDED_CRASHES, withCrashAt } from './run-config';

describe('run config', () => {
  it('runs every built-in exactly as defined by default', () => {
    for (const name of builtinScenarioNames) {
      const config = defaultConfig(name);
      expect(config.crashAtUs).toEqual([]);
      expect(config.rules).toBeNull();
      expect(buildScenario(config).name).toBe(name);
    }
  });

  it('refuses a name that is not a built-in', () => {
    expect(() => defaultConfig('nope')).toThrow('no built-in scenario "nope"');
  });

  it('applies seed, strategy, mode, fail-open and added crashes', () => {
    const s = buildScenario({
      ...defaultConfig('ftp-crash'),
      seed: 7,
      strategy: 'snapshot',
      checkpointMode: 'async',
      failOpen: true,
      crashAtUs: [2_000_000],
    });
    expect(s.seed).toBe(7);
    expect(s.checkpoint).toMatchObject({ strategy: 'snapshot', mode: 'async' });
    expect(s.supervisor.failOpen).toBe(true);
    expect(s.faults.filter((f) => f.kind === 'firewall-crash')).toHaveLength(2);
  });

  it('reports a bad edited ruleset by line and column', () => {
    const config = {
      ...defaultConfig('blocked-address'),
      rules: 'table inet filter {\n  nonsense\n}\n',
    };
    expect(() => buildScenario(config)).toThrow(RulesetError);
    expect(() => buildScenario(config)).toThrow(/^rules:2:/);
  });

  it('adds crashes in order, once per instant, up to a bound', () => {
    let c = withCrashAt(defaultConfig('ftp-crash'), 2_000_000);
    c = withCrashAt(c, 1_000_000);
    expect(withCrashAt(c, 1_000_000)).toBe(c);
    expect(c.crashAtUs).toEqual([1_000_000, 2_000_000]);
    expect(() => withCrashAt(c, -1)).toThrow(/whole number of µs/);
    for (let i = 0; i < MAX_ADDED_CRASHES - 2; i++) c = withCrashAt(c, 3_000_000 + i);
    expect(() => withCrashAt(c, 9_000_000)).toThrow(`at most ${MAX_ADDED_CRASHES} crashes`);
  });
});
