import {
  applyOverrides,
  buildReport,
  builtinScenarioNames,
  builtinScenarios,
  createSimulation,
  type Simulation,
} from '../engine/index';
import { parseSimArgs, usage, type SimArgs } from './args';
import { fail, loadScenario, runOverrides } from './cli-support';
import { openRunOutputs, type RunOutputs } from './run-outputs';
import { replayMain } from './replay';
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
  if (args.pcapPath !== undefined) return replayMain(args);
  let sim: Simulation;
  try {
    const scenario = applyOverrides(loadScenario(args.scenario), runOverrides(args));
    sim = createSimulation(scenario, { seed: args.seed });
  } catch (error) {
    return fail(error);
  }
  let outputs: RunOutputs;
  try {
    outputs = openRunOutputs(
      args,
      sim.router.ports.map((p) => p.name),
    );
    outputs.attach(sim);
  } catch (error) {
    return fail(error);
  }
  const startMs = performance.now();
  runWithProgress(sim, args.untilUs ?? sim.scenario.durationUs);
  const wallMs = Math.round(performance.now() - startMs);
  outputs.close(true);
  const report = { ...buildReport(sim), wallMs };
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatSummary(report));
  process.stderr.write(
    `sim: ${report.events} events, ${report.simulatedUs / 1e6} s simulated in ${wallMs} ms\n`,
  );
  return 0;
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

process.exitCode = main(process.argv.slice(2));
