import { checkMatrix, type CheckedMatrix, type MatrixInput } from '../io/matrix.js';
import { getLogisticBackend } from '../backends/logisticBackends.js';
import type { LogisticDesign } from '../backends/logisticTypes.js';
import { toOriginalScale } from './originalScale.js';
import { NotFittedError, fitModelAsync, jsonFields, parseModelJSON, type ModelJSON } from './LinearModel.js';
import type { FitAsyncOptions } from '../workers/fitAsync.js';
import { capacityCheck } from '../io/trainingData.js';
import { resolvePenaltyFactor, snapToL1Max } from './ElasticNet.js';
import {
  parseOptions, finiteNonNegative, finitePositive, unitInterval, positiveInteger, boolean, backendName,
  callback, penaltyFactorArray, solverPenalty, fmt, type BackendName, type OptionSpec,
} from './options.js';
import { encodeBinaryLabels, encodeAgainst, classWeightOption, type ClassWeight, type Classes, type Label } from './binaryLabels.js';
import { logisticWeights } from './logisticWeights.js';
import { sigmoid } from '../math/sigmoid.js';

export interface LogisticRegressionOptions {
  /** Penalty strength (glmnet's `lambda`). Give `alpha` or `C`, not both; default C = 1. */
  alpha?: number;
  /** scikit-learn's inverse penalty: alpha = 1/(n·C). */
  C?: number;
  /** Mix of L1 and L2: 1 (default) is the lasso, 0 is ridge (glmnet's `alpha`). */
  l1Ratio?: number;
  fitIntercept?: boolean;
  /** Penalize standardized coefficients (glmnet's `standardize = TRUE`); coef is still on X's scale. Default false. */
  standardize?: boolean;
  /** Per-feature multipliers of the penalty (0 = unpenalized), rescaled to sum to p as glmnet does. */
  penaltyFactor?: ArrayLike<number> | null;
  /** Constrain coefficients to be ≥ 0. */
  positive?: boolean;
  /** 'balanced' (n / (2·count of the class)) or a weight per class label; multiplies sampleWeight. */
  classWeight?: ClassWeight | null;
  /** Bound on coordinate-descent sweeps (over all Newton steps). Default 1000. */
  maxIter?: number;
  /** Stop when the duality gap is below tol × (loss of the null model). Default 1e-4. */
  tol?: number;
  backend?: BackendName;
  /** Warnings (non-convergence, nearly separable data). Default console.warn. */
  onWarning?: (message: string) => void;
}

export interface ResolvedLogisticOptions {
  alpha: number | null;
  C: number | null;
  l1Ratio: number;
  fitIntercept: boolean;
  standardize: boolean;
  penaltyFactor: Float64Array | null;
  positive: boolean;
  classWeight: ClassWeight | null;
  maxIter: number;
  tol: number;
  backend: BackendName;
  onWarning: (message: string) => void;
}

const defaultWarn = (m: string): void => console.warn(`penalized: ${m}`);

export const logisticOptionSpec: OptionSpec = {
  alpha: { default: null, check: finiteNonNegative },
  C: { default: null, check: finitePositive },
  l1Ratio: { default: 1, check: unitInterval },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  positive: { default: false, check: boolean },
  classWeight: { default: null, check: classWeightOption },
  maxIter: { default: 1000, check: positiveInteger },
  tol: { default: 1e-4, check: finitePositive },
  backend: { default: 'wasm', check: backendName },
  onWarning: { default: defaultWarn, check: callback },
};

/** Fraction of the null deviance explained above which glmnet stops a path: the data are (nearly) separable there. */
export const SEPARABLE_DEV_RATIO = 0.999;

/** One solution on a prepared design, on X's original scale. */
export interface LogisticFit {
  coef: Float64Array;
  intercept: number;
  gap: number;
  nIter: number;
  converged: boolean;
  devRatio: number;
}

/** Solves at one alpha on a prepared design (cold start). */
export function solveLogisticAt(
  d: LogisticDesign, alpha: number, l1Ratio: number, o: { positive: boolean; maxIter: number; tol: number; fitIntercept: boolean },
  pf: Float64Array | null,
): LogisticFit {
  const n = d.n;
  const solver = d.solver({ positive: o.positive, penaltyFactor: pf });
  const l1Max = solver.l1Max;
  const l1 = snapToL1Max(solverPenalty(alpha, l1Ratio, n), l1Max);
  const r = solver.solve(l1, solverPenalty(alpha, 1 - l1Ratio, n), Math.max(l1Max, l1), o.maxIter, o.tol);
  const coef = new Float64Array(d.p);
  solver.coefInto(coef, 0);
  const intercept = toOriginalScale(coef, 0, { xMean: d.xMean, xScale: d.xScale, yMean: solver.intercept() }, o.fitIntercept);
  return { coef, intercept, gap: r.gap / n, nIter: r.nIter, converged: r.converged, devRatio: 1 - r.loss / solver.nullLoss };
}

