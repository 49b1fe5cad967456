import { syrkLowerAdd } from './syrk.js';

/**
 * Rows of X per block in gramColumns — part of the definition of the result,
 * equal to GRAM_ROW_BLOCK in assembly/kernels/gram.ts.
 */
export const GRAM_ROW_BLOCK = 256;

/**
 * Twin of assembly/kernels/gram.ts `gramColumns`: G (p×p, column-major) ← XᵀX,
 * lower triangle (the rest left zero). Same operations in the same order as
 * the register-tiled WASM kernel: for each entry and each block of
 * GRAM_ROW_BLOCK rows (L of them, from k0), two interleaved running sums
 *   e over the even offsets t < L−1, o over the odd ones,
 * then e += the last product when L is odd, then G[i,j] += e + o.
 */
export function gramColumns(X: Float64Array, n: number, p: number, G: Float64Array): void {
  gramColumnRange(X, n, p, 0, p, G);
}

/** Twin of `gramColumnRange`: the columns j0 ≤ j < j1 of gramColumns' result (lower entries; other columns untouched). */
export function gramColumnRange(X: Float64Array, n: number, p: number, j0: number, j1: number, G: Float64Array): void {
  G.fill(0, j0 * p, j1 * p);
  for (let k0 = 0; k0 < n; k0 += GRAM_ROW_BLOCK) {
    const L = Math.min(GRAM_ROW_BLOCK, n - k0);
    const L2 = L & ~1;
    for (let j = j0; j < j1; j++) {
      const xj = j * n + k0;
      for (let i = j; i < p; i++) {
        const xi = i * n + k0;
        let e = 0;
        let o = 0;
        for (let t = 0; t < L2; t += 2) {
          e += X[xi + t] * X[xj + t];
          o += X[xi + t + 1] * X[xj + t + 1];
        }
        if (L & 1) e += X[xi + L2] * X[xj + L2];
        G[j * p + i] += e + o;
      }
    }
  }
}

/**
 * Twin of `gramRows`: K (n×n, column-major) ← XXᵀ, lower triangle, as the
 * rank-p update 0 + Σⱼ xⱼxⱼᵀ over the columns of X (each entry summed in
 * increasing j), so X is never transposed.
 */
export function gramRows(X: Float64Array, n: number, p: number, K: Float64Array): void {
  K.fill(0, 0, n * n);
  syrkLowerAdd(K, 0, n, n, X, 0, n, p);
}

/** Twin of `symmetrizeLower`: copies the lower triangle of a column-major m×m matrix onto its upper triangle. */
export function symmetrizeLower(A: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) A[k * m + j] = A[j * m + k];
  }
}
