import { axpy } from "../kernels/axpy";
import { dot } from "../kernels/dot";

// Cholesky factorization A = LLᵀ of a symmetric positive-definite matrix, in
// place, column-major, lower triangle (the upper triangle is never read).
// Right-looking outer-product form (Golub & Van Loan, Matrix Computations,
// 4th ed., Alg. 4.2.2): after column k is scaled, the trailing columns are
// updated with contiguous axpys, which vectorize with f64x2.
//
// Accuracy: backward stable, ||ΔA|| ≤ c·m·eps·||A|| (Higham, Accuracy and
// Stability of Numerical Algorithms, Thm 10.3). A pivot that has lost all but
// (m + 4096)·eps of its original diagonal value Aₖₖ (column k is numerically a
// linear combination of the earlier ones) is reported as singularity instead of
// being factored into garbage. Why that threshold: for an exactly dependent
// column the computed pivot is rounding noise of order (k + √n)·eps·Aₖₖ — the
// factorization's own error plus that of the Gram products over n rows
// (measured up to 30·eps with n = 1e5) — so m·eps alone let such pivots through
// and produced arbitrary coefficients; a matrix refused by (m + 4096)·eps has a
// condition number above ~1e12, where the normal equations would leave fewer
// than 4 correct digits. The test is relative to Aₖₖ, so it is invariant to
// scaling rows and columns of A.
//
// `diag` is workspace for m values (the original diagonal).
// Returns 0 on success, or k+1 when the k-th pivot fails.
export function choleskyFactor(A: usize, m: i32, diag: usize): i32 {
  const ld = <usize>m << 3;
  for (let k = 0; k < m; k++) {
    store<f64>(diag + (<usize>k << 3), load<f64>(A + <usize>k * ld + (<usize>k << 3)));
  }
  const rel = (<f64>m + 4096) * 2.220446049250313e-16;
  for (let k = 0; k < m; k++) {
    const colK = A + <usize>k * ld;
    const d = load<f64>(colK + (<usize>k << 3));
    if (!(d > rel * load<f64>(diag + (<usize>k << 3)))) return k + 1;
    const l = Math.sqrt(d);
    store<f64>(colK + (<usize>k << 3), l);
    for (let i = k + 1; i < m; i++) {
      const o = colK + (<usize>i << 3);
      store<f64>(o, load<f64>(o) / l);
    }
    for (let j = k + 1; j < m; j++) {
      const ljk = load<f64>(colK + (<usize>j << 3));
      if (ljk != 0) axpy(-ljk, colK + (<usize>j << 3), A + <usize>j * ld + (<usize>j << 3), m - j);
    }
  }
  return 0;
}

// Solves LLᵀx = b in place (b ← x) with the factor from choleskyFactor:
// forward substitution by columns (axpy), back substitution by dots with the
// columns of L (= rows of Lᵀ), both on contiguous memory.
export function choleskySolve(L: usize, m: i32, b: usize): void {
  const ld = <usize>m << 3;
  for (let k = 0; k < m; k++) {
    const colK = L + <usize>k * ld;
    const zk = load<f64>(b + (<usize>k << 3)) / load<f64>(colK + (<usize>k << 3));
    store<f64>(b + (<usize>k << 3), zk);
    if (zk != 0) axpy(-zk, colK + (<usize>(k + 1) << 3), b + (<usize>(k + 1) << 3), m - k - 1);
  }
  for (let k = m - 1; k >= 0; k--) {
    const colK = L + <usize>k * ld;
    const s = load<f64>(b + (<usize>k << 3)) - dot(colK + (<usize>(k + 1) << 3), b + (<usize>(k + 1) << 3), m - k - 1);
    store<f64>(b + (<usize>k << 3), s / load<f64>(colK + (<usize>k << 3)));
  }
}
