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
