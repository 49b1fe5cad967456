import type { MatrixInput } from '../io/matrix.js';
import { SparseRows } from '../paths/sparseRows.js';
import { rowSubset } from '../io/rowSubset.js';
import { getLogisticBackend } from '../backends/logisticBackends.js';
import { parseOptions, unitInterval, foldCount, type OptionSpec } from '../models/options.js';
import { NotFittedError, type ModelJSON } from '../models/LinearModel.js';
import { LogisticRegression } from '../models/LogisticRegression.js';
import type { Classes, Label } from '../models/binaryLabels.js';
import { alphaGrid } from '../paths/alphaGrid.js';
import { noGridError } from '../paths/enetPath.js';
import {
  logisticPathSpec, logisticPathOnDesign, logisticInputs, defaultEps,
  type LogisticPathOptions, type ResolvedLogisticPathOptions, type LogisticPathSettings,
} from '../paths/logisticPath.js';
import { checkFoldIds, splitFold, type Folds } from './folds.js';
import { stratifiedFoldIds } from './stratifiedFolds.js';
import { pathHeldOutScores, greaterIsBetter, type ClassificationScoring } from './classificationScores.js';

export interface LogisticRegressionCVOptions extends Omit<LogisticPathOptions, 'l1Ratio' | 'sampleWeight'> {
  /** One l1Ratio or several to choose from (default 1, the lasso). */
  l1Ratio?: number | ArrayLike<number>;
  /** Number of stratified folds, in scikit-learn's StratifiedKFold order (default 5). */
  cv?: number;
  /** Fold label per row (glmnet's `foldid`); overrides `cv`. */
  foldIds?: ArrayLike<number> | null;
  /** Held-out score: 'deviance' (default, cv.glmnet's binomial deviance), 'auc' or 'accuracy'. */
  scoring?: ClassificationScoring;
  /** Which alpha the refit uses: the best mean score ('min', default) or the one-standard-error rule ('1se'). */
  rule?: 'min' | '1se';
}

interface ResolvedCV extends Omit<ResolvedLogisticPathOptions, 'l1Ratio'> {
  l1Ratio: number[];
  cv: number;
  foldIds: ArrayLike<number> | null;
  scoring: ClassificationScoring;
  rule: 'min' | '1se';
}

/** Cross-validation curve of one l1Ratio over its alpha grid. */
export interface LogisticCVCurve {
  l1Ratio: number;
  alphas: Float64Array;
  /** nAlphas × nFolds, row-major: held-out score of fold f at alphas[k]. */
  scorePath: Float64Array;
  /** Fold-weighted mean score per alpha (cv.glmnet's cvm). */
  scoreMean: Float64Array;
  /** Its standard error (cv.glmnet's cvsd). */
  scoreStd: Float64Array;
  /** Best mean score (the largest alpha among ties). */
  indexBest: number;
  /** Largest alpha within one standard error of the best (glmnet's lambda.1se). */
  index1se: number;
}

const l1RatioList = (v: unknown, name: string, owner: string): number[] => {
  if (typeof v === 'number') return [unitInterval(v, name, owner) as number];
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number' || (v as ArrayLike<number>).length === 0) {
    throw new TypeError(`${owner}: option '${name}' must be a number in [0, 1] or a non-empty array of them`);
  }
  return Array.from(v as ArrayLike<number>, (x, k) => unitInterval(x, `${name}[${k}]`, owner) as number);
};

function cvSpec(): OptionSpec {
  const { l1Ratio: _l, sampleWeight: _s, ...base } = logisticPathSpec();
  return {
    ...base,
    l1Ratio: { default: [1], check: l1RatioList },
    cv: { default: 5, check: foldCount },
    foldIds: { default: null, check: (v) => v },
    scoring: { default: 'deviance', check: (v, n, o) => {
      if (v !== 'deviance' && v !== 'auc' && v !== 'accuracy') throw new TypeError(`${o}: option '${n}' must be 'deviance', 'auc' or 'accuracy', got ${String(v)}`);
      return v;
    } },
    rule: { default: 'min', check: (v, n, o) => {
      if (v !== 'min' && v !== '1se') throw new TypeError(`${o}: option '${n}' must be 'min' or '1se', got ${String(v)}`);
      return v;
    } },
  };
}

