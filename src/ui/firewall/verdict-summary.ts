import type { FirewallReport, VerdictCount } from '../../engine';
import { formatCount } from '../run/quantity-format';

/**
 * The firewall's decisions so far: packets accepted, dropped and rejected, each broken down
 * by what decided (a rule, a chain's policy, conntrack finding the packet invalid, …).
 */

export type VerdictName = VerdictCount['verdict'];

export interface VerdictLine {
  readonly verdict: VerdictName;
  readonly total: string;
  /** Nothing was decided this way (yet). */
  readonly none: boolean;
  readonly reasons: readonly { readonly label: string; readonly packets: string }[];
}

const REASONS: Readonly<Record<string, string>> = {
  invalid: 'invalid state',
  'mid-stream': 'mid-stream, no known connection',
  'rate-limit': 'rate limit',
  'table-full': 'connection table full',
};

export function reasonLabel(v: VerdictCount): string {
  if (v.reason === 'rule') return `rule ${v.rule ?? '?'}`;
  if (v.reason === 'policy') return `policy of chain ${v.chain ?? '?'}`;
  return REASONS[v.reason] ?? v.reason;
}

/** accept and drop always (even at 0), reject only when something was rejected. */
export function verdictSummary(verdicts: readonly VerdictCount[]): VerdictLine[] {
  const names: VerdictName[] = ['accept', 'drop', 'reject'];
  return names.flatMap((verdict) => {
    const mine = verdicts.filter((v) => v.verdict === verdict && v.packets > 0);
    const total = mine.reduce((sum, v) => sum + v.packets, 0);
    if (verdict === 'reject' && total === 0) return [];
    return [
      {
        verdict,
        total: formatCount(total),
        none: total === 0,
        reasons: mine.map((v) => ({ label: reasonLabel(v), packets: formatCount(v.packets) })),
      },
    ];
  });
}

/** The expectation counters as label/value pairs, in the order a reader asks about them. */
export function expectationCounts(e: FirewallReport['expectations']) {
  const counts: [string, number][] = [
    ['pending', e.pending],
    ['created', e.created],
    ['matched', e.matched],
    ['expired', e.expired],
    ['refused', e.refused],
  ];
  if (e.evicted > 0) counts.push(['evicted', e.evicted]);
  if (e.renewed > 0) counts.push(['renewed', e.renewed]);
  return counts.map(([label, n]) => ({ label, value: formatCount(n) }));
}
