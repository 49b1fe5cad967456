import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import { checkRawWeights, checkTrainingTargets, type WorkspacePlan } from '../io/trainingData.js';
import { sampleWeightOption, type SampleWeightInput } from '../io/weights.js';
import type { TargetInput } from '../io/targets.js';
import { isSparseMatrix, type SparseInput, type SparseMatrix } from '../io/sparse.js';
import { foldListQueue, heldOutErrors, isFoldQueue, trainingRows, type FoldQueue } from './crossValidation.js';
import { rowSubset } from '../io/rowSubset.js';
import { toOriginalScale } from '../models/originalScale.js';
import { prepareTargets } from '../preprocess/prepareTargets.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { LinearModel, constructFromJSON, jsonFields, parseModelJSON, stateFromJSON, type ModelJSON } from '../models/LinearModel.js';
import { Ridge, SPARSE_CHOLESKY_MAX_P, minNormOrThrow, ridgeWorkspace, singularWarning } from '../models/Ridge.js';
import { MAX_ALPHAS, parseOptions, foldCount, checkFoldCount, boolean, backendName, callback, penaltyFactorArray, type BackendName, type OptionSpec } from '../models/options.js';
import { checkJSONPenaltyFactor, resolvePenaltyFactor } from '../models/ElasticNet.js';
import { allPositive } from '../backends/penaltyScaling.js';
import { pathSizeCheck } from '../paths/pathOptions.js';
import type { SufficientStats } from '../stats/SufficientStats.js';
import { ridgeCVStats } from '../stats/fitFromStats.js';
import { kFoldIds, checkFoldIds, checkTrainingWeights, splitFold, type Folds } from './folds.js';

export interface RidgeCVOptions {
  /** Candidate penalties (each finite and > 0), tried in the order given. Default [0.1, 1, 10] (scikit-learn's). */
  alphas?: ArrayLike<number> | number;
  fitIntercept?: boolean;
  /** Penalize standardized coefficients (1/n standard deviation); coef is still on X's scale. Default false. */
  standardize?: boolean;
  backend?: BackendName;
  /**
   * Number of folds for contiguous K-fold cross-validation (scikit-learn's
   * KFold(k), no shuffling). Default: efficient leave-one-out over all rows.
   */
  cv?: number | null;
  /** Fold label per row (glmnet's `foldid`); selects K-fold cross-validation with these folds and overrides `cv`. */
  foldIds?: ArrayLike<number> | null;
  /** Called with the fraction of the work done, increasing, ending with 1. */
  onProgress?: ((fraction: number) => void) | null;
  /** Per-feature penalty factors as for Ridge (glmnet's meaning). Leave-one-out needs them all > 0. */
  penaltyFactor?: ArrayLike<number> | null;
  /** Sample weights, used when `fit` is not given any. */
  sampleWeight?: SampleWeightInput;
  /** Warning channel (a singular ridge system solved by its minimum-norm solution); default `console.warn`. */
  onWarning?: (message: string) => void;
}

interface ResolvedRidgeCVOptions {
  alphas: Float64Array;
  fitIntercept: boolean;
  standardize: boolean;
  backend: BackendName;
  cv: number | null;
  foldIds: ArrayLike<number> | null;
  onProgress: ((fraction: number) => void) | null;
  penaltyFactor: Float64Array | null;
  sampleWeight: SampleWeightInput;
  onWarning: (message: string) => void;
}

const OWNER = 'RidgeCV';

