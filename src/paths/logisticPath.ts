import { checkMatrix, type MatrixInput } from '../io/matrix.js';
import { getLogisticBackend } from '../backends/logisticBackends.js';
import type { LogisticDesign } from '../backends/logisticTypes.js';
import { capacityCheck } from '../io/trainingData.js';
import { penalizedL1Max, resolvePenaltyFactor, snapToL1Max } from '../models/ElasticNet.js';
import {
  parseOptions, finitePositive, unitInterval, positiveInteger, boolean, backendName, callback, penaltyFactorArray,
  openUnitInterval, alphaList, alphaCount, solverPenalty, type BackendName, type OptionSpec,
} from '../models/options.js';
import { toOriginalScale, toOriginalScaleSparse } from '../models/originalScale.js';
import { SparseRows, type SparseCoefs } from './sparseRows.js';
import { encodeBinaryLabels, classWeightOption, type ClassWeight, type Classes, type Label } from '../models/binaryLabels.js';
import { logisticWeights } from '../models/logisticWeights.js';
import { SEPARABLE_DEV_RATIO } from '../models/LogisticRegression.js';
import { alphaGrid } from './alphaGrid.js';
import { noGridError } from './enetPath.js';

export type { SparseCoefs };

export interface LogisticPathOptions {
  /** Mix of L1 and L2 (1 = lasso, the default). */
  l1Ratio?: number;
  /** Number of alphas on the default grid. Default 100. */
  nAlphas?: number;
  /** Smallest alpha of the default grid as a fraction of alpha_max. Default glmnet's: 1e-4 when n ≥ p, else 1e-2. */
  eps?: number | null;
  /** Explicit alphas (sorted into decreasing order); overrides nAlphas/eps. */
  alphas?: ArrayLike<number> | null;
  fitIntercept?: boolean;
  standardize?: boolean;
  positive?: boolean;
  penaltyFactor?: ArrayLike<number> | null;
  sampleWeight?: ArrayLike<number> | null;
  classWeight?: ClassWeight | null;
  tol?: number;
  maxIter?: number;
  backend?: BackendName;
  onProgress?: ((fraction: number) => void) | null;
  onWarning?: (message: string) => void;
  /**
   * Return `coefs` as a sparse K×p CSR matrix (`SparseCoefs`: scipy.sparse's
   * layout and this library's sparse input form) instead of a dense row-major
   * block; the same values, bit for bit. Default false.
   */
  sparseCoefs?: boolean;
}

export interface ResolvedLogisticPathOptions {
  l1Ratio: number;
  nAlphas: number;
  eps: number | null;
  alphas: Float64Array | null;
  fitIntercept: boolean;
  standardize: boolean;
  positive: boolean;
  penaltyFactor: Float64Array | null;
  sampleWeight: ArrayLike<number> | null;
  classWeight: ClassWeight | null;
  tol: number;
  maxIter: number;
  backend: BackendName;
  onProgress: ((fraction: number) => void) | null;
  onWarning: (message: string) => void;
  sparseCoefs: boolean;
}

const defaultWarn = (m: string): void => console.warn(`penalized: ${m}`);

