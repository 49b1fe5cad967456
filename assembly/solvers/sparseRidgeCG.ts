import { positiveRows, sparseColumnConstant, weightTotal } from "./sparseColumns";

// Ridge on sparse (CSC) X when p is too large for X̃ᵀX̃: conjugate gradients
// on the normal equations (X̃ᵀX̃ + α·diag(pf)) w = X̃ᵀỹ (Hestenes & Stiefel
// 1952; preconditioned by the diagonal, Golub & Van Loan §11.5 — scikit-learn's
// `sparse_cg` ridge solver), never forming X̃ᵀX̃: each product is X̃ᵀ(X̃d)
// from the nonzeros with the centring applied to the sums,
//   q = v ⊙ (X·(d/s) − c·1), c = Σⱼ mⱼdⱼ/sⱼ,   (X̃ᵀq)ⱼ = (Σ_nz Xᵢⱼqᵢ − mⱼΣᵢqᵢ)/sⱼ,
// O(nnz + n + p). A column constant on the weighted rows is zero once centred
// (with an intercept), as in the dense design. The iteration stops when the
// residual, recomputed from w (not the recurrence), is below tol·||X̃ᵀỹ||:
// the stopping rule certifies the answer. Y holds k centred targets (n×k);
// writes W[p·k] and out[t] = the final relative residual of target t
// (> tol when maxIter was reached).
// Workspace: q[n], z, r, d, Ad, diag, scaleInv, meanS[p].
// src/solvers/sparseRidgeCG.ts is the JS twin.

/** out ← X̃ᵀ(X̃·x) + α·pf ⊙ x (scaleInv: 1/sⱼ, or 0 for a zeroed column; meanS: mⱼ/sⱼ). */
function normalProduct(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, mean: usize, scaleInv: usize, meanS: usize,
  alpha: f64, pf: usize, x: usize, q: usize, out: usize,
): void {
  let c: f64 = 0;
  for (let j = 0; j < p; j++) c += load<f64>(meanS + (<usize>j << 3)) * load<f64>(x + (<usize>j << 3));
  for (let i = 0; i < n; i++) store<f64>(q + (<usize>i << 3), -c);
  for (let j = 0; j < p; j++) {
    const u = load<f64>(x + (<usize>j << 3)) * load<f64>(scaleInv + (<usize>j << 3));
    if (u == 0) continue;
    for (let t = load<i32>(colPtr + (<usize>j << 2)); t < load<i32>(colPtr + (<usize>(j + 1) << 2)); t++) {
      const o = q + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(vals + (<usize>t << 3)) * u);
    }
  }
  let qSum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = q + (<usize>i << 3);
    if (sw != 0) store<f64>(o, load<f64>(o) * load<f64>(sw + (<usize>i << 3)));
    qSum += load<f64>(o);
  }
  for (let j = 0; j < p; j++) {
    const si = load<f64>(scaleInv + (<usize>j << 3));
    let s: f64 = 0;
    if (si != 0) {
      for (let t = load<i32>(colPtr + (<usize>j << 2)); t < load<i32>(colPtr + (<usize>(j + 1) << 2)); t++) {
        s += load<f64>(vals + (<usize>t << 3)) * load<f64>(q + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
      }
      s = (s - load<f64>(mean + (<usize>j << 3)) * qSum) * si;
    }
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    store<f64>(out + (<usize>j << 3), s + alpha * f * load<f64>(x + (<usize>j << 3)));
  }
}

function dotP(a: usize, b: usize, p: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < p; j++) s += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return s;
}

