import { positiveRows, sparseColumnConstant, weightTotal } from "../solvers/sparseColumns";

// Centres and scales of sparse (CSC) columns, computed without touching the
// matrix — the sparse counterpart of preprocess/standardize (glmnet's
// standard/`spstandard`, scikit-learn's `_preprocess_data` for sparse X, which
// also leaves X as it is and hands the means to the solver): the weighted
// mean mⱼ = Σ_nz vᵢXᵢⱼ / V, and with `standardize` the 1/n standard deviation
// sⱼ = √([Σ_nz vᵢ(Xᵢⱼ − mⱼ)² + mⱼ²(V − Σ_nz vᵢ)] / V) about it (the absent
// entries are zeros). Constant columns (on the rows of positive weight) keep
// scale 1 and their value as centre, as in the dense code. Only y is written:
// centred at its weighted mean with an intercept (not multiplied by √v: the
// sparse solver applies the weights itself). Returns the mean of y (0 without
// an intercept). src/preprocess/sparseStandardize.ts is the JS twin.
export function sparseStandardize(
  colPtr: usize, rowIdx: usize, vals: usize, y: usize, sw: usize, n: i32, p: i32,
  fitIntercept: bool, standardize: bool, xMean: usize, xScale: usize,
): f64 {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  for (let j = 0; j < p; j++) {
    const a = load<i32>(colPtr + (<usize>j << 2));
    const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
    const constant = sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j);
    let mean: f64 = 0;
    if (constant) {
      // The value on the positively weighted rows: a stored one when every such row is stored, else 0.
      let inPattern = 0;
      let first: f64 = 0;
      for (let t = a; t < b; t++) {
        const i = load<i32>(rowIdx + (<usize>t << 2));
        if (sw != 0 && !(load<f64>(sw + (<usize>i << 3)) > 0)) continue;
        if (inPattern == 0) first = load<f64>(vals + (<usize>t << 3));
        inPattern++;
      }
      mean = inPattern == positive ? first : 0;
    } else if (fitIntercept || standardize) {
      let s: f64 = 0;
      for (let t = a; t < b; t++) {
        const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
        s += v * load<f64>(vals + (<usize>t << 3));
      }
      mean = s / V;
    }
    let scale: f64 = 1;
    if (standardize && !constant) {
      let ss: f64 = 0;
      let vIn: f64 = 0;
      for (let t = a; t < b; t++) {
        const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
        const d = load<f64>(vals + (<usize>t << 3)) - mean;
        ss += v * (d * d);
        vIn += v;
      }
      ss += mean * mean * (V - vIn);
      scale = Math.sqrt(ss / V);
      if (!(scale > 0)) scale = 1;
    }
    store<f64>(xMean + (<usize>j << 3), fitIntercept ? mean : 0.0);
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
    yMean = s / V;
    for (let i = 0; i < n; i++) {
      const o = y + (<usize>i << 3);
      store<f64>(o, load<f64>(o) - yMean);
    }
  }
  return yMean;
}
