// Sequential strong rule (Tibshirani, Bien, Friedman, Hastie, Simon, Taylor &
// Tibshirani 2012, JRSS-B 74(2), §2.2) of the elastic-net coordinate-descent
// solver: at a new λ₁, feature j starts in the working set when it is already
// nonzero, unpenalized, or its gradient |gⱼ| (gⱼ with `positive`) reaches
// pfⱼ·(2λ₁ − λ₁,prev). Discarded features are KKT-checked by the solver
// afterwards, so the rule never changes an answer. Columns with zero norm
// (constant after centring) never enter. The logistic solver runs the same
// rule fused with the refresh of its screened gradients (`refreshedStrongSet`
// in logisticSolver.ts).
// JS twin: src/solvers/strongRule.ts.

/**
 * Fills `inW` (i32[p], 1 = in the working set) and `list` (i32[p], the working
 * set in increasing j) and returns its size. `pf` is 0 for all-ones factors.
 */
export function strongWorkingSet(
  p: i32, coef: usize, g: usize, norm: usize, pf: usize, positive: bool,
  l1Reg: f64, l1Prev: f64, inW: usize, list: usize,
): i32 {
  const strong = 2 * l1Reg - l1Prev;
  let nW = 0;
  for (let j = 0; j < p; j++) {
    let keep = false;
    if (load<f64>(norm + (<usize>j << 3)) != 0) {
      const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
      const gj = load<f64>(g + (<usize>j << 3));
      keep = load<f64>(coef + (<usize>j << 3)) != 0 || f == 0 || (positive ? gj : Math.abs(gj)) >= f * strong;
    }
    store<i32>(inW + (<usize>j << 2), keep ? 1 : 0);
    if (keep) { store<i32>(list + (<usize>nW << 2), j); nW++; }
  }
  return nW;
}