export function sparseRidgeCG(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, centred: bool, mean: usize, scale: usize,
  Y: usize, k: i32, alpha: f64, pf: usize, tol: f64, maxIter: i32,
  q: usize, z: usize, r: usize, d: usize, Ad: usize, diag: usize, scaleInv: usize, meanS: usize, W: usize, out: usize,
): void {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  // Column factors, and the preconditioner diag(X̃ᵀX̃) + α·pf.
  for (let j = 0; j < p; j++) {
    const zero = centred && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j);
    const si: f64 = zero ? 0.0 : 1.0 / load<f64>(scale + (<usize>j << 3));
    const m = load<f64>(mean + (<usize>j << 3));
    store<f64>(scaleInv + (<usize>j << 3), si);
    store<f64>(meanS + (<usize>j << 3), m * si);
    let ss: f64 = 0;
    let vIn: f64 = 0;
    for (let t = load<i32>(colPtr + (<usize>j << 2)); t < load<i32>(colPtr + (<usize>(j + 1) << 2)); t++) {
      const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
      const e = load<f64>(vals + (<usize>t << 3)) - m;
      ss += v * (e * e);
      vIn += v;
    }
    ss += m * m * (V - vIn);
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    const dj = ss * si * si + alpha * f;
    store<f64>(diag + (<usize>j << 3), dj > 0 ? dj : 1.0);
  }
  for (let t = 0; t < k; t++) {
    const y = Y + ((<usize>t * <usize>n) << 3);
    const w = W + ((<usize>t * <usize>p) << 3);
    rightHandSide(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, y, q, r);
    for (let j = 0; j < p; j++) store<f64>(w + (<usize>j << 3), 0.0);
    const bNorm = Math.sqrt(dotP(r, r, p));
    let rel: f64 = 0;
    if (bNorm > 0) {
      for (let j = 0; j < p; j++) {
        const o = <usize>j << 3;
        store<f64>(z + o, load<f64>(r + o) / load<f64>(diag + o));
        store<f64>(d + o, load<f64>(z + o));
      }
      let rz = dotP(r, z, p);
      rel = 1;
      let certified = false;
      for (let it = 0; it < maxIter; it++) {
        normalProduct(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf, d, q, Ad);
        const dAd = dotP(d, Ad, p);
        if (!(dAd > 0)) break;
        const a = rz / dAd;
        for (let j = 0; j < p; j++) {
          const o = <usize>j << 3;
          store<f64>(w + o, load<f64>(w + o) + a * load<f64>(d + o));
          store<f64>(r + o, load<f64>(r + o) - a * load<f64>(Ad + o));
        }
        if (Math.sqrt(dotP(r, r, p)) <= tol * bNorm) {
          // Certify with the true residual b − A·w (the recurrence drifts);
          // if it is not small enough yet, continue from it (residual replacement).
          rel = trueResidual(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf, y, w, q, Ad, r) / bNorm;
          if (rel <= tol) { certified = true; break; }
        }
        for (let j = 0; j < p; j++) {
          const o = <usize>j << 3;
          store<f64>(z + o, load<f64>(r + o) / load<f64>(diag + o));
        }
        const rzNew = dotP(r, z, p);
        const beta = rzNew / rz;
        rz = rzNew;
        for (let j = 0; j < p; j++) {
          const o = <usize>j << 3;
          store<f64>(d + o, load<f64>(z + o) + beta * load<f64>(d + o));
        }
      }
      if (!certified) rel = trueResidual(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf, y, w, q, Ad, r) / bNorm;
    }
    store<f64>(out + (<usize>t << 3), rel);
  }
}

/** b = X̃ᵀỹ into b (ỹ = √v ⊙ yc; the weights enter once, through q = v ⊙ yc). */
function rightHandSide(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, mean: usize, scaleInv: usize, y: usize, q: usize, b: usize,
): void {
  let ySum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const yv = (sw == 0 ? 1.0 : load<f64>(sw + (<usize>i << 3))) * load<f64>(y + (<usize>i << 3));
    store<f64>(q + (<usize>i << 3), yv);
    ySum += yv;
  }
  for (let j = 0; j < p; j++) {
    const si = load<f64>(scaleInv + (<usize>j << 3));
    let s: f64 = 0;
    if (si != 0) {
      for (let u = load<i32>(colPtr + (<usize>j << 2)); u < load<i32>(colPtr + (<usize>(j + 1) << 2)); u++) {
        s += load<f64>(vals + (<usize>u << 3)) * load<f64>(q + (<usize>load<i32>(rowIdx + (<usize>u << 2)) << 3));
      }
      s = (s - load<f64>(mean + (<usize>j << 3)) * ySum) * si;
    }
    store<f64>(b + (<usize>j << 3), s);
  }
}

/** r ← b − A·w exactly (Aw into Ad); returns ||r||. */
function trueResidual(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, mean: usize, scaleInv: usize, meanS: usize,
  alpha: f64, pf: usize, y: usize, w: usize, q: usize, Ad: usize, r: usize,
): f64 {
  normalProduct(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf, w, q, Ad);
  rightHandSide(colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, y, q, r);
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(r + o, load<f64>(r + o) - load<f64>(Ad + o));
  }
  return Math.sqrt(dotP(r, r, p));
}
