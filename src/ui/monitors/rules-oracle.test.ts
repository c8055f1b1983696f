import { describe, expect, it } from 'vitest';
import type { PacketSummary } from '../../engine';
import { buildScenario, defaultConfig } from '../run/run-config';
import { RulesOracle } from './rules-oracle';

const syn = (src: string): PacketSummary => ({
  id: 1,
  proto: 'tcp',
  src,
  dst: '198.51.100.20',
  sport: 40000,
  dport: 21,
  flags: 'S',
  seq: 1,
  ack: 0,
  len: 0,
  bytes: 60,
  ttl: 64,
  ipId: 0,
  window: 65535,
  icmpType: null,
  icmpCode: null,
  text: null,
});

describe('RulesOracle', () => {
  const oracle = new RulesOracle(buildScenario(defaultConfig('blocked-address')));

  it('evaluates the ruleset afresh: the blocked host is refused by rule 3', () => {
    expect(oracle.refusal(syn('192.0.2.66'), 'new', 'eth1', 'eth3')).toBe(
      'the rules say drop (rule 3)',
    );
    expect(oracle.refusal(syn('192.0.2.10'), 'new', 'eth0', 'eth3')).toBeNull();
  });

  it('takes the ct state as the firewall gave it, and refuses a state it does not know', () => {
    expect(oracle.refusal(syn('192.0.2.10'), 'established', 'eth0', 'eth3')).toBeNull();
    expect(oracle.refusal(syn('192.0.2.10'), 'invalid', 'eth0', 'eth3')).not.toBeNull();
    expect(oracle.refusal(syn('192.0.2.10'), 'weird', 'eth0', 'eth3')).toBe(
      'unknown ct state "weird"',
    );
  });
});
