import type { Backend, DesignOptions, EnetSetup, EnetSolver, FoldDesign, GramFolds, GramShare, PreparedDesign, PreparedTargets, RidgeLooResult, RidgeSolution } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { standardizeDesign } from '../preprocess/standardize.js';
import { enetInit, enetSolve, enetL1Max, type EnetContext } from '../solvers/enetSolver.js';
import { gramStats, gramSideStats, foldGram } from '../preprocess/foldGram.js';
import { gramColumnRange, gramColumns, gramRows } from '../kernels/gram.js';
import { foldMeans } from './foldMeans.js';
import { heldOutMse } from '../kernels/heldOutMse.js';
import { allPositive, looScales, scaleColumnsByPenalty, unscaleCoefficients } from './penaltyScaling.js';
import { ridgePrimal, ridgeDual, ridgePrimalMinNorm, ridgeDualMinNorm, ridgePrimalGram, ridgeDualGram } from '../solvers/ridge.js';
import { ridgeLooGram, ridgeLooCovariance, ridgeLooMse, ridgeLooTarget } from '../solvers/ridgeLoo.js';
import type { SparseColumns } from '../solvers/sparseColumns.js';
import { sparseStandardize } from '../preprocess/sparseStandardize.js';
import { sparseRidge } from '../solvers/sparseRidge.js';
import { sparseRidgeCG } from '../solvers/sparseRidgeCG.js';
import { sparseRidgeLooCovariance } from '../solvers/sparseRidgeLoo.js';
import type { SparseMatrix } from '../io/sparse.js';
import { noSparse } from './sparseDesign.js';

/** A coordinate-descent solver over the given data buffers (the JS form of the WASM context block). */
export function makeSolver(
  s: EnetSetup,
  d: Pick<EnetContext, 'X' | 'y' | 'n' | 'p' | 'R' | 'xty' | 'gram' | 'gramMode' | 'yNorm2'> & { sparse?: SparseColumns },
): EnetSolver {
  const p = d.p;
  const ctx: EnetContext = {
    ...d,
    w: new Float64Array(p),
    g: new Float64Array(p),
    norm: new Float64Array(p),
    slot: new Int32Array(p),
    list: new Int32Array(p),
    active: new Int32Array(p),
    inW: new Int32Array(p),
    pf: s.penaltyFactor,
    positive: s.positive,
    cov: s.covariance,
    nGram: 0,
    sparse: d.sparse ?? null,
    shift: 0,
    wTotal: 0,
    shiftRef: 0,
    rRef: new Float64Array(s.covariance ? 0 : d.n),
    gRef: new Float64Array(s.covariance ? 0 : p),
  };
  const l1Max = enetInit(ctx);
  return {
    l1Max,
    solve: (l1, l2, l1Prev, maxIter, tol) => enetSolve(ctx, l1, l2, l1Prev, maxIter, tol),
    coef: () => ctx.w.slice(),
    coefInto: (out, offset) => out.set(ctx.w, offset),
    l1MaxNow: () => enetL1Max(ctx),
    gradient: () => ctx.g.slice(),
  };
}

/** The pure-JS backend: the twins in src/kernels, src/solvers, … on ordinary Float64Arrays. */
/**
 * Every alpha's leave-one-out error from one decomposition (m < 0: the
 * decomposition failed), for the design's own prepared y or, with `targets`,
 * for each prepared target (its z = Qᵀỹ recomputed, the decomposition shared).
 */
function looOverAlphas(
  m: number, n: number, gramForm: boolean, Q: Float64Array, lam: Float64Array, z: Float64Array, y: Float64Array, lev: Float64Array,
  alphas: Float64Array, onStep?: () => void, targets?: PreparedTargets | null,
): RidgeLooResult {
  if (m < 0) return { mse: null, failure: m === -1 ? 'eigen' : 'overflow' };
  const w = new Float64Array(m);
  const t = new Float64Array(m);
  const c = new Float64Array(n);
  const g = new Float64Array(n);
  const out: Float64Array[] = [];
  for (let k = 0; k < (targets ? targets.k : 1); k++) {
    let yk = y;
    if (targets) {
      yk = targets.data.subarray(k * n, (k + 1) * n);
      ridgeLooTarget(Q, yk, n, m, lam, z);
    }
    onStep?.();
    const mse = new Float64Array(alphas.length);
    for (let a = 0; a < alphas.length; a++) {
      mse[a] = ridgeLooMse(n, m, gramForm, Q, lam, z, yk, lev, alphas[a], w, t, c, g);
      onStep?.();
    }
    out.push(mse);
  }
  return { mse: out, failure: null };
}

