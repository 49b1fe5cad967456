// e^x, the fdlibm/musl algorithm (musl src/math/exp.c; AssemblyScript std's
// NativeMath.exp at shrink level ≥ 1), written out here so that the JS twin
// src/math/exp.ts can repeat it operation for operation: the engines'
// Math.exp differ in the last bit, the port does not. Error < 1 ulp.
//
// Argument reduction x = k·ln2 + r, |r| ≤ ln2/2 (ln2 split in hi + lo so
// k·ln2hi is exact), then a degree-5 Remez rational approximation of e^r and
// a scaling by 2^k.

// ====================================================
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
// Permission to use, copy, modify, and distribute this software is freely
// granted, provided that this notice is preserved.
// ====================================================

// @ts-ignore: decorator
@inline const LN2_HI = reinterpret<f64>(0x3FE62E42FEE00000); //  6.93147180369123816490e-01
// @ts-ignore: decorator
@inline const LN2_LO = reinterpret<f64>(0x3DEA39EF35793C76); //  1.90821492927058770002e-10
// @ts-ignore: decorator
@inline const INV_LN2 = reinterpret<f64>(0x3FF71547652B82FE); // 1.44269504088896338700e+00
// @ts-ignore: decorator
@inline const P1 = reinterpret<f64>(0x3FC555555555553E); //  1.66666666666666019037e-01
// @ts-ignore: decorator
@inline const P2 = reinterpret<f64>(0xBF66C16C16BEBD93); // -2.77777777770155933842e-03
// @ts-ignore: decorator
@inline const P3 = reinterpret<f64>(0x3F11566AAF25DE2C); //  6.61375632143793436117e-05
// @ts-ignore: decorator
@inline const P4 = reinterpret<f64>(0xBEBBBD41C5D26BF1); // -1.65339022054652515390e-06
// @ts-ignore: decorator
@inline const P5 = reinterpret<f64>(0x3E66376972BEA4D0); //  4.13813679705723846039e-08
// @ts-ignore: decorator
@inline const OVERFLOW = reinterpret<f64>(0x40862E42FEFA39EF); //  709.782712893383973096
// @ts-ignore: decorator
@inline const UNDERFLOW = reinterpret<f64>(0xC0874910D52D3051); // -745.13321910194110842
// @ts-ignore: decorator
@inline const TWO_1023 = reinterpret<f64>(0x7FE0000000000000); // 2^1023
// @ts-ignore: decorator
@inline const TWO_M1022 = reinterpret<f64>(0x0010000000000000); // 2^-1022
// @ts-ignore: decorator
@inline const TWO_53 = reinterpret<f64>(0x4340000000000000); // 2^53

/** y·2^n for the n an argument reduction of exp produces (musl scalbn). */
function scale2(x: f64, n: i32): f64 {
  let y = x;
  if (n > 1023) {
    y *= TWO_1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO_1023;
      n = min(n - 1023, 1023);
    }
  } else if (n < -1022) {
    // Keep the final n < −53 so that the subnormal range is not rounded twice.
    y *= TWO_M1022 * TWO_53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= TWO_M1022 * TWO_53;
      n = max(n + 1022 - 53, -1022);
    }
  }
  return y * reinterpret<f64>(<u64>(0x3FF + n) << 52);
}

export function exp(x: f64): f64 {
  let hx = <u32>(reinterpret<u64>(x) >> 32);
  const sign = <i32>(hx >> 31);
  hx &= 0x7FFFFFFF;
  if (hx >= 0x4086232B) { // |x| ≥ 708.39 or NaN
    if (x != x) return x;
    if (x > OVERFLOW) return x * TWO_1023;
    if (x < UNDERFLOW) return 0;
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (hx > 0x3FD62E42) { // |x| > ln2/2
    if (hx >= 0x3FF0A2B2) { // |x| ≥ 1.5 ln2
      k = <i32>(INV_LN2 * x + (sign != 0 ? -0.5 : 0.5));
    } else {
      k = 1 - (sign << 1);
    }
    hi = x - <f64>k * LN2_HI;
    lo = <f64>k * LN2_LO;
    x = hi - lo;
  } else if (hx > 0x3E300000) { // |x| > 2^-28
    hi = x;
  } else {
    return 1.0 + x;
  }
  const xs = x * x;
  const xq = xs * xs;
  const c = x - (xs * P1 + xq * ((P2 + xs * P3) + xq * (P4 + xs * P5)));
  const y = 1.0 + (x * c / (2 - c) - lo + hi);
  return k == 0 ? y : scale2(y, k);
}
