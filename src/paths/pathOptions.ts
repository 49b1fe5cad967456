import {
  finitePositive, unitInterval, positiveInteger, boolean, backendName, callback, precomputeMode,
  penaltyFactorArray, openUnitInterval, alphaList, alphaCount, type BackendName, type OptionSpec,
} from '../models/options.js';
import { sampleWeightOption, type SampleWeightInput } from '../io/weights.js';
import type { ShapeCheck } from '../io/matrix.js';

/** Largest number of coefficients a path (alphas × features) may hold: 2²⁸ doubles, 2 GiB. */
export const MAX_PATH_VALUES = 2 ** 28;

/**
 * The shape check of a path or CV grid: its coefficients (one row of p per
 * alpha) must fit in MAX_PATH_VALUES; refused before any value of X is read,
 * naming the option that sets the number of alphas.
 */
export function pathSizeCheck(owner: string, o: { alphas: Float64Array | null; nAlphas: number }): ShapeCheck {
  return (_n, p) => {
    const K = o.alphas ? o.alphas.length : o.nAlphas;
    if (K * p > MAX_PATH_VALUES) {
      throw new RangeError(
        `${owner}: option '${o.alphas ? 'alphas' : 'nAlphas'}' = ${K} alphas × ${p} features = ${K * p} path coefficients, ` +
          `more than the ${MAX_PATH_VALUES} (2 GiB) a path may hold; use fewer alphas`,
      );
    }
  };
}

/** Options shared by enetPath/lassoPath and the cross-validated models. */
export interface PathOptions {
  /** Mix of L1 and L2 (1 = lasso). enetPath default 0.5. */
  l1Ratio?: number;
  /** Number of alphas on the default grid. Default 100. */
  nAlphas?: number;
  /** Smallest alpha of the default grid as a fraction of alpha_max, in (0, 1). Default 1e-3. */
  eps?: number;
  /** Explicit alphas (positive, finite); sorted into decreasing order. Overrides nAlphas/eps. */
  alphas?: ArrayLike<number> | null;
  fitIntercept?: boolean;
  standardize?: boolean;
  positive?: boolean;
  tol?: number;
  maxIter?: number;
  precompute?: 'auto' | boolean;
  penaltyFactor?: ArrayLike<number> | null;
  sampleWeight?: SampleWeightInput;
  /**
   * Sequential strong rules (Tibshirani et al. 2012). Default true. Turning
   * them off never changes the answer (discarded features are KKT-checked);
   * it exists to demonstrate exactly that.
   */
  screening?: boolean;
  backend?: BackendName;
  /** Called with the fraction of the work done, ending at 1. */
  onProgress?: (fraction: number) => void;
  onWarning?: (message: string) => void;
}

export interface ResolvedPathOptions {
  l1Ratio: number;
  nAlphas: number;
  eps: number;
  alphas: Float64Array | null;
  fitIntercept: boolean;
  standardize: boolean;
  positive: boolean;
  tol: number;
  maxIter: number;
  precompute: 'auto' | boolean;
  penaltyFactor: Float64Array | null;
  sampleWeight: SampleWeightInput;
  screening: boolean;
  backend: BackendName;
  onProgress: ((fraction: number) => void) | null;
  onWarning: (message: string) => void;
}

const defaultWarn = (m: string): void => console.warn(`penalized: ${m}`);

export function pathOptionSpec(defaultL1Ratio: number): OptionSpec {
  return {
    l1Ratio: { default: defaultL1Ratio, check: unitInterval },
    nAlphas: { default: 100, check: alphaCount },
    eps: { default: 1e-3, check: openUnitInterval },
    alphas: { default: null, check: (v, n, o) => (v === null ? null : alphaList(v, n, o)) },
    fitIntercept: { default: true, check: boolean },
    standardize: { default: false, check: boolean },
    positive: { default: false, check: boolean },
    tol: { default: 1e-4, check: finitePositive },
    maxIter: { default: 1000, check: positiveInteger },
    precompute: { default: 'auto', check: precomputeMode },
    penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
    sampleWeight: { default: null, check: sampleWeightOption },
    screening: { default: true, check: boolean },
    backend: { default: 'wasm', check: backendName },
    onProgress: { default: null, check: (v, n, o) => (v === null ? null : callback(v, n, o)) },
    onWarning: { default: defaultWarn, check: callback },
  };
}
