import { parseRuleset } from '../firewall';
import type { CheckpointConfig, FirewallConfig, SupervisorConfig } from './schema-firewall';
import type { ScenarioInput } from './schema';
import { parseScenario } from './validate';

/**
 * Changes a run makes to a scenario's own settings — the CLI's options and the app's
 * controls, so both build the very same scenario (and a shared link reproduces a CLI run).
 */
export interface RunOverrides {
  readonly strategy?: CheckpointConfig['strategy'];
  readonly checkpointMode?: CheckpointConfig['mode'];
  readonly failOpen?: SupervisorConfig['failOpen'];
  /** Extra firewall crashes, in simulated µs, after the scenario's own faults. */
  readonly crashAtUs?: readonly number[];
  /** The same loss rate on every link, both directions. */
  readonly lossRate?: number;
  /** What the firewall does with a TCP packet of no known connection that is not a SYN. */
  readonly midStream?: FirewallConfig['midStream'];
  /** A ruleset replacing the scenario's; `source` names it in errors ("rules.nft"). */
  readonly rules?: { readonly text: string; readonly source: string };
}

/**
 * The scenario data with the overrides applied; validation happens afterwards, as for any
 * scenario, so a bad override is reported by the path it lands on. The input is not changed.
 * A ruleset is checked here first, against the scenario's router ports, so that its errors
 * name its own source, line and column rather than a path inside the scenario.
 */
export function applyOverrides(input: unknown, o: RunOverrides): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input; // validation will explain
  const s = { ...(input as ScenarioInput) };
  if (o.strategy !== undefined || o.checkpointMode !== undefined) {
    s.checkpoint = { ...s.checkpoint };
    if (o.strategy !== undefined) s.checkpoint.strategy = o.strategy;
    if (o.checkpointMode !== undefined) s.checkpoint.mode = o.checkpointMode;
  }
  if (o.failOpen !== undefined) s.supervisor = { ...s.supervisor, failOpen: o.failOpen };
  if (o.crashAtUs !== undefined && o.crashAtUs.length > 0) {
    const crashes = o.crashAtUs.map((atUs) => ({ kind: 'firewall-crash' as const, atUs }));
    s.faults = [...(Array.isArray(s.faults) ? s.faults : []), ...crashes];
  }
  if (o.lossRate !== undefined && Array.isArray(s.hosts)) {
    const lossRate = o.lossRate;
    s.hosts = s.hosts.map((h) => ({ ...h, link: { ...h.link, lossRate } }));
  }
  if (o.midStream !== undefined) s.firewall = { ...s.firewall, midStream: o.midStream };
  if (o.rules !== undefined) {
    const valid = parseScenario(s);
    const ports = valid.router.ports.map((p) => p.name);
    parseRuleset(o.rules.text, o.rules.source, ports);
    s.firewall = { ...valid.firewall, rules: o.rules.text };
  }
  return s;
}
