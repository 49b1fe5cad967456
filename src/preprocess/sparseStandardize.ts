import { positiveRows, sparseColumnConstant, weightTotal } from '../solvers/sparseColumns.js';

/**
 * Twin of assembly/preprocess/sparseStandardize.ts: weighted centres and
 * 1/n standard deviations of CSC columns without touching them; y centred in
 * place with an intercept (not √v-scaled). Returns the mean of y.
 */
export function sparseStandardize(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, y: Float64Array, sw: Float64Array | null, n: number, p: number,
  fitIntercept: boolean, standardize: boolean, xMean: Float64Array, xScale: Float64Array,
): number {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  for (let j = 0; j < p; j++) {
    const a = colPtr[j];
    const b = colPtr[j + 1];
    const constant = sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j);
    let mean = 0;
    if (constant) {
      let inPattern = 0;
      let first = 0;
      for (let t = a; t < b; t++) {
        if (sw !== null && !(sw[rowIdx[t]] > 0)) continue;
        if (inPattern === 0) first = vals[t];
        inPattern++;
      }
      mean = inPattern === positive ? first : 0;
    } else if (fitIntercept || standardize) {
      let s = 0;
      for (let t = a; t < b; t++) s += (sw === null ? 1 : sw[rowIdx[t]]) * vals[t];
      mean = s / V;
    }
    let scale = 1;
    if (standardize && !constant) {
      let ss = 0;
      let vIn = 0;
      for (let t = a; t < b; t++) {
        const v = sw === null ? 1 : sw[rowIdx[t]];
        const d = vals[t] - mean;
        ss += v * (d * d);
        vIn += v;
      }
      ss += mean * mean * (V - vIn);
      scale = Math.sqrt(ss / V);
      if (!(scale > 0)) scale = 1;
    }
    xMean[j] = fitIntercept ? mean : 0;
    xScale[j] = scale;
  }
  let yMean = 0;
  if (fitIntercept) {
    let s = 0;
    if (sw === null) for (let i = 0; i < n; i++) s += y[i];
    else for (let i = 0; i < n; i++) s += sw[i] * y[i];
    yMean = s / V;
    for (let i = 0; i < n; i++) y[i] = y[i] - yMean;
  }
  return yMean;
}
