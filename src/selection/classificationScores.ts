import { log } from '../math/log.js';
import { sigmoid } from '../math/sigmoid.js';

/** How held-out predictions are scored in LogisticRegressionCV. */
export type ClassificationScoring = 'deviance' | 'auc' | 'accuracy';

/** Whether larger is better for a scoring (AUC, accuracy) or smaller (deviance). */
export function greaterIsBetter(s: ClassificationScoring): boolean {
  return s !== 'deviance';
}

/** cv.glmnet clips held-out probabilities to [1e-5, 1 − 1e-5] before taking the deviance. */
const PROB_MIN = 1e-5;

/**
 * The held-out score of decision values `s` for 0/1 labels with weights `w`:
 *  - 'deviance': weighted mean binomial deviance −2(y·log p + (1 − y)·log(1 − p)),
 *    p clipped as cv.glmnet does (type.measure = "deviance");
 *  - 'auc': weighted area under the ROC curve (Mann–Whitney; ties count ½),
 *    as cv.glmnet's "auc" per fold;
 *  - 'accuracy': weighted share of rows with (s > 0) = y (scikit-learn's accuracy).
 * Logarithms come from the shared src/math port, so the score is the same on every engine.
 */
export function classificationScore(scoring: ClassificationScoring, s: Float64Array, y01: Float64Array, w: Float64Array): number {
  const n = s.length;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += w[i];
  if (scoring === 'accuracy') {
    let hit = 0;
    for (let i = 0; i < n; i++) if ((s[i] > 0 ? 1 : 0) === y01[i]) hit += w[i];
    return hit / wSum;
  }
  if (scoring === 'deviance') {
    let dev = 0;
    for (let i = 0; i < n; i++) {
      let p = sigmoid(s[i]);
      if (p < PROB_MIN) p = PROB_MIN;
      else if (p > 1 - PROB_MIN) p = 1 - PROB_MIN;
      dev += w[i] * -2 * (y01[i] !== 0 ? log(p) : log(1 - p));
    }
    return dev / wSum;
  }
  // AUC: sort by score, sweep ties together.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[a] - s[b]);
  let negBelow = 0;
  let area = 0;
  let pos = 0;
  let neg = 0;
  for (let t = 0; t < n; ) {
    let u = t;
    let tiePos = 0;
    let tieNeg = 0;
    while (u < n && s[order[u]] === s[order[t]]) {
      const i = order[u];
      if (y01[i] !== 0) tiePos += w[i];
      else tieNeg += w[i];
      u++;
    }
    area += tiePos * (negBelow + 0.5 * tieNeg);
    negBelow += tieNeg;
    pos += tiePos;
    neg += tieNeg;
    t = u;
  }
  return pos > 0 && neg > 0 ? area / (pos * neg) : NaN;
}

/**
 * Held-out scores of the K solutions of a path (`coefs` K × p row-major,
 * `intercepts`) on test rows given as one dense column-major block `testX`
 * (column j of the nT test rows at j·nT, copied once per fold: reading X
 * through its accessor cost more than the scoring itself). Each decision
 * value is b + Σ x_tj·β_j over the solution's nonzero β_j in increasing j —
 * the same sums in the same order as a pass over all p, without the zeros —
 * accumulated a column at a time over all rows (contiguous reads).
 */
export function pathHeldOutScores(
  scoring: ClassificationScoring, testX: Float64Array, p: number, coefs: Float64Array, intercepts: Float64Array,
  yTest: Float64Array, wTest: Float64Array,
): Float64Array {
  const K = intercepts.length;
  const nT = yTest.length;
  const out = new Float64Array(K);
  const s = new Float64Array(nT);
  const nz = new Int32Array(p);
  for (let k = 0; k < K; k++) {
    const row = k * p;
    let m = 0;
    for (let j = 0; j < p; j++) if (coefs[row + j] !== 0) nz[m++] = j;
    s.fill(intercepts[k]);
    // Four columns per pass over the rows: s + a·c₀ + b·c₁ + … adds left to
    // right, the same order as one column at a time, with a quarter of the
    // loads and stores of s.
    let q = 0;
    for (; q + 4 <= m; q += 4) {
      const j0 = nz[q];
      const j1 = nz[q + 1];
      const j2 = nz[q + 2];
      const j3 = nz[q + 3];
      const c0 = coefs[row + j0];
      const c1 = coefs[row + j1];
      const c2 = coefs[row + j2];
      const c3 = coefs[row + j3];
      const o0 = j0 * nT;
      const o1 = j1 * nT;
      const o2 = j2 * nT;
      const o3 = j3 * nT;
      for (let t = 0; t < nT; t++) s[t] = s[t] + testX[o0 + t] * c0 + testX[o1 + t] * c1 + testX[o2 + t] * c2 + testX[o3 + t] * c3;
    }
    for (; q < m; q++) {
      const j = nz[q];
      const c = coefs[row + j];
      const o = j * nT;
      for (let t = 0; t < nT; t++) s[t] += testX[o + t] * c;
    }
    out[k] = classificationScore(scoring, s, yTest, wTest);
  }
  return out;
}
