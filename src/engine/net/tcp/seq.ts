/**
 * TCP sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): a < b when the signed 32-bit
 * difference a - b is negative, which is right as long as the two are within 2^31 of each other.
 */
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}
export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}
export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
/** a + n, wrapped to an unsigned 32-bit sequence number. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
/** Bytes from b up to a (a - b), for a at or after b. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}
