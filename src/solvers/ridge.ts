import { dot } from '../kernels/dot.js';
import { gramColumns, gramRows } from '../kernels/gram.js';
import { choleskyFactor, choleskySolve } from '../linalg/cholesky.js';
import { minNormSolve } from '../linalg/minNormSolve.js';

/**
 * Twin of assembly/solvers/ridge.ts: ridge by Cholesky on the smaller normal
 * system, primal (XᵀX + αI)w = Xᵀy for n ≥ p, dual (XXᵀ + αI)a = y, w = Xᵀa
 * for p > n (scikit-learn's `_solve_cholesky` / `_solve_cholesky_kernel`).
 * Return 0 or the failing pivot index + 1.
 */
export function ridgePrimal(
  X: Float64Array, y: Float64Array, n: number, p: number, alpha: number, pf: Float64Array | null,
  G: Float64Array, diag: Float64Array, w: Float64Array,
): number {
  gramColumns(X, n, p, G);
  for (let j = 0; j < p; j++) {
    G[j * p + j] = G[j * p + j] + (pf === null ? alpha : alpha * pf[j]);
    w[j] = dot(X, j * n, y, 0, n);
  }
  const info = choleskyFactor(G, p, diag);
  if (info !== 0) return info;
  choleskySolve(G, p, w);
  return 0;
}

export function ridgeDual(
  X: Float64Array, y: Float64Array, n: number, p: number, alpha: number,
  K: Float64Array, a: Float64Array, diag: Float64Array, w: Float64Array,
): number {
  gramRows(X, n, p, K);
  for (let i = 0; i < n; i++) K[i * n + i] = K[i * n + i] + alpha;
  a.set(y.subarray(0, n));
  const info = choleskyFactor(K, n, diag);
  if (info !== 0) return info;
  choleskySolve(K, n, a);
  for (let j = 0; j < p; j++) w[j] = dot(X, j * n, a, 0, n);
  return 0;
}

/** Twin of ridgePrimalMinNorm: the singular primal system solved by A⁺Xᵀy. Returns the rank deficiency, or −1. */
export function ridgePrimalMinNorm(
  X: Float64Array, y: Float64Array, n: number, p: number, alpha: number, pf: Float64Array | null,
  G: Float64Array, b: Float64Array, d: Float64Array, e: Float64Array, work: Float64Array, w: Float64Array,
): number {
  gramColumns(X, n, p, G);
  for (let j = 0; j < p; j++) {
    G[j * p + j] = G[j * p + j] + (pf === null ? alpha : alpha * pf[j]);
    b[j] = dot(X, j * n, y, 0, n);
  }
  return minNormSolve(G, p, b, d, e, work, w);
}

/** Twin of ridgeDualMinNorm: a = (XXᵀ + αI)⁺y, w = Xᵀa. Returns the rank deficiency, or −1. */
export function ridgeDualMinNorm(
  X: Float64Array, y: Float64Array, n: number, p: number, alpha: number,
  K: Float64Array, a: Float64Array, d: Float64Array, e: Float64Array, work: Float64Array, w: Float64Array,
): number {
  gramRows(X, n, p, K);
  for (let i = 0; i < n; i++) K[i * n + i] = K[i * n + i] + alpha;
  const dropped = minNormSolve(K, n, y, d, e, work, a);
  if (dropped < 0) return dropped;
  for (let j = 0; j < p; j++) w[j] = dot(X, j * n, a, 0, n);
  return dropped;
}