export const jsBackend: Backend = {
  name: 'js',
  heldOutMse(M, testRows, yTest, swTest, coefs, intercepts) {
    const nT = testRows.length;
    const p = M.cols;
    const K = intercepts.length;
    const XT = new Float64Array(nT * p);
    M.writeColumnMajor(XT, 0, testRows);
    const mse = new Float64Array(K);
    heldOutMse(XT, yTest, swTest, nT, p, coefs, intercepts, K, new Float64Array(nT), mse);
    return mse;
  },
  withSparseDesign<T>(S: SparseMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T): T {
    const n = S.rows;
    const p = S.cols;
    const yy = Float64Array.from(y);
    const xMean = new Float64Array(p);
    const xScale = new Float64Array(p);
    const sw = opts.sampleWeight;
    const yMean = sparseStandardize(S.colPtr, S.rowIdx, S.vals, yy, sw, n, p, opts.fitIntercept, opts.standardize, xMean, xScale);
    const cols: SparseColumns = { colPtr: S.colPtr, rowIdx: S.rowIdx, vals: S.vals, sw, mean: xMean, scale: xScale, centred: opts.fitIntercept };
    const design: PreparedDesign = {
      n, p, xMean, xScale, yMean,
      enetSolver: (s: EnetSetup) => makeSolver({ ...s, covariance: false }, {
        X: new Float64Array(0), y: yy, n, p, R: new Float64Array(n), xty: new Float64Array(0), gram: new Float64Array(0),
        gramMode: 'lazy', yNorm2: 0, sparse: cols,
      }),
      ridge(alpha: number, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeSolution {
        const k = targets ? targets.k : 1;
        const w = new Float64Array(p * k);
        const [info, dropped] = sparseRidge(S.colPtr, S.rowIdx, S.vals, sw, n, p, opts.fitIntercept, xMean, xScale, targets ? targets.data : yy, k, alpha, pf ?? null, w);
        if (info === 0) return { coef: w, singular: null };
        return { coef: dropped < 0 ? null : w, singular: { at: info - 1, dual: false, dropped: Math.max(dropped, 0) } };
      },
      ridgeCG(alpha, pf, targets, tol, maxIter) {
        const k = targets ? targets.k : 1;
        const w = new Float64Array(p * k);
        const residual = sparseRidgeCG(S.colPtr, S.rowIdx, S.vals, sw, n, p, opts.fitIntercept, xMean, xScale, targets ? targets.data : yy, k, alpha, pf, tol, maxIter, w);
        return { coef: w, residual };
      },
      gramFolds: () => noSparse('cross-validation by Gram downdating'),
      // Covariance form only (RidgeCV takes cv: k for a sparse X with n ≤ p).
      ridgeLoo(alphas: Float64Array, onStep?: () => void, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeLooResult {
        if (n <= p) noSparse('efficient leave-one-out with n ≤ p');
        let scale = xScale;
        if (pf) {
          scale = new Float64Array(p);
          looScales(xScale, pf, scale);
        }
        const yw = new Float64Array(n);
        const Z = new Float64Array(n * p);
        const lam = new Float64Array(p);
        const z = new Float64Array(p);
        const lev = new Float64Array(n);
        const m = sparseRidgeLooCovariance(S.colPtr, S.rowIdx, S.vals, sw, n, p, opts.fitIntercept, xMean, scale, yy, yw, new Float64Array(p * p), Z, lam, z, lev);
        return looOverAlphas(m, n, false, Z, lam, z, yw, lev, alphas, onStep, targets);
      },
    };
    return body(design);
  },
  withDesign<T>(M: CheckedMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T): T {
    const n = M.rows;
    const p = M.cols;
    const X = new Float64Array(n * p);
    M.writeColumnMajor(X, 0);
    const yy = Float64Array.from(y);
    const xMean = new Float64Array(p);
    const xScale = new Float64Array(p);
    const yMean = standardizeDesign(X, yy, opts.sampleWeight, n, p, opts.fitIntercept, opts.standardize, xMean, xScale);
    // ridge(…, keepGram): the design matrix the normal equations use (dual: penalty-scaled) and its XᵀX (XXᵀ), for one penalty.
    let kept: { dual: boolean; pf: Float64Array | null; X: Float64Array; gram: Float64Array } | null = null;
    const keptGram = (dual: boolean, pf: Float64Array | null): { X: Float64Array; gram: Float64Array } => {
      if (kept && kept.dual === dual && kept.pf === pf) return kept;
      let Xd = X;
      let gram: Float64Array;
      if (dual) {
        if (pf) {
          Xd = new Float64Array(n * p);
          scaleColumnsByPenalty(X, Xd, n, pf);
        }
        gram = new Float64Array(n * n);
        gramRows(Xd, n, p, gram);
      } else {
        gram = new Float64Array(p * p);
        gramColumns(X, n, p, gram);
      }
      kept = { dual, pf, X: Xd, gram };
      return kept;
    };
    const design: PreparedDesign = {
      n, p, xMean, xScale, yMean,
      enetSolver(s: EnetSetup): EnetSolver {
        return makeSolver(s, {
          X, y: yy, n, p,
          R: new Float64Array(s.covariance ? 0 : n),
          xty: new Float64Array(p),
          gram: new Float64Array(s.covariance ? p * p : 0),
          gramMode: s.gram ?? 'lazy',
          yNorm2: 0,
        });
      },
      gramFolds(maxTestRows: number, share?: GramShare | null): GramFolds {
        // Full-data statistics of this (centred, unscaled) design, once.
        const G = new Float64Array(p * p);
        const c = new Float64Array(p);
        const sz = new Float64Array(p);
        const stats = new Float64Array(3);
        if (share) {
          share.fill(() => G, (j0, j1) => gramColumnRange(X, n, p, j0, j1, G));
          gramSideStats(X, yy, n, p, opts.sampleWeight, G, c, sz, stats);
        } else {
          gramStats(X, yy, n, p, opts.sampleWeight, G, c, sz, stats);
        }
        const T = new Float64Array(maxTestRows * (p + 2));
        const GT = new Float64Array(p * p);
        const GS = new Float64Array(p * p);
        const xtyS = new Float64Array(p);
        const shift = new Float64Array(p);
        const scale = new Float64Array(p);
        const out = new Float64Array(2);
        return {
          fold(test: Int32Array, constant: Int32Array, standardize: boolean): FoldDesign {
            foldGram(X, yy, n, p, opts.sampleWeight, G, c, sz, stats, test, test.length, constant, opts.fitIntercept, standardize, T, GT, GS, xtyS, shift, scale, out);
            const nS = n - test.length;
            const fold = foldMeans(opts.fitIntercept, xMean, yMean, shift, out[1]);
            return {
              n: nS, p, xMean: fold.xMean, xScale: scale.slice(), yMean: fold.yMean,
              enetSolver: (s: EnetSetup) =>
                makeSolver({ ...s, covariance: true }, {
                  X: new Float64Array(0), y: new Float64Array(0), n: nS, p,
                  R: new Float64Array(0), xty: xtyS.slice(), gram: GS, gramMode: 'given', yNorm2: out[0],
                }),
            };
          },
        };
      },
      ridge(alpha: number, pf?: Float64Array | null, targets?: PreparedTargets | null, keepGram = false): RidgeSolution {
        const k = targets ? targets.k : 1;
        const Y = targets ? targets.data : yy;
        const w = new Float64Array(p * k);
        const dual = p > n && (!pf || allPositive(pf));
        const keep = keepGram ? keptGram(dual, pf ?? null) : null;
        let info: number;
        let dropped = 0;
        if (dual) {
          let Xd = keep ? keep.X : X;
          if (pf && !keep) {
            Xd = new Float64Array(n * p);
            scaleColumnsByPenalty(X, Xd, n, pf);
          }
          const K = new Float64Array(n * n);
          const a = new Float64Array(n * k);
          info = keep ? ridgeDualGram(Xd, Y, n, p, k, alpha, keep.gram, K, a, new Float64Array(n), w) : ridgeDual(Xd, Y, n, p, k, alpha, K, a, new Float64Array(n), w);
          if (info !== 0) dropped = ridgeDualMinNorm(Xd, Y, n, p, k, alpha, K, a, new Float64Array(n), new Float64Array(n), new Float64Array(n), w);
          if (pf) for (let t = 0; t < k; t++) unscaleCoefficients(w.subarray(t * p, (t + 1) * p), pf);
        } else {
          const G = new Float64Array(p * p);
          info = keep ? ridgePrimalGram(X, Y, n, p, k, alpha, pf ?? null, keep.gram, G, new Float64Array(p), w) : ridgePrimal(X, Y, n, p, k, alpha, pf ?? null, G, new Float64Array(p), w);
          if (info !== 0) {
            dropped = ridgePrimalMinNorm(X, Y, n, p, k, alpha, pf ?? null, G, new Float64Array(p * k), new Float64Array(p), new Float64Array(p), new Float64Array(p), w);
          }
        }
        if (info === 0) return { coef: w, singular: null };
        return { coef: dropped < 0 ? null : w, singular: { at: info - 1, dual, dropped: Math.max(dropped, 0) } };
      },
      ridgeLoo(alphas: Float64Array, onStep?: () => void, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeLooResult {
        if (pf) scaleColumnsByPenalty(X, X, n, pf);
        // Gram form when n ≤ p, covariance form when n > p (scikit-learn's gcv_mode 'auto').
        const gramForm = n <= p;
        const r = gramForm ? n : p;
        const sw = opts.sampleWeight;
        const Q = new Float64Array(n * r);
        const lam = new Float64Array(r);
        const z = new Float64Array(r);
        const lev = new Float64Array(n);
        const m = gramForm
          ? ridgeLooGram(X, yy, sw, n, p, opts.fitIntercept, new Float64Array(n * n), Q, lam, z, new Float64Array(n), new Float64Array(n))
          : ridgeLooCovariance(X, yy, sw, n, p, opts.fitIntercept, new Float64Array(p * p), Q, lam, z, lev, new Float64Array(p), new Float64Array(p));
        return looOverAlphas(m, n, gramForm, Q, lam, z, yy, lev, alphas, onStep, targets);
      },
    };
    return body(design);
  },
};
