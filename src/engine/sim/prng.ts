/**
 * PCG32 (PCG-XSH-RR 64/32, M. E. O'Neill, pcg-random.org): 64-bit LCG state, 32-bit output.
 * Chosen because it is small, fast, statistically strong and has published reference output
 * (pcg32-demo, seed 42 / stream 54), which prng.test.ts checks.
 *
 * JavaScript has no native 64-bit integer arithmetic outside BigInt (too slow for per-packet
 * use), so the state is kept as two unsigned 32-bit halves.
 */

// 6364136223846793005 = 0x5851F42D_4C957F2D, the PCG default multiplier.
const MUL_HI = 0x5851f42d;
const MUL_LO = 0x4c957f2d;
const TWO_POW_32 = 0x1_0000_0000;

export class Pcg32 {
  private stateHi = 0;
  private stateLo = 0;
  private incHi = 0;
  private incLo = 1;

  /** Same as the reference `pcg32_srandom_r(rng, initState, initSeq)` with 64-bit arguments
   *  given as (hi, lo) 32-bit halves; the plain constructor takes 32-bit seed and stream. */
  constructor(seed: number, stream = 0) {
    this.reseed(0, seed >>> 0, 0, stream >>> 0);
  }

  reseed(seedHi: number, seedLo: number, streamHi: number, streamLo: number): void {
    // inc = (initSeq << 1) | 1
    this.incHi = ((streamHi << 1) | (streamLo >>> 31)) >>> 0;
    this.incLo = ((streamLo << 1) | 1) >>> 0;
    this.stateHi = 0;
    this.stateLo = 0;
    this.nextU32();
    this.add(seedHi, seedLo);
    this.nextU32();
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    const oldHi = this.stateHi;
    const oldLo = this.stateLo;
    this.advance();
    // xorshifted = ((old >> 18) ^ old) >> 27, truncated to 32 bits; rot = old >> 59
    const xHi = oldHi ^ (oldHi >>> 18);
    const xLo = oldLo ^ ((oldLo >>> 18) | (oldHi << 14));
    const xorshifted = ((xLo >>> 27) | (xHi << 5)) >>> 0;
    const rot = oldHi >>> 27;
    return ((xorshifted >>> rot) | (xorshifted << (-rot & 31))) >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform integer in [0, bound), unbiased (rejection as in the reference `boundedrand`). */
  nextBelow(bound: number): number {
    if (!(bound >= 1 && bound <= TWO_POW_32 && Number.isInteger(bound))) {
      throw new RangeError(`nextBelow: bound must be an integer in [1, 2^32], got ${bound}`);
    }
    const threshold = (TWO_POW_32 - bound) % bound;
    for (;;) {
      const r = this.nextU32();
      if (r >= threshold) return r % bound;
    }
  }

  /** Integer in [min, max] inclusive. */
  nextInRange(min: number, max: number): number {
    return min + this.nextBelow(max - min + 1);
  }

  /** True with probability p (p <= 0 never draws, so adding an unused fault costs nothing). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.nextFloat() < p;
  }

  /** A new generator whose stream is derived from this one: independent sub-sequences for
   *  links, hosts and applications, so adding traffic does not shift the loss pattern. */
  fork(streamId: number): Pcg32 {
    const child = new Pcg32(0);
    child.reseed(this.nextU32(), this.nextU32(), 0, streamId >>> 0);
    return child;
  }

  private advance(): void {
    // state = state * MUL + inc (mod 2^64), in 16-bit partial products for exactness.
    const lo = this.stateLo;
    const hi = this.stateHi;
    const a0 = lo & 0xffff;
    const a1 = lo >>> 16;
    const b0 = MUL_LO & 0xffff;
    const b1 = MUL_LO >>> 16;
    const p00 = a0 * b0;
    const p01 = a0 * b1;
    const p10 = a1 * b0;
    const p11 = a1 * b1;
    const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    const productLo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
    const productHi = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
    const crossHi = Math.imul(hi, MUL_LO) + Math.imul(lo, MUL_HI);
    this.stateLo = productLo;
    this.stateHi = (productHi + crossHi) >>> 0;
    this.add(this.incHi, this.incLo);
  }

  private add(hi: number, lo: number): void {
    const sumLo = this.stateLo + lo;
    const carry = sumLo >= TWO_POW_32 ? 1 : 0;
    this.stateLo = sumLo >>> 0;
    this.stateHi = (this.stateHi + hi + carry) >>> 0;
  }
}
