import { axpy } from "./axpy";

// Held-out mean squared error of every point of a path, for cross-validation:
//   mse_k = Σₜ wₜ (yₜ − b_k − xₜᵀc_k)² / Σₜ wₜ      (wₜ = 1 without weights)
// — scikit-learn's `_path_residuals` (weighted average with sample weights).
// Predictions are built column by column with axpys over the nonzero
// coefficients only, so a sparse path point costs n_T·|active| rather than
// n_T·p; the squared residuals are then summed in row order.

/** XT: test rows column-major (nT×p); coefs: K×p row-major; pred: workspace nT; writes mse[K]. `swT` 0 = unit weights. */
export function heldOutMse(
  XT: usize, yT: usize, swT: usize, nT: i32, p: i32,
  coefs: usize, intercepts: usize, K: i32, pred: usize, mse: usize,
): void {
  const colBytes = <usize>nT << 3;
  let wT: f64 = <f64>nT;
  if (swT != 0) {
    wT = 0;
    for (let t = 0; t < nT; t++) wT += load<f64>(swT + (<usize>t << 3));
  }
  for (let k = 0; k < K; k++) {
    const b = load<f64>(intercepts + (<usize>k << 3));
    for (let t = 0; t < nT; t++) store<f64>(pred + (<usize>t << 3), b);
    const row = coefs + ((<usize>k * <usize>p) << 3);
    for (let j = 0; j < p; j++) {
      const c = load<f64>(row + (<usize>j << 3));
      if (c != 0) axpy(c, XT + <usize>j * colBytes, pred, nT);
    }
    let sse: f64 = 0;
    for (let t = 0; t < nT; t++) {
      const r = load<f64>(yT + (<usize>t << 3)) - load<f64>(pred + (<usize>t << 3));
      sse += swT == 0 ? r * r : load<f64>(swT + (<usize>t << 3)) * r * r;
    }
    store<f64>(mse + (<usize>k << 3), wT > 0 ? sse / wT : 0);
  }
}
