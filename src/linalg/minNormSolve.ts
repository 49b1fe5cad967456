import { axpy } from '../kernels/axpy.js';
import { dot } from '../kernels/dot.js';
import { symmetricEigen } from './symmetricEigen.js';

/**
 * Twin of assembly/linalg/minNormSolve.ts: x = A⁺b for a singular symmetric
 * positive-semidefinite A (m×m, column-major, lower triangle read) from its
 * eigendecomposition, eigenvalues ≤ (m + 4096)·eps·λ_max taken as zero (the
 * Cholesky singularity threshold). A is overwritten; d, e, work hold m values.
 * Returns the number of eigenvalues dropped, or −1 when the eigensolver did not converge.
 */

const EPS = 2.220446049250313e-16;

export function minNormSolve(
  A: Float64Array, m: number, B: Float64Array, k: number, d: Float64Array, e: Float64Array, work: Float64Array, X: Float64Array,
): number {
  if (symmetricEigen(A, m, d, e, work) !== 0) return -1;
  const top = d[m - 1];
  const tau = (m + 4096) * EPS * top;
  let dropped = 0;
  for (let c = 0; c < m; c++) if (!(d[c] > tau)) dropped++;
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < m; j++) X[t * m + j] = 0;
    for (let c = 0; c < m; c++) {
      const lam = d[c];
      if (!(lam > tau)) continue;
      axpy(dot(A, c * m, B, t * m, m) / lam, A, c * m, X, t * m, m);
    }
  }
  return dropped;
}