/** Candidate alphas: a non-empty array of finite numbers > 0, kept in the given order (ties go to the first). */
function alphaCandidates(v: unknown, name: string, owner: string): Float64Array {
  // A single alpha, as scikit-learn's RidgeCV(alphas=1.0) accepts.
  if (typeof v === 'number') return alphaCandidates([v], name, owner);
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${owner}: option '${name}' must be an array of positive numbers, got ${v === null ? 'null' : typeof v}`);
  }
  const a = v as ArrayLike<unknown>;
  const length = a.length;
  if (length === 0) throw new RangeError(`${owner}: option '${name}' is empty; give at least one alpha`);
  if (length > MAX_ALPHAS) throw new RangeError(`${owner}: option '${name}' has ${length} entries, more than ${MAX_ALPHAS}`);
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const x = a[k];
    if (typeof x !== 'number') throw new TypeError(`${owner}: option '${name}' must hold numbers; entry ${k} is ${x === null ? 'null' : typeof x}`);
    if (!Number.isFinite(x) || x <= 0) {
      throw new RangeError(`${owner}: option '${name}' must hold finite numbers > 0 (ridge needs a positive penalty); entry ${k} is ${x}`);
    }
    out[k] = x;
  }
  return out;
}

const ridgeCVSpec: OptionSpec = {
  alphas: { default: Float64Array.of(0.1, 1, 10), check: alphaCandidates },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  backend: { default: 'wasm', check: backendName },
  cv: {
    default: null,
    check: (v, name, owner) => (v === null ? null : foldCount(v, name, owner)),
  },
  foldIds: {
    default: null,
    check: (v, name, owner) => {
      if (v === null) return null;
      if (typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
        throw new TypeError(`${owner}: option '${name}' must be an array of integer fold labels, one per row`);
      }
      return Array.from(v as ArrayLike<number>);
    },
  },
  onProgress: { default: null, check: (v, name, owner) => (v === null ? null : callback(v, name, owner)) },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  sampleWeight: { default: null, check: sampleWeightOption },
  onWarning: { default: (m: string): void => console.warn(`penalized: ${m}`), check: callback },
};

/**
 * Ridge regression with alpha chosen by cross-validation — scikit-learn's
 * `RidgeCV`, objective Σwᵢ(yᵢ − xᵢw − b)² + alpha·‖w‖².
 *
 * Default: leave-one-out over all rows, computed for every candidate alpha
 * from one eigendecomposition (generalized/efficient LOO: Golub, Heath &
 * Wahba 1979; Rifkin & Lippert 2007 — see solvers/ridgeLoo): of XXᵀ when
 * n ≤ p, of XᵀX when n > p, as scikit-learn's `_RidgeGCV` chooses (a sparse
 * X: XᵀX from its nonzeros, solvers/sparseRidgeLoo, n > p only). The
 * criterion is scikit-learn's: the mean over rows of the squared LOO residuals
 * of the √weight-scaled rows, (1/n)·Σ wᵢ·(yᵢ − ŷ₋ᵢ)². With `standardize` the
 * column scales are those of all rows (not re-estimated without row i), as if
 * scikit-learn were given the standardized X.
 *
 * With `cv: k` (or `foldIds`): contiguous K-fold splits, a plain Ridge fit on
 * each training part (with its sample weights), the held-out mean squared
 * error per fold (unweighted, as scikit-learn scores `neg_mean_squared_error`)
 * and the plain mean over folds.
 *
 * The alpha with the least mean error wins (the first on ties); the model is
 * then a Ridge refitted on all rows at that alpha.
 */
export class RidgeCV extends LinearModel {
  private readonly options: ResolvedRidgeCVOptions;
  /** Chosen alpha. */
  alpha = NaN;
  /** The candidate alphas, in the order given. */
  alphas: Float64Array;
  /** Mean cross-validated squared error per candidate alpha (leave-one-out or K-fold). */
  mseMean: Float64Array = new Float64Array(0);
  /** K-fold only: nAlphas × nFolds, row-major, the held-out MSE of fold f at alphas[k]; null for leave-one-out. */
  msePath: Float64Array | null = null;
  /** 'loo' (efficient leave-one-out) or 'kfold'. */
  cvMode: 'loo' | 'kfold' = 'loo';
  /** Number of folds (n for leave-one-out). */
  nFolds = 0;

  constructor(options: RidgeCVOptions = {}) {
    super();
    this.options = parseOptions<ResolvedRidgeCVOptions>(OWNER, ridgeCVSpec, options);
    this.alphas = this.options.alphas.slice();
  }

  protected get typeName(): string {
    return OWNER;
  }

  get params(): Readonly<ResolvedRidgeCVOptions> {
    return this.options;
  }

  /** scikit-learn's name for the per-alpha mean errors: the same array as mseMean. */
  get cvValues(): Float64Array {
    return this.mseMean;
  }

  /** Fits; `sampleWeight` multiplies each row's squared residual (scikit-learn's meaning). */
  fit(X: MatrixInput | SparseInput, y: TargetInput, sampleWeight?: SampleWeightInput): this {
    const o = this.options;
    const { M, columns, multi, sw, pf, folds } = this.checkInputs(X, y, sampleWeight);
    const alphas = o.alphas;
    const total = (folds ? folds.k * alphas.length : alphas.length + 1) * columns.length + 1;
    let done = 0;
    const step = (): void => {
      done++;
      if (o.onProgress && done < total) o.onProgress(done / total);
    };

    // Several targets share one alpha (scikit-learn's alpha_per_target=False):
    // the error of an alpha is the mean over targets of each target's error.
    let refit: Ridge;
    if (folds) {
      refit = this.chooseFromFolds(kFoldErrors(M, columns, sw, pf, folds, alphas, o, step, foldListQueue(Array.from({ length: folds.k }, (_, f) => f), alphas.length)), folds.k);
    } else {
      this.msePath = null;
      this.cvMode = 'loo';
      this.nFolds = M.rows;
      // One decomposition for every target (it depends on X alone).
      refit = this.choose(meanOver(looErrors(M, columns, sw, pf, alphas, o, step)));
    }
    // The refit takes the validated data: X is not read (or checked) again.
    refit.fitTargets(M, columns, multi, sw);
    this.adoptRefit(refit);
    if (o.onProgress) o.onProgress(1);
    return this;
  }

  /**
   * Fits from sufficient statistics recorded with nFolds = k
   * (stats/SufficientStats): K-fold over the recorded folds (leave-one-out
   * needs rows), then Ridge.fitStats at the chosen alpha. With weighted
   * statistics the held-out errors are weighted (fit scores them unweighted).
   */
  fitStats(stats: SufficientStats): this {
    const o = this.options;
    const r = ridgeCVStats(stats, o, o.alphas, OWNER, o.onProgress);
    const refit = this.chooseFromFolds(r.msePath, r.nFolds);
    refit.fitStats(stats);
    this.adoptRefit(refit);
    if (o.onProgress) o.onProgress(1);
    return this;
  }

  /** Checks the input; the folds for K-fold, or null for leave-one-out (whose own conditions are checked here). */
  private checkInputs(X: MatrixInput | SparseInput, y: TargetInput, sampleWeight: SampleWeightInput | undefined) {
    const o = this.options;
    // K-fold keeps the coefficients of every alpha (alphas × features), like a path.
    const { M, columns, multi } = checkTrainingTargets(
      OWNER, X, y, o.backend, ridgeCVWorkspace(o),
      o.cv === null && o.foldIds === null ? undefined : pathSizeCheck(OWNER, { alphas: o.alphas, nAlphas: o.alphas.length }),
    );
    const n = M.rows;
    const swGiven = sampleWeight ?? o.sampleWeight;
    let sw: Float64Array | null = null;
    if (swGiven != null) for (const c of columns) sw = checkRawWeights(OWNER, swGiven, M, c);
    const pf = resolvePenaltyFactor(o.penaltyFactor, M.cols, OWNER);
    const folds = this.makeFolds(n);
    if (!folds) {
      // A sparse X gets the covariance form (XᵀX formed from the nonzeros); the Gram form (n ≤ p) would need XXᵀ.
      if (isSparseMatrix(M) && n <= M.cols) {
        throw new RangeError(`${OWNER}: efficient leave-one-out for a sparse X needs more rows than columns (n = ${n}, p = ${M.cols}); pass cv: k`);
      }
      // It decomposes the dense p×p matrix X̃ᵀX̃: within the size sparse Ridge factors (beyond, it solves by conjugate gradients).
      if (isSparseMatrix(M) && M.cols > SPARSE_CHOLESKY_MAX_P) {
        throw new RangeError(
          `${OWNER}: efficient leave-one-out for a sparse X decomposes the dense p × p matrix X̃ᵀX̃, done up to ${SPARSE_CHOLESKY_MAX_P} features; X has ${M.cols}: pass cv: k`,
        );
      }
      if (n < 2) throw new RangeError(`${OWNER}: leave-one-out cross-validation needs at least 2 rows, X has ${n}`);
      if (pf && !allPositive(pf)) {
        const j = pf.findIndex((f) => !(f > 0));
        const given = o.penaltyFactor![j];
        const why = given === 0
          ? `penaltyFactor[${j}] is 0`
          : `penaltyFactor[${j}] = ${given} is below 2⁻⁵² × the largest factor, so feature ${j} is unpenalized`;
        throw new RangeError(
          `${OWNER}: efficient leave-one-out needs every feature penalized, but ${why}; use cv: k for unpenalized features (an unpenalized feature has no scaled form)`,
        );
      }
    }
    return { M, columns, multi, sw, pf, folds };
  }

  /** The K-fold folds of n rows (`foldIds`, or `cv` contiguous folds), or null for leave-one-out. @internal */
  makeFolds(n: number): Folds | null {
    const o = this.options;
    if (o.foldIds !== null) {
      const folds = checkFoldIds(o.foldIds, n, OWNER);
      if (o.cv !== null && o.cv !== folds.k) {
        throw new RangeError(`${OWNER}: option 'cv' = ${o.cv} disagrees with option 'foldIds', which defines ${folds.k} folds; give one of them`);
      }
      return folds;
    }
    return o.cv !== null ? kFoldIds(n, checkFoldCount(o.cv, n, OWNER)) : null;
  }

  /**
   * Stage 1 of a K-fold fit (internal; workers/ runs it per group of folds,
   * or per (fold, alpha) unit drawn from a FoldQueue shared with other
   * workers): the held-out errors (nAlphas × nFolds) of the folds in `only`,
   * or of the units the queue hands out, the other entries 0. `progress`
   * gets the fraction of this work (of all folds' with a queue).
   * @internal
   */
  foldErrors<T = RidgeFoldErrors>(
    X: MatrixInput | SparseInput, y: TargetInput, sampleWeight: SampleWeightInput | undefined, only: readonly number[] | FoldQueue,
    progress: ((f: number) => void) | null, then: (errors: RidgeFoldErrors) => T = (e) => e as T,
  ): T {
    const { M, columns, multi, sw, pf, folds } = this.checkInputs(X, y, sampleWeight);
    if (!folds) throw new TypeError(`${OWNER}: fold errors need cv: k or foldIds`);
    const alphas = this.options.alphas;
    const queue = isFoldQueue(only) ? only : foldListQueue(only, alphas.length);
    const total = (isFoldQueue(only) ? folds.k : only.length) * alphas.length * columns.length;
    let done = 0;
    const msePath = kFoldErrors(M, columns, sw, pf, folds, alphas, this.options, () => progress?.(++done / total), queue);
    // The refit takes the validated data, as fit's does.
    return then({ msePath, k: folds.k, refit: (model) => model.fitTargets(M, columns, multi, sw) });
  }

  /** Stage 2 of a K-fold fit (internal): mean errors over the folds, the chosen alpha; returns the Ridge to refit on all rows. @internal */
  chooseFromFolds(msePath: Float64Array, k: number): Ridge {
    const K = this.options.alphas.length;
    const mseMean = new Float64Array(K);
    for (let a = 0; a < K; a++) {
      let s = 0;
      for (let f = 0; f < k; f++) s += msePath[a * k + f];
      mseMean[a] = s / k;
    }
    this.msePath = msePath;
    this.cvMode = 'kfold';
    this.nFolds = k;
    return this.choose(mseMean);
  }

  /** The alpha with the least mean error (the first on ties); returns the Ridge to refit on all rows. */
  private choose(mseMean: Float64Array): Ridge {
    const o = this.options;
    const alphas = o.alphas;
    let best = -1;
    for (let k = 0; k < alphas.length; k++) {
      if (mseMean[k] < Infinity && (best < 0 || mseMean[k] < mseMean[best])) best = k;
    }
    if (best < 0) {
      throw new RangeError(
        `${OWNER}: the cross-validated error is unbounded for every alpha (some row is fitted exactly, so leaving it out is not defined); use larger alphas or cv: k`,
      );
    }
    this.mseMean = mseMean;
    this.alpha = alphas[best];
    return new Ridge({ alpha: this.alpha, fitIntercept: o.fitIntercept, standardize: o.standardize, penaltyFactor: o.penaltyFactor, backend: o.backend, onWarning: o.onWarning });
  }

  /** Stage 3 (internal): takes the refitted model's coefficients. @internal */
  adoptRefit(refit: Ridge): void {
    this.state = refit.multiTarget
      ? { coef: refit.coef, intercept: refit.intercepts[0], intercepts: refit.intercepts }
      : { coef: refit.coef, intercept: refit.intercept };
  }

  toJSON(): ModelJSON {
    const { onProgress: _p, sampleWeight: _w, onWarning: _o, alphas, foldIds, penaltyFactor, ...rest } = this.options;
    return this.baseJSON(
      {
        ...rest, alphas: Array.from(alphas), foldIds: foldIds === null ? null : Array.from(foldIds),
        penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null,
      },
      {
        alpha: this.alpha,
        alphas: Array.from(this.alphas),
        mseMean: Array.from(this.mseMean),
        msePath: this.msePath === null ? null : Array.from(this.msePath),
        cvMode: this.cvMode,
        nFolds: this.nFolds,
      },
    );
  }

  static fromJSON(json: unknown): RidgeCV {
    const m = parseModelJSON(json, OWNER, ['alpha', 'alphas', 'mseMean', 'msePath', 'cvMode', 'nFolds']);
    checkJSONPenaltyFactor(m, OWNER);
    const model = constructFromJSON(OWNER, m.params, (o: RidgeCVOptions) => new RidgeCV(o));
    const k = model.alphas.length;
    const f = jsonFields(OWNER, m);
    const alphas = f.numbers('alphas', k);
    // (An unbounded error, Infinity, is written as null by JSON.stringify.)
    const mseMean = f.numbers('mseMean', k, Array.isArray(m.mseMean) ? m.mseMean.map((v) => (v === null ? Infinity : v)) : m.mseMean);
    const cvMode = f.oneOf('cvMode', ['loo', 'kfold'] as const);
    const nFolds = f.integer('nFolds', 2);
    if (typeof m.alpha !== 'number' || !alphas.includes(m.alpha)) throw new TypeError(`${OWNER}.fromJSON: "alpha" must be one of "alphas"`);
    model.alphas = alphas;
    model.mseMean = mseMean;
    model.msePath = cvMode === 'kfold' ? f.numbers('msePath', k * nFolds) : null;
    if (cvMode === 'loo' && m.msePath !== null) throw new TypeError(`${OWNER}.fromJSON: "msePath" must be null for leave-one-out`);
    model.cvMode = cvMode;
    model.nFolds = nFolds;
    model.alpha = m.alpha;
    (model as unknown as { state: unknown }).state = stateFromJSON(m);
    return model;
  }
}

/**
 * RidgeCV's workspace beyond the design, for the up-front size check: the
 * leave-one-out eigendecomposition (of XXᵀ when n ≤ p: two n×n buffers; of
 * XᵀX otherwise: p×p and the n×p eigenvector products), or a K-fold ridge
 * solve on the smallest possible training part.
 */
function ridgeCVWorkspace(o: ResolvedRidgeCVOptions): WorkspacePlan {
  return (n, p) => {
    if (o.foldIds !== null) return [];
    if (o.cv !== null) {
      // A fold's solve, and its XᵀX (XXᵀ) kept across the alphas (kFoldErrors).
      const nT = n - Math.ceil(n / o.cv);
      return [...ridgeWorkspace(o.penaltyFactor !== null)(nT, p), p > nT ? nT * nT : p * p];
    }
    return n <= p ? [n * n, n * n, n, n] : [n * p, p * p, p, n];
  };
}

/** Efficient leave-one-out: one decomposition on the backend, every alpha from it. */
function looErrors(
  M: CheckedMatrix | SparseMatrix, columns: Float64Array[], sw: Float64Array | null, pf: Float64Array | null, alphas: Float64Array,
  o: ResolvedRidgeCVOptions, step: () => void,
): Float64Array[] {
  // Several targets: prepared as the design prepares its own y (centred, √weight-scaled), so each
  // target's errors are the bits a single-target fit of that column gives.
  const targets = columns.length > 1 ? { ...prepareTargets(columns, sw, o.fitIntercept, true), k: columns.length } : null;
  const res = withDesignOf(getBackend(o.backend), M, columns[0], { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, (d) =>
    d.ridgeLoo(alphas, step, pf, targets),
  );
  if (res.mse === null) {
    throw res.failure === 'overflow'
      ? new RangeError(`${OWNER}: XᵀX (or XXᵀ) overflowed: the values of X (or of sampleWeight) are too large in magnitude; rescale them`)
      : new Error(`${OWNER}: the symmetric eigensolver did not converge on XᵀX (or XXᵀ); use cv: k instead of leave-one-out`);
  }
  return res.mse;
}

/**
 * K-fold: the held-out MSE (nAlphas × nFolds, the mean over the target
 * columns) of the folds and alphas `queue` hands out, the other entries 0.
 * Per fold, one prepared design of the training rows per target and a Ridge
 * solve per alpha, every solve starting from the fold's XᵀX (XXᵀ), formed
 * once per design (PreparedDesign.ridge's keepGram: the same bits as
 * forming it per alpha, and most of the work of each solve). Each (fold,
 * alpha) depends on that fold and alpha alone (the held-out kernel scores
 * each alpha apart), so the alphas of a fold may be split between workers
 * (workers/sharedFolds) with the same bits — though a worker that takes some
 * forms that fold's XᵀX again: parallelCV hands out RidgeCV's folds whole.
 * The alphas of fold f are taken one by one while the first target's design
 * is held, then the further targets solve the same ones.
 */
function kFoldErrors(
  M: CheckedMatrix | SparseMatrix, columns: ArrayLike<number>[], sw: Float64Array | null, pf: Float64Array | null, folds: Folds,
  alphas: Float64Array, o: ResolvedRidgeCVOptions, step: () => void, queue: FoldQueue,
): Float64Array {
  const K = alphas.length;
  const nF = folds.k;
  const p = M.cols;
  const msePath = new Float64Array(K * nF);
  // Alpha a's errors (one per fold) as a grid of one alpha, as FoldQueue.done reads them.
  const perAlpha = Array.from({ length: K }, (_, a) => msePath.subarray(a * nF, (a + 1) * nF));
  const backend = getBackend(o.backend);
  for (let f = queue.next(); f >= 0; f = queue.next()) {
    const { train, test } = splitFold(folds, f);
    checkTrainingWeights(sw, train, f, OWNER);
    const swTrain = sw ? Float64Array.from(train, (i) => sw[i]) : null;
    const rows = trainingRows(M, train);
    // The alphas of this fold computed here, in the order taken; row i of coefs is taken[i]'s.
    const taken: number[] = [];
    const coefs = new Float64Array(K * p);
    const intercepts = new Float64Array(K);
    // The mean over targets, summed in column order and divided as meanOver does (one target: its errors as they are).
    const sum = new Float64Array(K);
    columns.forEach((y, c) => {
      const yTrain = Float64Array.from(train, (i) => y[i]);
      const yTest = Float64Array.from(test, (i) => y[i]);
      withDesignOf(backend, rows, yTrain, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: swTrain }, (d) => {
        const solve = (i: number, a: number): void => {
          const sol = d.ridge(alphas[a], pf, null, true);
          const coef = minNormOrThrow(sol, OWNER, alphas[a], pf !== null);
          if (sol.singular) o.onWarning(`fold ${f}: ${singularWarning(OWNER, sol.singular, alphas[a], pf !== null)}`);
          // Back to X's scale exactly as Ridge.fit does.
          coefs.set(coef, i * p);
          intercepts[i] = toOriginalScale(coefs, i * p, d, o.fitIntercept);
          step();
        };
        if (c === 0) for (let a = queue.grid(f); a >= 0; a = queue.grid(f)) solve(taken.push(a) - 1, a);
        else taken.forEach((a, i) => solve(i, a));
      });
      // Held-out error, unweighted as scikit-learn's neg_mean_squared_error scores it.
      const mse = heldOutErrors(backend, M, test, yTest, null, coefs.subarray(0, taken.length * p), intercepts.subarray(0, taken.length));
      for (let i = 0; i < taken.length; i++) sum[i] += mse[i];
    });
    for (let i = 0; i < taken.length; i++) msePath[taken[i] * nF + f] = columns.length === 1 ? sum[i] : sum[i] / columns.length;
    for (const a of taken) queue.done?.(f, a, perAlpha);
  }
  return msePath;
}

/** Held-out errors of some folds (stage 1 of a K-fold RidgeCV fit), and the refit on the validated data. */
export interface RidgeFoldErrors {
  /** nAlphas × nFolds, the entries of folds not computed 0. */
  msePath: Float64Array;
  k: number;
  /** Refits `model` (the one chooseFromFolds returns) on all rows, as fit does. */
  refit(model: Ridge): void;
}

/** Element-wise mean of equally long arrays (the first one itself when there is one). */
function meanOver(arrays: Float64Array[]): Float64Array {
  if (arrays.length === 1) return arrays[0];
  const out = new Float64Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i] += a[i];
  for (let i = 0; i < out.length; i++) out[i] /= arrays.length;
  return out;
}
