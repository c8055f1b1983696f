import { parseScenario, type Scenario } from '../engine';

export type LoadedScenario =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly message: string };

/**
 * Validates scenario data for display. A broken scenario becomes a message to show instead
 * of an exception that would leave the page blank.
 */
export function loadScenario(input: unknown, source: string): LoadedScenario {
  try {
    return { ok: true, scenario: parseScenario(input, source) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
