import { describe, expect, it } from 'vitest';
import { parseIpv4, parsePrefix } from '../net/ipv4';
import { BroadcastGuard } from './broadcast-guard';

describe('BroadcastGuard', () => {
  const guard = () => BroadcastGuard.forPrefixes(100, 5, [parsePrefix('192.0.2.0/24')]);

  it('applies to broadcast and multicast destinations only', () => {
    const g = guard();
    expect(g.applies(parseIpv4('255.255.255.255'))).toBe(true);
    expect(g.applies(parseIpv4('224.0.0.251'))).toBe(true);
    expect(g.applies(parseIpv4('239.1.2.3'))).toBe(true);
    expect(g.applies(parseIpv4('192.0.2.255'))).toBe(true);
    expect(g.applies(parseIpv4('192.0.2.10'))).toBe(false);
    expect(g.applies(parseIpv4('198.51.100.255'))).toBe(false);
  });

  it('lets a burst through, then the sustained rate, per source', () => {
    const g = guard();
    const a = parseIpv4('192.0.2.10');
    const b = parseIpv4('192.0.2.11');
    const burst = Array.from({ length: 8 }, () => g.allow(a, 0));
    expect(burst).toEqual([true, true, true, true, true, false, false, false]);
    expect(g.allow(b, 0)).toBe(true); // another source has its own bucket
    expect(g.allow(a, 9_999)).toBe(false); // 100/s: one token per 10 ms
    expect(g.allow(a, 10_000)).toBe(true);
    // Over one second at 1,000 packets/s only about 100 pass.
    let passed = 0;
    for (let t = 1_000_000; t < 2_000_000; t += 1_000) if (g.allow(a, t)) passed++;
    expect(passed).toBeGreaterThanOrEqual(100);
    expect(passed).toBeLessThanOrEqual(106);
  });
});
