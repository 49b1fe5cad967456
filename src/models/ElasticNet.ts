import type { CheckedMatrix, MatrixInput } from '../io/matrix.js';
import type { WorkspacePlan } from '../io/trainingData.js';
import { checkSampleWeight, type SampleWeightInput } from '../io/weights.js';
import type { TargetInput } from '../io/targets.js';
import { isSparseMatrix, type SparseInput, type SparseMatrix } from '../io/sparse.js';
import { getBackend, withDesignOf } from '../backends/index.js';
import { toOriginalScale } from './originalScale.js';
import type { EnetSolver, FoldDesign, PreparedDesign } from '../backends/types.js';
import type { SufficientStats } from '../stats/SufficientStats.js';
import { enetFitStats } from '../stats/fitFromStats.js';
import { LinearModel, constructFromJSON, jsonFields, parseModelJSON, stateFromJSON, type ModelJSON } from './LinearModel.js';
import { stopMessage, stopReasonOf, type StopReason } from './stopReason.js';
import {
  parseOptions, finiteNonNegative, finitePositive, unitInterval, positiveInteger, boolean, backendName,
  callback, penaltyFactorArray, precomputeMode, solverPenalty, type BackendName, type OptionSpec,
} from './options.js';

export interface ElasticNetOptions {
  /** Overall penalty strength (scikit-learn's `alpha`, glmnet's `lambda`). Default 1. */
  alpha?: number;
  /** Mix of L1 and L2: 1 is the lasso, 0 is ridge (glmnet's `alpha`). Default 0.5. */
  l1Ratio?: number;
  fitIntercept?: boolean;
  /** Penalize standardized coefficients (glmnet's `standardize = TRUE`); coef is still on X's scale. Default false. */
  standardize?: boolean;
  maxIter?: number;
  /** Stop when the duality gap is below tol·||y||² (scikit-learn's rule). Default 1e-4. */
  tol?: number;
  /** Constrain coefficients to be ≥ 0. */
  positive?: boolean;
  /**
   * Per-feature multipliers of the penalty (0 = unpenalized), rescaled to sum
   * to p as glmnet does; a factor below 2⁻⁵² × the largest counts as 0.
   */
  penaltyFactor?: ArrayLike<number> | null;
  /**
   * Coordinate updates through cached Gram columns (covariance updates, cheap
   * when n ≫ p and a feature is updated many times) or through the residual
   * (naive updates). 'auto' (default): naive for a single fit (as
   * scikit-learn's Lasso), covariance along paths and in cross-validation
   * when n > p and p ≤ 1000. true: all of XᵀX is computed up front.
   */
  precompute?: 'auto' | boolean;
  backend?: BackendName;
  /**
   * The warning channel. When coordinate descent reaches maxIter before the
   * duality gap falls below tol·||y||², fit still returns the model (with
   * `converged: false`, `nIter` and the `dualGap` reached) and calls
   * `onWarning` once with a message such as "Lasso: coordinate descent did not
   * converge in maxIter = 1000 sweeps (duality gap 1.234e-3); …". Default:
   * `console.warn` with the prefix "penalized: ". Pass `() => {}` to silence
   * it; an exception thrown here propagates out of fit (the model is fitted).
   * Errors (bad input, too large for WASM) are thrown, never sent here.
   */
  onWarning?: (message: string) => void;
}

interface ResolvedOptions {
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  standardize: boolean;
  maxIter: number;
  tol: number;
  positive: boolean;
  penaltyFactor: Float64Array | null;
  precompute: 'auto' | boolean;
  backend: BackendName;
  onWarning: (message: string) => void;
}

const defaultWarn = (m: string): void => console.warn(`penalized: ${m}`);

export const enetOptionSpec: OptionSpec = {
  alpha: { default: 1, check: finiteNonNegative },
  l1Ratio: { default: 0.5, check: unitInterval },
  fitIntercept: { default: true, check: boolean },
  standardize: { default: false, check: boolean },
  maxIter: { default: 1000, check: positiveInteger },
  tol: { default: 1e-4, check: finitePositive },
  positive: { default: false, check: boolean },
  penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
  precompute: { default: 'auto', check: precomputeMode },
  backend: { default: 'wasm', check: backendName },
  onWarning: { default: defaultWarn, check: callback },
};

/**
 * Elastic net by cyclic coordinate descent (Friedman, Hastie & Tibshirani
 * 2010), minimizing scikit-learn's objective
 *   (1/2n)||y − Xw − b||² + alpha·l1Ratio·||w||₁ + ½·alpha·(1 − l1Ratio)·||w||²
 * (weighted by sampleWeight when given, intercept unpenalized).
 *
 * Non-convergence is not an error: see the `onWarning` option and the
 * `converged`, `nIter` and `dualGap` fields.
 */
