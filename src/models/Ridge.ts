import type { SampleWeightInput } from '../io/weights.js';
import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import { checkRawWeights, type WorkspacePlan } from '../io/trainingData.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { isSparseMatrix, type SparseInput, type SparseMatrix } from '../io/sparse.js';
import { toOriginalScale } from './originalScale.js';
import { LinearModel, constructFromJSON, parseModelJSON, stateFromJSON, type ModelJSON } from './LinearModel.js';
import { parseOptions, finiteNonNegative, finitePositive, positiveInteger, boolean, backendName, penaltyFactorArray, callback, type BackendName, type OptionSpec } from './options.js';
import type { PreparedDesign } from '../backends/types.js';
import type { RidgeSolution } from '../backends/types.js';
import type { TargetInput } from '../io/targets.js';
import { prepareTargets } from '../preprocess/prepareTargets.js';
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
   * rescaled to sum to p as glmnet does. Default: all 1.
   */
  penaltyFactor?: ArrayLike<number> | null;
  backend?: BackendName;
  /**
   * Constrain the coefficients to be ≥ 0 (scikit-learn's `positive=True`,
   * which it solves by L-BFGS-B): solved here by coordinate descent with no L1
   * term on the Gram matrix, stopped by the duality gap and certified by the
   * KKT conditions (see `kktViolation`). Default false.
   */
  positive?: boolean;
  /**
   * How a sparse X is solved: 'cholesky' (X̃ᵀX̃ formed from the nonzeros, p×p),
   * 'cg' (conjugate gradients on the normal equations, scikit-learn's
   * 'sparse_cg', stopped at a certified relative residual `cgTol`), or
   * 'auto' (default): Cholesky up to p = 2000 features, conjugate gradients
   * beyond. A dense X always uses Cholesky.
   */
  solver?: 'auto' | 'cholesky' | 'cg';
  /** solver 'cg': stop when ||X̃ᵀỹ − (X̃ᵀX̃ + αI)w|| ≤ cgTol·||X̃ᵀỹ||. Default 1e-10. */
  cgTol?: number;
  /** positive only: sweeps of coordinate descent at most; solver 'cg': iterations at most. Default 1000. */
  maxIter?: number;
  /** positive only: stop when the duality gap is below tol·||y||² and accept KKT violations up to tol (relative). Default 1e-4. */
  tol?: number;
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
  positive: boolean;
  solver: 'auto' | 'cholesky' | 'cg';
  cgTol: number;
  maxIter: number;
  tol: number;
  onWarning: (message: string) => void;
}

const ridgeSpec: OptionSpec = {
  alpha: { default: 1, check: finiteNonNegative },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  backend: { default: 'wasm', check: backendName },
  positive: { default: false, check: boolean },
  solver: {
    default: 'auto',
    check: (v, name, owner) => {
      if (v !== 'auto' && v !== 'cholesky' && v !== 'cg') throw new TypeError(`${owner}: option '${name}' must be 'auto', 'cholesky' or 'cg', got ${String(v)}`);
      return v;
    },
  },
  cgTol: { default: 1e-10, check: finitePositive },
  maxIter: { default: 1000, check: positiveInteger },
  tol: { default: 1e-4, check: finitePositive },
  onWarning: { default: (m: string): void => console.warn(`penalized: ${m}`), check: callback },
};

