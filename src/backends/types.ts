import type { CheckedMatrix } from '../io/matrix.js';

/** How the design is prepared before solving (see preprocess/standardize). */
export interface DesignOptions {
  fitIntercept: boolean;
  standardize: boolean;
  /** Non-negative weights already normalized as the model wants, or null. */
  sampleWeight: Float64Array | null;
}

/** Elastic-net problem on the prepared design, on the solver's scale: ½||r||² + λ₁Σpfⱼ|wⱼ| + ½λ₂Σpfⱼwⱼ². */
export interface EnetSettings {
  l1Reg: number;
  l2Reg: number;
  maxIter: number;
  tol: number;
  positive: boolean;
  penaltyFactor: Float64Array | null;
}

export interface EnetSolution {
  /** Coefficients of the prepared (possibly standardized) columns. */
  coef: Float64Array;
  /** Duality gap on the solver's scale (not divided by n). */
  gap: number;
  nIter: number;
  converged: boolean;
}

/** Result of a ridge solve: coefficients, or the failing pivot of a singular system. */
export type RidgeSolution = { coef: Float64Array; singularAt: -1 } | { coef: null; singularAt: number; dual: boolean };

/** A design copied into backend memory, centred/scaled/weighted, ready for solvers. */
export interface PreparedDesign {
  readonly n: number;
  readonly p: number;
  readonly xMean: Float64Array;
  readonly xScale: Float64Array;
  readonly yMean: number;
  enet(settings: EnetSettings, warmStart?: Float64Array | null): EnetSolution;
  ridge(alpha: number): RidgeSolution;
}

/**
 * A backend runs the numerical core. Both implementations execute the same
 * algorithm with the same floating-point operations in the same order, so
 * they return identical results.
 */
export interface Backend {
  readonly name: 'wasm' | 'js';
  /** Copies X and y into backend memory, prepares them, runs `body`, then releases the memory. */
  withDesign<T>(X: CheckedMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (design: PreparedDesign) => T): T;
}
