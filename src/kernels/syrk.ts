/**
 * Twin of assembly/kernels/syrk.ts: the lower-triangular rank-k update
 * C ← C ± U·Uᵀ (BLAS dsyrk, lower, no transpose) on column-major arrays
 * (C: m×m from offset `co`, leading dimension `ldc`; U: m×kk from `uo`,
 * leading dimension `ldu`, both in elements). Only entries a ≥ b are touched.
 *
 * Each entry receives its products one at a time in increasing t,
 * c ← c ± U[a,t]·U[b,t] — the order the register-tiled WASM kernel keeps
 * whatever its blocking — so both give the same bits. Here it is the plain
 * sequence of rank-one updates.
 */
export function syrkLowerAdd(C: Float64Array, co: number, ldc: number, m: number, U: Float64Array, uo: number, ldu: number, kk: number): void {
  for (let t = 0; t < kk; t++) {
    const ut = uo + t * ldu;
    for (let b = 0; b < m; b++) {
      const v = U[ut + b];
      const cb = co + b * ldc;
      for (let a = b; a < m; a++) C[cb + a] = C[cb + a] + U[ut + a] * v;
    }
  }
}

/** C ← C − U·Uᵀ on the lower triangle, first `ncols` columns only (see syrkLowerAdd and the AS kernel). */
export function syrkLowerSub(
  C: Float64Array, co: number, ldc: number, m: number, ncols: number, U: Float64Array, uo: number, ldu: number, kk: number,
): void {
  for (let t = 0; t < kk; t++) {
    const ut = uo + t * ldu;
    for (let b = 0; b < ncols; b++) {
      const v = U[ut + b];
      const cb = co + b * ldc;
      for (let a = b; a < m; a++) C[cb + a] = C[cb + a] - U[ut + a] * v;
    }
  }
}
