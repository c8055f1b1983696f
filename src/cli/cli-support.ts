import { existsSync, readFileSync } from 'node:fs';
import {
  builtinScenarioNames,
  builtinScenarios,
  InputError,
  parseScenarioJson,
  ScenarioError,
  type RunOverrides,
} from '../engine/index';
import { UsageError, type SimArgs } from './args';

/** What the CLI's options change in a scenario (the same overrides the app applies). */
export function runOverrides(args: SimArgs): RunOverrides {
  return {
    strategy: args.strategy,
    checkpointMode: args.checkpointMode,
    failOpen: args.failOpen ? true : undefined,
    crashAtUs: args.crashAtUs,
    lossRate: args.lossRate,
    midStream: args.midStream,
    rules: readRules(args.rulesPath),
  };
}

export function loadScenario(nameOrPath: string): unknown {
  const builtin = builtinScenarios[nameOrPath];
  if (builtin !== undefined) return builtin;
  if (!existsSync(nameOrPath)) {
    throw new UsageError(
      `no built-in scenario or file named "${nameOrPath}" (built-ins: ${builtinScenarioNames.join(', ')})`,
    );
  }
  return parseScenarioJson(readFileSync(nameOrPath, 'utf8'), nameOrPath);
}

/** The file given with --rules, read here so that a missing file is named as such. */
export function readRules(path: string | undefined): { text: string; source: string } | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new UsageError(`no rules file "${path}"`);
  return { text: readFileSync(path, 'utf8'), source: path };
}

/** One line on stderr; exit code 2 for bad input, 1 for anything else. */
export function fail(error: unknown): number {
  if (error instanceof ScenarioError) {
    const issues = error.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    process.stderr.write(`sim: ${error.message.split('\n')[0]} ${issues}\n`);
    return 2;
  }
  if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`sim: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  process.stderr.write(`sim: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
