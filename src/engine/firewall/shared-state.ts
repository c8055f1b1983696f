import { ConnectionLedger } from './connection-ledger';
import { newExpectationStats, type ExpectationStats } from './expectations';
import type { CompiledRuleset } from './rules/ruleset-types';
import { VerdictStats } from './verdict-stats';

/**
 * What successive firewall instances share: not state the firewall works from, but what it
 * reports — the ledger of connections and the run's verdict and expectation counts — so the
 * report covers the whole run across crashes. A restarted instance never reads it to decide.
 */
export interface FirewallShared {
  readonly ledger: ConnectionLedger;
  readonly verdicts: VerdictStats;
  readonly expectations: ExpectationStats;
}

export function newFirewallShared(ruleset: CompiledRuleset): FirewallShared {
  return {
    ledger: new ConnectionLedger(),
    verdicts: new VerdictStats(ruleset),
    expectations: newExpectationStats(),
  };
}
