import type { CheckedMatrix } from '../io/matrix.js';
import type { SparseMatrix } from '../io/sparse.js';

/** How the design is prepared before solving (see preprocess/standardize). */
export interface DesignOptions {
  fitIntercept: boolean;
  standardize: boolean;
  /** Non-negative weights already normalized as the model wants, or null. */
  sampleWeight: Float64Array | null;
}

/** Fixed settings of an elastic-net solver on a prepared design. */
export interface EnetSetup {
  positive: boolean;
  /** Per-feature penalty factors (already rescaled), or null for all ones. */
  penaltyFactor: Float64Array | null;
  /** Covariance updates with cached Gram columns (true) or naive residual updates (false). */
  covariance: boolean;
  /** With covariance updates: Gram columns computed on first use ('lazy', default) or all of XᵀX up front ('full'). */
  gram?: 'lazy' | 'full';
}

export interface EnetSolveResult {
  /** Duality gap on the solver's scale ½||r||² + … (not divided by n). */
  gap: number;
  nIter: number;
  converged: boolean;
  /** Why it stopped: 0 converged, 1 maxIter, 2 a fixed point, 3 the gap's floating-point floor (solvers/enetSolver STOP_*). */
  stop: number;
  /** The gap's floating-point floor (n + p)·ε·||y||² on the same scale as `gap`. */
  floor: number;
}

/**
 * A coordinate-descent solver bound to one prepared design. Its coefficients
 * persist between `solve` calls (warm starts along a path). Problem, on the
 * solver's scale: ½||r||² + λ₁Σpfⱼ|wⱼ| + ½λ₂Σpfⱼwⱼ².
 */
export interface EnetSolver {
  /** λ₁,max: the smallest λ₁ for which w = 0 is optimal (from the state at creation, w = 0). */
  readonly l1Max: number;
  /** Solves at (λ₁, λ₂) from the current coefficients; `l1Prev` is the previous λ₁ (strong rule). */
  solve(l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number): EnetSolveResult;
  /** Copy of the current coefficients of the prepared (possibly standardized) columns. */
  coef(): Float64Array;
  /** Writes the current coefficients into `out` from `offset` (no allocation). */
  coefInto(out: Float64Array, offset: number): void;
  /** λ₁,max at the current coefficients (after a solve): the smallest λ₁ keeping every penalized coefficient zero. */
  l1MaxNow(): number;
  /** Copy of the gradient Xᵀ(y − Xw) the solver holds (exact in covariance mode; naive mode may hold bounds until l1MaxNow). */
  gradient(): Float64Array;
}

/**
 * Several targets prepared as the design's own y is (centred, √weight-scaled;
 * see preprocess/prepareTargets): column-major n×k.
 */
export interface PreparedTargets {
  data: Float64Array;
  k: number;
}

/**
 * Result of a ridge solve (with `targets`, coef holds k·p values, target t's from t·p). When Cholesky found the system singular, `singular`
 * says where (the failing pivot: a column of the primal, a row of the dual
 * system) and how many eigenvalues the minimum-norm solution dropped; `coef`
 * is then that minimum-norm solution, or null if the eigensolver failed.
 */
export interface RidgeSolution {
  coef: Float64Array | null;
  singular: { at: number; dual: boolean; dropped: number } | null;
}

/**
 * Efficient leave-one-out errors of ridge (solvers/ridgeLoo): the mean squared
 * LOO residual per alpha on the prepared (√weight-scaled) rows, or why the
 * decomposition failed ('eigen': no convergence; 'overflow': XᵀX or XXᵀ is not
 * finite).
 */
export type RidgeLooResult = { mse: Float64Array[]; failure: null } | { mse: null; failure: 'eigen' | 'overflow' };

/**
 * The training-fold design of one cross-validation fold, held as its Gram
 * matrix, Xᵀy and yᵀy only (covariance-mode solvers need nothing else).
 * Its `enetSolver` always uses covariance updates on that Gram matrix.
 */
export interface FoldDesign {
  readonly n: number;
  readonly p: number;
  readonly xMean: Float64Array;
  readonly xScale: Float64Array;
  readonly yMean: number;
  enetSolver(setup: EnetSetup): EnetSolver;
}

