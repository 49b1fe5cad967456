import type { CheckedMatrix } from '../io/matrix.js';
import { rowSubset, denseRows } from '../io/rowSubset.js';
import { getBackend } from '../backends/index.js';
import type { BackendName } from '../models/options.js';
import { pathOnDesign, type PathSettings } from '../paths/enetPath.js';
import { splitFold, type Folds } from './folds.js';

/** Cross-validation curve of one l1Ratio over its alpha grid. */
export interface CVCurve {
  l1Ratio: number;
  /** Alphas, decreasing. */
  alphas: Float64Array;
  /** nAlphas × nFolds, row-major: held-out mean squared error of fold f at alphas[k]. */
  msePath: Float64Array;
  /** Mean over folds of the held-out MSE, per alpha. */
  mseMean: Float64Array;
  /** Standard error of mseMean (glmnet's `cvsd`), per alpha. */
  mseStd: Float64Array;
  /** Index of the alpha with the least mseMean (the largest such alpha on ties). */
  indexMin: number;
  /** Index of the largest alpha whose mseMean ≤ mseMean[indexMin] + mseStd[indexMin] (glmnet's lambda.1se). */
  index1se: number;
}

export interface CVSetup {
  fitIntercept: boolean;
  standardize: boolean;
  backend: BackendName;
  /** Weight the fold means by fold weight (glmnet, used with foldIds) instead of a plain mean (scikit-learn). */
  weightFoldsBySize: boolean;
}

/**
 * K-fold cross-validation of elastic-net paths: for each fold, one prepared
 * design of the training rows (centred/scaled on those rows only), a warm-
 * started path per l1Ratio over that l1Ratio's full-data grid, and the
 * held-out MSE at every alpha — scikit-learn's `_path_residuals` (weighted
 * MSE with sample weights, training weights rescaled to sum to the training
 * size) and the fold statistics of glmnet's `cv.glmnet`.
 */
export function crossValidatePaths(
  M: CheckedMatrix,
  y: ArrayLike<number>,
  sw: Float64Array | null,
  folds: Folds,
  grids: { l1Ratio: number; alphas: Float64Array }[],
  settings: Omit<PathSettings, 'l1Ratio'>,
  setup: CVSetup,
  onStep: () => void,
): CVCurve[] {
  const p = M.cols;
  const nF = folds.k;
  const backend = getBackend(setup.backend);
  const paths = grids.map((g) => new Float64Array(g.alphas.length * nF));
  const foldWeight = new Float64Array(nF);

  for (let f = 0; f < nF; f++) {
    const { train, test } = splitFold(folds, f);
    const yTrain = Float64Array.from(train, (i) => y[i]);
    let swTrain: Float64Array | null = null;
    let swTest: Float64Array | null = null;
    if (sw) {
      swTrain = Float64Array.from(train, (i) => sw[i]);
      swTest = Float64Array.from(test, (i) => sw[i]);
      let s = 0;
      for (let i = 0; i < swTrain.length; i++) s += swTrain[i];
      if (!(s > 0)) throw new RangeError(`cross-validation: fold ${f} leaves training rows whose sample weights are all zero`);
      const scale = train.length / s;
      for (let i = 0; i < swTrain.length; i++) swTrain[i] *= scale;
    }
    let wTest = 0;
    if (swTest) for (let i = 0; i < swTest.length; i++) wTest += swTest[i];
    else wTest = test.length;
    foldWeight[f] = wTest;
    const Xtest = denseRows(M, test);
    const yTest = Float64Array.from(test, (i) => y[i]);

    backend.withDesign(rowSubset(M, train), yTrain, { fitIntercept: setup.fitIntercept, standardize: setup.standardize, sampleWeight: swTrain }, (d) => {
      grids.forEach((g, c) => {
        const K = g.alphas.length;
        const res = pathOnDesign(d, { ...settings, l1Ratio: g.l1Ratio }, g.alphas, setup.fitIntercept, onStep);
        for (let k = 0; k < K; k++) {
          const b = res.intercepts[k];
          const row = k * p;
          let sse = 0;
          for (let t = 0; t < test.length; t++) {
            let pred = b;
            const o = t * p;
            for (let j = 0; j < p; j++) pred += Xtest[o + j] * res.coefs[row + j];
            const r = yTest[t] - pred;
            sse += swTest ? swTest[t] * r * r : r * r;
          }
          paths[c][k * nF + f] = wTest > 0 ? sse / wTest : 0;
        }
      });
    });
  }

  return grids.map((g, c) => summarize(g.l1Ratio, g.alphas, paths[c], nF, setup.weightFoldsBySize ? foldWeight : null));
}

/** Fold means, standard errors, and the min and 1-SE choices (cv.glmnet's definitions). */
function summarize(l1Ratio: number, alphas: Float64Array, msePath: Float64Array, nF: number, weights: Float64Array | null): CVCurve {
  const K = alphas.length;
  const mseMean = new Float64Array(K);
  const mseStd = new Float64Array(K);
  let wSum = 0;
  for (let f = 0; f < nF; f++) wSum += weights ? weights[f] : 1;
  for (let k = 0; k < K; k++) {
    let m = 0;
    for (let f = 0; f < nF; f++) m += (weights ? weights[f] : 1) * msePath[k * nF + f];
    m /= wSum;
    let v = 0;
    for (let f = 0; f < nF; f++) {
      const d = msePath[k * nF + f] - m;
      v += (weights ? weights[f] : 1) * d * d;
    }
    mseMean[k] = m;
    mseStd[k] = Math.sqrt(v / wSum / (nF - 1));
  }
  let indexMin = 0;
  for (let k = 1; k < K; k++) if (mseMean[k] < mseMean[indexMin]) indexMin = k;
  const bound = mseMean[indexMin] + mseStd[indexMin];
  let index1se = indexMin;
  for (let k = 0; k < K; k++) {
    if (mseMean[k] <= bound && alphas[k] > alphas[index1se]) index1se = k;
  }
  return { l1Ratio, alphas, msePath, mseMean, mseStd, indexMin, index1se };
}
