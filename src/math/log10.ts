import { highWord, lowWord, fromWords } from './float64Bits.js';
import { log } from './log.js';

/**
 * Twin of assembly/math/log10.ts: fdlibm's __ieee754_log10 (Sun
 * Microsystems, 1993) over the package's own natural log (math/log), the same
 * operations in the same order, so both backends and every JS engine get the
 * same bits (engines' own Math.log10 may round differently).
 */
const TWO54 = 1.8014398509481984e16;
const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2HI = 3.01029995663611771306e-1;
const LOG10_2LO = 3.69423907715893078616e-13;

/** Base-10 logarithm; −Infinity at ±0, NaN below 0 and for NaN, Infinity at Infinity. */
export function log10(x: number): number {
  let hx = highWord(x) | 0;
  let k = 0;
  if (hx < 0x00100000) {
    if (x === 0) return -Infinity;
    if (hx < 0 || x !== x) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x) | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i = (k >>> 31) & 1;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  x = fromWords(hx, lowWord(x));
  const z = y * LOG10_2LO + IVLN10 * log(x);
  return z + y * LOG10_2HI;
}