/** Fold designs derived from one full design's XᵀX by downdating (preprocess/foldGram). */
export interface GramFolds {
  /**
   * The design of all rows but `testRows` (at most the `maxTestRows` given to
   * `gramFolds`); `constant[j]` = 1 flags columns constant on those rows. The
   * returned design is valid until the next call.
   */
  fold(testRows: Int32Array, constant: Int32Array, standardize: boolean): FoldDesign;
}

/**
 * The full XᵀX computed by several workers at once (workers/sharedGram): each
 * takes column ranges from a shared counter until none is left and computes
 * them (kernels/gram `gramColumnRange`, the same bits as the whole product),
 * so a worker that runs faster computes more of them; `fill` publishes them
 * and fills in the others' columns.
 */
export interface GramShare {
  /**
   * Calls `columns(j0, j1)` for each range this worker takes (it computes the
   * lower entries of columns [j0, j1) into the p×p column-major G that `G()`
   * returns); returns with every column's lower entries in G. `G` is called
   * after `columns` (a WebAssembly view is taken anew).
   */
  fill(G: () => Float64Array, columns: (j0: number, j1: number) => void): void;
}

/** A design copied into backend memory, centred/scaled/weighted, ready for solvers. */
export interface PreparedDesign extends FoldDesign {
  /**
   * Cross-validation by Gram downdating; the design must have been prepared
   * with standardize: false. With `share`, the full XᵀX is computed in part
   * here and in part by other workers.
   */
  gramFolds(maxTestRows: number, share?: GramShare | null): GramFolds;
  /**
   * Ridge at `alpha`; with `penalty` (per-feature factors, already rescaled)
   * the penalty is α·Σpfⱼwⱼ². Primal when n ≥ p or some factor is 0, dual
   * otherwise (on the columns scaled by 1/√pfⱼ, see backends/penaltyScaling).
   * `keepGram`: the design keeps XᵀX (dual: XXᵀ) from the first such call
   * with the same `penalty` object and starts every later one from a copy —
   * the same bits as forming it again, which is most of each solve (K-fold
   * RidgeCV solves one fold's design at every alpha); one more p×p (n×n)
   * matrix held while the design lives. Sparse designs ignore it.
   */
  ridge(alpha: number, penalty?: Float64Array | null, targets?: PreparedTargets | null, keepGram?: boolean): RidgeSolution;
  /**
   * Sparse designs only: ridge by conjugate gradients on the normal equations
   * (solvers/sparseRidgeCG), never forming X̃ᵀX̃; `residual` is each target's
   * final relative residual ||b − Aw||/||b|| (≤ tol when certified).
   */
  ridgeCG?(alpha: number, penalty: Float64Array | null, targets: PreparedTargets | null, tol: number, maxIter: number): { coef: Float64Array; residual: Float64Array };
  /** LOO errors of ridge at every alpha (all > 0) from one eigendecomposition; needs n ≥ 2. `onStep` runs after the decomposition and after each alpha. With `penalty` (all > 0) the design's columns are first scaled by 1/√pfⱼ in place, so call it once per design. */
  /** One decomposition for the design's y, or for every prepared target of `targets` (one mse array each). */
  ridgeLoo(alphas: Float64Array, onStep?: () => void, penalty?: Float64Array | null, targets?: PreparedTargets | null): RidgeLooResult;
}

/**
 * A backend runs the numerical core. Both implementations execute the same
 * algorithm with the same floating-point operations in the same order, so
 * they return identical results.
 */
export interface Backend {
  readonly name: 'wasm' | 'js';
  /**
   * Held-out mean squared error (weighted by `swTest` when given) of K path
   * points (coefs K×p row-major, original scale) on the rows `testRows` of M.
   */
  heldOutMse(
    M: CheckedMatrix, testRows: Int32Array, yTest: Float64Array, swTest: Float64Array | null,
    coefs: Float64Array, intercepts: Float64Array,
  ): Float64Array;
  /** Copies X and y into backend memory, prepares them, runs `body`, then releases the memory. */
  withDesign<T>(X: CheckedMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (design: PreparedDesign) => T): T;
  /**
   * The same for a sparse (CSC) X, never densified: centring, scaling and
   * weights stay implicit (solvers/sparseColumns). Its solvers use naive
   * updates over the columns (the setup's `covariance` is ignored), ridge
   * forms X̃ᵀX̃ from the nonzeros (targets given centred, not weighted), and it
   * has no gramFolds or ridgeLoo.
   */
  withSparseDesign<T>(X: SparseMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (design: PreparedDesign) => T): T;
}