/** Fold means, standard errors and the best / 1-SE indices, cv.glmnet's definitions (fold weights = their test weight). */
function summarize(l1Ratio: number, alphas: Float64Array, scorePath: Float64Array, nF: number, foldW: Float64Array, gain: boolean): LogisticCVCurve {
  const K = alphas.length;
  const scoreMean = new Float64Array(K);
  const scoreStd = new Float64Array(K);
  let wSum = 0;
  for (let f = 0; f < nF; f++) wSum += foldW[f];
  for (let k = 0; k < K; k++) {
    let m = 0;
    for (let f = 0; f < nF; f++) m += foldW[f] * scorePath[k * nF + f];
    m /= wSum;
    let v = 0;
    for (let f = 0; f < nF; f++) {
      const d = scorePath[k * nF + f] - m;
      v += foldW[f] * d * d;
    }
    scoreMean[k] = m;
    scoreStd[k] = Math.sqrt(v / wSum / (nF - 1));
  }
  const better = (a: number, b: number): boolean => (gain ? a > b : a < b);
  let indexBest = 0;
  for (let k = 1; k < K; k++) if (better(scoreMean[k], scoreMean[indexBest])) indexBest = k;
  const bound = gain ? scoreMean[indexBest] - scoreStd[indexBest] : scoreMean[indexBest] + scoreStd[indexBest];
  let index1se = indexBest;
  for (let k = 0; k < K; k++) {
    const within = gain ? scoreMean[k] >= bound : scoreMean[k] <= bound;
    if (within && alphas[k] > alphas[index1se]) index1se = k;
  }
  return { l1Ratio, alphas, scorePath, scoreMean, scoreStd, indexBest, index1se };
}

/**
 * Penalized logistic regression with alpha (and l1Ratio) chosen by K-fold
 * cross-validation over warm-started paths — cv.glmnet(family = "binomial")
 * with scikit-learn's stratified folds by default. The full data's path
 * fixes each l1Ratio's alpha grid (stopping where the data become separable,
 * as glmnet); every fold runs that whole grid on its training rows (weights
 * rescaled to sum to the training size) and scores the held-out rows. The
 * final model is refitted on all rows at the chosen alpha.
 */
export class LogisticRegressionCV {
  protected readonly options: ResolvedCV;
  private model: LogisticRegression | null = null;
  /** Chosen alpha (best mean score, or the 1-SE alpha with rule '1se' — the one the refit uses). */
  alpha = NaN;
  /** Alpha with the best mean held-out score. */
  alphaBest = NaN;
  /** Largest alpha within one standard error of the best (glmnet's lambda.1se). */
  alpha1se = NaN;
  l1Ratio = NaN;
  /** Curves of the chosen l1Ratio. */
  alphas: Float64Array = new Float64Array(0);
  scoreMean: Float64Array = new Float64Array(0);
  scoreStd: Float64Array = new Float64Array(0);
  scorePath: Float64Array = new Float64Array(0);
  nFolds = 0;
  /** Fold of each row (0-based). */
  foldIds: Int32Array = new Int32Array(0);
  curves: LogisticCVCurve[] = [];

  constructor(options: LogisticRegressionCVOptions = {}) {
    this.options = parseOptions<ResolvedCV>('LogisticRegressionCV', cvSpec(), options);
  }

  get params(): Readonly<ResolvedCV> {
    return this.options;
  }

  private fitted(what: string): LogisticRegression {
    if (!this.model) throw new NotFittedError(`LogisticRegressionCV: ${what} is not available: the model is not fitted yet; call fit(X, y) first`);
    return this.model;
  }

