import { dot } from '../kernels/dot.js';
import { gramColumns, gramRows } from '../kernels/gram.js';
import { choleskyFactor, choleskySolve } from '../linalg/cholesky.js';
import { minNormSolve } from '../linalg/minNormSolve.js';

/**
 * Twin of assembly/solvers/ridge.ts: ridge by Cholesky on the smaller normal
 * system, primal (XᵀX + αI)W = XᵀY for n ≥ p, dual (XXᵀ + αI)A = Y, W = XᵀA
 * for p > n (scikit-learn's `_solve_cholesky` / `_solve_cholesky_kernel`), k
 * targets from one factorization (Y n×k, W p×k column-major).
 * Return 0 or the failing pivot index + 1; the *MinNorm variants solve a
 * singular system by its minimum-norm solution.
 */

function addPenalty(A: Float64Array, m: number, alpha: number, pf: Float64Array | null): void {
  for (let j = 0; j < m; j++) A[j * m + j] = A[j * m + j] + (pf === null ? alpha : alpha * pf[j]);
}

function crossProducts(X: Float64Array, Y: Float64Array, n: number, p: number, k: number, B: Float64Array): void {
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < p; j++) B[t * p + j] = dot(X, j * n, Y, t * n, n);
  }
}

export function ridgePrimal(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number, pf: Float64Array | null,
  G: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  gramColumns(X, n, p, G);
  return primalFromGram(X, Y, n, p, k, alpha, pf, G, diag, W);
}

/** ridgePrimal with XᵀX given: G0 holds gramColumns(X) (kept by the caller across alphas); G ← G0, then as ridgePrimal. */
export function ridgePrimalGram(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number, pf: Float64Array | null,
  G0: Float64Array, G: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  G.set(G0.subarray(0, p * p));
  return primalFromGram(X, Y, n, p, k, alpha, pf, G, diag, W);
}

function primalFromGram(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number, pf: Float64Array | null,
  G: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  addPenalty(G, p, alpha, pf);
  crossProducts(X, Y, n, p, k, W);
  const info = choleskyFactor(G, p, diag);
  if (info !== 0) return info;
  for (let t = 0; t < k; t++) choleskySolve(G, p, W.subarray(t * p, (t + 1) * p));
  return 0;
}

export function ridgeDual(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number,
  K: Float64Array, A: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  gramRows(X, n, p, K);
  return dualFromGram(X, Y, n, p, k, alpha, K, A, diag, W);
}

/** ridgeDual with XXᵀ given: K0 holds gramRows(X); K ← K0, then as ridgeDual. */
export function ridgeDualGram(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number,
  K0: Float64Array, K: Float64Array, A: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  K.set(K0.subarray(0, n * n));
  return dualFromGram(X, Y, n, p, k, alpha, K, A, diag, W);
}

function dualFromGram(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number,
  K: Float64Array, A: Float64Array, diag: Float64Array, W: Float64Array,
): number {
  addPenalty(K, n, alpha, null);
  A.set(Y.subarray(0, n * k));
  const info = choleskyFactor(K, n, diag);
  if (info !== 0) return info;
  for (let t = 0; t < k; t++) choleskySolve(K, n, A.subarray(t * n, (t + 1) * n));
  crossProducts(X, A, n, p, k, W);
  return 0;
}

export function ridgePrimalMinNorm(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number, pf: Float64Array | null,
  G: Float64Array, B: Float64Array, d: Float64Array, e: Float64Array, work: Float64Array, W: Float64Array,
): number {
  gramColumns(X, n, p, G);
  addPenalty(G, p, alpha, pf);
  crossProducts(X, Y, n, p, k, B);
  return minNormSolve(G, p, B, k, d, e, work, W);
}

export function ridgeDualMinNorm(
  X: Float64Array, Y: Float64Array, n: number, p: number, k: number, alpha: number,
  K: Float64Array, A: Float64Array, d: Float64Array, e: Float64Array, work: Float64Array, W: Float64Array,
): number {
  gramRows(X, n, p, K);
  addPenalty(K, n, alpha, null);
  const dropped = minNormSolve(K, n, Y, k, d, e, work, A);
  if (dropped < 0) return dropped;
  crossProducts(X, A, n, p, k, W);
  return dropped;
}
