import { axpy } from "../kernels/axpy";
import { dot } from "../kernels/dot";
import { syrkLowerSub } from "../kernels/syrk";

// Cholesky factorization A = LLᵀ of a symmetric positive-definite matrix, in
// place, column-major, lower triangle (the upper triangle is never read or
// written).
//
// Blocked right-looking form (Golub & Van Loan, Matrix Computations, 4th ed.,
// §4.2.9, "block Cholesky"), on two levels: the matrix is taken CHOL_BLOCK
// columns at a time; a panel is factored CHOL_INNER columns at a time by the
// outer-product algorithm (Alg. 4.2.2: scale column k, update the block's
// later columns with contiguous axpys), each inner block then updating the
// panel's remaining columns; finally the trailing matrix receives the panel's
// whole rank-CHOL_BLOCK update at once. Both updates are the register-tiled
// SYRK of kernels/syrk.ts, where almost all of the m³/3 flops happen. Every entry A[i,j] still receives the updates
// A[i,j] − L[i,k]·L[j,k] one at a time for k = 0, 1, …, j−1 in increasing k,
// then the division by L[j,j] — exactly the operations, in the same order,
// of the unblocked right-looking algorithm, which is what the JS twin
// (src/linalg/cholesky.ts) runs. (x + (−l)·y and x − l·y round identically.)
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

/** Panel width of the blocked factorization (speed only: any value gives the same bits). */
const CHOL_BLOCK: i32 = 64;
/** Width of the inner blocks a panel is factored by (speed only, as CHOL_BLOCK). */
const CHOL_INNER: i32 = 16;

export function choleskyFactor(A: usize, m: i32, diag: usize): i32 {
  const ld = <usize>m << 3;
  for (let k = 0; k < m; k++) {
    store<f64>(diag + (<usize>k << 3), load<f64>(A + <usize>k * ld + (<usize>k << 3)));
  }
  const rel = (<f64>m + 4096) * 2.220446049250313e-16;
  for (let k0 = 0; k0 < m; k0 += CHOL_BLOCK) {
    const k1 = min(k0 + CHOL_BLOCK, m);
    // Panel k0..k1−1 (rows k0..m−1), itself blocked: CHOL_INNER columns by the
    // outer-product algorithm, then their update of the panel's later columns.
    for (let q0 = k0; q0 < k1; q0 += CHOL_INNER) {
      const q1 = min(q0 + CHOL_INNER, k1);
      for (let k = q0; k < q1; k++) {
        const colK = A + <usize>k * ld;
        const d = load<f64>(colK + (<usize>k << 3));
        if (!(d > rel * load<f64>(diag + (<usize>k << 3)))) return k + 1;
        const l = Math.sqrt(d);
        store<f64>(colK + (<usize>k << 3), l);
        for (let i = k + 1; i < m; i++) {
          const o = colK + (<usize>i << 3);
          store<f64>(o, load<f64>(o) / l);
        }
        for (let j = k + 1; j < q1; j++) {
          axpy(-load<f64>(colK + (<usize>j << 3)), colK + (<usize>j << 3), A + <usize>j * ld + (<usize>j << 3), m - j);
        }
      }
      if (q1 < k1) {
        syrkLowerSub(A + <usize>q1 * ld + (<usize>q1 << 3), ld, m - q1, k1 - q1, A + <usize>q0 * ld + (<usize>q1 << 3), ld, q1 - q0);
      }
    }
    // Trailing matrix A[k1:, k1:] ← A[k1:, k1:] − L[k1:, k0:k1]·L[k1:, k0:k1]ᵀ.
    if (k1 < m) {
      syrkLowerSub(A + <usize>k1 * ld + (<usize>k1 << 3), ld, m - k1, m - k1, A + <usize>k0 * ld + (<usize>k1 << 3), ld, k1 - k0);
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
