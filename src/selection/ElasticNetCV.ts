import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import { checkTrainingDataOf, type WorkspacePlan } from '../io/trainingData.js';
import { isSparseMatrix, type SparseInput, type SparseMatrix } from '../io/sparse.js';
import type { PreparedDesign } from '../backends/types.js';
import { checkSampleWeight, type SampleWeightInput } from '../io/weights.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { LinearModel, constructFromJSON, jsonFields, parseModelJSON, type ModelJSON } from '../models/LinearModel.js';
import { ElasticNet, ENET_JSON_FIELDS, checkJSONPenaltyFactor, useCovariance } from '../models/ElasticNet.js';
import type { StopReason } from '../models/stopReason.js';
import { Lasso } from '../models/Lasso.js';
import { parseOptions, boolean, unitInterval, foldCount, checkFoldCount, type OptionSpec } from '../models/options.js';
import { alphaMaxOf, noGridError, resolvePathInputs } from '../paths/enetPath.js';
import { alphaGrid } from '../paths/alphaGrid.js';
import { pathOptionSpec, pathSizeCheck, type PathOptions, type ResolvedPathOptions } from '../paths/pathOptions.js';
import { foldPathErrors, foldsViaGram, summarizeFolds, type CVCurve, type FoldQueue } from './crossValidation.js';
import type { SufficientStats } from '../stats/SufficientStats.js';
import { enetCVStats } from '../stats/fitFromStats.js';
import { kFoldIds, shuffledFoldIds, checkFoldIds, type Folds } from './folds.js';

export interface CVOptions extends Omit<PathOptions, 'l1Ratio'> {
  /** Number of folds for contiguous K-fold splits, as scikit-learn's KFold (default 5). */
  cv?: number;
  /** Fold label per row (glmnet's `foldid`); overrides `cv`. */
  foldIds?: ArrayLike<number> | null;
  /** Shuffle rows before making `cv` folds (reproducible with `seed`). Default false. */
  shuffle?: boolean;
  seed?: number;
  /** Which alpha the final refit uses: the minimum mean MSE ('min', default) or glmnet's one-standard-error rule ('1se'). */
  rule?: 'min' | '1se';
}

/** Held-out errors of some folds (stage 1 of ElasticNetCV.fit), one nAlphas × nFolds array per l1Ratio. */
export interface CVFoldErrors {
  grids: { l1Ratio: number; alphas: Float64Array }[];
  paths: Float64Array[];
  foldWeight: Float64Array;
  k: number;
  /** The validated data and the weights (rescaled to sum to n), for the refit. */
  M: CheckedMatrix | SparseMatrix;
  y: Float64Array;
  sw: Float64Array | null;
  /**
   * Refits `model` (the one chooseFromFolds returns, or refitAt's) on all
   * rows: `model.fitChecked(M, y, sw)`, on the full data's design still held
   * in the core when foldErrors' `then` runs (same bits, no copy of X).
   */
  refit(model: ElasticNet): void;
}

export interface ElasticNetCVOptions extends CVOptions {
  /** One l1Ratio or several to choose from (default 0.5). */
  l1Ratio?: number | ArrayLike<number>;
}

interface ResolvedCV extends Omit<ResolvedPathOptions, 'l1Ratio'> {
  l1Ratio: number[];
  cv: number;
  foldIds: ArrayLike<number> | null;
  shuffle: boolean;
  seed: number;
  rule: 'min' | '1se';
}

const l1RatioList = (v: unknown, name: string, owner: string): number[] => {
  if (typeof v === 'number') return [unitInterval(v, name, owner) as number];
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number' || (v as ArrayLike<number>).length === 0) {
    throw new TypeError(`${owner}: option '${name}' must be a number in [0, 1] or a non-empty array of them`);
  }
  return Array.from(v as ArrayLike<number>, (x, k) => unitInterval(x, `${name}[${k}]`, owner) as number);
};

