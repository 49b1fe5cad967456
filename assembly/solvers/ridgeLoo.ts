import { axpy } from "../kernels/axpy";
import { axpySquares } from "../kernels/axpySquares";
import { dot } from "../kernels/dot";
import { gramColumns, gramRows } from "../kernels/gram";
import { householderVector, householderBeta, reflectSymmetric } from "../linalg/householder";
import { symmetricEigen } from "../linalg/symmetricEigen";

// Efficient leave-one-out cross-validation of ridge regression over many
// penalties from one eigendecomposition (Golub, Heath & Wahba, Technometrics
// 21(2), 1979; Rifkin & Lippert, "Notes on regularized least squares",
// MIT-CSAIL-TR-2007-025 — the method of scikit-learn's RidgeCV default).
//
// On the prepared design (X̃, ỹ: centred, scaled, rows multiplied by
// sᵢ = √wᵢ) the ridge fit is linear, ŷ = Hỹ, and the leave-one-out residual
// of row i is the full-data residual inflated by its leverage:
//     eᵢ = (ỹᵢ − ŷᵢ) / (1 − Hᵢᵢ)
// (the Sherman–Morrison identity; with weights these are √wᵢ times the
// weighted LOO residuals, scikit-learn's `cv_values_`). With an intercept the
// fitted model is [X̃, s] with s unpenalized; centring made X̃ᵀs = 0, so
//     H = X̃(X̃ᵀX̃ + αI)⁻¹X̃ᵀ + ssᵀ/‖s‖².
// An eigendecomposition turns every α into O(n·m) work, m the rank used:
//
//  * Gram form (n ≤ p), K = X̃X̃ᵀ = QΛQᵀ. Then I − H = α·Q(Λ + αI)⁻¹Qᵀ on
//    the complement of s, so eᵢ = cᵢ/gᵢ with c = Q(Λ+αI)⁻¹Qᵀỹ and
//    gᵢ = Σₖ Qᵢₖ²/(λₖ+α): sums of positive terms, accurate even when the fit
//    nearly interpolates (1 − Hᵢᵢ → 0). The intercept direction s is removed
//    exactly, not searched for among the eigenvectors (scikit-learn adds ssᵀ
//    to K and picks the eigenvector nearest s): a Householder reflector P
//    with Ps = ±‖s‖e₁ turns K into PKP, whose first row and column vanish,
//    and the eigenvectors of its trailing (n−1)×(n−1) block, mapped back by
//    P, are an orthonormal basis of s⊥ (m = n − 1).
//  * Covariance form (n > p), X̃ᵀX̃ = VΛVᵀ, Z = X̃V (so Zₖ = √λₖ·uₖ with uₖ
//    the left singular vectors). Then ŷ = Z(Λ+αI)⁻¹Zᵀỹ and
//    Hᵢᵢ = Σₖ Zᵢₖ²/(λₖ+α) + sᵢ²/‖s‖² (m = p); this is scikit-learn's SVD
//    route without forming the SVD.
// Tiny negative eigenvalues of the semidefinite K or X̃ᵀX̃ (rounding) are set
// to 0 so that λₖ + α > 0 for every α > 0.
//
// The decompositions write Q (n×m, column-major), Q² (its squares), λ (m) and
// z = Qᵀỹ (m); ridgeLooMse evaluates one α from them.
// They return m, −1 when the eigensolver did not converge, or −2 when the
// Gram matrix overflowed (entries of X too large to square).

/** Gram form. K: n·n workspace; Q: n·n.
 *  lam, z, e, work: n values. `sw` is 0 (unit weights) or the n weights. */
export function ridgeLooGram(
  X: usize, y: usize, sw: usize, n: i32, p: i32, fitIntercept: bool,
  K: usize, Q: usize, lam: usize, z: usize, e: usize, work: usize,
): i32 {
  const colBytes = <usize>n << 3;
  let m = n;
  let beta: f64 = 0;
  if (!fitIntercept) {
    gramRows(X, n, p, Q);
    if (!traceFinite(Q, n)) return -2;
    const info = symmetricEigen(Q, n, lam, e, work);
    if (info != 0) return -1;
  } else {
    gramRows(X, n, p, K);
    if (!traceFinite(K, n)) return -2;
    // u ← s, then its Householder vector, kept in the last column of Q (the
    // basis below fills only columns 0..n−2).
    const u = Q + <usize>(n - 1) * colBytes;
    for (let i = 0; i < n; i++) {
      store<f64>(u + (<usize>i << 3), sw == 0 ? 1.0 : Math.sqrt(load<f64>(sw + (<usize>i << 3))));
    }
    const alpha = householderVector(u, n);
    const u0 = load<f64>(u);
    if (u0 != 0) {
      beta = householderBeta(alpha, u0);
      reflectSymmetric(K, n, n, u, beta, work);
    }
    // Keep the trailing block: column j of PKP (rows j..n−1) moves to column
    // j−1 of an (n−1)×(n−1) matrix. Destinations precede sources, so copying
    // in increasing j never overwrites a column still to be moved.
    m = n - 1;
    for (let j = 1; j < n; j++) {
      memory.copy(
        K + ((<usize>(j - 1) * <usize>m + <usize>(j - 1)) << 3),
        K + ((<usize>j * <usize>n + <usize>j) << 3),
        <usize>(n - j) << 3,
      );
    }
    const info = symmetricEigen(K, m, lam, e, work);
    if (info != 0) return -1;
    // Q[:, k] = P·[0; Ṽ[:, k]] with P = I − β·u·uᵀ.
    for (let k = 0; k < m; k++) {
      const qk = Q + <usize>k * colBytes;
      store<f64>(qk, 0.0);
      memory.copy(qk + 8, K + ((<usize>k * <usize>m) << 3), <usize>m << 3);
      if (u0 != 0) {
        const t = beta * dot(u, qk, n);
        if (t != 0) axpy(-t, u, qk, n);
      }
    }
  }
  finishBasis(Q, y, n, m, lam, z);
  return m;
}

