import type { CheckedMatrix } from '../io/matrix.js';
import { rowSubset } from '../io/rowSubset.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { isSparseMatrix, sparseHeldOutMse, sparseRowSubset, type SparseMatrix } from '../io/sparse.js';
import type { BackendName } from '../models/options.js';
import { pathOnDesign, type PathSettings } from '../paths/enetPath.js';
import { useCovariance } from '../models/ElasticNet.js';
import type { Backend, FoldDesign, GramShare, PreparedDesign } from '../backends/types.js';
import { checkTrainingWeights, splitFold, type Folds } from './folds.js';
import { pathScratch } from './pathScratch.js';

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
  M: CheckedMatrix | SparseMatrix,
  y: ArrayLike<number>,
  sw: Float64Array | null,
  folds: Folds,
  grids: { l1Ratio: number; alphas: Float64Array }[],
  settings: Omit<PathSettings, 'l1Ratio'>,
  setup: CVSetup,
  onStep: () => void,
): CVCurve[] {
  const { paths, foldWeight } = foldPathErrors(M, y, sw, folds, grids, settings, setup, onStep, null);
  return summarizeFolds(grids, paths, folds.k, setup.weightFoldsBySize ? foldWeight : null);
}

/** Fold means and choices of every grid from its nAlphas × nFolds held-out errors. */
export function summarizeFolds(
  grids: { l1Ratio: number; alphas: Float64Array }[], paths: Float64Array[], nF: number, foldWeight: Float64Array | null,
): CVCurve[] {
  return grids.map((g, c) => summarize(g.l1Ratio, g.alphas, paths[c], nF, foldWeight));
}

/**
 * Folds shared with other workers (workers/sharedFolds): the work comes in
 * units of one fold and one l1Ratio (grid; RidgeCV: one alpha), in fit's order fold-major. A
 * worker takes a fold (`next`), prepares its training design once, then
 * takes that fold's l1Ratio values one at a time (`grid`) — so a worker
 * with no fold left can help with the l1Ratio values of a fold another one
 * is on, preparing that fold's design too. Each (fold, grid) unit's numbers
 * depend on that fold and grid alone (a path starts from zero on the fold's
 * design), so any split gives the one-thread bits. Also hands this worker's
 * share of the full XᵀX in covariance mode.
 */
export interface FoldQueue {
  /** The next fold to prepare, or −1 when none is left. */
  next(): number;
  /** The next grid (l1Ratio index; RidgeCV: alpha index) of fold f, the fold last given by `next`, to compute; −1 when none is left. */
  grid(f: number): number;
  /** This worker's part of the full Gram matrix of p columns (null: compute it whole). */
  gramShare(p: number): GramShare | null;
  /** Called once the errors of fold f on grid g are in `paths` (nAlphas × nFolds per l1Ratio). */
  done?(f: number, g: number, paths: Float64Array[]): void;
}

export function isFoldQueue(o: readonly number[] | FoldQueue | null): o is FoldQueue {
  return o !== null && typeof (o as FoldQueue).next === 'function';
}

/** The FoldQueue of one thread: the folds of `list`, each with its `grids` grids in order (fit's order). */
export function foldListQueue(list: readonly number[], grids: number): FoldQueue {
  let at = 0;
  let g = 0;
  return {
    next: () => {
      g = 0;
      return at < list.length ? list[at++] : -1;
    },
    grid: () => (g < grids ? g++ : -1),
    gramShare: () => null,
  };
}

/**
 * The held-out errors of crossValidatePaths, for the folds in `only` (all
 * when null; the others' entries stay 0) or those a FoldQueue hands out: the
 * numbers of each fold and l1Ratio depend on that fold and l1Ratio alone, so
 * parts computed apart (in workers) give the same bits. `foldWeight` is every fold's held-out weight.
 * `full`: the full data's design prepared as the Gram downdating needs it
 * (centred, not scaled, weighted by `sw`), when the caller holds one already
 * (else the folds prepare their own: one more copy of X in the core).
 */
