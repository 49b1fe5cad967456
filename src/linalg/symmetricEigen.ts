import { axpy } from '../kernels/axpy.js';
import { dot } from '../kernels/dot.js';
import { rot } from '../kernels/rot.js';
import { householderVector, householderBeta, reflectSymmetric } from './householder.js';

/**
 * Twin of assembly/linalg/symmetricEigen.ts: A = V·diag(λ)·Vᵀ for a symmetric
 * m×m column-major A (lower triangle read), in place — A ← V (orthonormal
 * columns), d ← λ ascending. Householder tridiagonalization (Golub & Van Loan
 * Alg. 8.3.1), backward accumulation of Q (§5.1.6), implicit QL with
 * Wilkinson's shift (tql2, Bowdler, Martin, Reinsch & Wilkinson 1968). Same
 * IEEE operations in the same order as the AS kernel.
 *
 * Workspace e, work: m values each. Returns 0, or l+1 when eigenvalue l did
 * not converge.
 */

const EPS = 2.220446049250313e-16;
const MAX_SWEEPS = 60;

/** √(a² + b²) from basic IEEE operations (Math.hypot is engine-specific). */
export function safeHypot(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  if (x < y) { const t = x; x = y; y = t; }
  if (x === 0) return 0;
  const r = y / x;
  return x * Math.sqrt(1.0 + r * r);
}

export function symmetricEigen(A: Float64Array, m: number, d: Float64Array, e: Float64Array, work: Float64Array): number {
  if (m <= 0) return 0;
  if (m === 1) {
    d[0] = A[0];
    A[0] = 1;
    e[0] = 0;
    return 0;
  }

  // 1. Tridiagonalization; reflector k stays in A[k+1:, k].
  for (let k = 0; k < m - 2; k++) {
    const v = k * m + k + 1;
    const L = m - k - 1;
    const alpha = householderVector(A, v, L);
    e[k] = alpha;
    const v0 = A[v];
    if (v0 !== 0) reflectSymmetric(A, (k + 1) * m + k + 1, m, L, A, v, householderBeta(alpha, v0), work, 0);
  }
  for (let i = 0; i < m; i++) d[i] = A[i * m + i];
  e[m - 2] = A[(m - 2) * m + m - 1];
  e[m - 1] = 0;

  // 2. Backward accumulation of Q in place of A.
  A[(m - 2) * m + m - 2] = 1;
  A[(m - 2) * m + m - 1] = 0;
  A[(m - 1) * m + m - 2] = 0;
  A[(m - 1) * m + m - 1] = 1;
  for (let k = m - 3; k >= 0; k--) {
    const colK = k * m;
    const v = colK + k + 1;
    const L = m - k - 1;
    const v0 = A[v];
    if (v0 !== 0) {
      const beta = householderBeta(e[k], v0);
      for (let j = k + 1; j < m; j++) {
        const col = j * m + k + 1;
        const t = beta * dot(A, v, A, col, L);
        if (t !== 0) axpy(-t, A, v, A, col, L);
      }
    }
    A.fill(0, colK, colK + m);
    A[colK + k] = 1;
    for (let j = k + 1; j < m; j++) A[j * m + k] = 0;
  }

  // 3. Implicit QL with Wilkinson's shift; e[i] couples d[i] and d[i+1].
  for (let l = 0; l < m; l++) {
    let sweeps = 0;
    for (;;) {
      let mm = l;
      for (; mm < m - 1; mm++) {
        const dd = Math.abs(d[mm]) + Math.abs(d[mm + 1]);
        if (Math.abs(e[mm]) <= EPS * dd) break;
      }
      if (mm === l) break;
      if (++sweeps > MAX_SWEEPS) return l + 1;
      const dl = d[l];
      const el = e[l];
      let g = (d[l + 1] - dl) / (2.0 * el);
      let r = safeHypot(g, 1.0);
      g = d[mm] - dl + el / (g + (g >= 0 ? r : -r));
      let s = 1.0;
      let c = 1.0;
      let shift = 0.0;
      let chased = true;
      for (let i = mm - 1; i >= l; i--) {
        const ei = e[i];
        const f = s * ei;
        const b = c * ei;
        r = safeHypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1] - shift;
          e[mm] = 0;
          chased = false;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - shift;
        r = (d[i] - g) * s + 2.0 * c * b;
        shift = s * r;
        d[i + 1] = g + shift;
        g = c * r - b;
        rot(A, (i + 1) * m, A, i * m, m, c, s);
      }
      if (!chased) continue;
      d[l] = d[l] - shift;
      e[l] = g;
      e[mm] = 0;
    }
  }

  // 4. Ascending order.
  for (let i = 0; i < m - 1; i++) {
    let k = i;
    let best = d[i];
    for (let j = i + 1; j < m; j++) {
      if (d[j] < best) { best = d[j]; k = j; }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = best;
      const ci = i * m;
      const ck = k * m;
      for (let r = 0; r < m; r++) {
        const t = A[ci + r];
        A[ci + r] = A[ck + r];
        A[ck + r] = t;
      }
    }
  }
  return 0;
}
