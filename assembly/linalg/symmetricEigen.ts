import { axpy } from "../kernels/axpy";
import { dot } from "../kernels/dot";
import { rot } from "../kernels/rot";
import { householderVector, householderBeta, reflectSymmetric } from "./householder";

// Eigendecomposition A = V·diag(λ)·Vᵀ of a symmetric m×m matrix (column-major,
// lower triangle read; the upper triangle may hold anything), in place: on
// return A holds the orthonormal eigenvectors as columns and `d` the
// eigenvalues in ascending order.
//
// Algorithm (the classical dense symmetric eigensolver, EISPACK tred2 + tql2;
// Wilkinson & Reinsch, Handbook for Automatic Computation II, 1971):
//  1. Householder tridiagonalization T = QᵀAQ (Golub & Van Loan, Matrix
//     Computations, 4th ed., Alg. 8.3.1), the reflectors kept in the columns
//     below the subdiagonal;
//  2. Q formed explicitly by backward accumulation of the reflectors
//     (G&VL §5.1.6), every update a dot + axpy on contiguous columns;
//  3. implicit QL iteration with Wilkinson's shift on T (the QL form of
//     G&VL Alg. 8.3.2/8.3.3, as in tql2 of Bowdler, Martin, Reinsch &
//     Wilkinson, Numer. Math. 11, 1968), deflating when a subdiagonal entry is
//     below eps·(|dᵢ| + |dᵢ₊₁|); each Givens rotation is applied to two
//     contiguous columns of Q (kernels/rot).
// Backward stable: the computed pairs are exact for A + E with
// ‖E‖ = O(m·eps·‖A‖), and V is orthogonal to working precision (G&VL §8.3.6).
//
// Workspace: e and work, m values each.
// Returns 0, or l+1 when eigenvalue l has not converged after MAX_SWEEPS QL
// steps (not observed in practice: the shifted QL converges cubically).

const EPS: f64 = 2.220446049250313e-16;
const MAX_SWEEPS: i32 = 60;

/** √(a² + b²) without overflow or underflow, from basic IEEE operations only
 *  (Math.hypot differs between JS engines and AssemblyScript's libm, so the
 *  twin could not match it bit for bit). */
@inline
export function safeHypot(a: f64, b: f64): f64 {
  let x = Math.abs(a);
  let y = Math.abs(b);
  if (x < y) { const t = x; x = y; y = t; }
  if (x == 0) return 0;
  const r = y / x;
  return x * Math.sqrt(1.0 + r * r);
}

