import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import {
  applyOverrides,
  buildReport,
  builtinScenarioNames,
  builtinScenarios,
  createSimulation,
  InputError,
  parseScenarioJson,
  ScenarioError,
  type Simulation,
} from '../engine/index';
import { parseSimArgs, usage, UsageError, type SimArgs } from './args';
import { formatSummary } from './summary';

/** Exit codes: 0 done, 1 internal error, 2 bad input (options, scenario file). */
function main(argv: string[]): number {
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (error) {
    return fail(error);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (args.list) {
    for (const name of builtinScenarioNames) {
      process.stdout.write(`${name.padEnd(14)} ${builtinScenarios[name].description ?? ''}\n`);
    }
    return 0;
  }
  let sim: Simulation;
  try {
    const scenario = applyOverrides(loadScenario(args.scenario), {
      strategy: args.strategy,
      checkpointMode: args.checkpointMode,
      failOpen: args.failOpen ? true : undefined,
      crashAtUs: args.crashAtUs,
      lossRate: args.lossRate,
      rules: readRules(args.rulesPath),
    });
    sim = createSimulation(scenario, { seed: args.seed });
  } catch (error) {
    return fail(error);
  }
  const trace = args.tracePath === undefined ? null : openTrace(args.tracePath, sim);
  if (trace === undefined) return 2;
  const startMs = performance.now();
  runWithProgress(sim, args.untilUs ?? sim.scenario.durationUs);
  const wallMs = Math.round(performance.now() - startMs);
  trace?.close();
  const report = { ...buildReport(sim), wallMs };
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatSummary(report));
  process.stderr.write(
    `sim: ${report.events} events, ${report.simulatedUs / 1e6} s simulated in ${wallMs} ms\n`,
  );
  return 0;
}

function loadScenario(nameOrPath: string): unknown {
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
function readRules(path: string | undefined): { text: string; source: string } | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new UsageError(`no rules file "${path}"`);
  return { text: readFileSync(path, 'utf8'), source: path };
}

/** Runs in slices so a long run can report progress on stderr when it is a terminal. */
function runWithProgress(sim: Simulation, untilUs: number): void {
  const sliceUs = 100_000;
  let lastReportMs = performance.now();
  while (!sim.trafficEnded && sim.nowUs < untilUs) {
    sim.run(Math.min(untilUs, sim.nowUs + sliceUs));
    const now = performance.now();
    if (process.stderr.isTTY && now - lastReportMs > 2_000) {
      process.stderr.write(`sim: ${(sim.nowUs / 1e6).toFixed(1)} s simulated…\n`);
      lastReportMs = now;
    }
  }
}

/** Streams trace events as JSON lines, written in large chunks. */
function openTrace(path: string, sim: Simulation): { close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    fail(new UsageError(`cannot write trace file "${path}": ${(error as Error).message}`));
    return undefined;
  }
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) writeSync(fd, chunk.join(''));
    chunk = [];
    size = 0;
  };
  const unsubscribe = sim.trace.subscribe((event) => {
    const line = `${JSON.stringify(event)}\n`;
    chunk.push(line);
    size += line.length;
    if (size > 1 << 20) flush();
  });
  return {
    close() {
      unsubscribe();
      flush();
      closeSync(fd);
    },
  };
}

/** One line on stderr; exit code 2 for bad input, 1 for anything else. */
function fail(error: unknown): number {
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

process.exitCode = main(process.argv.slice(2));
