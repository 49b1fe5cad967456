import { axpy } from '../kernels/axpy.js';
import { dot } from '../kernels/dot.js';
import { syrkLowerSub } from '../kernels/syrk.js';

/** Panel widths, as CHOL_BLOCK / CHOL_INNER in the AS kernel (any values give the same bits). */
const CHOL_BLOCK = 64;
const CHOL_INNER = 16;

/**
 * Twin of assembly/linalg/cholesky.ts: in-place lower Cholesky factor of a
 * column-major m×m SPD matrix, blocked right-looking (Golub & Van Loan
 * §4.2.9) on two levels: panels of CHOL_BLOCK columns, each factored in
 * blocks of CHOL_INNER columns by the outer-product algorithm (Alg. 4.2.2)
 * plus a SYRK update of the panel's remaining columns, then the trailing
 * matrix by one rank-CHOL_BLOCK SYRK. Every
 * entry gets its updates one at a time in increasing k, as in the unblocked
 * algorithm and in the WASM kernel. A pivot below (m + 4096)·eps times its
 * original diagonal value (rounding noise of an exactly dependent column;
 * see the AS kernel) is reported as singularity. Returns 0, or k+1 for a
 * failed k-th pivot.
 */
export function choleskyFactor(A: Float64Array, m: number, diag: Float64Array): number {
  for (let k = 0; k < m; k++) diag[k] = A[k * m + k];
  const rel = (m + 4096) * 2.220446049250313e-16;
  for (let k0 = 0; k0 < m; k0 += CHOL_BLOCK) {
    const k1 = Math.min(k0 + CHOL_BLOCK, m);
    for (let q0 = k0; q0 < k1; q0 += CHOL_INNER) {
      const q1 = Math.min(q0 + CHOL_INNER, k1);
      for (let k = q0; k < q1; k++) {
        const ck = k * m;
        const d = A[ck + k];
        if (!(d > rel * diag[k])) return k + 1;
        const l = Math.sqrt(d);
        A[ck + k] = l;
        for (let i = k + 1; i < m; i++) A[ck + i] = A[ck + i] / l;
        for (let j = k + 1; j < q1; j++) axpy(-A[ck + j], A, ck + j, A, j * m + j, m - j);
      }
      if (q1 < k1) syrkLowerSub(A, q1 * m + q1, m, m - q1, k1 - q1, A, q0 * m + q1, m, q1 - q0);
    }
    if (k1 < m) syrkLowerSub(A, k1 * m + k1, m, m - k1, m - k1, A, k0 * m + k1, m, k1 - k0);
  }
  return 0;
}

/** Twin of `choleskySolve`: b ← (LLᵀ)⁻¹b. */
export function choleskySolve(L: Float64Array, m: number, b: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const zk = b[k] / L[k * m + k];
    b[k] = zk;
    if (zk !== 0) axpy(-zk, L, k * m + k + 1, b, k + 1, m - k - 1);
  }
  for (let k = m - 1; k >= 0; k--) {
    const s = b[k] - dot(L, k * m + k + 1, b, k + 1, m - k - 1);
    b[k] = s / L[k * m + k];
  }
}
