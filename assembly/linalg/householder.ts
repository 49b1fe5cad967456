import { axpy } from "../kernels/axpy";
import { dot } from "../kernels/dot";

// Householder reflections H = I − β·v·vᵀ (Golub & Van Loan, Matrix
// Computations, 4th ed., §5.1.2–5.1.4), used by the symmetric
// eigendecomposition and by the intercept deflation of leave-one-out ridge.
//
// Convention: v is stored unnormalized, v = x − α·e₁ with α = −sign(x₀)·‖x‖,
// so v₀ = x₀ + sign(x₀)·‖x‖ is formed without cancellation and v[1:] = x[1:]
// (nothing to write). Then vᵀv = 2‖x‖·|v₀| and β = 2/vᵀv = 1/(|α|·|v₀|),
// which callers recompute with `householderBeta` instead of storing it.

/** Overwrites x[0] (x has L ≥ 1 entries) so that x becomes the Householder
 *  vector v with (I − βvvᵀ)·x = α·e₁, and returns α. When x[1:] is already
 *  zero no reflection is needed: x[0] is set to 0 (meaning H = I) and x₀ is
 *  returned. */
export function householderVector(x: usize, L: i32): f64 {
  const x0 = load<f64>(x);
  const sigma = dot(x + 8, x + 8, L - 1);
  if (sigma == 0) {
    store<f64>(x, 0.0);
    return x0;
  }
  const mu = Math.sqrt(x0 * x0 + sigma);
  if (x0 >= 0) {
    store<f64>(x, x0 + mu);
    return -mu;
  }
  store<f64>(x, x0 - mu);
  return mu;
}

/** β = 2/vᵀv of a vector made by householderVector (α its return value, v₀ ≠ 0). */
@inline
export function householderBeta(alpha: f64, v0: f64): f64 {
  return 1.0 / (Math.abs(alpha) * Math.abs(v0));
}

/** Two-sided update A ← H·A·H of a symmetric L×L block whose lower triangle
 *  starts at A (column stride `ld` f64 values); the upper triangle is neither
 *  read nor written. G&VL §8.3.1: p = β·A·v, w = p − (β/2)(pᵀv)·v,
 *  A ← A − v·wᵀ − w·vᵀ. The product A·v with lower storage takes, for column
 *  j, a dot with A[j:, j] (row j by symmetry) and an axpy into p[j+1:], both
 *  on contiguous memory. `p` is workspace for L values (holds w on return). */
export function reflectSymmetric(A: usize, ld: i32, L: i32, v: usize, beta: f64, p: usize): void {
  const colStride = <usize>ld << 3;
  memory.fill(p, 0, <usize>L << 3);
  for (let j = 0; j < L; j++) {
    const col = A + <usize>j * colStride + (<usize>j << 3);
    const pj = p + (<usize>j << 3);
    store<f64>(pj, load<f64>(pj) + dot(col, v + (<usize>j << 3), L - j));
    const vj = load<f64>(v + (<usize>j << 3));
    if (vj != 0) axpy(vj, col + 8, pj + 8, L - j - 1);
  }
  for (let j = 0; j < L; j++) {
    const pj = p + (<usize>j << 3);
    store<f64>(pj, beta * load<f64>(pj));
  }
  const K = 0.5 * beta * dot(p, v, L);
  axpy(-K, v, p, L);
  for (let j = 0; j < L; j++) {
    const col = A + <usize>j * colStride + (<usize>j << 3);
    const vj = load<f64>(v + (<usize>j << 3));
    const wj = load<f64>(p + (<usize>j << 3));
    if (vj != 0) axpy(-vj, p + (<usize>j << 3), col, L - j);
    if (wj != 0) axpy(-wj, v + (<usize>j << 3), col, L - j);
  }
}
