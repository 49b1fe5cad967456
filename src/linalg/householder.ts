import { axpy } from '../kernels/axpy.js';
import { dot } from '../kernels/dot.js';

/**
 * Twin of assembly/linalg/householder.ts (Householder reflections
 * H = I − β·v·vᵀ, Golub & Van Loan 4th ed. §5.1; see there for the storage
 * convention v = x − α·e₁, β = 1/(|α|·|v₀|)).
 */

/** Turns A[o..o+L) into the Householder vector of x (overwriting x₀ only) and returns α; x₀ ← 0 when no reflection is needed. */
export function householderVector(A: Float64Array, o: number, L: number): number {
  const x0 = A[o];
  const sigma = dot(A, o + 1, A, o + 1, L - 1);
  if (sigma === 0) {
    A[o] = 0;
    return x0;
  }
  const mu = Math.sqrt(x0 * x0 + sigma);
  if (x0 >= 0) {
    A[o] = x0 + mu;
    return -mu;
  }
  A[o] = x0 - mu;
  return mu;
}

/** β = 2/vᵀv of a vector made by householderVector (v₀ ≠ 0). */
export function householderBeta(alpha: number, v0: number): number {
  return 1.0 / (Math.abs(alpha) * Math.abs(v0));
}

/**
 * A ← H·A·H on the symmetric L×L block whose lower triangle starts at A[ao]
 * (column stride ld); v at V[vo..vo+L); P[po..po+L) is workspace. Same
 * operations in the same order as the AS `reflectSymmetric`.
 */
export function reflectSymmetric(
  A: Float64Array, ao: number, ld: number, L: number,
  V: Float64Array, vo: number, beta: number, P: Float64Array, po: number,
): void {
  P.fill(0, po, po + L);
  for (let j = 0; j < L; j++) {
    const col = ao + j * ld + j;
    P[po + j] = P[po + j] + dot(A, col, V, vo + j, L - j);
    const vj = V[vo + j];
    if (vj !== 0) axpy(vj, A, col + 1, P, po + j + 1, L - j - 1);
  }
  for (let j = 0; j < L; j++) P[po + j] = beta * P[po + j];
  const K = 0.5 * beta * dot(P, po, V, vo, L);
  axpy(-K, V, vo, P, po, L);
  for (let j = 0; j < L; j++) {
    const col = ao + j * ld + j;
    const vj = V[vo + j];
    const wj = P[po + j];
    if (vj !== 0) axpy(-vj, P, po + j, A, col, L - j);
    if (wj !== 0) axpy(-wj, V, vo + j, A, col, L - j);
  }
}