export function foldPathErrors(
  M: CheckedMatrix | SparseMatrix,
  y: ArrayLike<number>,
  sw: Float64Array | null,
  folds: Folds,
  grids: { l1Ratio: number; alphas: Float64Array }[],
  settings: Omit<PathSettings, 'l1Ratio'>,
  setup: CVSetup,
  onStep: () => void,
  only: readonly number[] | FoldQueue | null,
  full: PreparedDesign | null = null,
): { paths: Float64Array[]; foldWeight: Float64Array } {
  const p = M.cols;
  const nF = folds.k;
  const backend = getBackend(setup.backend);
  const paths = grids.map((g) => new Float64Array(g.alphas.length * nF));
  const foldWeight = new Float64Array(nF);

  // Covariance-mode solvers need only each fold's Gram matrix, which is
  // downdated from the full data's (preprocess/foldGram) instead of copying and
  // re-multiplying the training rows of every fold.
  const viaGram = !isSparseMatrix(M) && foldsViaGram(M.rows, p, folds, settings.precompute);

  const foldData = Array.from({ length: nF }, (_, f) => {
    const { train, test } = splitFold(folds, f);
    const swTest = sw ? Float64Array.from(test, (i) => sw[i]) : null;
    let wTest = 0;
    if (swTest) for (let i = 0; i < swTest.length; i++) wTest += swTest[i];
    else wTest = test.length;
    foldWeight[f] = wTest;
    return { train, test, swTest, wTest };
  });

  // One coefficient buffer for every path of every fold (read by heldOutErrors, then overwritten).
  const scratch = pathScratch();

  /** Held-out MSE of every path point of grid g on fold f (held-out targets `yTest`), for a prepared training design. */
  const evaluate = (f: number, g: number, d: FoldDesign, yTest: Float64Array): void => {
    const { test, swTest } = foldData[f];
    const { l1Ratio, alphas } = grids[g];
    const res = pathOnDesign(d, { ...settings, l1Ratio }, alphas, setup.fitIntercept, onStep, scratch.get(alphas.length * p));
    const mse = heldOutErrors(backend, M, test, yTest, swTest, res.coefs, res.intercepts);
    for (let k = 0; k < alphas.length; k++) paths[g][k * nF + f] = mse[k];
  };
  /** Every grid the queue hands out for fold f, on its prepared design. */
  const gridsOf = (f: number, d: FoldDesign): void => {
    const yTest = Float64Array.from(foldData[f].test, (i) => y[i]);
    for (let g = queue.grid(f); g >= 0; g = queue.grid(f)) {
      evaluate(f, g, d, yTest);
      queue.done?.(f, g, paths);
    }
  };

  const queue = isFoldQueue(only) ? only : foldListQueue(only ?? Array.from({ length: nF }, (_, f) => f), grids.length);
  try {
    if (viaGram) {
      let maxTest = 0;
      for (const fd of foldData) maxTest = Math.max(maxTest, fd.test.length);
      const D = M as CheckedMatrix;
      const runFolds = (design: PreparedDesign): void => {
        const gram = design.gramFolds(maxTest, queue.gramShare(p));
        for (let f = queue.next(); f >= 0; f = queue.next()) {
          const { train, test } = foldData[f];
          checkTrainingWeights(sw, train, f, 'cross-validation');
          gridsOf(f, gram.fold(test, constantColumns(D, train, sw), setup.standardize));
        }
      };
      if (full) runFolds(full);
      else backend.withDesign(D, y, { fitIntercept: setup.fitIntercept, standardize: false, sampleWeight: sw }, runFolds);
    } else {
      for (let f = queue.next(); f >= 0; f = queue.next()) {
        const { train } = foldData[f];
        const yTrain = Float64Array.from(train, (i) => y[i]);
        let swTrain: Float64Array | null = null;
        if (sw) {
          swTrain = Float64Array.from(train, (i) => sw[i]);
          const s = checkTrainingWeights(sw, train, f, 'cross-validation');
          const scale = train.length / s;
          for (let i = 0; i < swTrain.length; i++) swTrain[i] *= scale;
        }
        withDesignOf(backend, trainingRows(M, train), yTrain, { fitIntercept: setup.fitIntercept, standardize: setup.standardize, sampleWeight: swTrain }, (d) => gridsOf(f, d));
      }
    }
  } finally {
    scratch.release();
  }

  return { paths, foldWeight };
}

/** Whether foldPathErrors computes the folds of a dense n×p X by Gram downdating (covariance-mode paths). */
export function foldsViaGram(n: number, p: number, folds: Folds, precompute: PathSettings['precompute']): boolean {
  const nTrainMin = n - Math.max(...Array.from({ length: folds.k }, (_, f) => countFold(folds, f)));
  return useCovariance(precompute, nTrainMin, p, 'path');
}

function countFold(folds: Folds, f: number): number {
  let c = 0;
  for (let i = 0; i < folds.ids.length; i++) if (folds.ids[i] === f) c++;
  return c;
}

/**
 * Flags (1) the columns of M that are constant on the given rows (rows of zero
 * weight ignored, as preprocess/standardize does). Exact comparisons with an
 * early exit, so a non-constant column costs a few reads.
 */
export function constantColumns(M: CheckedMatrix, rows: Int32Array, sw: Float64Array | null): Int32Array {
  const p = M.cols;
  const out = new Int32Array(p);
  let k0 = 0;
  if (sw) while (k0 < rows.length - 1 && !(sw[rows[k0]] > 0)) k0++;
  for (let j = 0; j < p; j++) {
    const first = M.get(rows[k0], j);
    let constant = 1;
    for (let k = k0 + 1; k < rows.length; k++) {
      if (sw && !(sw[rows[k]] > 0)) continue;
      if (M.get(rows[k], j) !== first) { constant = 0; break; }
    }
    out[j] = constant;
  }
  return out;
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

/** The training rows of a fold: a view of a dense X, a CSC copy of those rows of a sparse one. */
export function trainingRows(M: CheckedMatrix | SparseMatrix, rows: Int32Array): CheckedMatrix | SparseMatrix {
  return isSparseMatrix(M) ? sparseRowSubset(M, rows) : rowSubset(M, rows);
}

/** Held-out MSE of K path points on the rows `test`: the backend's kernel for a dense X, io/sparse's for a sparse one. */
export function heldOutErrors(
  backend: Backend, M: CheckedMatrix | SparseMatrix, test: Int32Array, yTest: Float64Array, swTest: Float64Array | null,
  coefs: Float64Array, intercepts: Float64Array,
): Float64Array {
  return isSparseMatrix(M) ? sparseHeldOutMse(M, test, yTest, swTest, coefs, intercepts) : backend.heldOutMse(M, test, yTest, swTest, coefs, intercepts);
}
