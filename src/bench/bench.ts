import { parseBenchArgs, benchUsage, type BenchArgs, type Workload } from './bench-args';
import { machine } from './machine';
import {
  checkpointSection,
  memorySection,
  recoverySection,
  trafficSection,
  type Section,
} from './bench-sections';
import { formatTable } from './report-table';

const SECTIONS: Record<Workload, (args: BenchArgs) => Section> = {
  bulk: (args) => trafficSection('bulk', args),
  manyFlows: (args) => trafficSection('manyFlows', args),
  checkpoint: checkpointSection,
  recovery: recoverySection,
  memory: memorySection,
};

function main(argv: string[]): number {
  let args: BenchArgs | 'help';
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  const host = machine();
  const out: Record<string, unknown> = { machine: host, runs: args.runs, quick: args.quick };
  if (!args.json) {
    process.stdout.write(
      `${host.cpu} × ${host.cores}, ${host.memoryGiB} GiB, Node ${host.node}, commit ${host.commit}\n\n`,
    );
  }
  for (const name of args.only) {
    const run = SECTIONS[name];
    process.stderr.write(`bench: ${name}…\n`);
    const section = run(args);
    out[name] = section.json;
    if (!args.json) process.stdout.write(`${formatTable(name, section.rows)}\n`);
  }
  if (args.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
