import * as v from 'valibot';
import { InputError } from '../errors';
import { parseIpv4, parsePrefix, prefixContains } from '../net/ipv4';
import { locateJsonError } from '../util/json-error';
import { parseRuleset, RulesetError } from '../firewall/rules';
import { ScenarioSchema, type Scenario, type Traffic } from './schema';

/** One problem found in a scenario: where (a JSON path such as `hosts[1].address`) and what. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** A scenario that failed validation; `issues` lists every problem found, in document order. */
export class ScenarioError extends InputError {
  constructor(
    readonly issues: readonly ScenarioIssue[],
    source = 'scenario',
  ) {
    const shown = issues.slice(0, 8).map((i) => `  ${i.path || '(root)'}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`  … and ${issues.length - shown.length} more`);
    super(`${source} is invalid:\n${shown.join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot's own wording for type errors is "Invalid type: Expected X but received Y".
  if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.expected === 'never') {
    return 'unknown field (not part of the scenario format)';
  }
  return issue.message;
}

/** Validates plain data as a scenario, filling defaults; throws ScenarioError listing every issue. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = v.safeParse(ScenarioSchema, input);
  if (!result.success) {
    throw new ScenarioError(
      result.issues.map((issue) => ({ path: pathOf(issue), message: messageOf(issue) })),
      source,
    );
  }
  const issues = crossReferenceIssues(result.output);
  if (issues.length > 0) throw new ScenarioError(issues, source);
  return result.output;
}

/** Parses JSON text then validates it; a syntax error names line and column. */
export function parseScenarioJson(text: string, source = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = locateJsonError(text);
    const detail = at
      ? `expected ${at.expected} at line ${at.line}, column ${at.column}`
      : (error as Error).message;
    throw new InputError(`not valid JSON: ${detail}`, source);
  }
  return parseScenario(data, source);
}

/** Checks that go across fields: names unique, references resolve, addresses fit their port. */
function crossReferenceIssues(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const ports = new Map<string, number>();
  s.router.ports.forEach((port, i) => {
    if (ports.has(port.name)) add(`router.ports[${i}].name`, `duplicate port name "${port.name}"`);
    ports.set(port.name, i);
  });
  s.router.ports.forEach((port, i) => {
    const firstSame = s.router.ports.findIndex((p) => p.prefix === port.prefix);
    if (firstSame < i)
      add(`router.ports[${i}].prefix`, `same prefix as router.ports[${firstSame}]`);
  });

  const hosts = new Set<string>();
  const captureSides = new Set(s.hosts.filter((h) => h.role === 'capture').map((h) => h.name));
  const portUsedBy = new Map<string, string>();
  const addresses = new Map<number, string>();
  s.hosts.forEach((host, i) => {
    const at = `hosts[${i}]`;
    if (hosts.has(host.name)) add(`${at}.name`, `duplicate host name "${host.name}"`);
    hosts.add(host.name);
    const addr = parseIpv4(host.address);
    const other = addresses.get(addr);
    if (other !== undefined)
      add(`${at}.address`, `${host.address} is already used by host "${other}"`);
    addresses.set(addr, host.name);
    const portIndex = ports.get(host.port);
    if (portIndex === undefined) {
      add(
        `${at}.port`,
        `no router port named "${host.port}" (ports: ${[...ports.keys()].join(', ')})`,
      );
      return;
    }
    const owner = portUsedBy.get(host.port);
    if (owner !== undefined) {
      add(`${at}.port`, `port "${host.port}" already connects host "${owner}" (one host per port)`);
    }
    portUsedBy.set(host.port, host.name);
    const portPrefix = s.router.ports[portIndex].prefix;
    if (!prefixContains(parsePrefix(portPrefix), addr)) {
      add(
        `${at}.address`,
        `${host.address} is not inside port "${host.port}"'s prefix ${portPrefix}`,
      );
    }
  });

  s.routes.forEach((route, i) => {
    if (!ports.has(route.port)) add(`routes[${i}].port`, `no router port named "${route.port}"`);
  });

  const flowNames = new Set<string>();
  s.traffic.forEach((t, i) => {
    const at = `traffic[${i}]`;
    const label = t.name ?? `${t.kind}-${i + 1}`;
    if (flowNames.has(label)) add(`${at}.name`, `duplicate traffic name "${label}"`);
    flowNames.add(label);
    const [from, to, fromName, toName] = trafficEnds(t);
    for (const [field, host] of [
      [from, fromName],
      [to, toName],
    ]) {
      if (!hosts.has(host)) add(`${at}.${field}`, `no host named "${host}"`);
      else if (captureSides.has(host)) {
        add(`${at}.${field}`, `host "${host}" is a capture side: it runs no applications`);
      }
    }
    if (fromName === toName) add(`${at}.${to}`, `${from} and ${to} are the same host`);
  });

  const sipHosts = new Map<string, number>();
  s.traffic.forEach((t, i) => {
    if (t.kind !== 'sip-call') return;
    for (const [field, host] of [
      ['caller', t.caller],
      ['callee', t.callee],
    ] as const) {
      const other = sipHosts.get(host);
      if (other !== undefined) {
        add(
          `traffic[${i}].${field}`,
          `host "${host}" already takes part in the SIP call traffic[${other}] (one per host: port 5060)`,
        );
      }
      sipHosts.set(host, i);
    }
  });

  if (s.checkpoint.maxPendingRecords < s.checkpoint.flushRecords) {
    add(
      'checkpoint.maxPendingRecords',
      `must be at least flushRecords (${s.checkpoint.flushRecords}): a batch has to fit the queue`,
    );
  }

  if (s.firewall.enabled && s.firewall.rules !== undefined) {
    try {
      parseRuleset(
        s.firewall.rules,
        'rules',
        s.router.ports.map((p) => p.name),
      );
    } catch (error) {
      if (!(error instanceof RulesetError)) throw error;
      add(
        'firewall.rules',
        `line ${error.line}, column ${error.column}: ${error.message.replace(/^rules:\d+:\d+: /, '')}`,
      );
    }
  }

  s.faults.forEach((f, i) => {
    if (f.kind !== 'link-loss') return;
    if (!hosts.has(f.host)) add(`faults[${i}].host`, `no host named "${f.host}"`);
    else if (captureSides.has(f.host)) {
      add(`faults[${i}].host`, `host "${f.host}" is a capture side: it has no link of its own`);
    }
    if (f.toUs <= f.fromUs) add(`faults[${i}].toUs`, 'must be after fromUs');
  });
  return issues;
}

/** The two host fields of a traffic item: their names in the format, and the hosts named. */
function trafficEnds(t: Traffic): [string, string, string, string] {
  switch (t.kind) {
    case 'udp-stream':
      return ['source', 'destination', t.source, t.destination];
    case 'sip-call':
      return ['caller', 'callee', t.caller, t.callee];
    default:
      return ['client', 'server', t.client, t.server];
  }
}
