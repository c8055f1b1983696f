import { checkpointAreaNames, defaultRuleset, parseRuleset, type Scenario } from '../engine';
import { formatCountOf } from './run/quantity-format';

/**
 * What the topology's firewall-application box says about a scenario's firewall before any
 * packet has crossed it: how many rules its ruleset has and what happens to a packet no rule
 * accepts — or that it is disabled. Derived from the ruleset as the engine compiles it.
 */
export interface FirewallCaption {
  readonly enabled: boolean;
  /** Short phrases, shown joined by `separator` when they fit on one line. */
  readonly note: readonly string[];
  readonly separator: string;
  /** The most connections the table can hold: sizes the room for the live count. */
  readonly maxConnections: number;
  /** The base layer and the modules, each drawn as a lane (none when disabled). */
  readonly modules: readonly string[];
}

/** The effective policy: drop when any chain a forwarded packet crosses drops by default. */
export type EffectivePolicy = 'accept' | 'drop';

const DISABLED: FirewallCaption = {
  enabled: false,
  note: ['disabled:', 'everything', 'passes'],
  separator: ' ',
  maxConnections: 0,
  modules: [],
};

function compute(scenario: Scenario): FirewallCaption {
  const config = scenario.firewall;
  if (!config.enabled) return DISABLED;
  const base = {
    enabled: true,
    maxConnections: config.maxConnections,
    modules: checkpointAreaNames,
  };
  try {
    const portNames = scenario.router.ports.map((p) => p.name);
    const ruleset = parseRuleset(config.rules ?? defaultRuleset(scenario), 'rules', portNames);
    const forwarded = ruleset.chains.filter((c) => c.hook === 'prerouting' || c.hook === 'forward');
    const policy: EffectivePolicy = forwarded.some((c) => c.policy === 'drop') ? 'drop' : 'accept';
    return {
      ...base,
      note: [formatCountOf(ruleset.rules.length, 'rule'), `policy ${policy}`],
      separator: ' · ',
    };
  } catch {
    // The run refuses the scenario and says why; the drawing only notes it.
    return { ...base, note: ['ruleset', 'not', 'valid'], separator: ' ' };
  }
}

const cache = new WeakMap<Scenario, FirewallCaption>();

/** Memoised per scenario object: the layout asks again on every resize. */
export function firewallCaption(scenario: Scenario): FirewallCaption {
  let caption = cache.get(scenario);
  if (caption === undefined) {
    caption = compute(scenario);
    cache.set(scenario, caption);
  }
  return caption;
}

/** The live count's text, split over the lines the layout reserved for it (one or two). */
export function connectionsText(count: number, lines: number, format: (n: number) => string) {
  const word = count === 1 ? 'connection' : 'connections';
  return lines >= 2 ? [format(count), word] : [`${format(count)} ${word}`];
}
