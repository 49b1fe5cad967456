import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import { checkTrainingDataOf } from '../io/trainingData.js';
import type { SparseInput, SparseMatrix } from '../io/sparse.js';
import { checkSampleWeight } from '../io/weights.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import type { FoldDesign } from '../backends/types.js';
import { parseOptions } from '../models/options.js';
import { enetWorkspace, penalizedL1Max, resolvePenaltyFactor, snapToL1Max, useCovariance } from '../models/ElasticNet.js';
import { alphaGrid } from './alphaGrid.js';
import { toOriginalScale } from '../models/originalScale.js';
import { smallestTol, stopReasonOf, type StopReason } from '../models/stopReason.js';
import { SufficientStats } from '../stats/SufficientStats.js';
import { checkStats } from '../stats/fitFromStats.js';
import { gramProblem } from '../stats/statsDesign.js';
import { withGramDesign, type GramProblem } from '../backends/gramDesign.js';
import { pathOptionSpec, pathSizeCheck, type PathOptions, type ResolvedPathOptions } from './pathOptions.js';

/** A regularization path: one solution per alpha, alphas decreasing. */
export interface PathResult {
  /** Penalties, decreasing. */
  alphas: Float64Array;
  /** nAlphas × p, row-major: row k holds the coefficients at alphas[k], on the original scale of X. */
  coefs: Float64Array;
  intercepts: Float64Array;
  /** Duality gap per alpha, divided by n (scikit-learn's dual_gaps). */
  dualGaps: Float64Array;
  /** Coordinate-descent sweeps per alpha. */
  nIters: Int32Array;
  /** Whether every alpha converged. */
  converged: boolean;
  /** Why coordinate descent stopped at each alpha (see ElasticNet's stopReason). */
  stopReasons: StopReason[];
  nFeatures: number;
  l1Ratio: number;
}

/** The part of the path settings the solver needs (shared with cross-validation). */
export interface PathSettings {
  l1Ratio: number;
  positive: boolean;
  penaltyFactor: Float64Array | null;
  precompute: 'auto' | boolean;
  screening: boolean;
  maxIter: number;
  tol: number;
}

export function noGridError(owner: string): RangeError {
  return new RangeError(`${owner}: the default alpha grid needs l1Ratio > 0 (with l1Ratio = 0, alpha_max is infinite); pass explicit 'alphas'`);
}

/** alpha_max of a prepared design: the smallest alpha whose solution is all zero. */
export function alphaMaxOf(d: FoldDesign, s: PathSettings, owner: string): number {
  if (s.l1Ratio === 0) throw noGridError(owner);
  const solver = d.enetSolver({ positive: s.positive, penaltyFactor: s.penaltyFactor, covariance: false });
  return penalizedL1Max(solver, s.penaltyFactor, s.maxIter, s.tol) / (d.n * s.l1Ratio);
}

/**
 * Runs the path on a prepared design: one solver, warm-started from each
 * solution to the next (Friedman, Hastie & Tibshirani 2010, §2.5), with the
 * sequential strong rule fed the previous λ (Tibshirani et al. 2012).
 * `grid` is the alphas, or a function that makes them from this design's
 * alpha_max (the default grid). `coefsOut`, when given and large enough,
 * receives the coefficients instead of a fresh array (every entry of the first
 * nAlphas × p is written): cross-validation reuses one across its folds, since
 * a fresh nAlphas × p array per fold (4 MB on 200×5000) costs its page faults
 * each time, and two workers faulting at once slow each other down.
 */
