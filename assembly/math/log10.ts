// log10(x): fdlibm's __ieee754_log10 (Sun Microsystems, 1993; e_log10.c)
// over the core's own natural log (math/log.ts), error < 1 ulp. The core
// computes it itself and src/math/log10.ts is its exact JS twin (same
// operations in the same order), so the alpha grid gets the same bits in
// every engine — engines' own Math.log10 may round differently.
// x = 2^k·m: log10(x) = k·log10(2) + log(m)/ln(10), with k·log10(2) split in
// two parts (the high one exact) and m taken in [1, 2) or, for k < 0, [½, 1).
import { log } from "./log";

// @ts-ignore: decorator
@inline const TWO54: f64 = 1.80143985094819840000e+16;
// @ts-ignore: decorator
@inline const IVLN10: f64 = 4.34294481903251816668e-01;
// @ts-ignore: decorator
@inline const LOG10_2HI: f64 = 3.01029995663611771306e-01;
// @ts-ignore: decorator
@inline const LOG10_2LO: f64 = 3.69423907715893078616e-13;

/** Base-10 logarithm; −Infinity at ±0, NaN below 0 and for NaN, Infinity at Infinity. */
export function log10(x: f64): f64 {
  let hx = <i32>(reinterpret<u64>(x) >> 32);
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022, or negative
    if (x == 0.0) return -Infinity;
    if (hx < 0 || x != x) return NaN;
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = <i32>(reinterpret<u64>(x) >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i = (k >>> 31) & 1;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = <f64>(k + i);
  x = reinterpret<f64>((<u64><u32>hx << 32) | (reinterpret<u64>(x) & 0xFFFFFFFF));
  const z = y * LOG10_2LO + IVLN10 * log(x);
  return z + y * LOG10_2HI;
}
