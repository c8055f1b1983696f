import type { FirewallReport } from '../../engine';
import { formatBytes, formatCount, formatCountOf } from '../run/quantity-format';

/**
 * The ruleset as `nft list ruleset` shows it, with every rule's counters: one block per
 * table, its ct helper objects, then each chain with its type/hook/priority/policy line, its
 * numbered rules and how many packets its policy decided. Plain data for the view.
 */

export interface RuleLine {
  readonly number: number;
  readonly text: string;
  readonly packets: string;
  /** "packet" or "packets", for where the count stands without a column header. */
  readonly packetsUnit: string;
  readonly bytes: string;
  /** Exact numbers for a tooltip. */
  readonly exact: string;
  /** Matched nothing yet: drawn quieter than the rules that did. */
  readonly quiet: boolean;
}

export interface ChainBlock {
  /** Unique within the listing ("filter/forward"). */
  readonly key: string;
  readonly name: string;
  /** e.g. "type filter hook forward priority filter; policy drop;" */
  readonly header: string;
  readonly policy: string;
  readonly policyPackets: string;
  readonly policyPacketsUnit: string;
  readonly policyQuiet: boolean;
  readonly rules: readonly RuleLine[];
}

export interface TableBlock {
  readonly name: string;
  /** e.g. 'ct helper ftp-standard { type "ftp" protocol tcp; }' */
  readonly helpers: readonly string[];
  readonly chains: readonly ChainBlock[];
}

type Chain = FirewallReport['chains'][number];
type Rule = FirewallReport['rules'][number];

/** nft's names for the standard priorities of ip/inet filter chains. */
const PRIORITY_NAMES = new Map([
  [-300, 'raw'],
  [-150, 'mangle'],
  [-100, 'dstnat'],
  [0, 'filter'],
  [50, 'security'],
  [100, 'srcnat'],
]);

export const priorityText = (p: number) => PRIORITY_NAMES.get(p) ?? String(p);

const unit = (n: number, word: string) => (n === 1 ? word : `${word}s`);

function ruleLine(rule: Rule): RuleLine {
  return {
    number: rule.number,
    text: rule.text,
    packets: formatCount(rule.packets),
    packetsUnit: unit(rule.packets, 'packet'),
    bytes: formatBytes(rule.bytes),
    exact: `${formatCountOf(rule.packets, 'packet')}, ${formatCountOf(rule.bytes, 'byte')}`,
    quiet: rule.packets === 0,
  };
}

/**
 * Which chain each rule is in. The report names a rule's chain but not its table; rules and
 * chains both come in the order of the ruleset text, so a rule belongs to the first chain of
 * that name at or after the previous rule's chain.
 */
export function chainOfRules(chains: readonly Chain[], rules: readonly Rule[]): number[] {
  let current = 0;
  return rules.map((rule) => {
    let index = chains.findIndex((c, i) => i >= current && c.name === rule.chain);
    if (index < 0) index = chains.findIndex((c) => c.name === rule.chain);
    if (index >= 0) current = index;
    return index;
  });
}

export function rulesetListing(fw: FirewallReport): TableBlock[] {
  const owner = chainOfRules(fw.chains, fw.rules);
  const helpers = fw.helpers.map(
    (h) => `ct helper ${h.name} { type "${h.type}" protocol ${h.protocol}; }`,
  );
  const tables: { name: string; helpers: string[]; chains: ChainBlock[] }[] = [];
  fw.chains.forEach((chain, index) => {
    const name = `${chain.family} ${chain.table}`;
    let table = tables.find((t) => t.name === name);
    if (table === undefined) {
      table = { name, helpers: tables.length === 0 ? helpers : [], chains: [] };
      tables.push(table);
    }
    table.chains.push({
      key: `${chain.table}/${chain.name}`,
      name: chain.name,
      header: `type filter hook ${chain.hook} priority ${priorityText(chain.priority)}; policy ${chain.policy};`,
      policy: chain.policy,
      policyPackets: formatCount(chain.policyPackets),
      policyPacketsUnit: unit(chain.policyPackets, 'packet'),
      policyQuiet: chain.policyPackets === 0,
      rules: fw.rules.filter((_, i) => owner[i] === index).map(ruleLine),
    });
  });
  return tables;
}
