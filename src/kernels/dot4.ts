/**
 * Twin of assembly/kernels/dot4.ts: four dot products aᵀb₀ … aᵀb₃ sharing the
 * loads of `a` (a 1×4 GEMV tile, Goto & van de Geijn 2008). Per product: lanes
 * s0..s3 take element i when i % 4 == lane, combined as (s0 + s2) + (s1 + s3),
 * then the tail in order — the f64x2 kernel's exact operation order.
 * Results go to out[oo], out[oo+1·step], …: out[o0], out[o1], out[o2], out[o3].
 */
export function dot4(
  X: Float64Array, a: number, b0: number, b1: number, b2: number, b3: number, n: number,
  out: Float64Array, o0: number, o1: number, o2: number, o3: number,
): void {
  let p00 = 0, p01 = 0, q00 = 0, q01 = 0;
  let p10 = 0, p11 = 0, q10 = 0, q11 = 0;
  let p20 = 0, p21 = 0, q20 = 0, q21 = 0;
  let p30 = 0, p31 = 0, q30 = 0, q31 = 0;
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const x0 = X[a + i], x1 = X[a + i + 1], x2 = X[a + i + 2], x3 = X[a + i + 3];
    p00 += x0 * X[b0 + i]; p01 += x1 * X[b0 + i + 1]; q00 += x2 * X[b0 + i + 2]; q01 += x3 * X[b0 + i + 3];
    p10 += x0 * X[b1 + i]; p11 += x1 * X[b1 + i + 1]; q10 += x2 * X[b1 + i + 2]; q11 += x3 * X[b1 + i + 3];
    p20 += x0 * X[b2 + i]; p21 += x1 * X[b2 + i + 1]; q20 += x2 * X[b2 + i + 2]; q21 += x3 * X[b2 + i + 3];
    p30 += x0 * X[b3 + i]; p31 += x1 * X[b3 + i + 1]; q30 += x2 * X[b3 + i + 2]; q31 += x3 * X[b3 + i + 3];
  }
  let s0 = (p00 + q00) + (p01 + q01);
  let s1 = (p10 + q10) + (p11 + q11);
  let s2 = (p20 + q20) + (p21 + q21);
  let s3 = (p30 + q30) + (p31 + q31);
  for (; i < n; i++) {
    const ai = X[a + i];
    s0 += ai * X[b0 + i];
    s1 += ai * X[b1 + i];
    s2 += ai * X[b2 + i];
    s3 += ai * X[b3 + i];
  }
  out[o0] = s0;
  out[o1] = s1;
  out[o2] = s2;
  out[o3] = s3;
}