export function symmetricEigen(A: usize, m: i32, d: usize, e: usize, work: usize): i32 {
  const ld = <usize>m << 3;
  if (m <= 0) return 0;
  if (m == 1) {
    store<f64>(d, load<f64>(A));
    store<f64>(A, 1.0);
    store<f64>(e, 0.0);
    return 0;
  }

  // 1. Tridiagonalize: step k reflects A[k+1:, k] onto e₁ and updates the
  //    trailing block from both sides. The reflector v stays in column k.
  for (let k = 0; k < m - 2; k++) {
    const v = A + <usize>k * ld + (<usize>(k + 1) << 3);
    const L = m - k - 1;
    const alpha = householderVector(v, L);
    store<f64>(e + (<usize>k << 3), alpha);
    const v0 = load<f64>(v);
    if (v0 != 0) {
      reflectSymmetric(A + <usize>(k + 1) * ld + (<usize>(k + 1) << 3), m, L, v, householderBeta(alpha, v0), work);
    }
  }
  for (let i = 0; i < m; i++) store<f64>(d + (<usize>i << 3), load<f64>(A + <usize>i * ld + (<usize>i << 3)));
  store<f64>(e + (<usize>(m - 2) << 3), load<f64>(A + <usize>(m - 2) * ld + (<usize>(m - 1) << 3)));
  store<f64>(e + (<usize>(m - 1) << 3), 0.0);

  // 2. Q = H₀H₁⋯H_{m−3}, accumulated backwards in place of A: before step k,
  //    columns k+1.. hold the product of H_{k+1}⋯ on rows k+1.. (rows ≤ k are
  //    identity rows), so H_k only touches rows k+1.. of those columns.
  {
    const cA = A + <usize>(m - 2) * ld;
    const cB = A + <usize>(m - 1) * ld;
    store<f64>(cA + (<usize>(m - 2) << 3), 1.0);
    store<f64>(cA + (<usize>(m - 1) << 3), 0.0);
    store<f64>(cB + (<usize>(m - 2) << 3), 0.0);
    store<f64>(cB + (<usize>(m - 1) << 3), 1.0);
  }
  for (let k = m - 3; k >= 0; k--) {
    const colK = A + <usize>k * ld;
    const v = colK + (<usize>(k + 1) << 3);
    const L = m - k - 1;
    const v0 = load<f64>(v);
    if (v0 != 0) {
      const beta = householderBeta(load<f64>(e + (<usize>k << 3)), v0);
      for (let j = k + 1; j < m; j++) {
        const col = A + <usize>j * ld + (<usize>(k + 1) << 3);
        const t = beta * dot(v, col, L);
        if (t != 0) axpy(-t, v, col, L);
      }
    }
    memory.fill(colK, 0, ld);
    store<f64>(colK + (<usize>k << 3), 1.0);
    for (let j = k + 1; j < m; j++) store<f64>(A + <usize>j * ld + (<usize>k << 3), 0.0);
  }
  // Rows 0..m−3 of the last two columns are zeroed by the steps above; for
  // m == 2 there are none.

  // 3. Implicit QL with Wilkinson's shift. e[i] couples d[i] and d[i+1].
  for (let l = 0; l < m; l++) {
    let sweeps = 0;
    while (true) {
      let mm = l;
      for (; mm < m - 1; mm++) {
        const dd = Math.abs(load<f64>(d + (<usize>mm << 3))) + Math.abs(load<f64>(d + (<usize>(mm + 1) << 3)));
        if (Math.abs(load<f64>(e + (<usize>mm << 3))) <= EPS * dd) break;
      }
      if (mm == l) break;
      if (++sweeps > MAX_SWEEPS) return l + 1;
      const dl = load<f64>(d + (<usize>l << 3));
      const el = load<f64>(e + (<usize>l << 3));
      // Shift: the eigenvalue of the leading 2×2 block [d_l e_l; e_l d_{l+1}]
      // nearer to d_l, written without cancellation.
      let g = (load<f64>(d + (<usize>(l + 1) << 3)) - dl) / (2.0 * el);
      let r = safeHypot(g, 1.0);
      g = load<f64>(d + (<usize>mm << 3)) - dl + el / (g + (g >= 0 ? r : -r));
      let s: f64 = 1.0;
      let c: f64 = 1.0;
      let shift: f64 = 0.0;
      let chased = true;
      // Chase the bulge from the bottom of the unreduced block up to row l.
      for (let i = mm - 1; i >= l; i--) {
        const ei = load<f64>(e + (<usize>i << 3));
        const f = s * ei;
        const b = c * ei;
        r = safeHypot(f, g);
        store<f64>(e + (<usize>(i + 1) << 3), r);
        if (r == 0) {
          // f and g underflowed: the block splits at i+1; undo the pending
          // shift there and restart the search.
          const di1 = d + (<usize>(i + 1) << 3);
          store<f64>(di1, load<f64>(di1) - shift);
          store<f64>(e + (<usize>mm << 3), 0.0);
          chased = false;
          break;
        }
        s = f / r;
        c = g / r;
        const di1 = d + (<usize>(i + 1) << 3);
        g = load<f64>(di1) - shift;
        r = (load<f64>(d + (<usize>i << 3)) - g) * s + 2.0 * c * b;
        shift = s * r;
        store<f64>(di1, g + shift);
        g = c * r - b;
        rot(A + <usize>(i + 1) * ld, A + <usize>i * ld, m, c, s);
      }
      if (!chased) continue;
      store<f64>(d + (<usize>l << 3), load<f64>(d + (<usize>l << 3)) - shift);
      store<f64>(e + (<usize>l << 3), g);
      store<f64>(e + (<usize>mm << 3), 0.0);
    }
  }

  // 4. Ascending order (selection sort: at most m−1 column swaps).
  for (let i = 0; i < m - 1; i++) {
    let k = i;
    let best = load<f64>(d + (<usize>i << 3));
    for (let j = i + 1; j < m; j++) {
      const dj = load<f64>(d + (<usize>j << 3));
      if (dj < best) { best = dj; k = j; }
    }
    if (k != i) {
      store<f64>(d + (<usize>k << 3), load<f64>(d + (<usize>i << 3)));
      store<f64>(d + (<usize>i << 3), best);
      const ci = A + <usize>i * ld;
      const ck = A + <usize>k * ld;
      for (let r = 0; r < m; r++) {
        const o = <usize>r << 3;
        const t = load<f64>(ci + o);
        store<f64>(ci + o, load<f64>(ck + o));
        store<f64>(ck + o, t);
      }
    }
  }
  return 0;
}
