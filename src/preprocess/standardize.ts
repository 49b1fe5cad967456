/**
 * Twin of assembly/preprocess/standardize.ts (see there for the conventions:
 * glmnet's `standard` step and scikit-learn's `_preprocess_data` +
 * `_rescale_data`). Column-major X (n×p) and y are overwritten; `sw` is null
 * (unit weights) or n non-negative weights. Fills xMean and xScale and returns
 * the (weighted) mean of y, or 0 without an intercept.
 */
export function standardizeDesign(
  X: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number,
  fitIntercept: boolean, standardize: boolean,
  xMean: Float64Array, xScale: Float64Array,
): number {
  return prepareDesign(X, y, sw, n, p, fitIntercept, standardize, xMean, xScale, true);
}

/** Twin of `centerScaleColumns`: the same centring and scaling without the √wᵢ row weighting (logistic solver). */
export function centerScaleColumns(
  X: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number,
  fitIntercept: boolean, standardize: boolean,
  xMean: Float64Array, xScale: Float64Array,
): number {
  return prepareDesign(X, y, sw, n, p, fitIntercept, standardize, xMean, xScale, false);
}

function prepareDesign(
  X: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number,
  fitIntercept: boolean, standardize: boolean,
  xMean: Float64Array, xScale: Float64Array, weightRows: boolean,
): number {
  let wSum = n;
  let i0 = 0; // first row of positive weight (see the AS kernel)
  if (sw !== null) {
    wSum = 0;
    for (let i = 0; i < n; i++) wSum += sw[i];
    while (i0 < n - 1 && !(sw[i0] > 0)) i0++;
  }
  for (let j = 0; j < p; j++) {
    const c = j * n;
    const first = X[c + i0];
    let constant = true;
    for (let i = i0 + 1; i < n; i++) {
      if (sw !== null && !(sw[i] > 0)) continue;
      if (X[c + i] !== first) { constant = false; break; }
    }
    // The (weighted) column mean: subtracted with an intercept; without one
    // it is still the centre of the standard deviation (glmnet's xs).
    let mean = 0;
    if (fitIntercept || (standardize && !constant)) {
      if (constant) {
        mean = first;
      } else {
        let s = 0;
        if (sw === null) for (let i = 0; i < n; i++) s += X[c + i];
        else for (let i = 0; i < n; i++) s += sw[i] * X[c + i];
        mean = s / wSum;
      }
    }
    if (fitIntercept) {
      if (constant) X.fill(0, c, c + n);
      else for (let i = 0; i < n; i++) X[c + i] = X[c + i] - mean;
    }
    let scale = 1;
    if (standardize && !constant) {
      let ss = 0;
      if (fitIntercept) {
        if (sw === null) {
          for (let i = 0; i < n; i++) { const v = X[c + i]; ss += v * v; }
        } else {
          for (let i = 0; i < n; i++) { const v = X[c + i]; ss += sw[i] * (v * v); }
        }
      } else if (sw === null) {
        for (let i = 0; i < n; i++) { const v = X[c + i] - mean; ss += v * v; }
      } else {
        for (let i = 0; i < n; i++) { const v = X[c + i] - mean; ss += sw[i] * (v * v); }
      }
      scale = Math.sqrt(ss / wSum);
      if (scale > 0) {
        for (let i = 0; i < n; i++) X[c + i] = X[c + i] / scale;
      } else {
        scale = 1;
      }
    }
    if (!fitIntercept) mean = 0;
    xMean[j] = mean;
    xScale[j] = scale;
  }

  let yMean = 0;
  if (fitIntercept) {
    let s = 0;
    if (sw === null) for (let i = 0; i < n; i++) s += y[i];
    else for (let i = 0; i < n; i++) s += sw[i] * y[i];
    yMean = s / wSum;
    for (let i = 0; i < n; i++) y[i] = y[i] - yMean;
  }

  if (sw !== null && weightRows) {
    for (let i = 0; i < n; i++) {
      const r = Math.sqrt(sw[i]);
      y[i] = y[i] * r;
      for (let j = 0; j < p; j++) X[j * n + i] = X[j * n + i] * r;
    }
  }
  return yMean;
}
