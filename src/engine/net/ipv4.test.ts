import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { formatIpv4, formatPrefix, parseIpv4, parsePrefix, prefixContains } from './ipv4';

describe('IPv4 addresses', () => {
  it('parses and formats dotted quads', () => {
    expect(parseIpv4('192.0.2.1')).toBe(0xc0000201);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(formatIpv4(0xc6336414)).toBe('198.51.100.20');
  });

  it('round-trips every address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (a) => {
        expect(parseIpv4(formatIpv4(a))).toBe(a);
      }),
    );
  });

  it.each([
    ['192.0.2', /four dot-separated/],
    ['192.0.2.256', /"256" is not a number from 0 to 255/],
    ['192.0.2.01', /"01"/],
    ['192.0.2.-1', /"-1"/],
    ['a.b.c.d', /"a"/],
    ['', /four dot-separated/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseIpv4(text, 'hosts[0].address')).toThrow(message);
    expect(() => parseIpv4(text, 'hosts[0].address')).toThrow(/^hosts\[0\]\.address: /);
    expect(() => parseIpv4(text)).toThrow(InputError);
  });
});

describe('IPv4 prefixes', () => {
  it('parses, formats and matches', () => {
    const p = parsePrefix('198.51.100.0/24');
    expect(formatPrefix(p)).toBe('198.51.100.0/24');
    expect(prefixContains(p, parseIpv4('198.51.100.77'))).toBe(true);
    expect(prefixContains(p, parseIpv4('198.51.101.1'))).toBe(false);
    expect(prefixContains(parsePrefix('0.0.0.0/0'), parseIpv4('203.0.113.9'))).toBe(true);
    expect(parsePrefix('192.0.2.7').length).toBe(32);
  });

  it('refuses host bits and bad lengths, suggesting the fix', () => {
    expect(() => parsePrefix('192.0.2.1/24')).toThrow(/did you mean 192\.0\.2\.0\/24/);
    expect(() => parsePrefix('192.0.2.0/33')).toThrow(/length must be/);
    expect(() => parsePrefix('192.0.2.0/')).toThrow(/length must be/);
  });
});
