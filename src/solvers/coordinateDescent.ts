import { dot } from '../kernels/dot.js';
import { axpy } from '../kernels/axpy.js';
import { dualityGap } from './dualityGap.js';

export interface CoordinateDescentResult {
  /** Duality gap on the objective's scale (not divided by n). */
  gap: number;
  nIter: number;
  converged: boolean;
}

/**
 * Twin of assembly/solvers/coordinateDescent.ts: cyclic coordinate descent for
 * the elastic net with naive residual updates (Friedman, Hastie & Tibshirani
 * 2010), stopping on scikit-learn's duality-gap rule. `w` holds the warm start
 * and receives the solution; R and normCols are workspace.
 */
export function enetCoordinateDescent(
  X: Float64Array, y: Float64Array, n: number, p: number,
  w: Float64Array, R: Float64Array, normCols: Float64Array, pf: Float64Array | null,
  l1Reg: number, l2Reg: number, maxIter: number, tol: number, positive: boolean,
): CoordinateDescentResult {
  R.set(y.subarray(0, n));
  for (let j = 0; j < p; j++) {
    normCols[j] = dot(X, j * n, X, j * n, n);
    const wj = w[j];
    if (wj !== 0) axpy(-wj, X, j * n, R, 0, n);
  }
  const gapTol = tol * dot(y, 0, y, 0, n);

  let gap = Infinity;
  let iter = 0;
  let converged = false;
  while (iter < maxIter) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const nc = normCols[j];
      if (nc === 0) continue;
      const cj = j * n;
      const f = pf === null ? 1 : pf[j];
      const wOld = w[j];
      if (wOld !== 0) axpy(wOld, X, cj, R, 0, n);
      const z = dot(X, cj, R, 0, n);
      let wNew = 0;
      if (!(positive && z < 0)) {
        const shrunk = Math.abs(z) - l1Reg * f;
        if (shrunk > 0) wNew = (z < 0 ? -shrunk : shrunk) / (nc + l2Reg * f);
      }
      w[j] = wNew;
      if (wNew !== 0) axpy(-wNew, X, cj, R, 0, n);
      const dw = Math.abs(wNew - wOld);
      if (dw > dwMax) dwMax = dw;
      const aw = Math.abs(wNew);
      if (aw > wMax) wMax = aw;
    }
    iter++;
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter) {
      gap = dualityGap(X, y, n, p, w, R, pf, l1Reg, l2Reg, positive);
      if (gap <= gapTol) { converged = true; break; }
    }
  }
  return { gap, nIter: iter, converged };
}
