import { describe, expect, it } from 'vitest';
import { RulesetError } from '../firewall';
import { builtinScenarios } from './builtins';
import { applyOverrides } from './overrides';
import { parseScenario } from './validate';

const ftpCrash = builtinScenarios['ftp-crash'];

describe('applyOverrides', () => {
  it('changes nothing without overrides, and never changes its input', () => {
    const before = structuredClone(ftpCrash);
    expect(parseScenario(applyOverrides(ftpCrash, {}))).toEqual(parseScenario(ftpCrash));
    applyOverrides(ftpCrash, { strategy: 'none', crashAtUs: [1], lossRate: 0.1, failOpen: true });
    expect(ftpCrash).toEqual(before);
  });

  it('sets strategy, mode and fail-open, keeping the other settings', () => {
    const s = parseScenario(
      applyOverrides(ftpCrash, { strategy: 'snapshot', checkpointMode: 'async', failOpen: true }),
    );
    expect(s.checkpoint.strategy).toBe('snapshot');
    expect(s.checkpoint.mode).toBe('async');
    expect(s.supervisor.failOpen).toBe(true);
    expect(s.checkpoint.writeLatencyUs).toBe(parseScenario(ftpCrash).checkpoint.writeLatencyUs);
    expect(parseScenario(applyOverrides(s, { failOpen: false })).supervisor.failOpen).toBe(false);
  });

  it('adds crashes after the scenario’s own faults', () => {
    const s = parseScenario(applyOverrides(ftpCrash, { crashAtUs: [1_500_000, 2_000_000] }));
    expect(s.faults.map((f) => (f.kind === 'firewall-crash' ? f.atUs : null))).toEqual([
      800_000, 1_500_000, 2_000_000,
    ]);
  });

  it('puts one loss rate on every link', () => {
    const s = parseScenario(applyOverrides(ftpCrash, { lossRate: 0.02 }));
    expect(s.hosts.map((h) => h.link.lossRate)).toEqual([0.02, 0.02, 0.02, 0.02]);
  });

  it('replaces the ruleset, and names the ruleset’s own source in its errors', () => {
    const rules =
      'table inet filter {\n  chain forward {\n    type filter hook forward priority filter; policy accept;\n  }\n}\n';
    const s = parseScenario(applyOverrides(ftpCrash, { rules: { text: rules, source: 'edit' } }));
    expect(s.firewall.rules).toBe(rules);
    const bad = {
      text: 'table inet filter {\n  chain forward {\n    bogus\n  }\n}\n',
      source: 'edit',
    };
    expect(() => applyOverrides(ftpCrash, { rules: bad })).toThrow(RulesetError);
    expect(() => applyOverrides(ftpCrash, { rules: bad })).toThrow(/^edit:3:/);
  });

  it('leaves data that is not a scenario object to validation', () => {
    expect(applyOverrides(null, { strategy: 'none' })).toBe(null);
    expect(applyOverrides([1], { strategy: 'none' })).toEqual([1]);
  });
});
