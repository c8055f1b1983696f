import { parseArgs } from 'node:util';

export const WORKLOADS = ['bulk', 'manyFlows', 'checkpoint', 'recovery', 'memory'] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface BenchArgs {
  readonly json: boolean;
  readonly runs: number;
  readonly quick: boolean;
  readonly only: readonly Workload[];
}

export const benchUsage = `Usage: npm run bench -- [--json] [--runs N] [--quick] [--only W,...]

Measures the simulator (see BENCHMARKS.md). Each figure is the median of N runs (default 5)
with min and max. --quick: small workloads (a smoke run, not figures to quote).
Workloads: ${WORKLOADS.join(', ')}.`;

/** The bench's options; a bad one throws an Error whose message is the one line to print. */
export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
    throw new Error(`--runs must be a whole number from 1 to 100, got "${values.runs}"`);
  }
  const only = values.only === undefined ? [...WORKLOADS] : values.only.split(',');
  const unknown = only.find((w) => !(WORKLOADS as readonly string[]).includes(w));
  if (unknown !== undefined) {
    throw new Error(`--only: no workload "${unknown}" (workloads: ${WORKLOADS.join(', ')})`);
  }
  return { json: values.json, runs, quick: values.quick, only: only as Workload[] };
}
