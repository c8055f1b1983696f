import {
  applyOverrides,
  builtinScenarioNames,
  builtinScenarios,
  parseScenario,
  replayScenario,
  REPLAY_TAIL_US,
  type Scenario,
  type ScenarioInput,
} from '../../engine';
import { isCaptureKey, sampleNamed } from '../replay/capture-samples';
import { captureShelf, type CaptureShelf, type LoadedCapture } from '../replay/capture-shelf';

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
  /** A built-in scenario's name, or a capture replay's key (`sample:NAME`, `file:NAME`). */
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

/** A name a link may carry: a built-in scenario or a shipped sample capture. */
export function isLinkableName(name: string): boolean {
  return isBuiltinName(name) || sampleNamed(name) !== undefined;
}

/** A scenario exactly as it is defined (a replay's: the defaults), nothing added. */
export function defaultConfig(name: string): RunConfig {
  if (!isBuiltinName(name) && !isCaptureKey(name)) {
    throw new RangeError(`no built-in scenario "${name}"`);
  }
  const input = isCaptureKey(name) ? REPLAY_DEFAULTS : builtinScenarios[name];
  const s = parseScenario(input, `built-in scenario "${name}"`);
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

/** What a replay's settings start from (its ports do not change them). */
const REPLAY_DEFAULTS = replayScenario([
  { name: 'lan', prefix: '10.0.0.0/24' },
  { name: 'wan', prefix: '10.0.1.0/24' },
]);

/** What a config runs: its scenario, and the capture it replays (null for a built-in). */
export interface RunInput {
  readonly scenario: Scenario;
  readonly capture: Uint8Array | null;
}

/**
 * The scenario this config runs. Throws the engine's ScenarioError or RulesetError (with the
 * path, or the line and column, of what is wrong) when the config cannot be run.
 */
export function buildScenario(config: RunConfig, shelf: CaptureShelf = captureShelf): Scenario {
  return buildRun(config, shelf).scenario;
}

/** The scenario and capture of a config; throws like buildScenario. */
export function buildRun(config: RunConfig, shelf: CaptureShelf = captureShelf): RunInput {
  if (!isCaptureKey(config.scenario)) {
    return { scenario: configured(config, builtinScenarios[config.scenario]), capture: null };
  }
  const capture = shelf.get(config.scenario);
  if (capture === undefined) throw new RangeError(`the capture "${config.scenario}" is not loaded`);
  const scenario = configured(config, captureScenario(capture));
  return { scenario: { ...scenario, durationUs: replayEndUs(scenario) }, capture: capture.bytes };
}

/**
 * A replay's hard stop: its capture's end, or — when a crash comes later — long enough after
 * the last crash for the router server to bring the firewall back and it to recover.
 */
function replayEndUs(s: Scenario): number {
  const crashes = s.faults.flatMap((f) => (f.kind === 'firewall-crash' ? [f.atUs ?? 0] : []));
  const backUs = s.supervisor.detectUs + s.supervisor.restartUs + 60 * REPLAY_TAIL_US;
  return Math.max(s.durationUs, ...crashes.map((atUs) => atUs + backUs));
}

/** A capture's replay: its guessed ports, running as long as the capture lasts. */
function captureScenario(capture: LoadedCapture): ScenarioInput {
  return {
    ...replayScenario(capture.ports),
    name: 'replay',
    description: `Replay of ${capture.fileName}`,
    // The replay ends itself a tail after its last packet (later while packets are held).
    durationUs: capture.spanUs + 60 * REPLAY_TAIL_US,
  };
}

function configured(config: RunConfig, input: ScenarioInput | undefined): Scenario {
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