interface Fitted {
  coef: Float64Array;
  intercept: number;
  classes: Classes;
}

/**
 * Binary logistic regression with an elastic-net penalty, glmnet's binomial
 * objective
 *   (1/n)·Σᵢ wᵢ·logloss(yᵢ, xᵢᵀβ + b) + alpha·(l1Ratio·‖β‖₁ + ½(1 − l1Ratio)·‖β‖²)
 * (weights rescaled to sum to n, intercept unpenalized), solved by glmnet's
 * proximal Newton method (solvers/logisticSolver) with a duality-gap certificate.
 */
export class LogisticRegression {
  protected readonly options: ResolvedLogisticOptions;
  private state: Fitted | null = null;
  /** Coordinate-descent sweeps made (over all Newton steps). */
  nIter = 0;
  /** Duality gap at the solution, on the objective's scale (divided by n). */
  dualGap = NaN;
  /** Whether the duality gap fell below tol × (null loss) within maxIter sweeps. */
  converged = false;
  /** Fraction of the null deviance explained (glmnet's dev.ratio). */
  devRatio = NaN;
  /** The alpha the fit used (from `alpha`, or 1/(n·C)). */
  alphaUsed = NaN;

  constructor(options: LogisticRegressionOptions = {}) {
    const o = parseOptions<ResolvedLogisticOptions>('LogisticRegression', logisticOptionSpec, options);
    if (o.alpha !== null && o.C !== null) {
      throw new TypeError("LogisticRegression: give either 'alpha' or 'C' (alpha = 1/(n·C)), not both");
    }
    this.options = o;
  }

  get params(): Readonly<ResolvedLogisticOptions> {
    return this.options;
  }

  private fitted(what: string): Fitted {
    if (!this.state) throw new NotFittedError(`LogisticRegression: ${what} is not available: the model is not fitted yet; call fit(X, y) first`);
    return this.state;
  }

  get coef(): Float64Array {
    return this.fitted('coef').coef;
  }

  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  /** The two class labels, sorted; predictProba gives the probability of classes[1]. */
  get classes(): Classes {
    const c = this.fitted('classes').classes;
    return [c[0], c[1]];
  }

  get nFeatures(): number {
    return this.fitted('nFeatures').coef.length;
  }

  /** `fit` in a worker (see LinearModel.fitAsync): resolves to this model with exactly the fields and bits `fit` gives. */
  fitAsync(X: MatrixInput, y: ArrayLike<Label>, sampleWeight?: ArrayLike<number> | null, options?: FitAsyncOptions): Promise<this> {
    return fitModelAsync(this, 'LogisticRegression', X, y, sampleWeight, options);
  }

  /** Fits the model; `sampleWeight` multiplies the class weights, and the product is rescaled to sum to n. Returns this. */
  fit(X: MatrixInput, y: ArrayLike<Label>, sampleWeight?: ArrayLike<number> | null): this {
    const o = this.options;
    const owner = 'LogisticRegression';
    const M = checkMatrix(X, 'X', capacityCheck(o.backend));
    const n = M.rows;
    const p = M.cols;
    const { classes, y01 } = encodeBinaryLabels(y, n, owner);
    const w = logisticWeights(sampleWeight, o.classWeight, classes, y01, owner);
    const pf = resolvePenaltyFactor(o.penaltyFactor, p, owner);
    return this.fitChecked(M, classes, y01, w, pf);
  }

