// Natural logarithm, the fdlibm/musl algorithm (musl src/math/log.c;
// AssemblyScript std's NativeMath.log at shrink level ≥ 1), written out here
// so that the JS twin src/math/log.ts repeats it operation for operation.
// x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then log(1 + f) = f − f²/2 +
// s·(f²/2 + R(s²)), s = f/(2 + f), R a degree-14 Remez polynomial. Error < 1 ulp.

// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business.
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
// @ts-ignore: decorator
@inline const TWO_54 = reinterpret<f64>(0x4350000000000000); // 2^54

export function log(x: f64): f64 {
  let u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32);
  let k: i32 = 0;
  if ((hx >> 31) != 0 || hx < 0x00100000) {
    if (u << 1 == 0) return -1 / (x * x); // log(±0) = −∞
    if ((hx >> 31) != 0) return (x - x) / 0.0; // log(x < 0) = NaN
    // Subnormal: scale up.
    k -= 54;
    x *= TWO_54;
    u = reinterpret<u64>(x);
    hx = <u32>(u >> 32);
  } else if (hx >= 0x7FF00000) {
    return x;
  } else if (hx == 0x3FF00000 && (u << 32) == 0) {
    return 0;
  }
  // Reduce x into [√2/2, √2].
  hx += 0x3FF00000 - 0x3FE6A09E;
  k += <i32>(hx >> 20) - 0x3FF;
  hx = (hx & 0x000FFFFF) + 0x3FE6A09E;
  u = (<u64>hx << 32) | (u & 0xFFFFFFFF);
  x = reinterpret<f64>(u);
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const dk = <f64>k;
  return s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
}