export function logisticPathSpec(): OptionSpec {
  return {
    l1Ratio: { default: 1, check: unitInterval },
    nAlphas: { default: 100, check: alphaCount },
    eps: { default: null, check: (v, n, o) => (v === null ? null : openUnitInterval(v, n, o)) },
    alphas: { default: null, check: (v, n, o) => (v === null ? null : alphaList(v, n, o)) },
    fitIntercept: { default: true, check: boolean },
    standardize: { default: false, check: boolean },
    positive: { default: false, check: boolean },
    penaltyFactor: { default: null, check: (v, n, o) => (v === null ? null : penaltyFactorArray(v, n, o)) },
    sampleWeight: { default: null, check: (v, n, o) => {
      if (v !== null && (typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number')) {
        throw new TypeError(`${o}: option '${n}' must be an array of weights, one per row`);
      }
      return v;
    } },
    classWeight: { default: null, check: classWeightOption },
    tol: { default: 1e-4, check: finitePositive },
    maxIter: { default: 1000, check: positiveInteger },
    backend: { default: 'wasm', check: backendName },
    onProgress: { default: null, check: (v, n, o) => (v === null ? null : callback(v, n, o)) },
    onWarning: { default: defaultWarn, check: callback },
    sparseCoefs: { default: false, check: boolean },
  };
}

/** A logistic regularization path: one solution per alpha, alphas decreasing. */
export interface LogisticPathResult<C extends Float64Array | SparseCoefs = Float64Array> {
  /** Penalties actually solved, decreasing (fewer than asked when the path stopped at separable data). */
  alphas: Float64Array;
  /** alphas.length × p, row-major, on X's original scale (a `SparseCoefs` CSR matrix with `sparseCoefs: true`). */
  coefs: C;
  intercepts: Float64Array;
  /** Duality gap per alpha, divided by n. */
  dualGaps: Float64Array;
  /** Coordinate sweeps per alpha. */
  nIters: Int32Array;
  /** Fraction of the null deviance explained per alpha (glmnet's dev.ratio). */
  devRatios: Float64Array;
  converged: boolean;
  /** True when the path stopped early because the fraction of deviance explained passed 0.999 (glmnet's rule). */
  stoppedEarly: boolean;
  classes: Classes;
  nFeatures: number;
  l1Ratio: number;
}

export interface LogisticPathSettings {
  l1Ratio: number;
  positive: boolean;
  penaltyFactor: Float64Array | null;
  maxIter: number;
  tol: number;
  fitIntercept: boolean;
}

/** glmnet's default lambda.min.ratio: 1e-4 when n ≥ p, else 1e-2. */
export function defaultEps(n: number, p: number): number {
  return n >= p ? 1e-4 : 1e-2;
}

/**
 * Runs a warm-started path on a prepared design (Friedman, Hastie & Tibshirani
 * 2010, §2.5 and §3): alpha_max (where every penalized coefficient is zero,
 * measured after fitting the unpenalized features, as glmnet) starts the
 * default grid; each solution warm-starts the next, and the previous λ₁ feeds
 * the strong rule. With `stopSeparable`, the path stops after the first alpha
 * whose fit explains more than 99.9% of the null deviance (glmnet's `fdev`):
 * beyond it the data are separable and the coefficients only diverge.
 * `coefsInto`, when given and at least K·p long, receives the coefficients
 * (the result's `coefs` is then a view of it). `sparseInto`, when given, is
 * reset and receives them instead as sparse rows, read straight from the
 * solver (the result's `coefs` is then empty): no K×p block is written at all.
 */
export function logisticPathOnDesign(
  d: LogisticDesign, s: LogisticPathSettings, grid: Float64Array | ((alphaMax: number) => Float64Array),
  stopSeparable: boolean, onStep?: (k: number) => void, coefsInto?: Float64Array, sparseInto?: SparseRows,
): Omit<LogisticPathResult, 'classes' | 'nFeatures' | 'l1Ratio' | 'converged'> & { notConverged: number } {
  const { n, p } = d;
  const solver = d.solver({ positive: s.positive, penaltyFactor: s.penaltyFactor });
  const l1Max = penalizedL1Max(solver, s.penaltyFactor, s.maxIter, s.tol);
  const alphas = typeof grid === 'function' ? grid(s.l1Ratio > 0 ? l1Max / (n * s.l1Ratio) : Infinity) : grid;
  const K = alphas.length;
  // A caller that reads the coefficients only until its next path (the CV's
  // folds) lends one buffer for all of them: a fresh K×p block per path is
  // paid again in first-touch page faults (a tenth of a wide fold's path).
  const lent = !sparseInto && coefsInto !== undefined && coefsInto.length >= K * p;
  const fresh = !sparseInto && !lent;
  const coefs = sparseInto ? new Float64Array(0) : lent ? coefsInto!.subarray(0, K * p) : new Float64Array(K * p);
  sparseInto?.reset();
  const intercepts = new Float64Array(K);
  const dualGaps = new Float64Array(K);
  const nIters = new Int32Array(K);
  const devRatios = new Float64Array(K);
  let notConverged = 0;
  let l1Prev = l1Max;
  let done = K;
  // A fresh block is all zeros: only a row's nonzeros are written, at `rowStart`
  // (the same operations, in the same order, as toOriginalScale on a copied row).
  let rowStart = 0;
  const freshRow = { push: (j: number, c: number): void => { coefs[rowStart + j] = c; }, endRow: (): void => {} };
  for (let k = 0; k < K; k++) {
    const l1 = snapToL1Max(solverPenalty(alphas[k], s.l1Ratio, n), l1Max);
    const l2 = solverPenalty(alphas[k], 1 - s.l1Ratio, n);
    const r = solver.solve(l1, l2, Math.max(l1Prev, l1), s.maxIter, s.tol);
    l1Prev = l1;
    const scale = { xMean: d.xMean, xScale: d.xScale, yMean: solver.intercept() };
    if (sparseInto) {
      const nz = solver.nonzeroCoefs();
      intercepts[k] = toOriginalScaleSparse(nz.beta, nz.idx, nz.count, scale, s.fitIntercept, sparseInto);
    } else if (fresh) {
      const nz = solver.nonzeroCoefs();
      rowStart = k * p;
      intercepts[k] = toOriginalScaleSparse(nz.beta, nz.idx, nz.count, scale, s.fitIntercept, freshRow);
    } else {
      solver.coefInto(coefs, k * p);
      intercepts[k] = toOriginalScale(coefs, k * p, scale, s.fitIntercept);
    }
    dualGaps[k] = r.gap / n;
    nIters[k] = r.nIter;
    devRatios[k] = 1 - r.loss / solver.nullLoss;
    if (!r.converged) notConverged++;
    if (onStep) onStep(k);
    if (stopSeparable && devRatios[k] > SEPARABLE_DEV_RATIO) {
      done = k + 1;
      break;
    }
  }
  // Trimmed copies only when the path stopped early: a full path hands its
  // arrays over (the K×p coefficient block is the bulk of a wide path's memory
  // traffic, and copying it cost more than a tenth of the path).
  const cut = <T extends Float64Array | Int32Array>(a: T, m: number): T => (done < K ? (a.slice(0, done * m) as T) : a);
  return {
    alphas: alphas.slice(0, done), coefs: sparseInto ? coefs : cut(coefs, p), intercepts: cut(intercepts, 1),
    dualGaps: cut(dualGaps, 1), nIters: cut(nIters, 1), devRatios: cut(devRatios, 1),
    stoppedEarly: done < K, notConverged,
  };
}

/** Validated inputs of a logistic path or CV: matrix, labels, weights, penalty factors. */
export function logisticInputs(
  owner: string, X: MatrixInput, y: unknown, o: { backend: BackendName; sampleWeight: unknown; classWeight: ClassWeight | null; penaltyFactor: Float64Array | null },
) {
  const M = checkMatrix(X, 'X', capacityCheck(o.backend));
  const { classes, y01 } = encodeBinaryLabels(y, M.rows, owner);
  const w = logisticWeights(o.sampleWeight, o.classWeight, classes, y01, owner);
  const pf = resolvePenaltyFactor(o.penaltyFactor, M.cols, owner);
  return { M, classes, y01, w, pf };
}

/**
 * The penalized logistic regularization path (glmnet's binomial path):
 * solutions at `nAlphas` alphas from alpha_max down to eps·alpha_max (or at
 * the given `alphas`), warm-started. On the default grid it stops early as
 * glmnet does when the fit explains more than 99.9% of the null deviance
 * (separable data); explicit alphas are all solved (glmnet applies its
 * stopping rules only to its own grid). A warning says so in both cases.
 */
export function logisticPath(X: MatrixInput, y: ArrayLike<Label>, options: LogisticPathOptions & { sparseCoefs: true }): LogisticPathResult<SparseCoefs>;
export function logisticPath(X: MatrixInput, y: ArrayLike<Label>, options?: LogisticPathOptions & { sparseCoefs?: false }): LogisticPathResult;
export function logisticPath(X: MatrixInput, y: ArrayLike<Label>, options?: LogisticPathOptions): LogisticPathResult<Float64Array | SparseCoefs>;
export function logisticPath(X: MatrixInput, y: ArrayLike<Label>, options: LogisticPathOptions = {}): LogisticPathResult<Float64Array | SparseCoefs> {
  const owner = 'logisticPath';
  const o = parseOptions<ResolvedLogisticPathOptions>(owner, logisticPathSpec(), options);
  const { M, classes, y01, w, pf } = logisticInputs(owner, X, y, o);
  const n = M.rows;
  const p = M.cols;
  if (!o.alphas && o.l1Ratio === 0) throw noGridError(owner);
  const settings: LogisticPathSettings = { l1Ratio: o.l1Ratio, positive: o.positive, penaltyFactor: pf, maxIter: o.maxIter, tol: o.tol, fitIntercept: o.fitIntercept };
  const K = o.alphas ? o.alphas.length : o.nAlphas;
  const eps = o.eps ?? defaultEps(n, p);
  // Sparse rows read straight from the solver: no K×p block is written (on a
  // wide path its fresh pages cost more in first-touch faults than a tenth of
  // the path). The rows are gathered in a buffer kept from call to call (its
  // growth to a path's size, in fresh pages, cost about a millisecond more per
  // path); the result gets trimmed copies.
  const rows = o.sparseCoefs ? takeSharedRows() : undefined;
  let r: ReturnType<typeof logisticPathOnDesign>;
  let coefsOut: Float64Array | SparseCoefs;
  try {
    r = getLogisticBackend(o.backend).withLogisticDesign(M, y01, w, { fitIntercept: o.fitIntercept, standardize: o.standardize }, (d) =>
      logisticPathOnDesign(d, settings, o.alphas ?? ((aMax: number) => alphaGrid(aMax, o.nAlphas, eps)), o.alphas === null,
        o.onProgress ? (k) => o.onProgress!((k + 1) / K) : undefined, undefined, rows),
    );
    coefsOut = rows ? rows.toCsr(p) : r.coefs;
  } finally {
    if (rows) releaseSharedRows(rows);
  }
  if (o.alphas && r.devRatios.length > 0 && r.devRatios[r.devRatios.length - 1] > SEPARABLE_DEV_RATIO) {
    o.onWarning(
      `${owner}: the fit explains more than ${100 * SEPARABLE_DEV_RATIO}% of the null deviance at the smallest alphas: the classes are (nearly) separable there and the coefficients diverge as alpha → 0 (with explicit alphas the path is not cut short)`,
    );
  }
  if (r.stoppedEarly) {
    o.onWarning(
      `${owner}: stopped after ${r.alphas.length} of ${K} alphas: the fit explains more than ${100 * SEPARABLE_DEV_RATIO}% of the null deviance at alpha = ${r.alphas[r.alphas.length - 1].toExponential(3)} — the classes are (nearly) separable, and smaller alphas only make the coefficients diverge (glmnet stops there too)`,
    );
    o.onProgress?.(1);
  }
  if (r.notConverged > 0) {
    o.onWarning(`${owner}: the duality gap stayed above tol at ${r.notConverged} of ${r.alphas.length} alphas; raise maxIter or tol, or standardize the features`);
  }
  const { notConverged, coefs, ...rest } = r;
  return { ...rest, coefs: coefsOut, converged: notConverged === 0, classes, nFeatures: p, l1Ratio: o.l1Ratio };
}

/** The sparse rows `logisticPath` gathers a path's coefficients in, kept between calls. */
const sharedRows = new SparseRows();
let sharedRowsBusy = false;

/** The kept rows, or fresh ones for a call made while they are in use (from inside an onProgress callback). */
function takeSharedRows(): SparseRows {
  if (sharedRowsBusy) return new SparseRows();
  sharedRowsBusy = true;
  return sharedRows;
}

function releaseSharedRows(rows: SparseRows): void {
  if (rows === sharedRows) sharedRowsBusy = false;
}