export class ElasticNet extends LinearModel {
  protected readonly options: ResolvedOptions;
  /** Sweeps over the features that coordinate descent made. */
  nIter = 0;
  /** Duality gap at the solution, on the objective's scale (as scikit-learn's `dual_gap_`). */
  dualGap = NaN;
  /** Whether the duality gap fell below tol·||y||² within maxIter sweeps. */
  converged = false;
  /**
   * Why coordinate descent stopped: 'converged'; 'maxIter'; 'fixedPoint' (a
   * sweep changed no coefficient) or 'floor' (the duality gap reached its
   * floating-point floor, (n + p)·ε·||y||²) — both mean tol is below what
   * rounding allows for this data and the coefficients are as accurate as
   * double precision allows.
   */
  stopReason: StopReason = 'converged';

  constructor(options: ElasticNetOptions = {}) {
    super();
    this.options = parseOptions<ResolvedOptions>(new.target.name, this.optionSpec(), options);
  }

  protected optionSpec(): OptionSpec {
    return enetOptionSpec;
  }

  protected get typeName(): string {
    return 'ElasticNet';
  }

  /** The options in force, with defaults filled in. */
  get params(): Readonly<ResolvedOptions> {
    return this.options;
  }

  protected get l1Ratio(): number {
    return this.options.l1Ratio;
  }

  /** Fits the model; `sampleWeight` has scikit-learn's meaning (rescaled to sum to n). Returns this. */
  fit(X: MatrixInput | SparseInput, y: TargetInput, sampleWeight?: SampleWeightInput): this {
    const o = this.options;
    const { M, columns, multi } = this.checkTrainingTargets(X, y, o.backend, enetWorkspace(o.precompute, 'fit'));
    const sw = sampleWeight == null ? null : checkSampleWeight(sampleWeight, M.rows, M.rows);
    return this.fitTargets(M, columns, multi, sw);
  }

  /**
   * Fits data that has been through the validation of io/trainingData already
   * (the cross-validated models refit through here, so X is not read twice);
   * `sw` is rescaled to sum to n. Not part of the public API.
   * @internal
   */
  fitChecked(M: CheckedMatrix | SparseMatrix, yy: Float64Array, sw: Float64Array | null): this {
    return this.fitTargets(M, [yy], false, sw);
  }

  /** fitChecked for one target or several (a 2-D y: each target fitted on its own, as scikit-learn's ElasticNet does). @internal */
  fitTargets(M: CheckedMatrix | SparseMatrix, columns: Float64Array[], multi: boolean, sw: Float64Array | null): this {
    const o = this.options;
    const name = this.typeName;
    const n = M.rows;
    const p = M.cols;
    const pf = resolvePenaltyFactor(o.penaltyFactor, p, name);
    const l1Ratio = this.l1Ratio;
    // A 2-D y: each target fitted on its own, as scikit-learn's ElasticNet does.
    const fits = columns.map((yy) => withDesignOf(getBackend(o.backend), M, yy, { fitIntercept: o.fitIntercept, standardize: o.standardize, sampleWeight: sw }, (d) =>
      // precompute: true means scikit-learn's precomputed Gram: all of XᵀX by the tiled SYRK.
      fitOnDesign(d, o, pf, l1Ratio, useCovariance(o.precompute, n, p, 'fit')),
    ));
    if (!multi) return this.record(fits[0], name, n, p);
    const coef = new Float64Array(p * fits.length);
    fits.forEach((f, t) => coef.set(f.coef, t * p));
    // Several targets: the worst of them (the largest gap and sweeps, the first target that did not converge).
    const worst = fits.find((f) => !f.converged) ?? fits[0];
    this.record({
      ...worst, coef, intercept: fits[0].intercept,
      gap: Math.max(...fits.map((f) => f.gap)), nIter: Math.max(...fits.map((f) => f.nIter)), converged: fits.every((f) => f.converged),
    }, name, n, p);
    this.state = { coef, intercept: fits[0].intercept, intercepts: Float64Array.from(fits, (f) => f.intercept) };
    return this;
  }

  /**
   * fitChecked on a design already prepared from the same rows, y and
   * weights as fitChecked would prepare them (fitIntercept, standardize and
   * the weights of this model): cross-validation refits on the full data's
   * design it already holds instead of copying X into the core once more.
   * Same bits as fitChecked (the solver reads the design, never writes it).
   * @internal
   */
  fitPrepared(d: PreparedDesign): this {
    const o = this.options;
    const pf = resolvePenaltyFactor(o.penaltyFactor, d.p, this.typeName);
    return this.record(fitOnDesign(d, o, pf, this.l1Ratio, useCovariance(o.precompute, d.n, d.p, 'fit')), this.typeName, d.n, d.p);
  }

