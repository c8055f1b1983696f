import { describe, expect, it } from 'vitest';
import { buildScenario, defaultConfig, MAX_RULES_CHARS } from '../run/run-config';
import { checkRules, currentRules, errorExcerpt } from './rules-check';

const scenario = buildScenario(defaultConfig('blocked-address'));

describe('rules check', () => {
  it('accepts the scenario’s own rules and counts them', () => {
    expect(checkRules(currentRules(scenario), scenario)).toEqual({ ok: true, rules: 4 });
  });

  it('uses the engine’s default ruleset when the scenario has none', () => {
    const ftp = buildScenario(defaultConfig('ftp-transfer'));
    expect(currentRules(ftp)).toContain('policy drop');
    expect(checkRules(currentRules(ftp), ftp)).toMatchObject({ ok: true });
  });

  it('places a syntax error at its line and column', () => {
    const text = 'table inet filter {\n  chain forward {\n    tcp dport banana accept\n  }\n}\n';
    const check = checkRules(text, scenario);
    expect(check).toMatchObject({ ok: false, line: 3 });
    if (check.ok || check.line === null || check.column === null) return;
    expect(check.message).toMatch(/^rules:3:\d+: /);
    const [source, caret] = errorExcerpt(text, check.line, check.column);
    expect(source).toBe('    tcp dport banana accept');
    expect(source[caret.length - 1]).not.toBe(' ');
  });

  it('refuses a port this router does not have', () => {
    const text =
      'table inet filter {\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n    iifname "eth9" accept\n  }\n}\n';
    const check = checkRules(text, scenario);
    expect(check).toMatchObject({ ok: false, line: 4 });
  });

  it('refuses an oversized text without parsing it', () => {
    expect(checkRules('#'.repeat(MAX_RULES_CHARS + 1), scenario)).toMatchObject({
      ok: false,
      line: null,
    });
  });

  it('draws the caret under the column, tabs as two spaces', () => {
    expect(errorExcerpt('\tab cd', 1, 5)).toEqual(['  ab cd', '     ^']);
    expect(errorExcerpt('x', 3, 1)).toEqual(['', '^']);
  });
});