  /** The refitted model at the chosen alpha. */
  get estimator(): LogisticRegression {
    return this.fitted('estimator');
  }

  get coef(): Float64Array {
    return this.fitted('coef').coef;
  }

  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  get classes(): Classes {
    return this.fitted('classes').classes;
  }

  fit(X: MatrixInput, y: ArrayLike<Label>, sampleWeight?: ArrayLike<number> | null): this {
    const o = this.options;
    const owner = 'LogisticRegressionCV';
    const { M, classes, y01, w, pf } = logisticInputs(owner, X, y, { ...o, sampleWeight: sampleWeight ?? null });
    const n = M.rows;
    const p = M.cols;
    const backend = getLogisticBackend(o.backend);
    const designOpts = { fitIntercept: o.fitIntercept, standardize: o.standardize };
    const base: Omit<LogisticPathSettings, 'l1Ratio'> = { positive: o.positive, penaltyFactor: pf, maxIter: o.maxIter, tol: o.tol, fitIntercept: o.fitIntercept };

    let folds: Folds;
    if (o.foldIds != null) folds = checkFoldIds(o.foldIds, n, owner);
    else {
      if (o.cv > n) throw new RangeError(`${owner}: option 'cv' = ${o.cv} folds is more than the ${n} rows of X`);
      folds = stratifiedFoldIds(y01, o.cv, owner);
    }

    // Alpha grids from the full data's paths, one per l1Ratio; each stops where the data become separable.
    const eps = o.eps ?? defaultEps(n, p);
    for (const r of o.l1Ratio) if (!o.alphas && r === 0) throw noGridError(owner);
    // Every path below writes its coefficients as sparse rows into one reused
    // buffer (each is read only until the next starts); AUC scoring, done in
    // JS on dense rows, gets one dense block for all of them.
    const rows = new SparseRows();
    const coefBlock = o.scoring === 'auc' ? new Float64Array((o.alphas ? o.alphas.length : o.nAlphas) * p) : undefined;
    const grids = backend.withLogisticDesign(M, y01, w, designOpts, (d) =>
      o.l1Ratio.map((r) => {
        if (o.alphas) return { l1Ratio: r, alphas: o.alphas };
        const res = logisticPathOnDesign(d, { ...base, l1Ratio: r }, (aMax) => alphaGrid(aMax, o.nAlphas, eps), true, undefined, undefined, rows);
        return { l1Ratio: r, alphas: res.alphas };
      }),
    );

    const nF = folds.k;
    let testBlock = new Float64Array(0);
    const paths = grids.map((g) => new Float64Array(g.alphas.length * nF));
    const foldW = new Float64Array(nF);
    const total = nF * grids.reduce((s, g) => s + g.alphas.length, 0) + 1;
    let done = 0;
    const step = (): void => {
      done++;
      o.onProgress?.(done / total);
    };
    let notConverged = 0;
    for (let f = 0; f < nF; f++) {
      const { train, test } = splitFold(folds, f);
      const yTrain = Float64Array.from(train, (i) => y01[i]);
      const wTrain = Float64Array.from(train, (i) => w[i]);
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < train.length; t++) {
        if (yTrain[t] !== 0) s1 += wTrain[t];
        else s0 += wTrain[t];
      }
      if (!(s0 > 0) || !(s1 > 0)) throw new RangeError(`${owner}: the training rows of fold ${f} hold only one class; use fewer folds or other foldIds`);
      const scale = train.length / (s0 + s1);
      for (let t = 0; t < wTrain.length; t++) wTrain[t] *= scale;
      const yTest = Float64Array.from(test, (i) => y01[i]);
      const wTest = Float64Array.from(test, (i) => w[i]);
      for (let t = 0; t < wTest.length; t++) foldW[f] += wTest[t];
      if (o.scoring === 'auc' && (yTest.every((v) => v === 0) || yTest.every((v) => v !== 0))) {
        throw new RangeError(`${owner}: fold ${f} has held-out rows of one class only, where the AUC is undefined; use scoring 'deviance' or stratified folds`);
      }
      // The held-out rows, column-major, in one block reused by every fold.
      if (testBlock.length < test.length * p) testBlock = new Float64Array(test.length * p);
      const testX = testBlock.subarray(0, test.length * p);
      M.writeColumnMajor(testX, 0, test);
      backend.withLogisticDesign(rowSubset(M, train), yTrain, wTrain, designOpts, (d) => {
        grids.forEach((g, c) => {
          // Every fold runs the whole grid: cv.glmnet passes the lambdas explicitly,
          // and glmnet applies its early-stopping rules only to its own grid.
          const auc = o.scoring === 'auc';
          const res = logisticPathOnDesign(d, { ...base, l1Ratio: g.l1Ratio }, g.alphas, false, step, coefBlock, auc ? undefined : rows);
          notConverged += res.notConverged;
          const scores = o.scoring === 'auc'
            ? pathHeldOutScores(o.scoring, testX, p, res.coefs, res.intercepts, yTest, wTest)
            : backend.heldOutScores(testX, yTest, wTest, p, rows, res.intercepts, o.scoring);
          for (let k = 0; k < scores.length; k++) paths[c][k * nF + f] = scores[k];
        });
      });
    }
    if (notConverged > 0) {
      o.onWarning(`${owner}: the duality gap stayed above tol at ${notConverged} fold path points; raise maxIter or tol, or standardize the features`);
    }

