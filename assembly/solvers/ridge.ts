import { dot } from "../kernels/dot";
import { gramColumns, gramRows } from "../kernels/gram";
import { choleskyFactor, choleskySolve } from "../linalg/cholesky";
import { minNormSolve } from "../linalg/minNormSolve";

// Ridge regression  min_w ||y − Xw||² + α||w||²  on a prepared X by Cholesky,
// choosing the smaller of the two normal systems as scikit-learn's
// `_solve_cholesky` / `_solve_cholesky_kernel` do:
//   primal (n ≥ p): (XᵀX + αI) w = Xᵀy                  — p×p
//   dual   (p > n): (XXᵀ + αI) a = y,  w = Xᵀa          — n×n
// for k targets at once (Y n×k and W p×k column-major: one factorization,
// k triangular solves, as scikit-learn solves a 2-D y).
// Both return 0 or the failing pivot index + 1 (singular system). A singular
// system is then solved again by its minimum-norm solution (the *MinNorm
// variants below, linalg/minNormSolve), which at alpha = 0 is the
// minimum-norm least-squares fit, as scikit-learn's lstsq fallback.

/** Adds α·pfⱼ (α when pf = 0) to the diagonal of the m×m matrix A. */
function addPenalty(A: usize, m: i32, alpha: f64, pf: usize): void {
  for (let j = 0; j < m; j++) {
    const d = A + ((<usize>j * <usize>m + <usize>j) << 3);
    store<f64>(d, load<f64>(d) + (pf == 0 ? alpha : alpha * load<f64>(pf + (<usize>j << 3))));
  }
}

/** B[p×k] ← XᵀY for column-major X (n×p) and Y (n×k). */
function crossProducts(X: usize, Y: usize, n: i32, p: i32, k: i32, B: usize): void {
  const colBytes = <usize>n << 3;
  for (let t = 0; t < k; t++) {
    const y = Y + <usize>t * colBytes;
    const b = B + ((<usize>t * <usize>p) << 3);
    for (let j = 0; j < p; j++) store<f64>(b + (<usize>j << 3), dot(X + <usize>j * colBytes, y, n));
  }
}

/** W[p×k] ← XᵀA for A n×k. */
function fromDual(X: usize, A: usize, n: i32, p: i32, k: i32, W: usize): void {
  crossProducts(X, A, n, p, k, W);
}

/** Workspace G[p·p], diag[p]. `pf` is 0 or p penalty factors: the system is
 *  then XᵀX + α·diag(pf) (glmnet's penalty.factor; pfⱼ = 0 leaves feature j
 *  unpenalized). Writes W[p·k]. */
export function ridgePrimal(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, pf: usize, G: usize, diag: usize, W: usize): i32 {
  gramColumns(X, n, p, G);
  return primalFromGram(X, Y, n, p, k, alpha, pf, G, diag, W);
}

/** ridgePrimal with XᵀX given: G0 holds gramColumns(X) (kept by the caller
 *  across alphas: K-fold RidgeCV solves one fold's design at every alpha, and
 *  forming XᵀX is most of each solve); G ← G0, then as ridgePrimal — the same
 *  bits, from the same kernel's product. */
export function ridgePrimalGram(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, pf: usize, G0: usize, G: usize, diag: usize, W: usize): i32 {
  memory.copy(G, G0, (<usize>p * <usize>p) << 3);
  return primalFromGram(X, Y, n, p, k, alpha, pf, G, diag, W);
}

/** The primal solve once G holds XᵀX. */
function primalFromGram(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, pf: usize, G: usize, diag: usize, W: usize): i32 {
  addPenalty(G, p, alpha, pf);
  crossProducts(X, Y, n, p, k, W);
  const info = choleskyFactor(G, p, diag);
  if (info != 0) return info;
  for (let t = 0; t < k; t++) choleskySolve(G, p, W + ((<usize>t * <usize>p) << 3));
  return 0;
}

/** Workspace K[n·n], A[n·k], diag[n]. Writes W[p·k]. */
export function ridgeDual(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, K: usize, A: usize, diag: usize, W: usize): i32 {
  gramRows(X, n, p, K);
  return dualFromGram(X, Y, n, p, k, alpha, K, A, diag, W);
}

/** ridgeDual with XXᵀ given: K0 holds gramRows(X) (kept across alphas, as
 *  ridgePrimalGram's G0); K ← K0, then as ridgeDual. */
export function ridgeDualGram(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, K0: usize, K: usize, A: usize, diag: usize, W: usize): i32 {
  memory.copy(K, K0, (<usize>n * <usize>n) << 3);
  return dualFromGram(X, Y, n, p, k, alpha, K, A, diag, W);
}

/** The dual solve once K holds XXᵀ. */
function dualFromGram(X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, K: usize, A: usize, diag: usize, W: usize): i32 {
  addPenalty(K, n, alpha, 0);
  memory.copy(A, Y, (<usize>n * <usize>k) << 3);
  const info = choleskyFactor(K, n, diag);
  if (info != 0) return info;
  for (let t = 0; t < k; t++) choleskySolve(K, n, A + ((<usize>t * <usize>n) << 3));
  fromDual(X, A, n, p, k, W);
  return 0;
}

/** The primal system again, solved by W = A⁺XᵀY (linalg/minNormSolve) after
 *  Cholesky found it singular. Workspace G[p·p], B[p·k], d, e, work[p].
 *  Writes W[p·k]; returns the rank deficiency, or −1 (eigensolver failure). */
export function ridgePrimalMinNorm(
  X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, pf: usize, G: usize, B: usize, d: usize, e: usize, work: usize, W: usize,
): i32 {
  gramColumns(X, n, p, G);
  addPenalty(G, p, alpha, pf);
  crossProducts(X, Y, n, p, k, B);
  return minNormSolve(G, p, B, k, d, e, work, W);
}

/** The dual system again, A = (XXᵀ + αI)⁺Y, W = XᵀA. Workspace K[n·n],
 *  A[n·k], d, e, work[n]. Writes W[p·k]; returns the rank deficiency, or −1. */
export function ridgeDualMinNorm(
  X: usize, Y: usize, n: i32, p: i32, k: i32, alpha: f64, K: usize, A: usize, d: usize, e: usize, work: usize, W: usize,
): i32 {
  gramRows(X, n, p, K);
  addPenalty(K, n, alpha, 0);
  const dropped = minNormSolve(K, n, Y, k, d, e, work, A);
  if (dropped < 0) return dropped;
  fromDual(X, A, n, p, k, W);
  return dropped;
}