  /**
   * Fits from sufficient statistics (stats/SufficientStats) instead of rows:
   * the same objective on the same rows, solved by covariance updates on the
   * Gram matrix the statistics give. Returns this.
   */
  fitStats(stats: SufficientStats): this {
    const result = enetFitStats(stats, this.options, this.l1Ratio, this.typeName);
    return this.record(result, this.typeName, (stats as SufficientStats).count, (stats as SufficientStats).nFeatures);
  }

  /** Stores a solution and its diagnostics; warns when it did not converge. */
  private record(result: DesignFit, name: string, n: number, p: number): this {
    const o = this.options;
    this.state = { coef: result.coef, intercept: result.intercept };
    this.nIter = result.nIter;
    this.dualGap = result.gap;
    this.converged = result.converged;
    this.stopReason = result.stop;
    if (!result.converged) o.onWarning(stopMessage(name, result.stop, result, o, n, p));
    return this;
  }

  toJSON(): ModelJSON {
    const { onWarning: _w, penaltyFactor, ...rest } = this.options;
    return this.baseJSON(
      { ...rest, penaltyFactor: penaltyFactor ? Array.from(penaltyFactor) : null },
      { nIter: this.nIter, dualGap: this.dualGap, converged: this.converged, stopReason: this.stopReason },
    );
  }

  static fromJSON(json: unknown): ElasticNet {
    return restoreEnet(json, 'ElasticNet', (o) => new ElasticNet(o));
  }
}

/** A solution at one alpha on X's scale, with the solver's diagnostics (gap divided by n). */
export interface DesignFit {
  coef: Float64Array;
  intercept: number;
  gap: number;
  nIter: number;
  converged: boolean;
  stop: StopReason;
}

/** Solves at `o.alpha` on a prepared design (rows or Gram) and maps the coefficients back to X's scale. */
export function fitOnDesign(
  d: FoldDesign,
  o: { alpha: number; fitIntercept: boolean; maxIter: number; tol: number; positive: boolean },
  pf: Float64Array | null, l1Ratio: number, covariance: boolean,
): DesignFit {
  const n = d.n;
  const solver = d.enetSolver({ positive: o.positive, penaltyFactor: pf, covariance, gram: 'full' });
  const l1Max = penalizedL1Max(solver, pf, o.maxIter, o.tol);
  const l1Reg = snapToL1Max(solverPenalty(o.alpha, l1Ratio, n), l1Max);
  const sol = solver.solve(l1Reg, solverPenalty(o.alpha, 1 - l1Ratio, n), Math.max(l1Max, l1Reg), o.maxIter, o.tol);
  const coef = solver.coef();
  const intercept = toOriginalScale(coef, 0, d, o.fitIntercept);
  return { coef, intercept, gap: sol.gap / n, nIter: sol.nIter, converged: sol.converged, stop: stopReasonOf(sol.stop) };
}

/** What penalizedL1Max needs of a solver: the elastic-net and the logistic ones both have it. */
export type L1MaxSolver = Pick<EnetSolver, 'l1Max' | 'l1MaxNow'> & {
  solve(l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number): unknown;
};

/**
 * λ₁,max — the smallest λ₁ at which every penalized coefficient is zero. With
 * unpenalized features (a penalty factor of 0) it is measured after fitting
 * those features alone, as glmnet does for its lambda_max; the solver is left
 * at that fit, a good warm start. Otherwise it is the value at w = 0.
 */
export function penalizedL1Max(solver: L1MaxSolver, pf: Float64Array | null, maxIter: number, tol: number): number {
  if (pf === null || !pf.some((f) => f === 0)) return solver.l1Max;
  // A λ₁ so large that only unpenalized features can move (finite, so that
  // λ₁·Σpf|w| = λ₁·0 stays 0 in the duality gap).
  const huge = 1e300;
  solver.solve(huge, 0, huge, maxIter, tol);
  return solver.l1MaxNow();
}

/**
 * λ₁ = alpha·n·l1Ratio for an alpha computed as alpha_max = λ₁,max/(n·l1Ratio)
 * can land one ulp below λ₁,max and let a 1e-16 coefficient through; within a
 * few ulps of λ₁,max, use λ₁,max itself so that alpha_max gives exact zeros.
 */
export function snapToL1Max(l1: number, l1Max: number): number {
  return Math.abs(l1 - l1Max) <= 4 * Number.EPSILON * l1Max ? Math.max(l1, l1Max) : l1;
}

/**
 * Covariance (Gram) updates or naive updates for a design of n rows and p
 * columns. Computing XᵀX costs about p/4 full naive sweeps (n·p²/2 against
 * 2·n·p multiply-adds), and then every coordinate update costs O(p) instead of
 * O(n). A path of 100 alphas makes hundreds of sweeps, so there the Gram matrix
 * pays off whenever n > p (scikit-learn's rule) while p stays moderate —
 * p ≤ 1000 here, between glmnet's 500 and scikit-learn's unbounded choice,
 * measured on the benchmark shapes; a single fit makes tens of sweeps and stays
 * naive, as scikit-learn's `Lasso` does by default.
 */
