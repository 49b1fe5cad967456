import type { SampleWeightInput } from '../io/weights.js';
import type { MatrixInput } from '../io/matrix.js';
import { getBackend } from '../backends/index.js';
import { toOriginalScale } from './originalScale.js';
import { LinearModel, parseModelJSON, type ModelJSON } from './LinearModel.js';
import { parseOptions, finiteNonNegative, boolean, backendName, penaltyFactorArray, callback, type BackendName, type OptionSpec } from './options.js';
import type { RidgeSolution } from '../backends/types.js';
import { resolvePenaltyFactor } from './ElasticNet.js';

export interface RidgeOptions {
  /** Penalty strength in scikit-learn's objective ||y − Xw − b||² + alpha·||w||². Default 1. */
  alpha?: number;
  fitIntercept?: boolean;
  /** Penalize standardized coefficients (1/n standard deviation); coef is still on X's scale. Default false. */
  standardize?: boolean;
  /**
   * Per-feature multipliers of the penalty, alpha·Σ pfⱼ·wⱼ² (0 = unpenalized),
   * rescaled to sum to p as glmnet does. Default: all 1.
   */
  penaltyFactor?: ArrayLike<number> | null;
  backend?: BackendName;
  /**
   * The warning channel: when the system is singular (alpha = 0 with linearly
   * dependent columns, or a penalty too small for the data), fit returns the
   * minimum-norm solution and says so here. Default: `console.warn` with the
   * prefix "penalized: ".
   */
  onWarning?: (message: string) => void;
}

interface ResolvedRidgeOptions {
  alpha: number;
  fitIntercept: boolean;
  standardize: boolean;
  penaltyFactor: Float64Array | null;
  backend: BackendName;
  onWarning: (message: string) => void;
}

const ridgeSpec: OptionSpec = {
  alpha: { default: 1, check: finiteNonNegative },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  backend: { default: 'wasm', check: backendName },
  onWarning: { default: (m: string): void => console.warn(`penalized: ${m}`), check: callback },
};

/**
 * Ridge regression, scikit-learn's objective Σwᵢ(yᵢ − xᵢw − b)² + alpha·||w||²,
 * by a Cholesky solve of XᵀX + αI (n ≥ p) or of the dual system XXᵀ + αI
 * (p > n), as scikit-learn's `solver='cholesky'`. With `penaltyFactor` the
 * penalty is alpha·Σpfⱼwⱼ² (glmnet's penalty.factor): XᵀX + α·diag(pf), or the
 * dual system on the columns scaled by 1/√pfⱼ when every factor is positive.
 */
export class Ridge extends LinearModel {
  private readonly options: ResolvedRidgeOptions;

  constructor(options: RidgeOptions = {}) {
    super();
    this.options = parseOptions<ResolvedRidgeOptions>('Ridge', ridgeSpec, options);
  }

  protected get typeName(): string {
    return 'Ridge';
  }

  get params(): Readonly<ResolvedRidgeOptions> {
    return this.options;
  }

  /** Fits the model; `sampleWeight` multiplies each row's squared residual (scikit-learn's meaning). */
  fit(X: MatrixInput, y: ArrayLike<number>, sampleWeight?: SampleWeightInput): this {
    const o = this.options;
    const { M, y: yy } = this.checkTrainingData(X, y, o.backend);
    const n = M.rows;
    const p = M.cols;
    const sw = sampleWeight == null ? null : this.checkWeights(sampleWeight, M, yy, null);
    const pf = resolvePenaltyFactor(o.penaltyFactor, p, 'Ridge');
    const fit = getBackend(o.backend).withDesign(M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, (d) => {
      const sol = d.ridge(o.alpha, pf);
      const coef = minNormOrThrow(sol, 'Ridge', o.alpha, pf !== null);
      return { coef, intercept: toOriginalScale(coef, 0, d, o.fitIntercept), singular: sol.singular };
    });
    this.state = { coef: fit.coef, intercept: fit.intercept };
    if (fit.singular) o.onWarning(singularWarning('Ridge', fit.singular, o.alpha, pf !== null));
    return this;
  }

  toJSON(): ModelJSON {
    const { penaltyFactor, onWarning: _w, ...rest } = this.options;
    return this.baseJSON({ ...rest, penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null }, {});
  }

  static fromJSON(json: unknown): Ridge {
    const m = parseModelJSON(json, 'Ridge');
    const model = new Ridge(m.params as RidgeOptions);
    (model as unknown as { state: unknown }).state = { coef: Float64Array.from(m.coef), intercept: m.intercept };
    return model;
  }
}

function systemName(singular: NonNullable<RidgeSolution['singular']>, penalized: boolean): string {
  const penalty = penalized ? 'alpha·diag(penaltyFactor)' : 'alpha·I';
  return singular.dual ? `XXᵀ + ${penalty} (the dual system used when p > n)` : `XᵀX + ${penalty}`;
}

/**
 * The coefficients of a ridge solve: Cholesky's, or after a singular system
 * the minimum-norm solution (scikit-learn's least-squares fallback); only an
 * eigensolver that failed to converge on that system is an error.
 */
export function minNormOrThrow(sol: RidgeSolution, owner: string, alpha: number, penalized: boolean): Float64Array {
  if (sol.coef !== null) return sol.coef;
  throw new Error(`${owner}: ${systemName(sol.singular!, penalized)} at alpha = ${alpha} is singular and the symmetric eigensolver did not converge on it; use alpha > 0`);
}

/** The warning that a singular system was solved by its minimum-norm solution. */
export function singularWarning(owner: string, singular: NonNullable<RidgeSolution['singular']>, alpha: number, penalized: boolean): string {
  const where = singular.dual ? `row ${singular.at}` : `column ${singular.at}`;
  const why = alpha === 0 ? 'alpha = 0 and the columns are linearly dependent' : `the penalty alpha = ${alpha} is too small for this data`;
  return `${owner}: ${systemName(singular, penalized)} is singular to working precision at ${where} (${why}); ` +
    `returned the minimum-norm least-squares solution (${singular.dropped} of its eigenvalues taken as zero)`;
}
