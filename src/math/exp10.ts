import { fromWords } from './float64Bits.js';

/**
 * Twin of assembly/math/exp10.ts: 10^x below one ulp of error from + − × ÷
 * and exact bit manipulations only (Dekker's product for x·ln 10, then
 * fdlibm's exp), the same operations in the same order, so both backends and
 * every JS engine get the same bits — `10 ** x` does not (V8 in Node 20 and
 * Chromium round some powers differently).
 */

const LN10 = 2.302585092994046;
const LN10_LO = -2.1707562233822494e-16; // ln 10 − LN10
const LN2_HI = 6.9314718036912381649e-1; // 32 trailing zero bits: k·LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const SPLIT = 134217729.0; // 2^27 + 1 (Veltkamp)
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** 2^k for −1022 ≤ k ≤ 1023, built from its bits. */
function pow2(k: number): number {
  return fromWords((k + 1023) << 20, 0);
}

/** 10^x; Infinity above ~308.25, 0 below ~−323.6, NaN for NaN. */
export function exp10(x: number): number {
  if (x !== x) return x;
  if (x > 310.0) return Infinity;
  if (x < -330.0) return 0.0;
  const hi = x * LN10;
  let c = SPLIT * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLIT * LN10;
  const bh = c - (c - LN10);
  const bl = LN10 - bh;
  const err = ((xh * bh - hi) + xh * bl + xl * bh) + xl * bl;
  const lo = err + x * LN10_LO;
  const kf = Math.floor(hi * INV_LN2 + 0.5);
  const k = kf | 0;
  const rHi = hi - kf * LN2_HI;
  const rLo = lo - kf * LN2_LO;
  const r = rHi + rLo;
  const t = r * r;
  const cr = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1.0 - ((-rLo - (r * cr) / (2.0 - cr)) - rHi);
  const k1 = k >> 1;
  return y * pow2(k1) * pow2(k - k1);
}
