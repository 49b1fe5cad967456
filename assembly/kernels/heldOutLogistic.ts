import { axpy } from "./axpy";
import { sigmoid } from "../math/sigmoid";
import { log } from "../math/log";

// Held-out score of every point of a logistic path, for LogisticRegressionCV
// (twin: src/kernels/heldOutLogistic.ts). Decision values b_k + xₜᵀc_k are
// built column by column with axpys over the nonzero coefficients only (the
// sums of a pass over all p in the same order, without the zeros), then
//  - DEVIANCE: the weighted mean binomial deviance −2(y·log p + (1 − y)·log(1 − p)),
//    p clipped to [1e-5, 1 − 1e-5] as cv.glmnet does;
//  - ACCURACY: the weighted share of rows with (s > 0) = y.

// @ts-ignore: decorator
@inline export const DEVIANCE = 0;
// @ts-ignore: decorator
@inline export const ACCURACY = 1;

// @ts-ignore: decorator
@inline const PROB_MIN: f64 = 1e-5;

/** Weighted mean binomial deviance of decision values s (0/1 labels y, weights w). */
export function heldOutDeviance(s: usize, y: usize, w: usize, n: i32): f64 {
  let wSum: f64 = 0;
  for (let i = 0; i < n; i++) wSum += load<f64>(w + (<usize>i << 3));
  let dev: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    let pr = sigmoid(load<f64>(s + o));
    if (pr < PROB_MIN) pr = PROB_MIN;
    else if (pr > 1 - PROB_MIN) pr = 1 - PROB_MIN;
    dev += load<f64>(w + o) * -2 * (load<f64>(y + o) != 0 ? log(pr) : log(1 - pr));
  }
  return dev / wSum;
}

/** Weighted share of rows whose predicted class (s > 0) is their label. */
export function heldOutAccuracy(s: usize, y: usize, w: usize, n: i32): f64 {
  let wSum: f64 = 0;
  for (let i = 0; i < n; i++) wSum += load<f64>(w + (<usize>i << 3));
  let hit: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    if ((load<f64>(s + o) > 0 ? 1.0 : 0.0) == load<f64>(y + o)) hit += load<f64>(w + o);
  }
  return hit / wSum;
}

/**
 * XT: test rows column-major (nT×p); the coefficients as sparse rows (i32
 * start[K+1], i32 idx and f64 val[start[K]]: row k's nonzeros in increasing
 * column order); s: workspace nT; writes out[K].
 */
export function heldOutLogistic(
  XT: usize, yT: usize, wT: usize, nT: i32,
  start: usize, idx: usize, val: usize, intercepts: usize, K: i32, scoring: i32, s: usize, out: usize,
): void {
  const colBytes = <usize>nT << 3;
  for (let k = 0; k < K; k++) {
    const b = load<f64>(intercepts + (<usize>k << 3));
    for (let t = 0; t < nT; t++) store<f64>(s + (<usize>t << 3), b);
    const end = load<i32>(start + (<usize>(k + 1) << 2));
    for (let q = load<i32>(start + (<usize>k << 2)); q < end; q++) {
      const j = load<i32>(idx + (<usize>q << 2));
      axpy(load<f64>(val + (<usize>q << 3)), XT + <usize>j * colBytes, s, nT);
    }
    store<f64>(out + (<usize>k << 3), scoring == ACCURACY ? heldOutAccuracy(s, yT, wT, nT) : heldOutDeviance(s, yT, wT, nT));
  }
}
