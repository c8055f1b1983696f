import { defaultRuleset, parseRuleset, RulesetError, type Scenario } from '../../engine';
import { MAX_RULES_CHARS } from '../run/run-config';

export type RulesCheck =
  | { readonly ok: true; readonly rules: number }
  | {
      readonly ok: false;
      readonly message: string;
      /** 1-based, when the error has a place in the text. */
      readonly line: number | null;
      readonly column: number | null;
    };

/** The ruleset the scenario runs: its own text, or the default the engine builds for it. */
export function currentRules(scenario: Scenario): string {
  return scenario.firewall.rules ?? defaultRuleset(scenario);
}

/**
 * Checks edited rules exactly as the engine will compile them (against this router's ports),
 * so an error shows while typing — with its line and column — and the run on screen is not
 * touched until the rules are applied.
 */
export function checkRules(text: string, scenario: Scenario): RulesCheck {
  if (text.length > MAX_RULES_CHARS) {
    return {
      ok: false,
      message: `the ruleset is longer than ${MAX_RULES_CHARS} characters`,
      line: null,
      column: null,
    };
  }
  try {
    const ports = scenario.router.ports.map((p) => p.name);
    return { ok: true, rules: parseRuleset(text, 'rules', ports).rules.length };
  } catch (error) {
    if (error instanceof RulesetError) {
      return { ok: false, message: error.message, line: error.line, column: error.column };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, line: null, column: null };
  }
}

/** The offending line's text and a caret under the column, for an error shown in place. */
export function errorExcerpt(text: string, line: number, column: number): [string, string] {
  const source = text.split('\n')[line - 1] ?? '';
  const shown = source.replaceAll('\t', '  ');
  const before = source.slice(0, Math.max(0, column - 1)).replaceAll('\t', '  ');
  return [shown, `${' '.repeat(before.length)}^`];
}
