import { dot } from "../kernels/dot";
import { axpy } from "../kernels/axpy";
import { dualityGap } from "./dualityGap";

// Cyclic coordinate descent for the elastic net with naive residual updates
// (Friedman, Hastie & Tibshirani 2010, "Regularization paths for generalized
// linear models via coordinate descent", J. Stat. Softw. 33(1), §2.1–2.2).
//
// Solves   min_w ½||y − Xw||² + λ₁ Σ pfⱼ|wⱼ| + ½ λ₂ Σ pfⱼ wⱼ²
// on a prepared (centred/scaled/weighted) column-major X. The caller passes
// λ₁ = n·alpha·l1Ratio and λ₂ = n·alpha·(1 − l1Ratio), so this is
// scikit-learn's objective multiplied by n.
//
// Each coordinate update is the closed-form soft-threshold
//   wⱼ ← S(Xⱼᵀ(R + Xⱼwⱼ), λ₁pfⱼ) / (XⱼᵀXⱼ + λ₂pfⱼ),
// with the residual R kept up to date by two axpys. Stopping follows
// scikit-learn: after a sweep whose largest coefficient change is below
// tol·max|wⱼ| (or on the last sweep) the duality gap is computed, and the fit
// stops once gap ≤ tol·||y||².
//
// Workspace (allocated by the caller once per fit): R[n], normCols[p].
// result[0] ← duality gap (objective scale, not divided by n),
// result[1] ← sweeps done, result[2] ← 1 if converged.
export function enetCoordinateDescent(
  X: usize, y: usize, n: i32, p: i32,
  w: usize, R: usize, normCols: usize, pf: usize,
  l1Reg: f64, l2Reg: f64, maxIter: i32, tol: f64, positive: bool,
  result: usize,
): void {
  const colBytes = <usize>n << 3;
  // R = y − Xw (w may hold a warm start).
  memory.copy(R, y, colBytes);
  for (let j = 0; j < p; j++) {
    const X_j = X + <usize>j * colBytes;
    store<f64>(normCols + (<usize>j << 3), dot(X_j, X_j, n));
    const wj = load<f64>(w + (<usize>j << 3));
    if (wj != 0) axpy(-wj, X_j, R, n);
  }
  const gapTol = tol * dot(y, y, n);

  let gap: f64 = Infinity;
  let iter = 0;
  let converged = false;
  while (iter < maxIter) {
    let wMax: f64 = 0;
    let dwMax: f64 = 0;
    for (let j = 0; j < p; j++) {
      const nc = load<f64>(normCols + (<usize>j << 3));
      if (nc == 0) continue;
      const X_j = X + <usize>j * colBytes;
      const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
      const wOld = load<f64>(w + (<usize>j << 3));
      if (wOld != 0) axpy(wOld, X_j, R, n);
      const z = dot(X_j, R, n);
      let wNew: f64 = 0;
      if (!(positive && z < 0)) {
        const shrunk = Math.abs(z) - l1Reg * f;
        if (shrunk > 0) wNew = (z < 0 ? -shrunk : shrunk) / (nc + l2Reg * f);
      }
      store<f64>(w + (<usize>j << 3), wNew);
      if (wNew != 0) axpy(-wNew, X_j, R, n);
      const dw = Math.abs(wNew - wOld);
      if (dw > dwMax) dwMax = dw;
      const aw = Math.abs(wNew);
      if (aw > wMax) wMax = aw;
    }
    iter++;
    if (wMax == 0 || dwMax / wMax < tol || iter == maxIter) {
      gap = dualityGap(X, y, n, p, w, R, pf, l1Reg, l2Reg, positive);
      if (gap <= gapTol) { converged = true; break; }
    }
  }
  store<f64>(result, gap);
  store<f64>(result, <f64>iter, 8);
  store<f64>(result, converged ? 1.0 : 0.0, 16);
}
