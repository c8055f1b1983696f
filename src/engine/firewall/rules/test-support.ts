/**
 * Helpers for the tests of this folder: a packet context with sensible defaults (a new TCP
 * connection from 192.0.2.10 on eth0 to 198.51.100.20:80 via eth1) and a one-call evaluation
 * that also collects the log lines.
 */
import { parseIpv4 } from '../../net/ipv4';
import { parseRuleset } from './index';
import {
  CtStateBit,
  newRulesetResult,
  type CompiledRuleset,
  type RuleContext,
  type RulesetResult,
} from './ruleset-types';

export const PORTS = ['eth0', 'eth1', 'eth2'] as const;

export function load(text: string, ports: readonly string[] = PORTS): CompiledRuleset {
  return parseRuleset(text, 'rules.nft', ports);
}

export type PacketFields = Omit<Partial<RuleContext>, 'srcAddr' | 'dstAddr' | 'ctState'> & {
  src?: string;
  dst?: string;
  state?: keyof typeof CtStateBit;
};

export function packet(fields: PacketFields = {}): RuleContext {
  const { src = '192.0.2.10', dst = '198.51.100.20', state = 'new', ...rest } = fields;
  return {
    ctState: CtStateBit[state],
    srcAddr: parseIpv4(src),
    dstAddr: parseIpv4(dst),
    proto: 6,
    sport: 40000,
    dport: 80,
    inPort: 0,
    outPort: 1,
    ipBytes: 60,
    ...rest,
  };
}

export interface Decision extends RulesetResult {
  logs: Array<[number, string]>;
}

export function decide(ruleset: CompiledRuleset, fields: PacketFields = {}): Decision {
  const out = newRulesetResult();
  const logs: Array<[number, string]> = [];
  ruleset.evaluate(packet(fields), out, (rule, prefix) => logs.push([rule, prefix]));
  return { ...out, logs };
}

/** The verdict as a word, for readable assertions. */
export function verdictOf(ruleset: CompiledRuleset, fields: PacketFields = {}): string {
  return ['accept', 'drop', 'reject'][decide(ruleset, fields).verdict];
}

/** The RulesetError a text is refused with (fails the test when it loads). */
export function refusal(text: string, ports: readonly string[] = PORTS) {
  try {
    load(text, ports);
  } catch (error) {
    const e = error as Error & { line: number; column: number; expected: string; found: string };
    return {
      name: e.name,
      message: e.message,
      line: e.line,
      column: e.column,
      expected: e.expected,
      found: e.found,
    };
  }
  throw new Error(`expected the text to be refused:\n${text}`);
}
