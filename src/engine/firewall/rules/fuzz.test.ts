import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RulesetError,
  newRulesetResult,
  parseRuleset,
  type CompiledRuleset,
  type RuleContext,
} from './index';
import { REALISTIC_RULESET } from './realistic-ruleset';

/** Properties: a refusal is always a RulesetError, and evaluation never throws. */

const PORTS = ['eth0', 'eth1', 'eth2'];

function parseOrRefuse(text: string): CompiledRuleset | null {
  try {
    return parseRuleset(text, 'fuzz.nft', PORTS);
  } catch (error) {
    if (!(error instanceof RulesetError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^fuzz\.nft:\d+:\d+: /);
    return null;
  }
}

const WORDS = [
  ...(
    'table inet ip chain type filter hook forward prerouting priority policy accept drop ' +
    'reject with tcp udp reset icmpx ct state new established helper set saddr daddr dport ' +
    'sport counter packets bytes log prefix comment iifname oifname meta l4proto "eth0" eth1 ' +
    '192.0.2.1 10.0.0.0/8 21 1024-65535 80-20 { } , ; != # "ftp" protocol l3proto flush ' +
    'ruleset - + @x $y " jump'
  ).split(' '),
  '\n',
];

const context: fc.Arbitrary<RuleContext> = fc.record({
  ctState: fc.constantFrom(1, 2, 4, 8, 64),
  srcAddr: fc.nat({ max: 0xffffffff }),
  dstAddr: fc.nat({ max: 0xffffffff }),
  proto: fc.constantFrom(1, 6, 17, 47, 0, 255),
  sport: fc.nat({ max: 65535 }),
  dport: fc.nat({ max: 65535 }),
  inPort: fc.integer({ min: -1, max: 4 }),
  outPort: fc.integer({ min: -1, max: 4 }),
  ipBytes: fc.nat({ max: 65535 }),
});

function evaluateAll(ruleset: CompiledRuleset, contexts: readonly RuleContext[]): void {
  const out = newRulesetResult();
  for (const ctx of contexts) {
    ruleset.evaluate(ctx, out, () => {});
    expect([0, 1, 2]).toContain(out.verdict);
    expect(out.rule).toBeGreaterThanOrEqual(0);
    expect(out.rule).toBeLessThanOrEqual(ruleset.rules.length);
  }
}

describe('parseRuleset on arbitrary input', () => {
  it('throws nothing but RulesetError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        parseOrRefuse(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but RulesetError on token soup', () => {
    const soup = fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(soup, (text) => {
        parseOrRefuse(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('throws nothing but RulesetError on mutations of a valid ruleset, and what loads evaluates', () => {
    const mutation = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(context, { maxLength: 8 }),
        (edits, contexts) => {
          let text = REALISTIC_RULESET;
          for (const { at, cut, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + cut);
          }
          const ruleset = parseOrRefuse(text);
          if (ruleset) evaluateAll(ruleset, contexts);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws while evaluating random packets', () => {
    const ruleset = parseRuleset(REALISTIC_RULESET, 'r.nft', ['eth0', 'eth1']);
    fc.assert(
      fc.property(fc.array(context, { maxLength: 50 }), (contexts) => {
        evaluateAll(ruleset, contexts);
      }),
    );
  });
});
