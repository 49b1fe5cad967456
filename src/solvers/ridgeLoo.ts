import { axpy } from '../kernels/axpy.js';
import { axpySquares } from '../kernels/axpySquares.js';
import { dot } from '../kernels/dot.js';
import { gramColumns, gramRows } from '../kernels/gram.js';
import { householderVector, householderBeta, reflectSymmetric } from '../linalg/householder.js';
import { symmetricEigen } from '../linalg/symmetricEigen.js';

/**
 * Twin of assembly/solvers/ridgeLoo.ts — efficient leave-one-out ridge over
 * many penalties from one eigendecomposition (Golub, Heath & Wahba 1979;
 * Rifkin & Lippert 2007; see the AS file for the derivation: Gram form
 * eᵢ = cᵢ/gᵢ for n ≤ p with the intercept direction deflated by a Householder
 * reflector, covariance form eᵢ = (ỹᵢ − ŷᵢ)/(1 − Hᵢᵢ) for n > p). Same IEEE
 * operations in the same order, so both backends agree bit for bit.
 * The decompositions return m, −1 (eigensolver did not converge) or −2 (the
 * Gram matrix overflowed).
 */

/** Gram form (n ≤ p). K, Q: n·n (K receives Q² in its first n·m values); lam, z, e, work: n. */
export function ridgeLooGram(
  X: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number, fitIntercept: boolean,
  K: Float64Array, Q: Float64Array, lam: Float64Array, z: Float64Array, e: Float64Array, work: Float64Array,
): number {
  let m = n;
  let beta = 0;
  if (!fitIntercept) {
    gramRows(X, n, p, Q);
    if (!traceFinite(Q, n)) return -2;
    if (symmetricEigen(Q, n, lam, e, work) !== 0) return -1;
  } else {
    gramRows(X, n, p, K);
    if (!traceFinite(K, n)) return -2;
    const u = (n - 1) * n; // Householder vector of s, in Q's last column
    for (let i = 0; i < n; i++) Q[u + i] = sw === null ? 1.0 : Math.sqrt(sw[i]);
    const alpha = householderVector(Q, u, n);
    const u0 = Q[u];
    if (u0 !== 0) {
      beta = householderBeta(alpha, u0);
      reflectSymmetric(K, 0, n, n, Q, u, beta, work, 0);
    }
    m = n - 1;
    for (let j = 1; j < n; j++) K.copyWithin((j - 1) * m + (j - 1), j * n + j, j * n + n);
    if (symmetricEigen(K, m, lam, e, work) !== 0) return -1;
    for (let k = 0; k < m; k++) {
      const qk = k * n;
      Q[qk] = 0;
      Q.set(K.subarray(k * m, k * m + m), qk + 1);
      if (u0 !== 0) {
        const t = beta * dot(Q, u, Q, qk, n);
        if (t !== 0) axpy(-t, Q, u, Q, qk, n);
      }
    }
  }
  finishBasis(Q, y, n, m, lam, z);
  return m;
}

/** Covariance form (n > p). G: p·p; Z: n·p; lam, z, e, work: p; lev: n (sᵢ²/‖s‖² or 0). */
export function ridgeLooCovariance(
  X: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number, fitIntercept: boolean,
  G: Float64Array, Z: Float64Array, lam: Float64Array, z: Float64Array, lev: Float64Array,
  e: Float64Array, work: Float64Array,
): number {
  gramColumns(X, n, p, G);
  if (!traceFinite(G, p)) return -2;
  if (symmetricEigen(G, p, lam, e, work) !== 0) return -1;
  for (let k = 0; k < p; k++) {
    const zk = k * n;
    Z.fill(0, zk, zk + n);
    for (let j = 0; j < p; j++) {
      const vjk = G[k * p + j];
      if (vjk !== 0) axpy(vjk, X, j * n, Z, zk, n);
    }
  }
  finishBasis(Z, y, n, p, lam, z);
  interceptLeverage(lev, sw, n, fitIntercept);
  return p;
}

/** Twin of `interceptLeverage`: vᵢ/Σv (1/n without weights), 0 without an intercept. */
export function interceptLeverage(lev: Float64Array, sw: Float64Array | null, n: number, fitIntercept: boolean): void {
  if (!fitIntercept) {
    lev.fill(0, 0, n);
  } else if (sw === null) {
    const h = 1.0 / n;
    lev.fill(h, 0, n);
  } else {
    let S = 0;
    for (let i = 0; i < n; i++) S += sw[i];
    for (let i = 0; i < n; i++) lev[i] = sw[i] / S;
  }
}

/** Mean squared LOO error at α from a decomposition (see the AS `ridgeLooMse`); +∞ when some 1 − Hᵢᵢ ≤ 0. */
export function ridgeLooMse(
  n: number, m: number, gramForm: boolean, Q: Float64Array, lam: Float64Array, z: Float64Array,
  y: Float64Array, lev: Float64Array, alpha: number, w: Float64Array, t: Float64Array, c: Float64Array, g: Float64Array,
): number {
  for (let k = 0; k < m; k++) {
    const wk = 1.0 / (lam[k] + alpha);
    w[k] = wk;
    t[k] = wk * z[k];
  }
  c.fill(0, 0, n);
  g.fill(0, 0, n);
  for (let k = 0; k < m; k++) {
    const tk = t[k];
    if (tk !== 0) axpy(tk, Q, k * n, c, 0, n);
    axpySquares(w[k], Q, k * n, g, 0, n);
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    let num: number;
    let den: number;
    if (gramForm) {
      num = c[i];
      den = g[i];
    } else {
      num = y[i] - c[i];
      den = 1.0 - g[i] - lev[i];
    }
    if (!(den > 0)) return Infinity;
    const r = num / den;
    s += r * r;
  }
  return s / n;
}

export function traceFinite(A: Float64Array, m: number): boolean {
  let s = 0;
  for (let i = 0; i < m; i++) s += A[i * m + i];
  return Number.isFinite(s);
}

/** Twin of `ridgeLooTarget`: z = Qᵀỹ for another prepared target ỹ of the same design. */
export function ridgeLooTarget(Q: Float64Array, y: Float64Array, n: number, m: number, lam: Float64Array, z: Float64Array): void {
  finishBasis(Q, y, n, m, lam, z);
}

export function finishBasis(Q: Float64Array, y: Float64Array, n: number, m: number, lam: Float64Array, z: Float64Array): void {
  for (let k = 0; k < m; k++) {
    if (lam[k] < 0) lam[k] = 0;
    z[k] = dot(Q, k * n, y, 0, n);
  }
}