export function pathOnDesign(
  d: FoldDesign,
  s: PathSettings,
  grid: Float64Array | ((alphaMax: number) => Float64Array),
  fitIntercept: boolean,
  onStep?: (k: number) => void,
  coefsOut?: Float64Array,
): Omit<PathResult, 'nFeatures' | 'l1Ratio' | 'converged'> & { converged: boolean; notConverged: number } {
  const { n, p } = d;
  // Along a path most columns of the Gram matrix end up needed: compute all of
  // XᵀX at once with the blocked SYRK kernel (scikit-learn's precompute) rather
  // than column by column as features enter (2× faster on 10000×200).
  const solver = d.enetSolver({
    positive: s.positive, penaltyFactor: s.penaltyFactor, covariance: useCovariance(s.precompute, n, p, 'path'), gram: 'full',
  });
  const l1Max = penalizedL1Max(solver, s.penaltyFactor, s.maxIter, s.tol);
  const alphas = typeof grid === 'function' ? grid(s.l1Ratio > 0 ? l1Max / (n * s.l1Ratio) : Infinity) : grid;
  const K = alphas.length;
  const coefs = coefsOut && coefsOut.length >= K * p ? coefsOut.subarray(0, K * p) : new Float64Array(K * p);
  const intercepts = new Float64Array(K);
  const dualGaps = new Float64Array(K);
  const nIters = new Int32Array(K);
  const stopReasons: StopReason[] = new Array<StopReason>(K);
  let notConverged = 0;
  let l1Prev = l1Max;
  for (let k = 0; k < K; k++) {
    const l1 = snapToL1Max(alphas[k] * n * s.l1Ratio, l1Max);
    const l2 = alphas[k] * n * (1 - s.l1Ratio);
    const r = solver.solve(l1, l2, s.screening ? Math.max(l1Prev, l1) : Infinity, s.maxIter, s.tol);
    l1Prev = l1;
    // Unscale in place: row k of coefs receives w, then w/scale (zeros stay 0).
    const row = k * p;
    solver.coefInto(coefs, row);
    intercepts[k] = toOriginalScale(coefs, row, d, fitIntercept);
    dualGaps[k] = r.gap / n;
    nIters[k] = r.nIter;
    stopReasons[k] = stopReasonOf(r.stop);
    if (!r.converged) notConverged++;
    if (onStep) onStep(k);
  }
  return { alphas, coefs, intercepts, dualGaps, nIters, stopReasons, converged: notConverged === 0, notConverged };
}

/** Resolves the options a path shares with the models (penalty factors against p, weights against n). */
export function resolvePathInputs(
  owner: string, o: ResolvedPathOptions, M: CheckedMatrix | SparseMatrix, sampleWeight: unknown,
): { sw: Float64Array | null; settings: PathSettings } {
  const sw = sampleWeight == null ? null : checkSampleWeight(sampleWeight, M.rows, M.rows);
  return {
    sw,
    settings: {
      l1Ratio: o.l1Ratio,
      positive: o.positive,
      penaltyFactor: resolvePenaltyFactor(o.penaltyFactor, M.cols, owner),
      precompute: o.precompute,
      screening: o.screening,
      maxIter: o.maxIter,
      tol: o.tol,
    },
  };
}

function runPath(owner: string, X: MatrixInput | SparseInput | SufficientStats, y: ArrayLike<number> | null, o: ResolvedPathOptions): PathResult {
  let n: number;
  let p: number;
  let withPrepared: <T>(body: (d: FoldDesign) => T) => T;
  let settings: PathSettings;
  if (X instanceof SufficientStats) {
    // From sufficient statistics: the same path on the Gram problem they give.
    const s = statsForPath(X, o, owner);
    n = s.stats.count;
    p = s.stats.nFeatures;
    settings = s.settings;
    withPrepared = (body) => withGramDesign(o.backend, s.gram, body);
  } else {
    const { M, y: yy } = checkTrainingDataOf(owner, X, y, o.backend, enetWorkspace(o.precompute, 'path'), pathSizeCheck(owner, o));
    const r = resolvePathInputs(owner, o, M, o.sampleWeight);
    n = M.rows;
    p = M.cols;
    settings = r.settings;
    withPrepared = (body) => withDesignOf(getBackend(o.backend), M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: r.sw }, body);
  }
  const result = withPrepared((d) => {
    const grid = o.alphas ?? ((alphaMax: number) => {
      if (settings.l1Ratio === 0) throw noGridError(owner);
      return alphaGrid(alphaMax, o.nAlphas, o.eps);
    });
    const K = o.alphas ? o.alphas.length : o.nAlphas;
    return pathOnDesign(d, settings, grid, o.fitIntercept, o.onProgress ? (k) => o.onProgress!((k + 1) / K) : undefined);
  });
  if (result.notConverged > 0) o.onWarning(pathStopMessage(owner, result.stopReasons, o, n, p));
  const { notConverged: _n, ...rest } = result;
  return { ...rest, nFeatures: p, l1Ratio: o.l1Ratio };
}

