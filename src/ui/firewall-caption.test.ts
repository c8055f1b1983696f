import { describe, expect, it } from 'vitest';
import { builtinScenarios, parseScenario, type ScenarioInput } from '../engine';
import { connectionsText, firewallCaption } from './firewall-caption';
import { formatCount } from './run/quantity-format';

const ftp = builtinScenarios['ftp-transfer'];
const withFirewall = (firewall: ScenarioInput['firewall']) => parseScenario({ ...ftp, firewall });

describe('firewallCaption', () => {
  it('counts the default ruleset and names its fail-closed policy', () => {
    const caption = firewallCaption(parseScenario(ftp));
    expect(caption).toEqual({
      enabled: true,
      note: ['5 rules', 'policy drop'],
      separator: ' · ',
      maxConnections: 65_536,
      modules: ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'],
    });
  });

  it("counts a scenario's own rules", () => {
    const caption = firewallCaption(parseScenario(builtinScenarios['blocked-address']));
    expect(caption.note).toEqual(['4 rules', 'policy drop']);
  });

  it('says accept when no chain a forwarded packet crosses drops by default', () => {
    const rules = `table inet filter {
      chain forward { type filter hook forward priority 0; policy accept; ip saddr 192.0.2.66 drop; }
    }`;
    const caption = firewallCaption(withFirewall({ rules }));
    expect(caption.note).toEqual(['1 rule', 'policy accept']);
  });

  it('says so when the firewall is disabled', () => {
    const caption = firewallCaption(withFirewall({ enabled: false }));
    expect(caption.enabled).toBe(false);
    expect(caption.note.join(caption.separator)).toBe('disabled: everything passes');
  });

  it('notes a ruleset the engine refuses instead of throwing', () => {
    // Scenario validation refuses such rules; a hand-made scenario object could still hold them.
    const scenario = parseScenario(ftp);
    const bad = {
      ...scenario,
      firewall: { ...scenario.firewall, rules: 'ip saddr nonsense drop' },
    };
    const caption = firewallCaption(bad);
    expect(caption.note.join(caption.separator)).toBe('ruleset not valid');
  });

  it('remembers the caption of a scenario object', () => {
    const scenario = parseScenario(ftp);
    expect(firewallCaption(scenario)).toBe(firewallCaption(scenario));
  });
});

describe('connectionsText', () => {
  it('fills one or two reserved lines, singular for one', () => {
    expect(connectionsText(1_234, 1, formatCount)).toEqual(['1,234 connections']);
    expect(connectionsText(1, 1, formatCount)).toEqual(['1 connection']);
    expect(connectionsText(12, 2, formatCount)).toEqual(['12', 'connections']);
  });
});