    const gain = greaterIsBetter(o.scoring);
    const curves = grids.map((g, c) => summarize(g.l1Ratio, g.alphas, paths[c], nF, foldW, gain));
    let best = 0;
    for (let c = 1; c < curves.length; c++) {
      const a = curves[c].scoreMean[curves[c].indexBest];
      const b = curves[best].scoreMean[curves[best].indexBest];
      if (gain ? a > b : a < b) best = c;
    }
    const curve = curves[best];
    this.curves = curves;
    this.l1Ratio = curve.l1Ratio;
    this.alphas = curve.alphas;
    this.scoreMean = curve.scoreMean;
    this.scoreStd = curve.scoreStd;
    this.scorePath = curve.scorePath;
    this.nFolds = nF;
    this.foldIds = folds.ids;
    this.alphaBest = curve.alphas[curve.indexBest];
    this.alpha1se = curve.alphas[curve.index1se];
    this.alpha = o.rule === '1se' ? this.alpha1se : this.alphaBest;

    const model = new LogisticRegression({
      alpha: this.alpha, l1Ratio: this.l1Ratio, fitIntercept: o.fitIntercept, standardize: o.standardize,
      penaltyFactor: o.penaltyFactor, positive: o.positive, classWeight: o.classWeight, maxIter: o.maxIter, tol: o.tol,
      backend: o.backend, onWarning: o.onWarning,
    });
    // The inputs validated above are the ones fit(X, y, sampleWeight) would validate again (a copy and scan of X).
    model.fitChecked(M, classes, y01, w, pf);
    this.model = model;
    o.onProgress?.(1);
    return this;
  }

  decisionFunction(X: MatrixInput): Float64Array {
    return this.fitted('decisionFunction').decisionFunction(X);
  }

  predictProba(X: MatrixInput): Float64Array {
    return this.fitted('predictProba').predictProba(X);
  }

  predict(X: MatrixInput): Label[] {
    return this.fitted('predict').predict(X);
  }

  score(X: MatrixInput, y: ArrayLike<Label>): number {
    return this.fitted('score').score(X, y);
  }

  /** The refitted model's JSON (a LogisticRegression at the chosen alpha). */
  toJSON(): ModelJSON {
    return this.fitted('toJSON').toJSON();
  }
}