/** The Gram problem and path settings of sufficient statistics (options that need rows are refused). */
function statsForPath(stats: SufficientStats, o: ResolvedPathOptions, owner: string): { stats: SufficientStats; settings: PathSettings; gram: GramProblem } {
  const s = checkStats(stats, owner);
  if (o.sampleWeight != null) throw new TypeError(`${owner}: sample weights are recorded in the statistics (add(X, y, { sampleWeight })); option 'sampleWeight' applies to rows only`);
  const p = s.nFeatures;
  return {
    stats: s,
    settings: {
      l1Ratio: o.l1Ratio, positive: o.positive, penaltyFactor: resolvePenaltyFactor(o.penaltyFactor, p, owner),
      precompute: o.precompute, screening: o.screening, maxIter: o.maxIter, tol: o.tol,
    },
    gram: gramProblem(s.moments(), p, o.fitIntercept, o.standardize, true),
  };
}

/** The arguments of a path call: (X, y, options) or (stats, options). */
function pathArgs<O>(X: MatrixInput | SufficientStats, y: ArrayLike<number> | O | undefined, options: O | undefined): { y: ArrayLike<number> | null; options: O | undefined } {
  if (X instanceof SufficientStats) {
    if (options !== undefined) throw new TypeError('path from SufficientStats: call it as (stats, options), without y');
    return { y: null, options: y as O | undefined };
  }
  return { y: y as ArrayLike<number>, options };
}

/** The path's non-convergence warning: how many alphas stopped for which reason. */
function pathStopMessage(owner: string, reasons: StopReason[], o: { maxIter: number; tol: number }, n: number, p: number): string {
  const count = (r: StopReason): number => reasons.filter((x) => x === r).length;
  const parts: string[] = [];
  const maxIter = count('maxIter');
  const rounding = count('floor') + count('fixedPoint');
  if (maxIter > 0) parts.push(`did not converge within maxIter = ${o.maxIter} sweeps at ${maxIter} of ${reasons.length} alphas (raise maxIter or tol, or standardize the features)`);
  if (rounding > 0) {
    parts.push(
      `stopped at the floating-point floor of the duality gap (or a fixed point) at ${rounding} of ${reasons.length} alphas: ` +
        `tol = ${o.tol} is below what double precision can certify for this data, so those coefficients are as accurate as rounding allows ` +
        `(raise tol to at least ${smallestTol(n, p).toExponential(1)})`,
    );
  }
  return `${owner}: coordinate descent ${parts.join('; it ')}`;
}

/**
 * The elastic-net regularization path (scikit-learn's `enet_path`, glmnet's
 * path): solutions at `nAlphas` alphas from alpha_max down to eps·alpha_max
 * (or at the given `alphas`), warm-started along the way.
 */
export function enetPath(X: MatrixInput | SparseInput, y: ArrayLike<number>, options?: PathOptions): PathResult;
/** The path from sufficient statistics (stats/SufficientStats) instead of rows. */
export function enetPath(stats: SufficientStats, options?: PathOptions): PathResult;
export function enetPath(X: MatrixInput | SparseInput | SufficientStats, y?: ArrayLike<number> | PathOptions, options?: PathOptions): PathResult {
  const a = pathArgs(X, y, options);
  const o = parseOptions<ResolvedPathOptions>('enetPath', pathOptionSpec(0.5), a.options ?? {});
  return runPath('enetPath', X, a.y, o);
}

/** The lasso path: enetPath with l1Ratio = 1 (scikit-learn's `lasso_path`). */
export function lassoPath(X: MatrixInput | SparseInput, y: ArrayLike<number>, options?: Omit<PathOptions, 'l1Ratio'>): PathResult;
/** The lasso path from sufficient statistics (stats/SufficientStats) instead of rows. */
export function lassoPath(stats: SufficientStats, options?: Omit<PathOptions, 'l1Ratio'>): PathResult;
export function lassoPath(
  X: MatrixInput | SparseInput | SufficientStats, y?: ArrayLike<number> | Omit<PathOptions, 'l1Ratio'>, options?: Omit<PathOptions, 'l1Ratio'>,
): PathResult {
  const a = pathArgs(X, y, options);
  const { l1Ratio: _drop, ...spec } = pathOptionSpec(1);
  const o = parseOptions<ResolvedPathOptions>('lassoPath', spec, a.options ?? {});
  return runPath('lassoPath', X, a.y, { ...o, l1Ratio: 1 });
}
