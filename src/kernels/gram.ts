import { dot } from './dot.js';
import { axpy } from './axpy.js';

/** Twin of assembly/kernels/gram.ts `gramColumns`: G (p×p, column-major) ← XᵀX, lower triangle. */
export function gramColumns(X: Float64Array, n: number, p: number, G: Float64Array): void {
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) G[j * p + k] = dot(X, k * n, X, j * n, n);
  }
}

/** Twin of `gramRows`: K (n×n, column-major) ← XXᵀ, lower triangle, by rank-one updates over columns. */
export function gramRows(X: Float64Array, n: number, p: number, K: Float64Array): void {
  K.fill(0, 0, n * n);
  for (let j = 0; j < p; j++) {
    const cj = j * n;
    for (let k = 0; k < n; k++) {
      const xkj = X[cj + k];
      if (xkj !== 0) axpy(xkj, X, cj + k, K, k * n + k, n - k);
    }
  }
}

/** Twin of `symmetrizeLower`: copies the lower triangle of a column-major m×m matrix onto its upper triangle. */
export function symmetrizeLower(A: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) A[k * m + j] = A[j * m + k];
  }
}
