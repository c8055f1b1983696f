import type { FirewallReport } from '../../engine';

/**
 * What the firewall panel says while the firewall is out of service: its connection table is
 * gone with the crashed instance (so nothing is tracked) while the connections listed below,
 * from the history that outlives it, wait for recovery. Null while it is up or disabled.
 */
export function stateNote(state: FirewallReport['state']): string | null {
  if (state === 'down') {
    return (
      'Crashed — down: its connection table went with it. The router server will restart ' +
      'the firewall; the connections listed below wait to be rebuilt from the checkpoint server.'
    );
  }
  if (state === 'recovering') {
    return (
      'Recovering: the restarted firewall is rebuilding its connection table from the ' +
      'checkpoint server; packets wait until it is back in service.'
    );
  }
  return null;
}
