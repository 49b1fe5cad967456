// Duality gap of the elastic-net problem
//   P(w) = ½||y − Xw||² + Σⱼ λ₁ pfⱼ |wⱼ| + ½ Σⱼ λ₂ pfⱼ wⱼ²
// from the gradient g = Xᵀ(y − Xw), ||R||² and Rᵀy (R = y − Xw), in O(p).
//
// The dual point is the residual rescaled into the dual feasible set,
// θ = c·R with c = min(1, λ₁ / maxⱼ |gⱼ − λ₂pfⱼwⱼ| / pfⱼ) (El Ghaoui, Viallon &
// Rabbani 2012; Fercoq, Gramfort & Salmon 2015 — the rule scikit-learn's
// `enet_coordinate_descent` uses). The ridge term is handled by viewing the
// problem as a lasso on the augmented data [X; √λ₂ diag(pf)^½], [y; 0]:
//   gap = ½(1 + c²)(||R||² + λ₂Σpfⱼwⱼ²) + λ₁Σpfⱼ|wⱼ| − c·Rᵀy.
// Unpenalized features (pfⱼ = 0) are left out of the dual norm: their
// stationarity gⱼ = 0 holds only at the optimum, so the gap is then an estimate
// that still tends to 0. With λ₁ = 0 no rescaling can make θ feasible; c = 1
// is kept, and the expression, |Rᵀ(R − y) + λ₂||w||²|, is exactly 0 at the
// least-squares/ridge optimum.
//
// `pf` is 0 (all factors 1) or a pointer to p factors. Returns the gap on the
// scale of P (not divided by n).
export function dualityGap(
  g: usize, w: usize, pf: usize, p: i32, rNorm2: f64, rTy: f64,
  l1Reg: f64, l2Reg: f64, positive: bool,
): f64 {
  let dualNorm: f64 = 0;
  let wL1: f64 = 0;
  let wL2: f64 = 0;
  for (let j = 0; j < p; j++) {
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    const wj = load<f64>(w + (<usize>j << 3));
    wL1 += f * Math.abs(wj);
    wL2 += f * (wj * wj);
    if (f == 0) continue;
    const xta = load<f64>(g + (<usize>j << 3)) - l2Reg * f * wj;
    const v = (positive ? xta : Math.abs(xta)) / f;
    if (v > dualNorm) dualNorm = v;
  }
  let c: f64 = 1;
  if (l1Reg > 0 && dualNorm > l1Reg) c = l1Reg / dualNorm;
  const gap = 0.5 * (1 + c * c) * (rNorm2 + l2Reg * wL2) + l1Reg * wL1 - c * rTy;
  return l1Reg > 0 ? gap : Math.abs(gap);
}
