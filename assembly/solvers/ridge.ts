import { dot } from "../kernels/dot";
import { gramColumns, gramRows } from "../kernels/gram";
import { choleskyFactor, choleskySolve } from "../linalg/cholesky";
import { minNormSolve } from "../linalg/minNormSolve";

// Ridge regression  min_w ||y − Xw||² + α||w||²  on a prepared X by Cholesky,
// choosing the smaller of the two normal systems as scikit-learn's
// `_solve_cholesky` / `_solve_cholesky_kernel` do:
//   primal (n ≥ p): (XᵀX + αI) w = Xᵀy                  — p×p
//   dual   (p > n): (XXᵀ + αI) a = y,  w = Xᵀa          — n×n
// Both return 0 or the failing pivot index + 1 (singular system). A singular
// system is then solved again by its minimum-norm solution (the *MinNorm
// variants below, linalg/minNormSolve), which at alpha = 0 is the
// minimum-norm least-squares fit, as scikit-learn's lstsq fallback.

/** Workspace G[p·p], diag[p]. `pf` is 0 or p penalty factors: the system is
 *  then XᵀX + α·diag(pf) (glmnet's penalty.factor; pfⱼ = 0 leaves feature j
 *  unpenalized). Writes w[p]. */
export function ridgePrimal(X: usize, y: usize, n: i32, p: i32, alpha: f64, pf: usize, G: usize, diag: usize, w: usize): i32 {
  const colBytes = <usize>n << 3;
  gramColumns(X, n, p, G);
  for (let j = 0; j < p; j++) {
    const d = G + ((<usize>j * <usize>p + <usize>j) << 3);
    store<f64>(d, load<f64>(d) + (pf == 0 ? alpha : alpha * load<f64>(pf + (<usize>j << 3))));
    store<f64>(w + (<usize>j << 3), dot(X + <usize>j * colBytes, y, n));
  }
  const info = choleskyFactor(G, p, diag);
  if (info != 0) return info;
  choleskySolve(G, p, w);
  return 0;
}

/** Workspace K[n·n], a[n], diag[n]. Writes w[p]. */
export function ridgeDual(X: usize, y: usize, n: i32, p: i32, alpha: f64, K: usize, a: usize, diag: usize, w: usize): i32 {
  const colBytes = <usize>n << 3;
  gramRows(X, n, p, K);
  for (let i = 0; i < n; i++) {
    const d = K + ((<usize>i * <usize>n + <usize>i) << 3);
    store<f64>(d, load<f64>(d) + alpha);
  }
  memory.copy(a, y, colBytes);
  const info = choleskyFactor(K, n, diag);
  if (info != 0) return info;
  choleskySolve(K, n, a);
  for (let j = 0; j < p; j++) store<f64>(w + (<usize>j << 3), dot(X + <usize>j * colBytes, a, n));
  return 0;
}

/** The primal system again, solved by x = A⁺Xᵀy (linalg/minNormSolve) after
 *  Cholesky found it singular. Workspace G[p·p], b, d, e, work[p]. Writes
 *  w[p]; returns the rank deficiency, or −1 (eigensolver failure). */
export function ridgePrimalMinNorm(
  X: usize, y: usize, n: i32, p: i32, alpha: f64, pf: usize, G: usize, b: usize, d: usize, e: usize, work: usize, w: usize,
): i32 {
  const colBytes = <usize>n << 3;
  gramColumns(X, n, p, G);
  for (let j = 0; j < p; j++) {
    const o = G + ((<usize>j * <usize>p + <usize>j) << 3);
    store<f64>(o, load<f64>(o) + (pf == 0 ? alpha : alpha * load<f64>(pf + (<usize>j << 3))));
    store<f64>(b + (<usize>j << 3), dot(X + <usize>j * colBytes, y, n));
  }
  return minNormSolve(G, p, b, d, e, work, w);
}

/** The dual system again, a = (XXᵀ + αI)⁺y, w = Xᵀa. Workspace K[n·n], a, d,
 *  e, work[n]. Writes w[p]; returns the rank deficiency, or −1. */
export function ridgeDualMinNorm(
  X: usize, y: usize, n: i32, p: i32, alpha: f64, K: usize, a: usize, d: usize, e: usize, work: usize, w: usize,
): i32 {
  const colBytes = <usize>n << 3;
  gramRows(X, n, p, K);
  for (let i = 0; i < n; i++) {
    const o = K + ((<usize>i * <usize>n + <usize>i) << 3);
    store<f64>(o, load<f64>(o) + alpha);
  }
  const dropped = minNormSolve(K, n, y, d, e, work, a);
  if (dropped < 0) return dropped;
  for (let j = 0; j < p; j++) store<f64>(w + (<usize>j << 3), dot(X + <usize>j * colBytes, a, n));
  return dropped;
}