function cvSpec(defaultL1Ratio: number): OptionSpec {
  const { l1Ratio: _l, ...base } = pathOptionSpec(defaultL1Ratio);
  return {
    ...base,
    l1Ratio: { default: [defaultL1Ratio], check: l1RatioList },
    cv: { default: 5, check: foldCount },
    foldIds: { default: null, check: (v) => v },
    shuffle: { default: false, check: boolean },
    seed: { default: 0, check: (v, n, o) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${o}: option '${n}' must be an integer, got ${String(v)}`);
      return v;
    } },
    rule: { default: 'min', check: (v, n, o) => {
      if (v !== 'min' && v !== '1se') throw new TypeError(`${o}: option '${n}' must be 'min' or '1se', got ${String(v)}`);
      return v;
    } },
  };
}

/**
 * Cross-validation's workspace beyond the design, for the up-front size check:
 * in covariance mode the full Gram matrix, two fold Gram matrices and the
 * held-out rows of the largest fold (at least ⌈n/k⌉; with foldIds, whose
 * sizes are not known yet, at least one row).
 */
function cvWorkspace(precompute: 'auto' | boolean, k: number | null): WorkspacePlan {
  return (n, p) => {
    const maxTest = k === null ? 1 : Math.ceil(n / k);
    return useCovariance(precompute, n - maxTest, p, 'path') ? [p * p, p * p, p * p, maxTest * (p + 2)] : [n, n, p];
  };
}

/**
 * Elastic net with alpha (and l1Ratio) chosen by K-fold cross-validation over
 * warm-started paths — scikit-learn's `ElasticNetCV` with glmnet's `cv.glmnet`
 * statistics (standard errors, `alpha1se`). The final model is refitted on all
 * rows at the chosen alpha.
 */
export class ElasticNetCV extends LinearModel {
  protected readonly options: ResolvedCV;
  /** Chosen alpha (minimum mean MSE, or the 1-SE alpha with rule '1se' — the one used by the refit). */
  alpha = NaN;
  /** Alpha with the least mean cross-validated MSE. */
  alphaMin = NaN;
  /** Largest alpha within one standard error of the minimum (glmnet's lambda.1se). */
  alpha1se = NaN;
  /** Chosen l1Ratio. */
  l1Ratio = NaN;
  /** Curves for the chosen l1Ratio. */
  alphas: Float64Array = new Float64Array(0);
  mseMean: Float64Array = new Float64Array(0);
  mseStd: Float64Array = new Float64Array(0);
  /** nAlphas × nFolds, row-major. */
  msePath: Float64Array = new Float64Array(0);
  nFolds = 0;
  /** One curve per l1Ratio tried. */
  curves: CVCurve[] = [];
  /** Diagnostics of the final refit. */
  nIter = 0;
  dualGap = NaN;
  converged = false;
  /** Why the refit's coordinate descent stopped (see ElasticNet's stopReason). */
  stopReason: StopReason = 'converged';

  constructor(options: ElasticNetCVOptions = {}) {
    super();
    this.options = parseOptions<ResolvedCV>(new.target.name, this.spec(), options);
  }

  protected spec(): OptionSpec {
    return cvSpec(0.5);
  }

  protected get typeName(): string {
    return 'ElasticNetCV';
  }

  get params(): Readonly<ResolvedCV> {
    return this.options;
  }

  fit(X: MatrixInput | SparseInput, y: ArrayLike<number>, sampleWeight?: SampleWeightInput): this {
    const progress = this.options.onProgress;
    this.foldErrors(X, y, sampleWeight, null, progress, 1, (errors) => {
      const refit = this.chooseFromFolds(errors);
      // The refit takes the validated data (X is not read or checked again), on the design still in the core when there is one.
      errors.refit(refit);
      this.adoptRefit(refit);
    });
    if (progress) progress(1);
    return this;
  }

  /**
   * Fits from sufficient statistics recorded with nFolds = k
   * (stats/SufficientStats): cross-validation over the recorded folds, as fit
   * with `foldIds` set to the same labels (fold means weighted by fold
   * weight), then the refit at the chosen alpha from the statistics of all
   * rows. Returns this.
   */
  fitStats(stats: SufficientStats): this {
    const progress = this.options.onProgress;
    let done = 0;
    let total = 1;
    const errors = enetCVStats(stats, this.options, this.typeName, () => {
      done++;
      if (progress) progress(done / total);
    }, (t) => { total = t; });
    const refit = this.chooseFromFolds(errors, true);
    refit.fitStats(stats);
    this.adoptRefit(refit);
    if (progress) progress(1);
    return this;
  }

  /**
   * Stage 1 of fit (internal; workers/ runs it per group of folds): checks
   * the input, makes the folds and the alpha grids, and computes the held-out
   * errors of the folds in `only` (all when null), or of those a FoldQueue
   * hands out (workers/sharedFolds). `progress` gets the fraction of these
   * folds' work (of all folds' with a queue), out of that work plus `reserve` steps.
   * Returns `then(errors)` (by default the errors): while `then` runs, the
   * design of the full data may still be in the core, for `errors.refit`.
   * @internal
   */
  foldErrors<T = CVFoldErrors>(
    X: MatrixInput | SparseInput, y: ArrayLike<number>, sampleWeight: SampleWeightInput | undefined,
    only: readonly number[] | FoldQueue | null, progress: ((fraction: number) => void) | null, reserve: number,
    then: (errors: CVFoldErrors) => T = (e) => e as T,
  ): T {
    const o = this.options;
    const owner = this.typeName;
    const { M, y: yy } = checkTrainingDataOf(
      owner, X, y, o.backend, cvWorkspace(o.precompute, o.foldIds != null ? null : o.cv), pathSizeCheck(owner, o),
    );
    const n = M.rows;
    const swGiven = sampleWeight ?? o.sampleWeight;
    const { sw, settings } = resolvePathInputs(owner, { ...o, l1Ratio: 1 }, M, swGiven);
    const rawSw = swGiven == null ? null : checkSampleWeight(swGiven, n, null);

    const folds = this.makeFolds(n);
    const list = only && !('next' in only) ? only : null;
    if (list) for (const f of list) if (!(Number.isInteger(f) && f >= 0 && f < folds.k)) throw new RangeError(`${owner}: no fold ${f}`);

    // Alpha grids from the full data, one per l1Ratio (as scikit-learn does).
    const grids = o.l1Ratio.map((r) => {
      if (o.alphas) return { l1Ratio: r, alphas: o.alphas };
      if (r === 0) throw noGridError(owner);
      return { l1Ratio: r, alphas: new Float64Array(0) };
    });
    // The full data's design (centred, scaled with `standardize`, weighted) makes the grid and
    // the refit. By Gram downdating, the folds start from the full data's centred, unscaled design
    // with the caller's weights: when that is the same design (no standardizing, no weights),
    // one copy of X in the core serves all three, and stays there until `then` has refitted.
    const gramDesign = !isSparseMatrix(M) && !o.standardize && rawSw === null && foldsViaGram(n, M.cols, folds, settings.precompute);
    const body = (full: PreparedDesign | null): T => {
      if (!o.alphas) {
        const l1Max = alphaMaxOf(full!, { ...settings, l1Ratio: 1 }, owner) * full!.n;
        for (const g of grids) g.alphas = alphaGrid(l1Max / (n * g.l1Ratio), o.nAlphas, o.eps);
      }
      // Kept only when the folds use it: in the other modes it would hold a second copy of X during every fold.
      const kept = gramDesign ? full : null;
      const total = (list ? list.length : folds.k) * grids.reduce((s, g) => s + g.alphas.length, 0) + reserve;
      let done = 0;
      const { paths, foldWeight } = foldPathErrors(
        M, yy, rawSw, folds, grids,
        { positive: settings.positive, penaltyFactor: settings.penaltyFactor, precompute: settings.precompute, screening: settings.screening, maxIter: settings.maxIter, tol: settings.tol },
        { fitIntercept: o.fitIntercept, standardize: o.standardize, backend: o.backend, weightFoldsBySize: o.foldIds != null },
        () => { done++; if (progress) progress(done / total); },
        only, kept,
      );
      let open = true;
      const refit = (model: ElasticNet): void => {
        if (open && kept) model.fitPrepared(kept);
        else model.fitChecked(M, yy, sw);
      };
      try {
        return then({ grids, paths, foldWeight, k: folds.k, M, y: yy, sw, refit });
      } finally {
        open = false;
      }
    };
    if (o.alphas && !gramDesign) return body(null);
    return withDesignOf(getBackend(o.backend), M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, body);
  }

  /** The folds of n rows: the `foldIds` given, or `cv` contiguous (or shuffled) folds. @internal */
  makeFolds(n: number): Folds {
    const o = this.options;
    if (o.foldIds != null) return checkFoldIds(o.foldIds, n, this.typeName);
    checkFoldCount(o.cv, n, this.typeName);
    return o.shuffle ? shuffledFoldIds(n, o.cv, o.seed) : kFoldIds(n, o.cv);
  }

  /**
   * Stage 2 (internal): the curves from every fold's errors, the chosen alpha
   * and l1Ratio; returns the model to refit on all rows (not fitted yet).
   * @internal
   */
  chooseFromFolds(errors: Pick<CVFoldErrors, 'grids' | 'paths' | 'foldWeight' | 'k'>, weightBySize = this.options.foldIds != null): ElasticNet {
    const curves = summarizeFolds(errors.grids, errors.paths, errors.k, weightBySize ? errors.foldWeight : null);
    let best = 0;
    for (let c = 1; c < curves.length; c++) {
      if (curves[c].mseMean[curves[c].indexMin] < curves[best].mseMean[curves[best].indexMin]) best = c;
    }
    this.showCurve(curves, curves[best], errors.k);
    return this.refitModel();
  }

  /**
   * The model refitted on all rows at another grid point than the chosen one
   * (workers/sharedRefit's speculative refits): what chooseFromFolds returns
   * when its choice is (alpha, l1Ratio). This model's fields are not changed.
   * @internal
   */
  refitAt(alpha: number, l1Ratio = this.l1Ratio): ElasticNet {
    const { alpha: a, l1Ratio: r } = this;
    this.alpha = alpha;
    this.l1Ratio = l1Ratio;
    try {
      return this.refitModel();
    } finally {
      this.alpha = a;
      this.l1Ratio = r;
    }
  }

  /** Sets the public CV fields from the chosen curve (fit and fromJSON). @internal */
  showCurve(curves: CVCurve[], curve: CVCurve, nFolds: number): void {
    this.curves = curves;
    this.l1Ratio = curve.l1Ratio;
    this.alphas = curve.alphas;
    this.mseMean = curve.mseMean;
    this.mseStd = curve.mseStd;
    this.msePath = curve.msePath;
    this.nFolds = nFolds;
    this.alphaMin = curve.alphas[curve.indexMin];
    this.alpha1se = curve.alphas[curve.index1se];
    this.alpha = this.options.rule === '1se' ? this.alpha1se : this.alphaMin;
  }

  /** Stage 3 (internal): takes the refitted model's coefficients and diagnostics. @internal */
  adoptRefit(refit: ElasticNet): void {
    this.state = { coef: refit.coef, intercept: refit.intercept };
    this.nIter = refit.nIter;
    this.dualGap = refit.dualGap;
    this.converged = refit.converged;
    this.stopReason = refit.stopReason;
  }

  toJSON(): ModelJSON {
    const { onProgress: _p, onWarning: _w, sampleWeight: _s, alphas, foldIds, penaltyFactor, l1Ratio, ...rest } = this.options;
    const params: Record<string, unknown> = {
      ...rest,
      alphas: alphas ? Array.from(alphas) : null,
      foldIds: foldIds === null ? null : Array.from(foldIds),
      penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null,
    };
    if (this.typeName === 'ElasticNetCV') params.l1Ratio = l1Ratio.slice();
    return this.baseJSON(params, {
      alpha: this.alpha, alphaMin: this.alphaMin, alpha1se: this.alpha1se, l1Ratio: this.l1Ratio, nFolds: this.nFolds,
      curves: this.curves.map((c) => ({
        l1Ratio: c.l1Ratio, alphas: Array.from(c.alphas), msePath: Array.from(c.msePath), mseMean: Array.from(c.mseMean),
        mseStd: Array.from(c.mseStd), indexMin: c.indexMin, index1se: c.index1se,
      })),
      nIter: this.nIter, dualGap: this.dualGap, converged: this.converged, stopReason: this.stopReason,
    });
  }

  static fromJSON(json: unknown): ElasticNetCV {
    return restoreCV(json, 'ElasticNetCV', (o) => new ElasticNetCV(o));
  }

  /** The model refitted on all rows at the chosen alpha. */
  protected refitModel(): ElasticNet {
    const o = this.options;
    return new ElasticNet({
      alpha: this.alpha, l1Ratio: this.l1Ratio, fitIntercept: o.fitIntercept, standardize: o.standardize,
      maxIter: o.maxIter, tol: o.tol, positive: o.positive, penaltyFactor: o.penaltyFactor,
      precompute: o.precompute, backend: o.backend, onWarning: o.onWarning,
    });
  }
}

export type LassoCVOptions = CVOptions;

/**
 * Lasso with alpha chosen by K-fold cross-validation (scikit-learn's
 * `LassoCV`, with glmnet's `lambda.1se` as `alpha1se`).
 */
export class LassoCV extends ElasticNetCV {
  constructor(options: LassoCVOptions = {}) {
    super(options);
  }

  protected spec(): OptionSpec {
    const { l1Ratio: _l, ...rest } = cvSpec(1);
    return { ...rest, l1Ratio: { default: [1], check: () => [1] } };
  }

  protected get typeName(): string {
    return 'LassoCV';
  }

  static fromJSON(json: unknown): LassoCV {
    return restoreCV(json, 'LassoCV', (o) => new LassoCV(o));
  }

  protected refitModel(): ElasticNet {
    const o = this.options;
    return new Lasso({
      alpha: this.alpha, fitIntercept: o.fitIntercept, standardize: o.standardize,
      maxIter: o.maxIter, tol: o.tol, positive: o.positive, penaltyFactor: o.penaltyFactor,
      precompute: o.precompute, backend: o.backend, onWarning: o.onWarning,
    });
  }
}

/**
 * Restores a cross-validated elastic-net model: the common fields, `params`
 * through the constructor's option checks, every curve (alphas decreasing and
 * positive, errors of the right lengths, indices in range), the chosen alphas
 * among the chosen curve's, and the refit's diagnostics.
 */
function restoreCV<M extends ElasticNetCV>(json: unknown, type: string, make: (o: ElasticNetCVOptions) => M): M {
  const m = parseModelJSON(json, type, ['alpha', 'alphaMin', 'alpha1se', 'l1Ratio', 'nFolds', 'curves', ...ENET_JSON_FIELDS]);
  checkJSONPenaltyFactor(m, type);
  const f = jsonFields(type, m);
  const nFolds = f.integer('nFolds', 2);
  const nIter = f.integer('nIter', 0);
  const dualGap = f.finite('dualGap', true);
  const converged = f.boolean('converged');
  const stopReason = f.oneOf('stopReason', ['converged', 'maxIter', 'fixedPoint', 'floor'] as const);
  if ((stopReason === 'converged') !== converged) throw new TypeError(`${type}.fromJSON: "stopReason" '${stopReason}' contradicts "converged" ${converged}`);
  if (!Array.isArray(m.curves) || m.curves.length === 0) throw new TypeError(`${type}.fromJSON: "curves" must be a non-empty array`);
  const curves: CVCurve[] = m.curves.map((c: unknown, i: number) => {
    const where = `curves[${i}]`;
    if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new TypeError(`${type}.fromJSON: "${where}" must be an object`);
    const o = c as Record<string, unknown>;
    const alphas = f.numbers(`${where}.alphas`, null, o.alphas);
    const K = alphas.length;
    for (let k = 0; k < K; k++) {
      if (!(alphas[k] > 0) || (k > 0 && !(alphas[k] < alphas[k - 1]) && alphas[k] !== alphas[k - 1])) {
        throw new TypeError(`${type}.fromJSON: "${where}.alphas" must be positive and decreasing`);
      }
    }
    const index = (name: string): number => {
      const v = o[name];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= K) throw new TypeError(`${type}.fromJSON: "${where}.${name}" must be an index into its alphas`);
      return v;
    };
    if (typeof o.l1Ratio !== 'number' || !(o.l1Ratio >= 0 && o.l1Ratio <= 1)) throw new TypeError(`${type}.fromJSON: "${where}.l1Ratio" must be a number in [0, 1]`);
    return {
      l1Ratio: o.l1Ratio, alphas,
      msePath: f.numbers(`${where}.msePath`, K * nFolds, o.msePath),
      mseMean: f.numbers(`${where}.mseMean`, K, o.mseMean),
      mseStd: f.numbers(`${where}.mseStd`, K, o.mseStd),
      indexMin: index('indexMin'), index1se: index('index1se'),
    };
  });
  const chosen = curves.find((c) => c.l1Ratio === m.l1Ratio);
  if (!chosen) throw new TypeError(`${type}.fromJSON: "l1Ratio" must be the l1Ratio of one of "curves"`);
  const model = constructFromJSON(type, m.params, make);
  const alphaMin = chosen.alphas[chosen.indexMin];
  const alpha1se = chosen.alphas[chosen.index1se];
  if (m.alphaMin !== alphaMin || m.alpha1se !== alpha1se) throw new TypeError(`${type}.fromJSON: "alphaMin" and "alpha1se" must be the chosen curve's`);
  if (m.alpha !== (model.params.rule === '1se' ? alpha1se : alphaMin)) throw new TypeError(`${type}.fromJSON: "alpha" must be the alpha its rule chose`);
  (model as unknown as { state: unknown }).state = { coef: Float64Array.from(m.coef), intercept: m.intercept };
  model.showCurve(curves, chosen, nFolds);
  model.nIter = nIter;
  model.dualGap = dualGap;
  model.converged = converged;
  model.stopReason = stopReason;
  return model;
}