/** Covariance form. G: p·p workspace; Z: n·p (output Q = X̃V);
 *  lam, z, e, work: p values; lev: n values (receives sᵢ²/‖s‖², or 0
 *  without an intercept). `sw` is 0 (unit weights) or the n weights. */
export function ridgeLooCovariance(
  X: usize, y: usize, sw: usize, n: i32, p: i32, fitIntercept: bool,
  G: usize, Z: usize, lam: usize, z: usize, lev: usize, e: usize, work: usize,
): i32 {
  const colBytes = <usize>n << 3;
  gramColumns(X, n, p, G);
  if (!traceFinite(G, p)) return -2;
  const info = symmetricEigen(G, p, lam, e, work);
  if (info != 0) return -1;
  for (let k = 0; k < p; k++) {
    const zk = Z + <usize>k * colBytes;
    memory.fill(zk, 0, colBytes);
    for (let j = 0; j < p; j++) {
      const vjk = load<f64>(G + ((<usize>k * <usize>p + <usize>j) << 3));
      if (vjk != 0) axpy(vjk, X + <usize>j * colBytes, zk, n);
    }
  }
  finishBasis(Z, y, n, p, lam, z);
  interceptLeverage(lev, sw, n, fitIntercept);
  return p;
}

/** The intercept's share of the hat matrix: vᵢ/Σv (1/n without weights), 0 without an intercept. */
export function interceptLeverage(lev: usize, sw: usize, n: i32, fitIntercept: bool): void {
  if (!fitIntercept) {
    memory.fill(lev, 0, <usize>n << 3);
  } else if (sw == 0) {
    const h = 1.0 / <f64>n;
    for (let i = 0; i < n; i++) store<f64>(lev + (<usize>i << 3), h);
  } else {
    let S: f64 = 0;
    for (let i = 0; i < n; i++) S += load<f64>(sw + (<usize>i << 3));
    for (let i = 0; i < n; i++) store<f64>(lev + (<usize>i << 3), load<f64>(sw + (<usize>i << 3)) / S);
  }
}

/** Mean squared LOO error (1/n)·Σeᵢ² at penalty α > 0 from a decomposition.
 *  `gramForm` selects eᵢ = cᵢ/gᵢ, otherwise eᵢ = (ỹᵢ − cᵢ)/(1 − gᵢ − levᵢ),
 *  with c = Q·(z/(λ+α)) and g = (Q∘Q)·(1/(λ+α)) (squares formed on the fly). Workspace: w, t (m values),
 *  c, g (n values). Returns +∞ when some 1 − Hᵢᵢ is not positive (the fit
 *  interpolates row i, so its LOO error is unbounded). */
export function ridgeLooMse(
  n: i32, m: i32, gramForm: bool, Q: usize, lam: usize, z: usize, y: usize, lev: usize,
  alpha: f64, w: usize, t: usize, c: usize, g: usize,
): f64 {
  const colBytes = <usize>n << 3;
  for (let k = 0; k < m; k++) {
    const o = <usize>k << 3;
    const wk = 1.0 / (load<f64>(lam + o) + alpha);
    store<f64>(w + o, wk);
    store<f64>(t + o, wk * load<f64>(z + o));
  }
  memory.fill(c, 0, colBytes);
  memory.fill(g, 0, colBytes);
  for (let k = 0; k < m; k++) {
    const o = <usize>k << 3;
    const tk = load<f64>(t + o);
    if (tk != 0) axpy(tk, Q + <usize>k * colBytes, c, n);
    axpySquares(load<f64>(w + o), Q + <usize>k * colBytes, g, n);
  }
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    let num: f64;
    let den: f64;
    if (gramForm) {
      num = load<f64>(c + o);
      den = load<f64>(g + o);
    } else {
      num = load<f64>(y + o) - load<f64>(c + o);
      den = 1.0 - load<f64>(g + o) - load<f64>(lev + o);
    }
    if (!(den > 0)) return Infinity;
    const r = num / den;
    s += r * r;
  }
  return s / <f64>n;
}

/** True when the diagonal of the m×m matrix sums to a finite number (then,
 *  by Cauchy–Schwarz, every entry of the Gram matrix is finite too). */
export function traceFinite(A: usize, m: i32): bool {
  let s: f64 = 0;
  for (let i = 0; i < m; i++) s += load<f64>(A + ((<usize>i * <usize>m + <usize>i) << 3));
  return isFinite(s);
}

/** z = Qᵀỹ for another prepared target ỹ of the same design (several targets share one decomposition). */
export function ridgeLooTarget(Q: usize, y: usize, n: i32, m: i32, lam: usize, z: usize): void {
  finishBasis(Q, y, n, m, lam, z);
}

/** Shared tail: clamp λ ≥ 0, z = Qᵀỹ. */
export function finishBasis(Q: usize, y: usize, n: i32, m: i32, lam: usize, z: usize): void {
  const colBytes = <usize>n << 3;
  for (let k = 0; k < m; k++) {
    const o = <usize>k << 3;
    if (load<f64>(lam + o) < 0) store<f64>(lam + o, 0.0);
    store<f64>(z + o, dot(Q + <usize>k * colBytes, y, n));
  }
}
