/**
 * The two 32-bit words of a double, and a double from its words — what
 * `reinterpret<u64>` gives the AssemblyScript kernels in assembly/math/. One
 * shared 8-byte buffer; the word order follows the platform's byte order
 * (detected once), so the ports read the same bits on any engine.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1; // 0x3FF00000_00000000: the high word is the nonzero one
const HI = u32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** High word (sign, exponent, top 20 mantissa bits) of x, as an unsigned 32-bit integer. */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI];
}

/** Low word (bottom 32 mantissa bits) of x, as an unsigned 32-bit integer. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

/** The double whose high and low words are `hi` and `lo` (taken modulo 2³²). */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0];
}
