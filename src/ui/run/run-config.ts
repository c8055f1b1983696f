import {
  applyOverrides,
  builtinScenarioNames,
  builtinScenarios,
  parseScenario,
  type Scenario,
} from '../../engine';

export type Strategy = Scenario['checkpoint']['strategy'];
export type CheckpointMode = Scenario['checkpoint']['mode'];

export const STRATEGIES: readonly Strategy[] = ['unique-id', 'snapshot', 'none'];
export const CHECKPOINT_MODES: readonly CheckpointMode[] = ['sync', 'async'];

/** The longest list of added crashes a run (and a link) may carry. */
export const MAX_ADDED_CRASHES = 32;
/** The longest edited ruleset a run (and a link, base64-encoded) may carry. */
export const MAX_RULES_CHARS = 64 * 1024;

/**
 * Everything that decides a run: a built-in scenario and what the controls changed about it.
 * The same config always gives the same run (the engine is deterministic), so this — plus a
 * playhead — is what a shared link holds.
 */
export interface RunConfig {
  readonly scenario: string;
  readonly seed: number;
  readonly strategy: Strategy;
  readonly checkpointMode: CheckpointMode;
  readonly failOpen: boolean;
  /** Crashes the user added (crash now, crash at), ascending µs; the scenario's own come too. */
  readonly crashAtUs: readonly number[];
  /** An edited ruleset, or null for the scenario's own. */
  readonly rules: string | null;
}

export function isBuiltinName(name: string): boolean {
  return (builtinScenarioNames as readonly string[]).includes(name);
}

/** A built-in scenario exactly as it is defined: its seed and settings, nothing added. */
export function defaultConfig(name: string): RunConfig {
  if (!isBuiltinName(name)) throw new RangeError(`no built-in scenario "${name}"`);
  const s = parseScenario(builtinScenarios[name], `built-in scenario "${name}"`);
  return {
    scenario: name,
    seed: s.seed,
    strategy: s.checkpoint.strategy,
    checkpointMode: s.checkpoint.mode,
    failOpen: s.supervisor.failOpen,
    crashAtUs: [],
    rules: null,
  };
}

/**
 * The scenario this config runs. Throws the engine's ScenarioError or RulesetError (with the
 * path, or the line and column, of what is wrong) when the config cannot be run.
 */
export function buildScenario(config: RunConfig): Scenario {
  const input = builtinScenarios[config.scenario];
  if (input === undefined) throw new RangeError(`no built-in scenario "${config.scenario}"`);
  const changed = applyOverrides(
    { ...input, seed: config.seed },
    {
      strategy: config.strategy,
      checkpointMode: config.checkpointMode,
      failOpen: config.failOpen,
      crashAtUs: config.crashAtUs,
      rules: config.rules === null ? undefined : { text: config.rules, source: 'rules' },
    },
  );
  return parseScenario(changed, `scenario "${config.scenario}"`);
}

/** The config with one more crash at `atUs` (kept in order, never twice at one instant). */
export function withCrashAt(config: RunConfig, atUs: number): RunConfig {
  if (!(Number.isInteger(atUs) && atUs >= 0)) {
    throw new RangeError(`a crash time must be a whole number of µs ≥ 0, got ${atUs}`);
  }
  if (config.crashAtUs.includes(atUs)) return config;
  if (config.crashAtUs.length >= MAX_ADDED_CRASHES) {
    throw new RangeError(`at most ${MAX_ADDED_CRASHES} crashes can be added to a run`);
  }
  return { ...config, crashAtUs: [...config.crashAtUs, atUs].sort((a, b) => a - b) };
}
