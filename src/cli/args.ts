import { parseArgs } from 'node:util';
import { parsePrefix, type ReplayPortSpec } from '../engine/index';

export interface SimArgs {
  scenario: string;
  seed: number | undefined;
  untilUs: number | undefined;
  json: boolean;
  tracePath: string | undefined;
  lossRate: number | undefined;
  rulesPath: string | undefined;
  strategy: 'none' | 'snapshot' | 'unique-id' | undefined;
  checkpointMode: 'sync' | 'async' | undefined;
  crashAtUs: number[];
  failOpen: boolean;
  midStream: 'loose' | 'strict' | undefined;
  /** Replay: the capture file, its router ports, and what to report or export. */
  pcapPath: string | undefined;
  ports: ReplayPortSpec[];
  verdicts: boolean;
  pcapOutPath: string | undefined;
  pcapOutPorts: string[] | undefined;
  list: boolean;
  help: boolean;
}

/** A bad command line; the message is printed as one line and the exit code is 2. */
export class UsageError extends Error {}

export const usage = `Usage: npm run sim -- --scenario NAME|FILE [options]
       npm run sim -- --pcap FILE (--port NAME=PREFIX[:inside|:outside] ... | --scenario NAME|FILE) [options]

Runs a Checkpoint Router scenario headless and prints its results; or replays a packet
capture (pcap or pcapng) through the router and its firewall.

  --scenario NAME|FILE  a built-in scenario (see --list) or a scenario JSON file
  --seed N              PRNG seed (0..4294967295); default: the scenario's own
  --until SECONDS       stop at this simulated time (default: the scenario's durationUs);
                        the run also stops as soon as every flow has ended
  --loss RATE           set the loss probability (0..1) of every link, both directions
  --rules FILE          firewall ruleset (nftables subset) replacing the scenario's own
  --strategy S          checkpointing: none (prior art), snapshot, unique-id (the invention)
  --checkpoint-mode M   unique-id writes: sync (before the packet moves on) or async (batched)
  --crash-at SECONDS    crash the firewall at this simulated time (repeatable)
  --fail-open           while the firewall is down let packets through (default: drop them)
  --mid-stream M        a TCP packet of no known connection that is not a SYN: loose (pick it
                        up, Linux's default) or strict (drop it)
  --pcap FILE           replay this capture: each IPv4 packet enters the port facing its
                        source at its recorded time; hosts do not react
  --port NAME=PREFIX    a router port for --pcap (repeatable, at least 2); :inside or :outside
                        sets its zone (default: the first port inside, the others outside).
                        Without --port, --scenario gives the router, rules and crashes
  --verdicts            with --pcap --json: add each replayed packet's verdict
  --pcap-out FILE       write what crossed the router's ports as a capture (.pcap: one
                        stream; otherwise pcapng with one interface per port); any run
  --pcap-out-port NAME  record only this port in --pcap-out (repeatable)
  --json                print exactly one JSON document on stdout (progress goes to stderr)
  --trace FILE.jsonl    write every trace event as one JSON line to FILE
  --list                list the built-in scenarios
  --help                show this text`;

export function parseSimArgs(argv: string[]): SimArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        seed: { type: 'string' },
        until: { type: 'string' },
        loss: { type: 'string' },
        rules: { type: 'string' },
        strategy: { type: 'string' },
        'checkpoint-mode': { type: 'string' },
        'crash-at': { type: 'string', multiple: true },
        'fail-open': { type: 'boolean', default: false },
        'mid-stream': { type: 'string' },
        pcap: { type: 'string' },
        port: { type: 'string', multiple: true },
        verdicts: { type: 'boolean', default: false },
        'pcap-out': { type: 'string' },
        'pcap-out-port': { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        trace: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  const help = values.help ?? false;
  const list = values.list ?? false;
  const ports = (values.port ?? []).map(portOption);
  if (!help && !list) {
    checkRunShape(values.scenario, values.pcap, ports.length, values.verdicts);
    if (values.verdicts && !values.json)
      throw new UsageError('--verdicts adds to --json: give both');
    if (values['pcap-out-port'] !== undefined && values['pcap-out'] === undefined) {
      throw new UsageError('--pcap-out-port chooses ports for --pcap-out FILE: give both');
    }
  }
  return {
    scenario: values.scenario ?? '',
    seed:
      values.seed === undefined ? undefined : integerOption('--seed', values.seed, 0, 0xffffffff),
    untilUs: values.until === undefined ? undefined : secondsOption('--until', values.until),
    lossRate: values.loss === undefined ? undefined : rateOption('--loss', values.loss),
    rulesPath: values.rules,
    strategy: choiceOption('--strategy', values.strategy, [
      'none',
      'snapshot',
      'unique-id',
    ] as const),
    checkpointMode: choiceOption('--checkpoint-mode', values['checkpoint-mode'], [
      'sync',
      'async',
    ] as const),
    crashAtUs: (values['crash-at'] ?? []).map((text) => secondsOption('--crash-at', text)),
    failOpen: values['fail-open'] ?? false,
    midStream: choiceOption('--mid-stream', values['mid-stream'], ['loose', 'strict'] as const),
    pcapPath: values.pcap,
    ports,
    verdicts: values.verdicts ?? false,
    pcapOutPath: values['pcap-out'],
    pcapOutPorts: values['pcap-out-port'],
    json: values.json ?? false,
    tracePath: values.trace,
    list,
    help,
  };
}

function choiceOption<T extends string>(
  name: string,
  text: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`${name} must be one of ${choices.join(', ')}, got "${text}"`);
  }
  return text as T;
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

function secondsOption(name: string, text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
    throw new UsageError(`${name} must be a number of seconds from 0 to 86400, got "${text}"`);
  }
  return Math.round(seconds * 1_000_000);
}

function rateOption(name: string, text: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !(rate >= 0 && rate <= 1)) {
    throw new UsageError(`${name} must be a probability from 0 to 1, got "${text}"`);
  }
  return rate;
}

/** Which of a scenario run and a replay the options describe, and that they are complete. */
function checkRunShape(
  scenario: string | undefined,
  pcap: string | undefined,
  ports: number,
  verdicts: boolean | undefined,
): void {
  if (pcap === undefined) {
    if (scenario === undefined) {
      throw new UsageError('missing --scenario NAME|FILE (see --list for built-in names)');
    }
    if (ports > 0) throw new UsageError('--port describes the router of a --pcap replay');
    if (verdicts) throw new UsageError('--verdicts lists the verdicts of a --pcap replay');
    return;
  }
  if (scenario !== undefined && ports > 0) {
    throw new UsageError("give the replay's router with --port or with --scenario, not both");
  }
  if (scenario === undefined && ports < 2) {
    throw new UsageError(
      '--pcap needs the router: at least 2 --port NAME=PREFIX, or --scenario NAME|FILE',
    );
  }
}

/** NAME=PREFIX[:inside|:outside]; the prefix itself is checked with the scenario. */
function portOption(text: string): ReplayPortSpec {
  const m = /^([^=]+)=([^:]+)(?::(inside|outside))?$/.exec(text);
  if (m === null) {
    throw new UsageError(`--port must be NAME=PREFIX or NAME=PREFIX:inside|outside, got "${text}"`);
  }
  try {
    parsePrefix(m[2]);
  } catch (error) {
    throw new UsageError(`--port ${text}: ${(error as Error).message}`);
  }
  return m[3] === undefined
    ? { name: m[1], prefix: m[2] }
    : { name: m[1], prefix: m[2], zone: m[3] as 'inside' | 'outside' };
}
