// exp10(x) = 10^x with an error below one ulp, from + − × ÷ and exact bit
// manipulations only, so src/math/exp10.ts (its exact JS twin) gives the same
// bits in every engine, where `10 ** x` does not (V8 in Node 20 and Chromium
// round some powers differently).
//
// Method: x·ln 10 as a double-double (Dekker's exact product by Veltkamp
// splitting — no FMA, so both backends stay identical), then fdlibm's exp
// (Sun Microsystems, 1993, e_exp.c): reduction by k·ln 2 in two parts
// (Cody & Waite), the Remez rational approximation on |r| ≤ ½ln 2, and a
// scaling by 2^k in two exact steps (so subnormal results round once).

const LN10: f64 = 2.302585092994046;
const LN10_LO: f64 = -2.1707562233822494e-16; // ln 10 − LN10
const LN2_HI: f64 = 6.93147180369123816490e-01; // 32 trailing zero bits: k·LN2_HI is exact
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const SPLIT: f64 = 134217729.0; // 2^27 + 1 (Veltkamp)
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;

@inline function pow2(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** 10^x; Infinity above ~308.25, 0 below ~−323.6, NaN for NaN. */
export function exp10(x: f64): f64 {
  if (x != x) return x;
  if (x > 310.0) return Infinity;
  if (x < -330.0) return 0.0;
  // hi + lo = x·ln 10 (Dekker's product: hi + err = x·LN10 exactly).
  const hi = x * LN10;
  let c = SPLIT * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLIT * LN10;
  const bh = c - (c - LN10);
  const bl = LN10 - bh;
  const err = ((xh * bh - hi) + xh * bl + xl * bh) + xl * bl;
  const lo = err + x * LN10_LO;
  // x·ln 10 = k·ln 2 + r, |r| ≤ ½ln 2 (rounded k; hi − k·LN2_HI is exact by Sterbenz).
  const kf = Math.floor(hi * INV_LN2 + 0.5);
  const k = <i32>kf;
  const rHi = hi - kf * LN2_HI;
  const rLo = lo - kf * LN2_LO;
  const r = rHi + rLo;
  // fdlibm: exp(r) = 1 + r + r·c(r)/(2 − c(r)), with r = rHi − (−rLo).
  const t = r * r;
  const cr = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1.0 - ((-rLo - (r * cr) / (2.0 - cr)) - rHi);
  const k1 = k >> 1;
  return y * pow2(k1) * pow2(k - k1);
}
