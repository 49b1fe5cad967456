import { axpy } from './axpy.js';

/**
 * Twin of assembly/kernels/heldOutMse.ts: held-out (weighted) mean squared
 * error of each of K path points, predictions built from the nonzero
 * coefficients only. XT is column-major nT×p, coefs K×p row-major.
 */
export function heldOutMse(
  XT: Float64Array, yT: Float64Array, swT: Float64Array | null, nT: number, p: number,
  coefs: Float64Array, intercepts: Float64Array, K: number, pred: Float64Array, mse: Float64Array,
): void {
  let wT = nT;
  if (swT !== null) {
    wT = 0;
    for (let t = 0; t < nT; t++) wT += swT[t];
  }
  for (let k = 0; k < K; k++) {
    pred.fill(intercepts[k], 0, nT);
    const row = k * p;
    for (let j = 0; j < p; j++) {
      const c = coefs[row + j];
      if (c !== 0) axpy(c, XT, j * nT, pred, 0, nT);
    }
    let sse = 0;
    for (let t = 0; t < nT; t++) {
      const r = yT[t] - pred[t];
      sse += swT === null ? r * r : swT[t] * r * r;
    }
    mse[k] = wT > 0 ? sse / wT : 0;
  }
}
