import { SufficientStats } from './SufficientStats.js';
import { gramProblem, heldOutMseFromMoments } from './statsDesign.js';
import { withGramDesign, type GramDesign } from '../backends/gramDesign.js';
import type { BackendName } from '../models/options.js';
import { fitOnDesign, resolvePenaltyFactor, type DesignFit } from '../models/ElasticNet.js';
import { toOriginalScale } from '../models/originalScale.js';
import { alphaMaxOf, noGridError, pathOnDesign, type PathSettings } from '../paths/enetPath.js';
import { alphaGrid } from '../paths/alphaGrid.js';
import type { Moments } from './moments.js';
import type { ResolvedPathOptions } from '../paths/pathOptions.js';

/**
 * Fits from sufficient statistics: the same objectives and options as the
 * row-based fits, on the Gram problem the statistics give
 * (stats/statsDesign), solved by the backend's covariance-mode solver and
 * Cholesky kernels (backends/gramDesign).
 */

/** Checks that `stats` is a SufficientStats holding rows of positive total weight. */
export function checkStats(stats: unknown, owner: string): SufficientStats {
  if (!(stats instanceof SufficientStats)) {
    throw new TypeError(`${owner}.fitStats: expected a SufficientStats, got ${stats === null ? 'null' : typeof stats}`);
  }
  if (stats.count === 0) throw new RangeError(`${owner}.fitStats: the statistics hold no rows; add data first`);
  if (!(stats.weightSum > 0)) throw new RangeError(`${owner}.fitStats: every row added has sample weight 0`);
  return stats;
}

type EnetFitOptions = Parameters<typeof fitOnDesign>[1] & {
  standardize: boolean;
  penaltyFactor: Float64Array | null;
  backend: BackendName;
};

/** Lasso / elastic net at one alpha (ElasticNet.fitStats). */
export function enetFitStats(stats: unknown, o: EnetFitOptions, l1Ratio: number, owner: string): DesignFit {
  const s = checkStats(stats, owner);
  const p = s.nFeatures;
  const pf = resolvePenaltyFactor(o.penaltyFactor, p, owner);
  const g = gramProblem(s.moments(), p, o.fitIntercept, o.standardize, true);
  return withGramDesign(o.backend, g, (d) => fitOnDesign(d, o, pf, l1Ratio, true));
}

interface RidgeFitOptions {
  fitIntercept: boolean;
  standardize: boolean;
  penaltyFactor: Float64Array | null;
  backend: BackendName;
}

/** Ridge at each alpha on the design of the given moments (weights as they are); coefficients on X's scale. */
function ridgeOnMoments(
  m: Moments, p: number, alphas: ArrayLike<number>, o: RidgeFitOptions, pf: Float64Array | null,
  onSingular: (alpha: number, at: number) => Error, onStep?: () => void,
): { coefs: Float64Array; intercepts: Float64Array } {
  const K = alphas.length;
  const coefs = new Float64Array(K * p);
  const intercepts = new Float64Array(K);
  const g = gramProblem(m, p, o.fitIntercept, o.standardize, false);
  withGramDesign(o.backend, g, (d: GramDesign) => {
    for (let k = 0; k < K; k++) {
      const sol = d.ridge(alphas[k], pf);
      if (sol.coef === null) throw onSingular(alphas[k], sol.singularAt);
      coefs.set(sol.coef, k * p);
      intercepts[k] = toOriginalScale(coefs, k * p, d, o.fitIntercept);
      onStep?.();
    }
  });
  return { coefs, intercepts };
}

/** Ridge at one alpha (Ridge.fitStats): the primal system XᵀWX + α·diag(pf) from the statistics. */
export function ridgeFitStats(stats: unknown, o: RidgeFitOptions & { alpha: number }, owner: string): { coef: Float64Array; intercept: number } {
  const s = checkStats(stats, owner);
  const p = s.nFeatures;
  const pf = resolvePenaltyFactor(o.penaltyFactor, p, owner);
  const r = ridgeOnMoments(s.moments(), p, [o.alpha], o, pf, (alpha, at) => new RangeError(
    `${owner}: XᵀX + ${pf ? 'alpha·diag(penaltyFactor)' : 'alpha·I'} is singular to working precision at column ${at} ` +
      `(${alpha === 0 ? 'alpha = 0 and the columns are linearly dependent' : 'the penalty is too small for this data'}); use alpha > 0`,
  ));
  return { coef: r.coefs, intercept: r.intercepts[0] };
}

/** The training part (all folds but f) of the statistics, checked to carry weight. */
function trainingMoments(s: SufficientStats, f: number, owner: string): Moments {
  const m = s.moments(f);
  if (!(m.weight > 0)) throw new RangeError(`${owner}: fold ${f} leaves training rows whose sample weights are all zero`);
  return m;
}

function checkFolds(s: SufficientStats, owner: string): void {
  if (s.nFolds < 2) {
    throw new RangeError(`${owner}.fitStats: cross-validation needs statistics recorded with nFolds ≥ 2 (new SufficientStats({ nFeatures, nFolds: k }) and a fold label per row)`);
  }
  for (let f = 0; f < s.nFolds; f++) {
    if (s.foldMoments(f).count === 0) throw new RangeError(`${owner}.fitStats: fold ${f} of the statistics holds no rows; every fold needs at least one`);
  }
}

/** The options of ElasticNetCV/LassoCV that fitStats reads. */
export type EnetCVStatsOptions = Omit<ResolvedPathOptions, 'l1Ratio'> & {
  l1Ratio: number[];
  foldIds: ArrayLike<number> | null;
  shuffle: boolean;
};