/** Largest p for which a sparse X is solved through its p×p normal matrix by default ('auto'); conjugate gradients beyond. */
export const SPARSE_CHOLESKY_MAX_P = 2000;

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
  /**
   * positive only: the largest violation of the KKT conditions at the
   * solution, relative to max|Xⱼᵀy| (both on the solver's scale): for wⱼ > 0
   * |gⱼ − α·pfⱼ·wⱼ|, for wⱼ = 0 max(0, gⱼ), g = Xᵀ(y − Xw). 0 without `positive`.
   */
  kktViolation = 0;
  /** positive only: coordinate-descent sweeps made. */
  nIter = 0;
  /** solver 'cg' only: the largest final relative residual ||b − Aw||/||b|| over targets (0 otherwise). */
  cgResidual = 0;

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
  fit(X: MatrixInput | SparseInput, y: TargetInput, sampleWeight?: SampleWeightInput): this {
    const o = this.options;
    const { M, columns, multi } = this.checkTrainingTargets(X, y, o.backend, ridgeWorkspace(o.penaltyFactor !== null));
    let sw: Float64Array | null = null;
    if (sampleWeight != null) for (const c of columns) sw = checkRawWeights('Ridge', sampleWeight, M, c);
    return this.fitTargets(M, columns, multi, sw);
  }

  /**
   * Fits validated data (io/trainingData; `sw` checked with checkRawWeights);
   * RidgeCV refits through here. Not part of the public API.
   * @internal
   */
  fitChecked(M: CheckedMatrix | SparseMatrix, yy: Float64Array, sw: Float64Array | null): this {
    return this.fitTargets(M, [yy], false, sw);
  }

  /** fitChecked for one target or several (all from one factorization). @internal */
  fitTargets(M: CheckedMatrix | SparseMatrix, columns: Float64Array[], multi: boolean, sw: Float64Array | null): this {
    const o = this.options;
    const p = M.cols;
    const k = columns.length;
    const pf = resolvePenaltyFactor(o.penaltyFactor, p, 'Ridge');
    const design = { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw };
    const backend = getBackend(o.backend);
    const sparse = isSparseMatrix(M);
    if (o.solver === 'cg' && !sparse) throw new TypeError("Ridge: option 'solver' = 'cg' is for a sparse X; a dense X is solved by Cholesky");
    const useCG = sparse && !o.positive && (o.solver === 'cg' || (o.solver === 'auto' && p > SPARSE_CHOLESKY_MAX_P));
    let cgResidual = 0;
    const fit = o.positive
      // Bound constraints couple nothing across targets: one coordinate-descent fit per target.
      ? combineTargets(columns.map((c) => withDesignOf(backend, M, c, design, (d) => {
        const r = positiveRidge(d, o.alpha, pf, o.maxIter, o.tol);
        return { ...r, intercept: toOriginalScale(r.coef, 0, d, o.fitIntercept), singular: null };
      })))
      : withDesignOf(backend, M, columns[0], design, (d) => {
        // All targets from one factorization; the design's own y is target 0.
        // (A sparse design applies the weights itself: its targets are centred only.)
        const prepared = multi ? prepareTargets(columns, sw, o.fitIntercept, !isSparseMatrix(M)) : null;
        const targets = prepared ? { data: prepared.data, k } : null;
        let sol: RidgeSolution;
        if (useCG) {
          const r = d.ridgeCG!(o.alpha, pf, targets, o.cgTol, o.maxIter);
          cgResidual = Math.max(...r.residual);
          sol = { coef: r.coef, singular: null };
        } else {
          sol = d.ridge(o.alpha, pf, targets);
        }
        const coef = minNormOrThrow(sol, 'Ridge', o.alpha, pf !== null);
        const intercepts = new Float64Array(k);
        for (let t = 0; t < k; t++) {
          intercepts[t] = toOriginalScale(coef, t * p, prepared ? { ...d, yMean: prepared.means[t] } : d, o.fitIntercept);
        }
        return { coef, intercepts, intercept: intercepts[0], singular: sol.singular, kkt: 0, nIter: 0, converged: true };
      });
    this.state = { coef: fit.coef, intercept: fit.intercept, ...(multi ? { intercepts: fit.intercepts } : {}) };
    this.kktViolation = fit.kkt;
    this.nIter = fit.nIter;
    this.cgResidual = cgResidual;
    if (fit.singular) o.onWarning(singularWarning('Ridge', fit.singular, o.alpha, pf !== null));
    if (cgResidual > o.cgTol) {
      o.onWarning(`Ridge: conjugate gradients stopped after maxIter = ${o.maxIter} iterations at a relative residual of ${cgResidual.toExponential(3)} (cgTol ${o.cgTol}); raise maxIter or alpha`);
    }
    if (!fit.converged) {
      o.onWarning(
        `Ridge: positive coordinate descent stopped after ${fit.nIter} sweeps with a KKT violation of ${fit.kkt.toExponential(3)} (tol ${o.tol}); raise maxIter or standardize the features`,
      );
    }
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
    const { penaltyFactor, onWarning: _w, ...rest } = this.options;
    return this.baseJSON({ ...rest, penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null }, {});
  }

  static fromJSON(json: unknown): Ridge {
    const m = parseModelJSON(json, 'Ridge');
    checkJSONPenaltyFactor(m, 'Ridge');
    const model = constructFromJSON('Ridge', m.params, (o: RidgeOptions) => new Ridge(o));
    (model as unknown as { state: unknown }).state = stateFromJSON(m);
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

/**
 * Ridge with w ≥ 0: ½||y − Xw||² + ½α·Σpfⱼwⱼ² (the ridge objective halved) by
 * the elastic-net coordinate descent with λ₁ = 0, λ₂ = α and covariance
 * updates on the full Gram matrix (every feature is updated, so all of XᵀX is
 * needed), no screening. The duality gap stops the sweeps; the KKT conditions
 * of the bound-constrained problem then certify the answer.
 */
function positiveRidge(d: PreparedDesign, alpha: number, pf: Float64Array | null, maxIter: number, tol: number): {
  coef: Float64Array; kkt: number; nIter: number; converged: boolean;
} {
  const solver = d.enetSolver({ positive: true, penaltyFactor: pf, covariance: true, gram: 'full' });
  const xty = solver.gradient();
  let scale = 0;
  for (let j = 0; j < xty.length; j++) scale = Math.max(scale, Math.abs(xty[j]));
  const violation = (): number => {
    const w = solver.coef();
    const g = solver.gradient();
    let worst = 0;
    for (let j = 0; j < w.length; j++) {
      const f = pf ? pf[j] : 1;
      const v = w[j] > 0 ? Math.abs(g[j] - alpha * f * w[j]) : Math.max(0, g[j]);
      if (v > worst) worst = v;
    }
    return scale > 0 ? worst / scale : 0;
  };
  // The gap rule (tol·||y||²) and the KKT bound (tol relative to max|Xᵀy|) are
  // different scales: while the certificate fails, continue from the current
  // solution with a 1000× tighter gap rule (warm start), within maxIter sweeps.
  let nIter = 0;
  let gapTol = tol;
  let kkt = Infinity;
  for (let round = 0; round < 4 && nIter < maxIter; round++) {
    nIter += solver.solve(0, alpha, Infinity, maxIter - nIter, gapTol).nIter;
    kkt = violation();
    if (kkt <= tol) break;
    gapTol *= 1e-3;
  }
  return { coef: solver.coef(), kkt, nIter, converged: kkt <= tol };
}

/** Per-target fits joined into one multi-target result: coef k×p row-major, the worst KKT violation, the most sweeps. */
export function combineTargets<R extends { coef: Float64Array; intercept: number; kkt: number; nIter: number; converged: boolean; singular: null }>(fits: R[]): R & { intercepts: Float64Array } {
  const p = fits[0].coef.length;
  const coef = new Float64Array(p * fits.length);
  fits.forEach((f, t) => coef.set(f.coef, t * p));
  return {
    ...fits[0], coef, intercepts: Float64Array.from(fits, (f) => f.intercept),
    kkt: Math.max(...fits.map((f) => f.kkt)), nIter: Math.max(...fits.map((f) => f.nIter)), converged: fits.every((f) => f.converged),
  };
}
