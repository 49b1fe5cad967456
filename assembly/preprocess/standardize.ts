// Centering, scaling and sample weighting of the design, in place, before a
// solve. This mirrors glmnet's `standard` step (Friedman, Hastie & Tibshirani
// 2010, §2.1; glmnet's Fortran `standard`/`standard1`) and scikit-learn's
// `_preprocess_data` + `_rescale_data`:
//   * with an intercept, X columns and y are centred at their (weighted) means,
//     so the intercept drops out of the penalized problem;
//   * with `standardize`, each column is divided by its (weighted) 1/n standard
//     deviation about its (weighted) mean — glmnet's convention, which keeps
//     the mean-centred sd also with intercept = FALSE (the column itself is
//     then not centred) — so the penalty applies to standardized coefficients;
//     constant columns keep scale 1;
//   * rows are then multiplied by sqrt(wᵢ), turning Σwᵢrᵢ² into ||r||².
// Constant columns are detected exactly (every value equal to the first; with
// weights, on the rows of positive weight) and zeroed: a mean computed in floating point is not exactly the constant, and a
// 1e-16 residue divided by a 1e-16 scale would otherwise become a real column.
// All sums run sequentially; src/kernels/standardize.ts repeats the same
// operations in the same order, so both backends see identical bits.

/** Column-major X (n×p) and y (n) are overwritten. `sw` is 0 (unit weights) or
 *  a pointer to n non-negative weights. Writes xMean[p] and xScale[p] and
 *  returns the (weighted) mean of y, or 0 without an intercept. */
export function standardizeDesign(
  X: usize, y: usize, sw: usize, n: i32, p: i32,
  fitIntercept: bool, standardize: bool,
  xMean: usize, xScale: usize,
): f64 {
  return prepareDesign(X, y, sw, n, p, fitIntercept, standardize, xMean, xScale, true);
}

/** The same centring and scaling without the √wᵢ row weighting: for the
 *  logistic solver, which weighs rows itself (IRLS weights wᵢpᵢ(1 − pᵢ)). */
export function centerScaleColumns(
  X: usize, y: usize, sw: usize, n: i32, p: i32,
  fitIntercept: bool, standardize: bool,
  xMean: usize, xScale: usize,
): f64 {
  return prepareDesign(X, y, sw, n, p, fitIntercept, standardize, xMean, xScale, false);
}

function prepareDesign(
  X: usize, y: usize, sw: usize, n: i32, p: i32,
  fitIntercept: bool, standardize: bool,
  xMean: usize, xScale: usize, weightRows: bool,
): f64 {
  let wSum: f64 = <f64>n;
  // First row that counts: with weights, rows of weight 0 take no part in the
  // fit, so a column is constant when it is constant on the positively
  // weighted rows (otherwise a mean residue of 1e-17 would become a column).
  let i0 = 0;
  if (sw != 0) {
    wSum = 0;
    for (let i = 0; i < n; i++) wSum += load<f64>(sw + (<usize>i << 3));
    while (i0 < n - 1 && !(load<f64>(sw + (<usize>i0 << 3)) > 0)) i0++;
  }
  for (let j = 0; j < p; j++) {
    const c = X + ((<usize>j * <usize>n) << 3);
    const first = load<f64>(c + (<usize>i0 << 3));
    let constant = true;
    for (let i = i0 + 1; i < n; i++) {
      if (sw != 0 && !(load<f64>(sw + (<usize>i << 3)) > 0)) continue;
      if (load<f64>(c + (<usize>i << 3)) != first) { constant = false; break; }
    }
    // The (weighted) column mean: subtracted with an intercept; without one
    // it is still the centre of the standard deviation (glmnet's xs).
    let mean: f64 = 0;
    if (fitIntercept || (standardize && !constant)) {
      if (constant) {
        mean = first;
      } else {
        let s: f64 = 0;
        if (sw == 0) {
          for (let i = 0; i < n; i++) s += load<f64>(c + (<usize>i << 3));
        } else {
          for (let i = 0; i < n; i++) s += load<f64>(sw + (<usize>i << 3)) * load<f64>(c + (<usize>i << 3));
        }
        mean = s / wSum;
      }
    }
    if (fitIntercept) {
      if (constant) {
        for (let i = 0; i < n; i++) store<f64>(c + (<usize>i << 3), 0.0);
      } else {
        for (let i = 0; i < n; i++) {
          const o = c + (<usize>i << 3);
          store<f64>(o, load<f64>(o) - mean);
        }
      }
    }
    let scale: f64 = 1;
    if (standardize && !constant) {
      let ss: f64 = 0;
      if (fitIntercept) {
        if (sw == 0) {
          for (let i = 0; i < n; i++) { const v = load<f64>(c + (<usize>i << 3)); ss += v * v; }
        } else {
          for (let i = 0; i < n; i++) {
            const v = load<f64>(c + (<usize>i << 3));
            ss += load<f64>(sw + (<usize>i << 3)) * (v * v);
          }
        }
      } else if (sw == 0) {
        for (let i = 0; i < n; i++) { const v = load<f64>(c + (<usize>i << 3)) - mean; ss += v * v; }
      } else {
        for (let i = 0; i < n; i++) {
          const v = load<f64>(c + (<usize>i << 3)) - mean;
          ss += load<f64>(sw + (<usize>i << 3)) * (v * v);
        }
      }
      scale = Math.sqrt(ss / wSum);
      if (scale > 0) {
        for (let i = 0; i < n; i++) {
          const o = c + (<usize>i << 3);
          store<f64>(o, load<f64>(o) / scale);
        }
      } else {
        scale = 1;
      }
    }
    if (!fitIntercept) mean = 0;
    store<f64>(xMean + (<usize>j << 3), mean);
    store<f64>(xScale + (<usize>j << 3), scale);
  }

  let yMean: f64 = 0;
  if (fitIntercept) {
    let s: f64 = 0;
    if (sw == 0) {
      for (let i = 0; i < n; i++) s += load<f64>(y + (<usize>i << 3));
    } else {
      for (let i = 0; i < n; i++) s += load<f64>(sw + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
    }
    yMean = s / wSum;
    for (let i = 0; i < n; i++) {
      const o = y + (<usize>i << 3);
      store<f64>(o, load<f64>(o) - yMean);
    }
  }

  if (sw != 0 && weightRows) {
    for (let i = 0; i < n; i++) {
      const r = Math.sqrt(load<f64>(sw + (<usize>i << 3)));
      const oy = y + (<usize>i << 3);
      store<f64>(oy, load<f64>(oy) * r);
      for (let j = 0; j < p; j++) {
        const o = X + ((<usize>j * <usize>n + <usize>i) << 3);
        store<f64>(o, load<f64>(o) * r);
      }
    }
  }
  return yMean;
}
