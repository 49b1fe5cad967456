import { axpy } from '../kernels/axpy.js';
import { dot } from '../kernels/dot.js';

/**
 * Twin of assembly/linalg/cholesky.ts: in-place lower Cholesky factor of a
 * column-major m×m SPD matrix (right-looking, Golub & Van Loan Alg. 4.2.2).
 * A pivot below (m + 4096)·eps times its original diagonal value (rounding
 * noise of an exactly dependent column; see the AS kernel) is reported as
 * singularity. Returns 0, or k+1 for a failed k-th pivot.
 */
export function choleskyFactor(A: Float64Array, m: number, diag: Float64Array): number {
  for (let k = 0; k < m; k++) diag[k] = A[k * m + k];
  const rel = (m + 4096) * 2.220446049250313e-16;
  for (let k = 0; k < m; k++) {
    const ck = k * m;
    const d = A[ck + k];
    if (!(d > rel * diag[k])) return k + 1;
    const l = Math.sqrt(d);
    A[ck + k] = l;
    for (let i = k + 1; i < m; i++) A[ck + i] = A[ck + i] / l;
    for (let j = k + 1; j < m; j++) {
      const ljk = A[ck + j];
      if (ljk !== 0) axpy(-ljk, A, ck + j, A, j * m + j, m - j);
    }
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
