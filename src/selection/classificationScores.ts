import { decisionValues, heldOutAccuracy, heldOutDeviance } from '../kernels/heldOutLogistic.js';

/** How held-out predictions are scored in LogisticRegressionCV. */
export type ClassificationScoring = 'deviance' | 'auc' | 'accuracy';

/** Whether larger is better for a scoring (AUC, accuracy) or smaller (deviance). */
export function greaterIsBetter(s: ClassificationScoring): boolean {
  return s !== 'deviance';
}

/**
 * The held-out score of decision values `s` for 0/1 labels with weights `w`:
 *  - 'deviance': weighted mean binomial deviance −2(y·log p + (1 − y)·log(1 − p)),
 *    p clipped as cv.glmnet does (type.measure = "deviance");
 *  - 'auc': weighted area under the ROC curve (Mann–Whitney; ties count ½),
 *    as cv.glmnet's "auc" per fold;
 *  - 'accuracy': weighted share of rows with (s > 0) = y (scikit-learn's accuracy).
 * Deviance and accuracy are kernels/heldOutLogistic's (twins of the AS kernel), so the
 * score is the same on every engine and backend.
 */
export function classificationScore(scoring: ClassificationScoring, s: Float64Array, y01: Float64Array, w: Float64Array): number {
  const n = s.length;
  if (scoring === 'accuracy') return heldOutAccuracy(s, y01, w, n);
  if (scoring === 'deviance') return heldOutDeviance(s, y01, w, n);
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
 * (nT × p): decision values from the nonzero coefficients only (the
 * kernel's, kernels/heldOutLogistic), then `classificationScore`. The
 * backends' heldOutScores do the same for 'deviance' and 'accuracy' in one kernel.
 */
export function pathHeldOutScores(
  scoring: ClassificationScoring, testX: Float64Array, p: number, coefs: Float64Array, intercepts: Float64Array,
  yTest: Float64Array, wTest: Float64Array,
): Float64Array {
  const K = intercepts.length;
  const nT = yTest.length;
  const out = new Float64Array(K);
  const s = new Float64Array(nT);
  for (let k = 0; k < K; k++) {
    decisionValues(testX, nT, p, coefs, k * p, intercepts[k], s);
    out[k] = classificationScore(scoring, s, yTest, wTest);
  }
  return out;
}
