import { InputError } from '../errors';

/** An IPv4 address as an unsigned 32-bit integer (192.0.2.1 = 0xC0000201). */
export type Ipv4 = number;

/** An IPv4 prefix: network address (host bits zero), length 0–32 and the matching mask. */
export interface Ipv4Prefix {
  readonly network: Ipv4;
  readonly length: number;
  readonly mask: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

/** Parses dotted-quad text; throws InputError naming the text and what was expected. */
export function parseIpv4(text: string, where = ''): Ipv4 {
  const parts = text.split('.');
  if (parts.length !== 4) {
    throw new InputError(
      `"${text}" is not an IPv4 address: expected four dot-separated numbers`,
      where,
    );
  }
  let value = 0;
  for (const part of parts) {
    // Leading zeros are refused: "010" is octal to some tools and decimal to others.
    if (!OCTET.test(part) || Number(part) > 255) {
      throw new InputError(
        `"${text}" is not an IPv4 address: "${part}" is not a number from 0 to 255`,
        where,
      );
    }
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(address: Ipv4): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

export function prefixMask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** Parses "a.b.c.d/len" (or a bare address as /32). Host bits must be zero. */
export function parsePrefix(text: string, where = ''): Ipv4Prefix {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? '32' : text.slice(slash + 1);
  const address = parseIpv4(addressText, where);
  if (!/^\d{1,2}$/.test(lengthText) || Number(lengthText) > 32) {
    throw new InputError(`"${text}" is not a prefix: length must be a number from 0 to 32`, where);
  }
  const length = Number(lengthText);
  const mask = prefixMask(length);
  const network = (address & mask) >>> 0;
  if (network !== address) {
    throw new InputError(
      `"${text}" has host bits set: did you mean ${formatIpv4(network)}/${length}?`,
      where,
    );
  }
  return { network, length, mask };
}

export function formatPrefix(prefix: Ipv4Prefix): string {
  return `${formatIpv4(prefix.network)}/${prefix.length}`;
}

export function prefixContains(prefix: Ipv4Prefix, address: Ipv4): boolean {
  return (address & prefix.mask) >>> 0 === prefix.network;
}
