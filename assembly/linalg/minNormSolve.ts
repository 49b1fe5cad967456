import { axpy } from "../kernels/axpy";
import { dot } from "../kernels/dot";
import { symmetricEigen } from "./symmetricEigen";

// Minimum-norm solution x = A⁺b of a symmetric positive-semidefinite system
// A x = b (m×m, column-major, lower triangle read) that Cholesky found
// singular: from the eigendecomposition A = QΛQᵀ (linalg/symmetricEigen),
//   x = Σ_{λₖ > τ} qₖ (qₖᵀb) / λₖ,
// the pseudo-inverse applied to b — what scikit-learn's cholesky ridge falls
// back to (scipy.linalg.lstsq on the same system) and, at alpha = 0, the
// minimum-norm least-squares solution of X w ≈ y (Golub & Van Loan, Matrix
// Computations, 4th ed., §5.5.1 and §8.1). Eigenvalues at or below
// τ = (m + 4096)·eps·λ_max are taken as zero: the same relative threshold at
// which linalg/cholesky declares a pivot singular (rounding noise of the
// products that formed A), so a direction Cholesky refused is dropped here.
//
// B and X hold k right-hand sides and solutions (m×k, column-major), all from
// one decomposition. A is overwritten by the eigenvectors; `d`, `e`, `work`
// hold m values each. Writes X[m·k]. Returns the number of eigenvalues dropped (the rank deficiency),
// or −1 when the eigensolver did not converge.

const EPS: f64 = 2.220446049250313e-16;

export function minNormSolve(A: usize, m: i32, B: usize, k: i32, d: usize, e: usize, work: usize, X: usize): i32 {
  if (symmetricEigen(A, m, d, e, work) != 0) return -1;
  const ld = <usize>m << 3;
  const top = load<f64>(d + (<usize>(m - 1) << 3));
  const tau = (<f64>m + 4096) * EPS * top;
  let dropped = 0;
  for (let c = 0; c < m; c++) if (!(load<f64>(d + (<usize>c << 3)) > tau)) dropped++;
  for (let t = 0; t < k; t++) {
    const b = B + <usize>t * ld;
    const x = X + <usize>t * ld;
    for (let j = 0; j < m; j++) store<f64>(x + (<usize>j << 3), 0.0);
    for (let c = 0; c < m; c++) {
      const lam = load<f64>(d + (<usize>c << 3));
      if (!(lam > tau)) continue;
      const q = A + <usize>c * ld;
      axpy(dot(q, b, m) / lam, q, x, m);
    }
  }
  return dropped;
}
