import type { SimulationReport } from '../../engine';

/**
 * How the firewall checkpoints its connections (strategy and mode), named and explained in a
 * phrase for the checkpoint panel's heading.
 */

type Report = Pick<SimulationReport, 'strategy' | 'checkpointMode'>;

export interface StrategyText {
  /** "unique-id · sync". */
  readonly name: string;
  /** One phrase on what that means. */
  readonly meaning: string;
}

const MEANING: Readonly<Record<string, string>> = {
  none: 'nothing is checkpointed (the prior art): a restarted firewall knows no connection',
  snapshot: 'the whole connection table, written as one blob at intervals',
  'unique-id:sync':
    "each connection's parts, written under its unique id before the packet goes on",
  'unique-id:async': "each connection's parts, written under its unique id in batches",
};

export function strategyText(r: Report): StrategyText {
  const key = r.checkpointMode === null ? r.strategy : `${r.strategy}:${r.checkpointMode}`;
  return {
    name: r.checkpointMode === null ? r.strategy : `${r.strategy} · ${r.checkpointMode}`,
    meaning: MEANING[key] ?? '',
  };
}
