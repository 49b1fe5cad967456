import { dot } from "./dot";
import { axpy } from "./axpy";

// Gram matrices of a column-major X (n×p), lower triangles only (what the
// Cholesky factorization reads).

/** G (p×p, column-major) ← XᵀX, lower triangle: G[k,j] = Xₖ·Xⱼ for k ≥ j. */
export function gramColumns(X: usize, n: i32, p: i32, G: usize): void {
  const colBytes = <usize>n << 3;
  const ld = <usize>p << 3;
  for (let j = 0; j < p; j++) {
    const X_j = X + <usize>j * colBytes;
    for (let k = j; k < p; k++) {
      store<f64>(G + <usize>j * ld + (<usize>k << 3), dot(X + <usize>k * colBytes, X_j, n));
    }
  }
}

/** K (n×n, column-major) ← XXᵀ, lower triangle, as a sum of rank-one updates
 *  Σⱼ xⱼxⱼᵀ over the columns of X, each applied with contiguous axpys, so X is
 *  never transposed (no second n×p buffer). */
export function gramRows(X: usize, n: i32, p: i32, K: usize): void {
  const colBytes = <usize>n << 3;
  memory.fill(K, 0, <usize>n * colBytes);
  for (let j = 0; j < p; j++) {
    const X_j = X + <usize>j * colBytes;
    for (let k = 0; k < n; k++) {
      const xkj = load<f64>(X_j + (<usize>k << 3));
      if (xkj != 0) axpy(xkj, X_j + (<usize>k << 3), K + <usize>k * colBytes + (<usize>k << 3), n - k);
    }
  }
}

/** Copies the lower triangle of the column-major m×m matrix A onto its upper triangle (A becomes fully symmetric). */
export function symmetrizeLower(A: usize, m: i32): void {
  const ld = <usize>m << 3;
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) {
      // A[j, k] (column k, row j) ← A[k, j] (column j, row k)
      store<f64>(A + <usize>k * ld + (<usize>j << 3), load<f64>(A + <usize>j * ld + (<usize>k << 3)));
    }
  }
}
