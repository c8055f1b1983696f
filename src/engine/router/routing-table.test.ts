import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4, parsePrefix, prefixContains } from '../net/ipv4';
import { RoutingTable } from './routing-table';

describe('RoutingTable', () => {
  it('picks the longest matching prefix', () => {
    const t = new RoutingTable();
    t.add(parsePrefix('0.0.0.0/0'), 9);
    t.add(parsePrefix('198.51.100.0/24'), 1);
    t.add(parsePrefix('198.51.100.128/25'), 2);
    t.add(parsePrefix('198.51.100.200/32'), 3);
    expect(t.lookup(parseIpv4('198.51.100.7'))).toBe(1);
    expect(t.lookup(parseIpv4('198.51.100.129'))).toBe(2);
    expect(t.lookup(parseIpv4('198.51.100.200'))).toBe(3);
    expect(t.lookup(parseIpv4('203.0.113.1'))).toBe(9);
  });

  it('returns -1 without a default route', () => {
    const t = new RoutingTable();
    t.add(parsePrefix('192.0.2.0/24'), 0);
    expect(t.lookup(parseIpv4('192.0.3.1'))).toBe(-1);
    expect(t.lookup(parseIpv4('192.0.2.1'))).toBe(0);
    expect(t.lookup(parseIpv4('192.0.3.1'))).toBe(-1);
  });

  it('refuses a duplicate prefix', () => {
    const t = new RoutingTable();
    t.add(parsePrefix('192.0.2.0/24'), 0);
    expect(() => t.add(parsePrefix('192.0.2.0/24'), 1)).toThrow(
      /duplicate route for 192\.0\.2\.0\/24/,
    );
  });

  it('agrees with a brute-force longest match for random tables', () => {
    const prefixArb = fc
      .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
      .map(([addr, len]) => {
        const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
        return { network: (addr & mask) >>> 0, length: len, mask };
      });
    fc.assert(
      fc.property(
        fc.uniqueArray(prefixArb, { selector: (p) => `${p.network}/${p.length}`, maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 20 }),
        (prefixes, dsts) => {
          const t = new RoutingTable();
          prefixes.forEach((p, port) => t.add(p, port));
          for (const dst of dsts) {
            let best = -1;
            let bestLen = -1;
            prefixes.forEach((p, port) => {
              if (prefixContains(p, dst) && p.length > bestLen) [best, bestLen] = [port, p.length];
            });
            expect(t.lookup(dst)).toBe(best);
          }
        },
      ),
    );
  });
});
