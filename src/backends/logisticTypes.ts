import type { SparseRows } from '../paths/sparseRows.js';
import type { CheckedMatrix } from '../io/matrix.js';
import type { LogisticSolveResult } from '../solvers/logisticSolver.js';

export type { LogisticSolveResult } from '../solvers/logisticSolver.js';

/** Fixed settings of a logistic solver on a prepared design. */
export interface LogisticSetup {
  positive: boolean;
  /** Per-feature penalty factors (already rescaled to sum to p), or null for all ones. */
  penaltyFactor: Float64Array | null;
}

/**
 * A proximal-Newton solver (solvers/logisticSolver) bound to one prepared
 * design; its coefficients and intercept persist between `solve` calls (warm
 * starts along a path). Problem on the solver's scale:
 * Σwᵢℓᵢ + λ₁Σpfⱼ|βⱼ| + ½λ₂Σpfⱼβⱼ² (weights summing to n).
 */
export interface LogisticSolver {
  /** λ₁,max at creation (β = 0, intercept at the null model). */
  readonly l1Max: number;
  /** Σwᵢℓᵢ of the null model (half the null deviance). */
  readonly nullLoss: number;
  solve(l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number): LogisticSolveResult;
  /** Writes the current coefficients (prepared columns' scale) into `out` from `offset`. */
  coefInto(out: Float64Array, offset: number): void;
  /**
   * The current coefficients (prepared columns' scale) without a copy, and the
   * positions of the `count` nonzero ones in increasing order (kernels/nonzeroColumns);
   * read them before the next call on this design.
   */
  nonzeroCoefs(): { beta: Float64Array; idx: Int32Array; count: number };
  /** The current intercept (prepared columns' scale). */
  intercept(): number;
  /** λ₁,max at the current point (after a solve). */
  l1MaxNow(): number;
}

/** A binary-response design copied into backend memory, centred/scaled (never row-weighted). */
export interface LogisticDesign {
  readonly n: number;
  readonly p: number;
  readonly xMean: Float64Array;
  readonly xScale: Float64Array;
  solver(setup: LogisticSetup): LogisticSolver;
}

export interface LogisticDesignOptions {
  fitIntercept: boolean;
  standardize: boolean;
}

/** Runs the logistic kernels: both backends execute the same operations in the same order. */
export interface LogisticBackend {
  /**
   * Copies X, the 0/1 labels and the weights (summing to n) into backend
   * memory, prepares X, runs `body`, then releases the memory.
   */
  withLogisticDesign<T>(M: CheckedMatrix, y01: Float64Array, sw: Float64Array, opts: LogisticDesignOptions, body: (d: LogisticDesign) => T): T;
  /**
   * Held-out score (kernels/heldOutLogistic: weighted mean deviance, or
   * accuracy) of each of the K path points (`coefs` as K sparse rows,
   * `intercepts`) on the test rows `XT` (column-major nT×p, nT = yT.length).
   */
  heldOutScores(XT: Float64Array, yT: Float64Array, wT: Float64Array, p: number, coefs: SparseRows, intercepts: Float64Array, scoring: 'deviance' | 'accuracy'): Float64Array;
}
