import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import { checkRawWeights, type WorkspacePlan } from '../io/trainingData.js';
import { getBackend } from '../backends/index.js';
import { toOriginalScale } from './originalScale.js';
import { LinearModel, constructFromJSON, parseModelJSON, type ModelJSON } from './LinearModel.js';
import { parseOptions, finiteNonNegative, boolean, backendName, penaltyFactorArray, type BackendName, type OptionSpec } from './options.js';
import { checkJSONPenaltyFactor, resolvePenaltyFactor } from './ElasticNet.js';
import type { SufficientStats } from '../stats/SufficientStats.js';
import { ridgeFitStats } from '../stats/fitFromStats.js';

export interface RidgeOptions {
  /** Penalty strength in scikit-learn's objective ||y − Xw − b||² + alpha·||w||². Default 1. */
  alpha?: number;
  fitIntercept?: boolean;
  /** Penalize standardized coefficients (1/n standard deviation); coef is still on X's scale. Default false. */
  standardize?: boolean;
  /**
   * Per-feature multipliers of the penalty, alpha·Σ pfⱼ·wⱼ² (0 = unpenalized),
   * rescaled to sum to p as glmnet does; a factor below 2⁻⁵² × the largest
   * counts as 0. Default: all 1.
   */
  penaltyFactor?: ArrayLike<number> | null;
  backend?: BackendName;
}

interface ResolvedRidgeOptions {
  alpha: number;
  fitIntercept: boolean;
  standardize: boolean;
  penaltyFactor: Float64Array | null;
  backend: BackendName;
}

const ridgeSpec: OptionSpec = {
  alpha: { default: 1, check: finiteNonNegative },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  backend: { default: 'wasm', check: backendName },
};

/**
 * Ridge's workspace beyond the design, for the up-front size check: the dual
 * system XXᵀ (p > n; with penalty factors also a scaled copy of X) or XᵀX.
 */
export function ridgeWorkspace(withPenaltyFactor: boolean): WorkspacePlan {
  return (n, p) => (p > n ? [n * n, n, n, p, ...(withPenaltyFactor ? [n * p] : [])] : [p * p, p, p]);
}

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
  fit(X: MatrixInput, y: ArrayLike<number>, sampleWeight?: ArrayLike<number> | null): this {
    const o = this.options;
    const { M, y: yy } = this.checkTrainingData(X, y, o.backend, ridgeWorkspace(o.penaltyFactor !== null));
    const sw = sampleWeight == null ? null : checkRawWeights('Ridge', sampleWeight, M, yy);
    return this.fitChecked(M, yy, sw);
  }

  /**
   * Fits validated data (io/trainingData; `sw` checked with checkRawWeights);
   * RidgeCV refits through here. Not part of the public API.
   * @internal
   */
  fitChecked(M: CheckedMatrix, yy: Float64Array, sw: Float64Array | null): this {
    const o = this.options;
    const p = M.cols;
    const pf = resolvePenaltyFactor(o.penaltyFactor, p, 'Ridge');
    this.state = getBackend(o.backend).withDesign(M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, (d) => {
      const sol = d.ridge(o.alpha, pf);
      if (sol.coef === null) {
        const penalty = pf ? 'alpha·diag(penaltyFactor)' : 'alpha·I';
        const what = sol.dual ? `XXᵀ + ${penalty} (the dual system used when p > n)` : `XᵀX + ${penalty}`;
        const where = sol.dual ? `row ${sol.singularAt}` : `column ${sol.singularAt}`;
        throw new RangeError(
          `Ridge: ${what} is singular to working precision at ${where} (${o.alpha === 0 ? 'alpha = 0 and the columns are linearly dependent' : 'the penalty is too small for this data'}); use alpha > 0`,
        );
      }
      const coef = sol.coef;
      return { coef, intercept: toOriginalScale(coef, 0, d, o.fitIntercept) };
    });
    return this;
  }

  /**
   * Fits from sufficient statistics (stats/SufficientStats): the primal
   * system XᵀWX + α·diag(pf) they give, the same answer as fit on the same
   * rows. Returns this.
   */
  fitStats(stats: SufficientStats): this {
    this.state = ridgeFitStats(stats, this.options, 'Ridge');
    return this;
  }

  toJSON(): ModelJSON {
    const { penaltyFactor, ...rest } = this.options;
    return this.baseJSON({ ...rest, penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null }, {});
  }

  static fromJSON(json: unknown): Ridge {
    const m = parseModelJSON(json, 'Ridge');
    checkJSONPenaltyFactor(m, 'Ridge');
    const model = constructFromJSON('Ridge', m.params, (o: RidgeOptions) => new Ridge(o));
    (model as unknown as { state: unknown }).state = { coef: Float64Array.from(m.coef), intercept: m.intercept };
    return model;
  }
}
