import type { Scenario } from '../../engine';
import { SimulationRunner } from './simulation-runner';
import type { Speed } from './speed';

export type StartedRun =
  | { readonly ok: true; readonly runner: SimulationRunner }
  | { readonly ok: false; readonly message: string };

/**
 * A runner for a validated scenario, or the reason the engine could not build one, as a
 * message to show: the page keeps its topology drawing instead of going blank.
 */
export function startRun(scenario: Scenario, speed: Speed): StartedRun {
  try {
    return { ok: true, runner: new SimulationRunner(scenario, { speed }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Cannot run scenario "${scenario.name}": ${message}` };
  }
}