export function useCovariance(mode: 'auto' | boolean, n: number, p: number, kind: 'fit' | 'path'): boolean {
  if (mode !== 'auto') return mode;
  return kind === 'path' && n > p && p <= 1000;
}

/**
 * The coordinate-descent workspace beyond the design, for the up-front size
 * check: the full Gram matrix in covariance mode (precompute: true, or 'auto'
 * on a path with n > p), else the residual and its reference copy.
 */
export function enetWorkspace(precompute: 'auto' | boolean, kind: 'fit' | 'path'): WorkspacePlan {
  return (n, p) => (useCovariance(precompute, n, p, kind) ? [p * p, p] : [n, n, p]);
}

/**
 * Factors below this fraction of the largest count as 0. At every λ₁ up to
 * λ₁,max of the other features, such a factor's penalty λ₁·pfⱼ is below the
 * rounding level of the gradient (ε·‖Xⱼ‖·‖y‖), so the problem cannot be told
 * from the one with pfⱼ = 0 in double precision — but kept positive, it would
 * push λ₁,max (|gⱼ|/pfⱼ) and the dual norm of the duality gap to Infinity.
 */
export const NEGLIGIBLE_PENALTY_FACTOR = 2 ** -52;

/**
 * Validates per-feature penalty factors against p and rescales them to sum to
 * p (glmnet's convention). The rescaling goes through the largest factor first
 * (fⱼ/max, then × p/Σ), so factors near MAX_VALUE, whose plain sum overflows,
 * work; factors below NEGLIGIBLE_PENALTY_FACTOR × the largest become 0.
 */
export function resolvePenaltyFactor(pf: Float64Array | null, p: number, owner: string): Float64Array | null {
  if (pf === null) return null;
  if (pf.length !== p) throw new RangeError(`${owner}: option 'penaltyFactor' has length ${pf.length}, but X has ${p} columns`);
  let max = 0;
  for (let j = 0; j < p; j++) if (pf[j] > max) max = pf[j];
  const out = new Float64Array(p);
  let sum = 0;
  for (let j = 0; j < p; j++) {
    const r = pf[j] / max;
    out[j] = r < NEGLIGIBLE_PENALTY_FACTOR ? 0 : r;
    sum += out[j];
  }
  const f = p / sum;
  for (let j = 0; j < p; j++) out[j] *= f;
  return out;
}

/** The fields a serialized coordinate-descent model has besides the common ones. */
export const ENET_JSON_FIELDS = ['nIter', 'dualGap', 'converged', 'stopReason'] as const;
const STOP_REASONS: readonly StopReason[] = ['converged', 'maxIter', 'fixedPoint', 'floor'];

/** Checks that a serialized penaltyFactor has one entry per coefficient. */
export function checkJSONPenaltyFactor(m: ModelJSON, type: string): void {
  const pf = (m.params as { penaltyFactor?: unknown }).penaltyFactor;
  const p = m.coef.length / (Array.isArray(m.intercepts) ? m.intercepts.length : 1);
  if (Array.isArray(pf) && pf.length !== p) {
    throw new TypeError(`${type}.fromJSON: "params.penaltyFactor" has ${pf.length} entries but "coef" has ${p} per target`);
  }
}

/**
 * Restores a coordinate-descent model: the common fields, `params` through
 * the constructor's option checks, and nIter (an integer ≥ 0), dualGap (finite,
 * or null for NaN), converged (a boolean) and stopReason (optional in older
 * files: derived from converged).
 */
export function restoreEnet<M extends ElasticNet>(json: unknown, type: string, make: (o: ElasticNetOptions) => M): M {
  const m = parseModelJSON(json, type, ENET_JSON_FIELDS);
  checkJSONPenaltyFactor(m, type);
  const f = jsonFields(type, m);
  const nIter = f.integer('nIter', 0);
  // (A gap can round to a tiny negative number.)
  const dualGap = f.finite('dualGap', true);
  const converged = f.boolean('converged');
  const stopReason = m.stopReason === undefined ? (converged ? 'converged' : 'maxIter') : f.oneOf('stopReason', STOP_REASONS);
  if ((stopReason === 'converged') !== converged) throw new TypeError(`${type}.fromJSON: "stopReason" '${stopReason}' contradicts "converged" ${converged}`);
  const model = constructFromJSON(type, m.params, make);
  (model as unknown as { state: unknown }).state = stateFromJSON(m);
  model.nIter = nIter;
  model.dualGap = dualGap;
  model.converged = converged;
  model.stopReason = stopReason;
  return model;
}
