import { axpy } from './axpy.js';
import { sigmoid } from '../math/sigmoid.js';
import { log } from '../math/log.js';

/**
 * Twin of assembly/kernels/heldOutLogistic.ts: the held-out score of each
 * of K logistic path points (decision values from the nonzero coefficients
 * only, then the weighted mean deviance or accuracy). XT is column-major
 * nT×p, the coefficients as K sparse rows. The logarithms and the sigmoid come from the
 * shared src/math ports, so the scores are the same on every engine.
 */
export const DEVIANCE = 0;
export const ACCURACY = 1;

/** cv.glmnet clips held-out probabilities to [1e-5, 1 − 1e-5] before taking the deviance. */
const PROB_MIN = 1e-5;

/** Weighted mean binomial deviance −2(y·log p + (1 − y)·log(1 − p)) of decision values s (cv.glmnet's type.measure = "deviance"). */
export function heldOutDeviance(s: Float64Array, y: Float64Array, w: Float64Array, n: number): number {
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += w[i];
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let pr = sigmoid(s[i]);
    if (pr < PROB_MIN) pr = PROB_MIN;
    else if (pr > 1 - PROB_MIN) pr = 1 - PROB_MIN;
    dev += w[i] * -2 * (y[i] !== 0 ? log(pr) : log(1 - pr));
  }
  return dev / wSum;
}

/** Weighted share of rows whose predicted class (s > 0) is their label (scikit-learn's accuracy). */
export function heldOutAccuracy(s: Float64Array, y: Float64Array, w: Float64Array, n: number): number {
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += w[i];
  let hit = 0;
  for (let i = 0; i < n; i++) if ((s[i] > 0 ? 1 : 0) === y[i]) hit += w[i];
  return hit / wSum;
}

/**
 * s ← b + XT·c over the nonzero c (one row of a K×p block from `row`), four
 * columns per pass over the rows: s + x₀c₀ + x₁c₁ + … adds left to right,
 * the same operations in the same order as one axpy per column (the AS
 * kernel's), with a quarter of the loads and stores of s.
 */
export function decisionValues(XT: Float64Array, nT: number, p: number, coefs: Float64Array, row: number, b: number, s: Float64Array): void {
  s.fill(b, 0, nT);
  let j = 0;
  for (;;) {
    // the next four nonzero columns
    let j0 = -1;
    let j1 = -1;
    let j2 = -1;
    let j3 = -1;
    while (j < p && coefs[row + j] === 0) j++;
    if (j < p) j0 = j++;
    while (j < p && coefs[row + j] === 0) j++;
    if (j < p) j1 = j++;
    while (j < p && coefs[row + j] === 0) j++;
    if (j < p) j2 = j++;
    while (j < p && coefs[row + j] === 0) j++;
    if (j < p) j3 = j++;
    if (j3 < 0) {
      for (const jj of [j0, j1, j2]) if (jj >= 0) axpy(coefs[row + jj], XT, jj * nT, s, 0, nT);
      return;
    }
    const c0 = coefs[row + j0];
    const c1 = coefs[row + j1];
    const c2 = coefs[row + j2];
    const c3 = coefs[row + j3];
    const o0 = j0 * nT;
    const o1 = j1 * nT;
    const o2 = j2 * nT;
    const o3 = j3 * nT;
    for (let t = 0; t < nT; t++) s[t] = s[t] + c0 * XT[o0 + t] + c1 * XT[o1 + t] + c2 * XT[o2 + t] + c3 * XT[o3 + t];
  }
}

/**
 * decisionValues over a sparse row (columns idx[from … to), values val[…]):
 * the same four-column passes over the same nonzeros in the same order, so
 * the same bits as decisionValues on the dense row.
 */
export function decisionValuesSparse(
  XT: Float64Array, nT: number, idx: Int32Array, val: Float64Array, from: number, to: number, b: number, s: Float64Array,
): void {
  s.fill(b, 0, nT);
  let q = from;
  for (; q + 4 <= to; q += 4) {
    const c0 = val[q];
    const c1 = val[q + 1];
    const c2 = val[q + 2];
    const c3 = val[q + 3];
    const o0 = idx[q] * nT;
    const o1 = idx[q + 1] * nT;
    const o2 = idx[q + 2] * nT;
    const o3 = idx[q + 3] * nT;
    for (let t = 0; t < nT; t++) s[t] = s[t] + c0 * XT[o0 + t] + c1 * XT[o1 + t] + c2 * XT[o2 + t] + c3 * XT[o3 + t];
  }
  for (; q < to; q++) axpy(val[q], XT, idx[q] * nT, s, 0, nT);
}

/** XT column-major nT×p; the coefficients as sparse rows (row k: idx/val[start[k] … start[k+1])); s: workspace nT; writes out[K]. */
export function heldOutLogistic(
  XT: Float64Array, yT: Float64Array, wT: Float64Array, nT: number,
  start: Int32Array, idx: Int32Array, val: Float64Array, intercepts: Float64Array, K: number, scoring: number, s: Float64Array, out: Float64Array,
): void {
  for (let k = 0; k < K; k++) {
    decisionValuesSparse(XT, nT, idx, val, start[k], start[k + 1], intercepts[k], s);
    out[k] = scoring === ACCURACY ? heldOutAccuracy(s, yT, wT, nT) : heldOutDeviance(s, yT, wT, nT);
  }
}