/**
 * K-fold cross-validation of elastic-net paths over the folds recorded in the
 * statistics, as crossValidatePaths does over rows with `foldIds`: alpha grids
 * from all rows, per fold a warm-started path on the training part's Gram
 * problem (weights rescaled to its row count, scales re-estimated on it), the
 * held-out weighted MSE from the fold's own moments, fold means weighted by
 * fold weight (cv.glmnet's statistics).
 */
export function enetCVStats(
  stats: unknown, o: EnetCVStatsOptions, owner: string, onStep: () => void, onTotal: (total: number) => void,
): { grids: { l1Ratio: number; alphas: Float64Array }[]; paths: Float64Array[]; foldWeight: Float64Array; k: number } {
  const s = checkStats(stats, owner);
  if (o.foldIds != null || o.shuffle) throw new TypeError(`${owner}.fitStats: the folds are the ones recorded in the statistics; options 'foldIds' and 'shuffle' apply to fit only`);
  if (o.sampleWeight != null) throw new TypeError(`${owner}.fitStats: sample weights are recorded in the statistics (add(X, y, { sampleWeight })); option 'sampleWeight' applies to fit only`);
  checkFolds(s, owner);
  const p = s.nFeatures;
  const k = s.nFolds;
  const settings: Omit<PathSettings, 'l1Ratio'> = {
    positive: o.positive, penaltyFactor: resolvePenaltyFactor(o.penaltyFactor, p, owner), precompute: o.precompute,
    screening: o.screening, maxIter: o.maxIter, tol: o.tol,
  };
  const grids = o.l1Ratio.map((r) => {
    if (o.alphas) return { l1Ratio: r, alphas: o.alphas };
    if (r === 0) throw noGridError(owner);
    return { l1Ratio: r, alphas: new Float64Array(0) };
  });
  if (!o.alphas) {
    const all = s.moments();
    const g = gramProblem(all, p, o.fitIntercept, o.standardize, true);
    const l1Max = withGramDesign(o.backend, g, (d) => alphaMaxOf(d, { ...settings, l1Ratio: 1 }, owner) * d.n);
    for (const gr of grids) gr.alphas = alphaGrid(l1Max / (all.count * gr.l1Ratio), o.nAlphas, o.eps);
  }
  onTotal(k * grids.reduce((t, g) => t + g.alphas.length, 0) + 1);
  const paths = grids.map((g) => new Float64Array(g.alphas.length * k));
  const foldWeight = new Float64Array(k);
  for (let f = 0; f < k; f++) {
    const test = s.foldMoments(f);
    foldWeight[f] = test.weight;
    const g = gramProblem(trainingMoments(s, f, owner), p, o.fitIntercept, o.standardize, true);
    withGramDesign(o.backend, g, (d) => {
      grids.forEach((gr, c) => {
        const res = pathOnDesign(d, { ...settings, l1Ratio: gr.l1Ratio }, gr.alphas, o.fitIntercept, onStep);
        const mse = heldOutMseFromMoments(test, p, res.coefs, res.intercepts);
        for (let a = 0; a < gr.alphas.length; a++) paths[c][a * k + f] = mse[a];
      });
    });
  }
  return { grids, paths, foldWeight, k };
}

/**
 * RidgeCV's K-fold over the recorded folds: per fold a ridge solve per alpha
 * on the training part's statistics, the held-out MSE from the fold's moments
 * (weighted by the sample weights when the statistics have them — fit scores
 * the held-out rows unweighted, which moments of weighted sums cannot), the
 * plain mean over folds as RidgeCV.fit.
 */
export function ridgeCVStats(
  stats: unknown, o: RidgeFitOptions & { foldIds: unknown; cv: number | null; sampleWeight: unknown }, alphas: Float64Array, owner: string,
  onProgress: ((fraction: number) => void) | null,
): { msePath: Float64Array; nFolds: number } {
  const s = checkStats(stats, owner);
  if (o.foldIds != null) throw new TypeError(`${owner}.fitStats: the folds are the ones recorded in the statistics; option 'foldIds' applies to fit only`);
  if (o.sampleWeight != null) throw new TypeError(`${owner}.fitStats: sample weights are recorded in the statistics; option 'sampleWeight' applies to fit only`);
  if (o.cv !== null && o.cv !== s.nFolds) {
    throw new RangeError(`${owner}.fitStats: option 'cv' = ${o.cv}, but the statistics record ${s.nFolds} folds (leave-one-out needs rows; use cv: k with k folds recorded)`);
  }
  checkFolds(s, owner);
  const p = s.nFeatures;
  const k = s.nFolds;
  const K = alphas.length;
  const pf = resolvePenaltyFactor(o.penaltyFactor, p, owner);
  const msePath = new Float64Array(K * k);
  const total = k * K + 1;
  let done = 0;
  const step = (): void => {
    done++;
    if (onProgress && done < total) onProgress(done / total);
  };
  for (let f = 0; f < k; f++) {
    const r = ridgeOnMoments(trainingMoments(s, f, owner), p, alphas, o, pf, (alpha) =>
      new RangeError(`${owner}: the ridge system of fold ${f} is singular to working precision at alpha = ${alpha}; use larger alphas`), step);
    const mse = heldOutMseFromMoments(s.foldMoments(f), p, r.coefs, r.intercepts);
    for (let a = 0; a < K; a++) msePath[a * k + f] = mse[a];
  }
  return { msePath, nFolds: k };
}
