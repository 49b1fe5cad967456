import type { MatrixInput } from '../io/matrix.js';
import { checkTrainingDataOf, type WorkspacePlan } from '../io/trainingData.js';
import type { SparseInput } from '../io/sparse.js';
import { checkSampleWeight, type SampleWeightInput } from '../io/weights.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { LinearModel } from '../models/LinearModel.js';
import { ElasticNet, useCovariance } from '../models/ElasticNet.js';
import { Lasso } from '../models/Lasso.js';
import { parseOptions, boolean, unitInterval, foldCount, checkFoldCount, type OptionSpec } from '../models/options.js';
import { alphaMaxOf, noGridError, resolvePathInputs } from '../paths/enetPath.js';
import { alphaGrid } from '../paths/alphaGrid.js';
import { pathOptionSpec, type PathOptions, type ResolvedPathOptions } from '../paths/pathOptions.js';
import { crossValidatePaths, type CVCurve } from './crossValidation.js';
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
    const o = this.options;
    const owner = this.typeName;
    const { M, y: yy } = checkTrainingDataOf(owner, X, y, o.backend, cvWorkspace(o.precompute, o.foldIds != null ? null : o.cv));
    const n = M.rows;
    const swGiven = sampleWeight ?? o.sampleWeight;
    const { sw, settings } = resolvePathInputs(owner, { ...o, l1Ratio: 1 }, M, swGiven);
    const rawSw = swGiven == null ? null : checkSampleWeight(swGiven, n, null);

    let folds: Folds;
    if (o.foldIds != null) {
      folds = checkFoldIds(o.foldIds, n, owner);
    } else {
      checkFoldCount(o.cv, n, owner);
      folds = o.shuffle ? shuffledFoldIds(n, o.cv, o.seed) : kFoldIds(n, o.cv);
    }

    // Alpha grids from the full data, one per l1Ratio (as scikit-learn does).
    const grids = o.l1Ratio.map((r) => {
      if (o.alphas) return { l1Ratio: r, alphas: o.alphas };
      if (r === 0) throw noGridError(owner);
      return { l1Ratio: r, alphas: new Float64Array(0) };
    });
    if (!o.alphas) {
      const l1Max = withDesignOf(getBackend(o.backend), M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, (d) =>
        alphaMaxOf(d, { ...settings, l1Ratio: 1 }, owner) * d.n,
      );
      for (const g of grids) g.alphas = alphaGrid(l1Max / (n * g.l1Ratio), o.nAlphas, o.eps);
    }

    const total = folds.k * grids.reduce((s, g) => s + g.alphas.length, 0) + 1;
    let done = 0;
    const progress = o.onProgress;
    const curves = crossValidatePaths(
      M, yy, rawSw, folds, grids,
      { positive: settings.positive, penaltyFactor: settings.penaltyFactor, precompute: settings.precompute, screening: settings.screening, maxIter: settings.maxIter, tol: settings.tol },
      { fitIntercept: o.fitIntercept, standardize: o.standardize, backend: o.backend, weightFoldsBySize: o.foldIds != null },
      () => { done++; if (progress) progress(done / total); },
    );

    let best = 0;
    for (let c = 1; c < curves.length; c++) {
      if (curves[c].mseMean[curves[c].indexMin] < curves[best].mseMean[curves[best].indexMin]) best = c;
    }
    const curve = curves[best];
    this.curves = curves;
    this.l1Ratio = curve.l1Ratio;
    this.alphas = curve.alphas;
    this.mseMean = curve.mseMean;
    this.mseStd = curve.mseStd;
    this.msePath = curve.msePath;
    this.nFolds = folds.k;
    this.alphaMin = curve.alphas[curve.indexMin];
    this.alpha1se = curve.alphas[curve.index1se];
    this.alpha = o.rule === '1se' ? this.alpha1se : this.alphaMin;

    // The refit takes the validated data: X is not read (or checked) again.
    const refit = this.refitModel();
    refit.fitChecked(M, yy, sw);
    this.state = { coef: refit.coef, intercept: refit.intercept };
    this.nIter = refit.nIter;
    this.dualGap = refit.dualGap;
    this.converged = refit.converged;
    if (progress) progress(1);
    return this;
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

  protected refitModel(): ElasticNet {
    const o = this.options;
    return new Lasso({
      alpha: this.alpha, fitIntercept: o.fitIntercept, standardize: o.standardize,
      maxIter: o.maxIter, tol: o.tol, positive: o.positive, penaltyFactor: o.penaltyFactor,
      precompute: o.precompute, backend: o.backend, onWarning: o.onWarning,
    });
  }
}
