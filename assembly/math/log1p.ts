// log(1 + x), accurate for small |x|: the fdlibm/musl algorithm (musl
// src/math/log1p.c; AssemblyScript std's NativeMath.log1p), written out here
// so that the JS twin src/math/log1p.ts repeats it operation for operation.
// The rounding error of 1 + x is carried as a correction term c. Error < 1 ulp.

// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this software is freely
// granted, provided that this notice is preserved.
// ====================================================

// @ts-ignore: decorator
@inline const LN2_HI = reinterpret<f64>(0x3FE62E42FEE00000); // 6.93147180369123816490e-01
// @ts-ignore: decorator
@inline const LN2_LO = reinterpret<f64>(0x3DEA39EF35793C76); // 1.90821492927058770002e-10
// @ts-ignore: decorator
@inline const LG1 = reinterpret<f64>(0x3FE5555555555593); // 6.666666666666735130e-01
// @ts-ignore: decorator
@inline const LG2 = reinterpret<f64>(0x3FD999999997FA04); // 3.999999999940941908e-01
// @ts-ignore: decorator
@inline const LG3 = reinterpret<f64>(0x3FD2492494229359); // 2.857142874366239149e-01
// @ts-ignore: decorator
@inline const LG4 = reinterpret<f64>(0x3FCC71C51D8E78AF); // 2.222219843214978396e-01
// @ts-ignore: decorator
@inline const LG5 = reinterpret<f64>(0x3FC7466496CB03DE); // 1.818357216161805012e-01
// @ts-ignore: decorator
@inline const LG6 = reinterpret<f64>(0x3FC39A09D078C69F); // 1.531383769920937332e-01
// @ts-ignore: decorator
@inline const LG7 = reinterpret<f64>(0x3FC2F112DF3E5244); // 1.479819860511658591e-01

export function log1p(x: f64): f64 {
  let u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32);
  let k: i32 = 1;
  let c: f64 = 0;
  let f: f64 = 0;
  if (hx < 0x3FDA827A || (hx >> 31) != 0) { // 1 + x < √2
    if (hx >= 0xBFF00000) { // x ≤ −1
      if (x == -1) return x / 0.0; // −∞
      return (x - x) / 0.0; // NaN
    }
    if ((hx << 1) < (<u32>0x3CA00000 << 1)) return x; // |x| < 2^-53
    if (hx <= 0xBFD2BEC4) { // −0.2929 < x < 0.41422
      k = 0;
      c = 0;
      f = x;
    }
  } else if (hx >= 0x7FF00000) {
    return x;
  }
  if (k != 0) {
    u = reinterpret<u64>(1 + x);
    let hu = <u32>(u >> 32);
    hu += 0x3FF00000 - 0x3FE6A09E;
    k = <i32>(hu >> 20) - 0x3FF;
    // Correction term ~ log(1 + x) − log(u); insignificant once k ≥ 54.
    if (k < 54) {
      const uf = reinterpret<f64>(u);
      c = k >= 2 ? 1 - (uf - x) : x - (uf - 1);
      c /= uf;
    } else {
      c = 0;
    }
    hu = (hu & 0x000FFFFF) + 0x3FE6A09E;
    u = (<u64>hu << 32) | (u & 0xFFFFFFFF);
    f = reinterpret<f64>(u) - 1;
  }
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const dk = <f64>k;
  return s * (hfsq + r) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}
