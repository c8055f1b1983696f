import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv6 } from './ipv6-text';
import { ipv6Address } from '../testing/capture/test-captures';

const format = (text: string) => formatIpv6(Uint8Array.from(ipv6Address(text)), 0);

describe('IPv6 text (RFC 5952)', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // one zero group stays
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff'],
    ['0:0:0:0:0:ffff:c000:201', '::ffff:192.0.2.1'],
  ])('%s → %s', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it('reads the 16 bytes at an offset', () => {
    const bytes = new Uint8Array(20);
    bytes.set(ipv6Address('2001:db8::7'), 4);
    expect(formatIpv6(bytes, 4)).toBe('2001:db8::7');
  });

  it('round-trips through its own text for any address', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const textForm = formatIpv6(bytes, 0);
        if (textForm.startsWith('::ffff:') && textForm.includes('.')) return;
        expect(Uint8Array.from(ipv6Address(textForm))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
