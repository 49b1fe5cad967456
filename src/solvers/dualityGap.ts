/**
 * Twin of assembly/solvers/dualityGap.ts: the elastic-net duality gap from the
 * gradient g = Xᵀ(y − Xw), ||R||² and Rᵀy, with the rescaled residual as dual
 * point (El Ghaoui et al. 2012; Fercoq, Gramfort & Salmon 2015; scikit-learn's
 * rule). `pf` null means all penalty factors are 1. Returns the gap on the
 * objective's scale (not divided by n).
 */
export function dualityGap(
  g: Float64Array, w: Float64Array, pf: Float64Array | null, p: number, rNorm2: number, rTy: number,
  l1Reg: number, l2Reg: number, positive: boolean,
): number {
  let dualNorm = 0;
  let wL1 = 0;
  let wL2 = 0;
  for (let j = 0; j < p; j++) {
    const f = pf === null ? 1 : pf[j];
    const wj = w[j];
    wL1 += f * Math.abs(wj);
    wL2 += f * (wj * wj);
    if (f === 0) continue;
    const xta = g[j] - l2Reg * f * wj;
    const v = (positive ? xta : Math.abs(xta)) / f;
    if (v > dualNorm) dualNorm = v;
  }
  let c = 1;
  if (l1Reg > 0 && dualNorm > l1Reg) c = l1Reg / dualNorm;
  const gap = 0.5 * (1 + c * c) * (rNorm2 + l2Reg * wL2) + l1Reg * wL1 - c * rTy;
  return l1Reg > 0 ? gap : Math.abs(gap);
}