  /**
   * `fit` on inputs already validated exactly as `fit` validates them (X
   * checked, labels encoded, weights and penalty factors resolved from this
   * model's options): LogisticRegressionCV's refit, which has them in hand.
   * @internal
   */
  fitChecked(M: CheckedMatrix, classes: Classes, y01: Float64Array, w: Float64Array, pf: Float64Array | null): this {
    const o = this.options;
    const owner = 'LogisticRegression';
    const n = M.rows;
    const alpha = o.alpha ?? 1 / (n * (o.C ?? 1));
    const r = getLogisticBackend(o.backend).withLogisticDesign(M, y01, w, { fitIntercept: o.fitIntercept, standardize: o.standardize }, (d) =>
      solveLogisticAt(d, alpha, o.l1Ratio, { ...o }, pf),
    );
    const bad = r.coef.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0 || !Number.isFinite(r.intercept)) {
      throw new RangeError(`${owner}: the fit overflowed (${bad >= 0 ? `coefficient ${bad}` : 'the intercept'} is not finite); rescale X or raise alpha`);
    }
    this.state = { coef: r.coef, intercept: r.intercept, classes };
    this.nIter = r.nIter;
    this.dualGap = r.gap;
    this.converged = r.converged;
    this.devRatio = r.devRatio;
    this.alphaUsed = alpha;
    if (!r.converged) {
      o.onWarning(
        `${owner}: proximal Newton stopped after ${r.nIter} sweeps (maxIter = ${o.maxIter}) with duality gap ${r.gap.toExponential(3)}, above tol × (null loss); raise maxIter or tol, or standardize the features`,
      );
    }
    if (r.devRatio > SEPARABLE_DEV_RATIO) {
      o.onWarning(
        `${owner}: the fit explains ${(100 * r.devRatio).toFixed(2)}% of the null deviance at alpha = ${alpha.toExponential(3)}: the classes are (nearly) separable, and the coefficients diverge as alpha → 0; raise alpha`,
      );
    }
    return this;
  }

  /** The linear score b + xᵀβ of each row (log-odds of classes[1]). */
  decisionFunction(X: MatrixInput): Float64Array {
    const { coef, intercept } = this.fitted('decisionFunction');
    const M = checkMatrix(X, 'X', (_r, cols) => {
      if (cols !== coef.length) throw new RangeError(`LogisticRegression: X has ${cols} columns, but the model was fitted on ${coef.length}`);
    });
    const out = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) {
      let s = intercept;
      for (let j = 0; j < coef.length; j++) s += M.get(i, j) * coef[j];
      out[i] = s;
    }
    return out;
  }

  /** Probability of classes[1] for each row. */
  predictProba(X: MatrixInput): Float64Array {
    const s = this.decisionFunction(X);
    for (let i = 0; i < s.length; i++) s[i] = sigmoid(s[i]);
    return s;
  }

  /** The predicted label of each row: classes[1] when the score is > 0 (probability > ½), else classes[0]. */
  predict(X: MatrixInput): Label[] {
    const { classes } = this.fitted('predict');
    const s = this.decisionFunction(X);
    return Array.from(s, (v) => (v > 0 ? classes[1] : classes[0]));
  }

  /** Accuracy of predict on (X, y); labels must be classes of the model. */
  score(X: MatrixInput, y: ArrayLike<Label>): number {
    const { classes } = this.fitted('score');
    const s = this.decisionFunction(X);
    const y01 = encodeAgainst(y, s.length, classes, 'LogisticRegression.score');
    let hit = 0;
    for (let i = 0; i < s.length; i++) if ((s[i] > 0 ? 1 : 0) === y01[i]) hit++;
    return hit / s.length;
  }

  toJSON(): ModelJSON {
    const { coef, intercept, classes } = this.fitted('toJSON');
    const { onWarning: _w, penaltyFactor, classWeight, ...rest } = this.options;
    const cw = classWeight instanceof Map ? Object.fromEntries([...classWeight.entries()].map(([k, v]) => [String(k), v])) : classWeight;
    return {
      type: 'LogisticRegression', version: 1,
      params: { ...rest, penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null, classWeight: cw },
      coef: Array.from(coef), intercept, classes: [classes[0], classes[1]],
      nIter: this.nIter, dualGap: this.dualGap, converged: this.converged, devRatio: this.devRatio, alphaUsed: this.alphaUsed,
    };
  }

  static fromJSON(json: unknown): LogisticRegression {
    const m = parseModelJSON(json, 'LogisticRegression', ['classes', 'nIter', 'dualGap', 'converged', 'devRatio', 'alphaUsed']);
    const f = jsonFields('LogisticRegression', m);
    const nIter = f.integer('nIter', 0);
    const dualGap = f.finite('dualGap', true);
    const converged = f.boolean('converged');
    const cls = m.classes;
    const ok = (v: unknown): boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!Array.isArray(cls) || cls.length !== 2 || !ok(cls[0]) || !ok(cls[1]) || typeof cls[0] !== typeof cls[1] || cls[0] === cls[1]) {
      throw new TypeError(`LogisticRegression.fromJSON: "classes" must be two distinct labels of one type, got ${fmt(cls)}`);
    }
    const { alpha, C, ...params } = m.params as Record<string, unknown>;
    const model = new LogisticRegression({ ...(params as LogisticRegressionOptions), ...(alpha !== null && alpha !== undefined ? { alpha: alpha as number } : {}), ...(C !== null && C !== undefined ? { C: C as number } : {}) });
    const pf = (m.params as { penaltyFactor?: unknown }).penaltyFactor;
    if (Array.isArray(pf) && pf.length !== m.coef.length) {
      throw new TypeError(`LogisticRegression.fromJSON: "params.penaltyFactor" has ${pf.length} entries but "coef" has ${m.coef.length}`);
    }
    model.state = { coef: Float64Array.from(m.coef), intercept: m.intercept, classes: [cls[0] as Label, cls[1] as Label] };
    model.nIter = nIter;
    model.dualGap = dualGap;
    model.converged = converged;
    model.devRatio = typeof m.devRatio === 'number' ? m.devRatio : NaN;
    model.alphaUsed = typeof m.alphaUsed === 'number' ? m.alphaUsed : NaN;
    return model;
  }
}
