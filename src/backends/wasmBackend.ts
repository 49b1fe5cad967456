import type { Backend, DesignOptions, EnetSetup, EnetSolver, FoldDesign, GramFolds, GramShare, PreparedDesign, PreparedTargets, RidgeLooResult, RidgeSolution } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { rowSubset } from '../io/rowSubset.js';
import { WasmScope } from '../wasm/wasmCore.js';
import { foldMeans } from './foldMeans.js';
import { allPositive, looScales, scaleColumnsByPenalty, unscaleCoefficients } from './penaltyScaling.js';
import type { SparseMatrix } from '../io/sparse.js';
import { noSparse } from './sparseDesign.js';
// The context layout is generated from assembly/solvers/enetContext.ts at build time (scripts/generate-context-layout.mjs).
import { CTX, GRAM_FULL, GRAM_GIVEN, GRAM_LAZY } from './enetContextLayout.generated.js';

/** Buffers of a solver context (byte pointers; 0 where unused) and the Gram mode (assembly/solvers/enetContext.ts). */
interface SolverData {
  X: number; y: number; n: number; p: number; R: number; xty: number; gram: number; gramMode: number; yNorm2: number;
  /** Sparse CSC columns (assembly/solvers/sparseColumns.ts): byte pointers; absent for a dense X. */
  sparse?: { colPtr: number; rowIdx: number; vals: number; sw: number; mean: number; scale: number; centred: boolean };
}

/** Allocates a solver's own buffers, fills its context block and initializes it in the core. */
export function makeSolver(scope: WasmScope, s: EnetSetup, d: SolverData): EnetSolver {
  const c = scope.core;
  if (c.enetContextSlots() !== CTX.SLOTS) throw new Error('penalized: internal error: WASM solver context layout mismatch (rebuild the core)');
  const p = d.p;
  const i32Slots = (p + 1) >> 1; // an i32[p] array in f64 units
  const pCtx = scope.alloc(CTX.SLOTS);
  const pw = scope.alloc(p);
  const pG = scope.alloc(p);
  const pNorm = scope.alloc(p);
  const pSlot = scope.alloc(i32Slots);
  const pList = scope.alloc(i32Slots);
  const pActive = scope.alloc(i32Slots);
  const pInW = scope.alloc(i32Slots);
  const pPf = s.penaltyFactor ? scope.alloc(p) : 0;
  const pRes = scope.alloc(5);
  const pRRef = s.covariance ? 0 : scope.alloc(d.n);
  const pGRef = s.covariance ? 0 : scope.alloc(p);
  // All buffers exist now; views taken from here on stay valid.
  const ctx = scope.view(pCtx, CTX.SLOTS);
  ctx.fill(0);
  ctx[CTX.X] = d.X; ctx[CTX.Y] = d.y; ctx[CTX.N] = d.n; ctx[CTX.P] = p;
  ctx[CTX.W] = pw; ctx[CTX.R] = d.R; ctx[CTX.G] = pG; ctx[CTX.NORM] = pNorm;
  ctx[CTX.XTY] = d.xty; ctx[CTX.GRAM] = d.gram; ctx[CTX.SLOT] = pSlot; ctx[CTX.LIST] = pList;
  ctx[CTX.ACTIVE] = pActive; ctx[CTX.INW] = pInW; ctx[CTX.PF] = pPf;
  ctx[CTX.POSITIVE] = s.positive ? 1 : 0; ctx[CTX.COV] = s.covariance ? 1 : 0;
  ctx[CTX.GRAMMODE] = d.gramMode; ctx[CTX.YNORM2] = d.yNorm2;
  ctx[CTX.RREF] = pRRef; ctx[CTX.GREF] = pGRef;
  if (d.sparse) {
    ctx[CTX.SPARSE] = 1; ctx[CTX.COLPTR] = d.sparse.colPtr; ctx[CTX.ROWIDX] = d.sparse.rowIdx; ctx[CTX.VALS] = d.sparse.vals;
    ctx[CTX.SW] = d.sparse.sw; ctx[CTX.MEAN] = d.sparse.mean; ctx[CTX.SCALE] = d.sparse.scale; ctx[CTX.CENTRED] = d.sparse.centred ? 1 : 0;
  }
  scope.view(pw, p).fill(0);
  if (s.penaltyFactor) scope.view(pPf, p).set(s.penaltyFactor);
  const l1Max = c.enetInit(pCtx);
  return {
    l1Max,
    solve(l1, l2, l1Prev, maxIter, tol) {
      c.enetSolve(pCtx, l1, l2, l1Prev, maxIter, tol, pRes);
      const r = scope.view(pRes, 5);
      return { gap: r[0], nIter: r[1], converged: r[2] === 1, stop: r[3], floor: r[4] };
    },
    coef: () => scope.view(pw, p).slice(),
    coefInto: (out, offset) => out.set(scope.view(pw, p), offset),
    l1MaxNow: () => c.enetL1Max(pCtx),
    gradient: () => scope.view(pG, p).slice(),
  };
}

/**
 * Every alpha's leave-one-out error from a decomposition in WASM memory (m < 0:
 * it failed; byte pointers in `b`), for the design's prepared y or, with
 * `targets`, for each prepared target (z = Qᵀỹ recomputed, the decomposition
 * shared) — the JS backend's looOverAlphas, call for call.
 */
function looOverAlphas(
  scope: WasmScope,
  b: { m: number; n: number; gramForm: boolean; Q: number; lam: number; z: number; y: number; lev: number; t1: number; t2: number; c: number; g: number },
  alphas: Float64Array, onStep?: () => void, targets?: PreparedTargets | null,
): RidgeLooResult {
  const { m, n } = b;
  if (m < 0) return { mse: null, failure: m === -1 ? 'eigen' : 'overflow' };
  const core = scope.core;
  const pYt = targets ? scope.alloc(n) : 0;
  const out: Float64Array[] = [];
  for (let k = 0; k < (targets ? targets.k : 1); k++) {
    let y = b.y;
    if (targets) {
      scope.view(pYt, n).set(targets.data.subarray(k * n, (k + 1) * n));
      core.ridgeLooTarget(b.Q, pYt, n, m, b.lam, b.z);
      y = pYt;
    }
    onStep?.();
    const mse = new Float64Array(alphas.length);
    for (let a = 0; a < alphas.length; a++) {
      mse[a] = core.ridgeLooMse(n, m, +b.gramForm, b.Q, b.lam, b.z, y, b.lev, alphas[a], b.t1, b.t2, b.c, b.g);
      onStep?.();
    }
    out.push(mse);
  }
  return { mse: out, failure: null };
}

/** Bytes of row-major staging per chunk when loading X (fits in L2 with room to spare). */
const STAGING_BYTES = 1 << 20;

/**
 * Loads M column-major at pX: chunks of rows are copied row-major into a small
 * staging buffer (a TypedArray.set — a memcpy for Float64Array input) and
 * scattered into columns by the core's blocked SIMD transpose. Only bits move.
 */
export function loadColumnMajor(scope: WasmScope, M: CheckedMatrix, pX: number): void {
  const n = M.rows;
  const p = M.cols;
  const chunk = Math.max(2, Math.min(n, Math.floor(STAGING_BYTES / (8 * p)) & ~1));
  const pStage = scope.alloc(chunk * p);
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const r1 = Math.min(n, r0 + chunk);
    M.writeRowMajor(scope.view(pStage, (r1 - r0) * p), r0, r1);
    scope.core.transposeRows(pStage, r1 - r0, p, pX, n, r0);
  }
}

/**
 * The WebAssembly backend: X is written once, column-major, straight into
 * linear memory (no intermediate JS copy), prepared there, solved by the
 * AssemblyScript kernels and freed when the body returns.
 */
export const wasmBackend: Backend = {
  name: 'wasm',
  heldOutMse(M, testRows, yTest, swTest, coefs, intercepts) {
    const nT = testRows.length;
    const p = M.cols;
    const K = intercepts.length;
    return WasmScope.run([nT * p, nT, swTest ? nT : 0, K * p, K, nT, K], (scope) => {
      const pXT = scope.alloc(nT * p);
      const pY = scope.alloc(nT);
      const pW = swTest ? scope.alloc(nT) : 0;
      const pC = scope.alloc(K * p);
      const pB = scope.alloc(K);
      const pPred = scope.alloc(nT);
      const pMse = scope.alloc(K);
      // The held-out rows by whole-row copies and the core's SIMD transpose (only bits move):
      // a strided gather column by column made LassoCV({ cv: 10 }) ~5 % slower on 10000×200
      // (97 → 92 ms) and ~2 % on 200×5000.
      loadColumnMajor(scope, rowSubset(M, testRows), pXT);
      scope.view(pY, nT).set(yTest);
      if (swTest) scope.view(pW, nT).set(swTest);
      scope.view(pC, K * p).set(coefs);
      scope.view(pB, K).set(intercepts);
      scope.core.heldOutMse(pXT, pY, pW, nT, p, pC, pB, K, pPred, pMse);
      return scope.view(pMse, K).slice();
    });
  },
  withSparseDesign<T>(S: SparseMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T): T {
    const n = S.rows;
    const p = S.cols;
    const nnz = S.vals.length;
    const i32 = (m: number): number => (m + 1) >> 1; // an i32[m] array in f64 units
    return WasmScope.run([i32(p + 1), i32(nnz), nnz, n, n, p, p, n], (scope) => {
      const c = scope.core;
      const pColPtr = scope.alloc(i32(p + 1));
      const pRowIdx = scope.alloc(i32(nnz));
      const pVals = scope.alloc(nnz);
      const pY = scope.alloc(n);
      const pW = opts.sampleWeight ? scope.alloc(n) : 0;
      const pMean = scope.alloc(p);
      const pScale = scope.alloc(p);
      scope.viewI32(pColPtr, p + 1).set(S.colPtr);
      scope.viewI32(pRowIdx, nnz).set(S.rowIdx);
      scope.view(pVals, nnz).set(S.vals);
      const yv = scope.view(pY, n);
      for (let i = 0; i < n; i++) yv[i] = y[i];
      if (opts.sampleWeight) scope.view(pW, n).set(opts.sampleWeight);
      const yMean = c.sparseStandardize(pColPtr, pRowIdx, pVals, pY, pW, n, p, +opts.fitIntercept, +opts.standardize, pMean, pScale);
      const xMean = scope.view(pMean, p).slice();
      const xScale = scope.view(pScale, p).slice();
      const sparse = { colPtr: pColPtr, rowIdx: pRowIdx, vals: pVals, sw: pW, mean: pMean, scale: pScale, centred: opts.fitIntercept };
      const design: PreparedDesign = {
        n, p, xMean, xScale, yMean,
        enetSolver: (s: EnetSetup) => makeSolver(scope, { ...s, covariance: false }, {
          X: 0, y: pY, n, p, R: scope.alloc(n), xty: 0, gram: 0, gramMode: GRAM_LAZY, yNorm2: 0, sparse,
        }),
        ridge(alpha: number, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeSolution {
          const k = targets ? targets.k : 1;
          let pYk = pY;
          if (targets) pYk = scope.alloc(n * k);
          const pPf = pf ? scope.alloc(p) : 0;
          const pTmp = scope.alloc(n);
          const pColSum = scope.alloc(p);
          const pG = scope.alloc(p * p);
          const pDiag = scope.alloc(p);
          const pE = scope.alloc(p);
          const pWork = scope.alloc(p);
          const pB = scope.alloc(p * k);
          const pw = scope.alloc(p * k);
          const pOut = scope.alloc(2);
          if (targets) scope.view(pYk, n * k).set(targets.data.subarray(0, n * k));
          if (pf) scope.view(pPf, p).set(pf);
          c.sparseRidge(pColPtr, pRowIdx, pVals, pW, n, p, +opts.fitIntercept, pMean, pScale, pYk, k, alpha, pPf, pTmp, pColSum, pG, pDiag, pE, pWork, pB, pw, pOut);
          const out = scope.view(pOut, 2);
          const info = out[0];
          const dropped = out[1];
          const w = scope.view(pw, p * k).slice();
          if (info === 0) return { coef: w, singular: null };
          return { coef: dropped < 0 ? null : w, singular: { at: info - 1, dual: false, dropped: Math.max(dropped, 0) } };
        },
        ridgeCG(alpha, pf, targets, tol, maxIter) {
          const k = targets ? targets.k : 1;
          const pYk = targets ? scope.alloc(n * k) : pY;
          const pPf = pf ? scope.alloc(p) : 0;
          const pQ = scope.alloc(n);
          const work = Array.from({ length: 7 }, () => scope.alloc(p));
          const pw = scope.alloc(p * k);
          const pOut = scope.alloc(k);
          if (targets) scope.view(pYk, n * k).set(targets.data.subarray(0, n * k));
          if (pf) scope.view(pPf, p).set(pf);
          c.sparseRidgeCG(pColPtr, pRowIdx, pVals, pW, n, p, +opts.fitIntercept, pMean, pScale, pYk, k, alpha, pPf, tol, maxIter,
            pQ, work[0], work[1], work[2], work[3], work[4], work[5], work[6], pw, pOut);
          return { coef: scope.view(pw, p * k).slice(), residual: scope.view(pOut, k).slice() };
        },
        gramFolds: () => noSparse('cross-validation by Gram downdating'),
        // Covariance form only (RidgeCV takes cv: k for a sparse X with n ≤ p).
        ridgeLoo(alphas: Float64Array, onStep?: () => void, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeLooResult {
          if (n <= p) noSparse('efficient leave-one-out with n ≤ p');
          const pScaleL = pf ? scope.alloc(p) : pScale;
          const pYw = scope.alloc(n);
          const pTmp = scope.alloc(n);
          const pColSum = scope.alloc(p);
          const pG = scope.alloc(p * p);
          const pZ = scope.alloc(n * p);
          const pLam = scope.alloc(p);
          const pz = scope.alloc(p);
          const pLev = scope.alloc(n);
          const pB = scope.alloc(p);
          const pE = scope.alloc(p);
          const pWork = scope.alloc(p);
          const pT1 = scope.alloc(p);
          const pT2 = scope.alloc(p);
          const pC = scope.alloc(n);
          const pGv = scope.alloc(n);
          if (pf) looScales(scope.view(pScale, p), pf, scope.view(pScaleL, p));
          const m = c.sparseRidgeLooCovariance(pColPtr, pRowIdx, pVals, pW, n, p, +opts.fitIntercept, pMean, pScaleL, pY, pYw,
            pTmp, pColSum, pG, pZ, pLam, pz, pLev, pB, pE, pWork);
          return looOverAlphas(scope, { m, n, gramForm: false, Q: pZ, lam: pLam, z: pz, y: pYw, lev: pLev, t1: pT1, t2: pT2, c: pC, g: pGv }, alphas, onStep, targets);
        },
      };
      return body(design);
    });
  },
  withDesign<T>(M: CheckedMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T): T {
    const n = M.rows;
    const p = M.cols;
    return WasmScope.run([n * p, n, n, p, p], (scope) => {
      const c = scope.core;
      const pX = scope.alloc(n * p);
      const pY = scope.alloc(n);
      const pW = opts.sampleWeight ? scope.alloc(n) : 0;
      const pMean = scope.alloc(p);
      const pScale = scope.alloc(p);
      loadColumnMajor(scope, M, pX);
      const yv = scope.view(pY, n);
      for (let i = 0; i < n; i++) yv[i] = y[i];
      if (opts.sampleWeight) scope.view(pW, n).set(opts.sampleWeight);
      const yMean = c.standardizeDesign(pX, pY, pW, n, p, +opts.fitIntercept, +opts.standardize, pMean, pScale);
      const xMean = scope.view(pMean, p).slice();
      const xScale = scope.view(pScale, p).slice();
      // ridge(…, keepGram): the design matrix the normal equations use (dual: penalty-scaled) and its XᵀX (XXᵀ), for one penalty.
      let kept: { dual: boolean; pf: Float64Array | null; X: number; gram: number } | null = null;
      const keptGram = (dual: boolean, pf: Float64Array | null): { X: number; gram: number } => {
        if (kept && kept.dual === dual && kept.pf === pf) return kept;
        let X = pX;
        let gram: number;
        if (dual) {
          if (pf) {
            X = scope.alloc(n * p);
            scaleColumnsByPenalty(scope.view(pX, n * p), scope.view(X, n * p), n, pf);
          }
          gram = scope.alloc(n * n);
          c.gramRows(X, n, p, gram);
        } else {
          gram = scope.alloc(p * p);
          c.gramColumns(pX, n, p, gram);
        }
        kept = { dual, pf, X, gram };
        return kept;
      };

      const design: PreparedDesign = {
        n, p, xMean, xScale, yMean,
        enetSolver(s: EnetSetup): EnetSolver {
          return makeSolver(scope, s, {
            X: pX, y: pY, n, p,
            R: s.covariance ? 0 : scope.alloc(n),
            xty: scope.alloc(p),
            gram: s.covariance ? scope.alloc(p * p) : 0,
            gramMode: s.gram === 'full' ? GRAM_FULL : GRAM_LAZY,
            yNorm2: 0,
          });
        },
        gramFolds(maxTestRows: number, share?: GramShare | null): GramFolds {
          // Full-data statistics of this (centred, unscaled) design, once; fold buffers reused by every fold.
          const pG = scope.alloc(p * p);
          const pc = scope.alloc(p);
          const psz = scope.alloc(p);
          const pst = scope.alloc(3);
          const pT = scope.alloc(maxTestRows * (p + 2));
          const pGT = scope.alloc(p * p);
          const pGS = scope.alloc(p * p);
          const pXtyS = scope.alloc(p);
          const pShift = scope.alloc(p);
          const pScale = scope.alloc(p);
          const pOut = scope.alloc(2);
          const pTest = scope.alloc((maxTestRows + 1) >> 1);
          const pConst = scope.alloc((p + 1) >> 1);
          if (share) {
            share.fill(() => scope.view(pG, p * p), (j0, j1) => c.gramColumnRange(pX, n, p, j0, j1, pG));
            c.gramSideStats(pX, pY, n, p, pW, pG, pc, psz, pst);
          } else {
            c.gramStats(pX, pY, n, p, pW, pG, pc, psz, pst);
          }
          return {
            fold(test: Int32Array, constant: Int32Array, standardize: boolean): FoldDesign {
              scope.viewI32(pTest, test.length).set(test);
              scope.viewI32(pConst, p).set(constant);
              c.foldGram(pX, pY, n, p, pW, pG, pc, psz, pst, pTest, test.length, pConst, +opts.fitIntercept, +standardize,
                pT, pGT, pGS, pXtyS, pShift, pScale, pOut);
              const out = scope.view(pOut, 2);
              const nS = n - test.length;
              const yNorm2 = out[0];
              const fold = foldMeans(opts.fitIntercept, xMean, yMean, scope.view(pShift, p), out[1]);
              return {
                n: nS, p, xMean: fold.xMean, xScale: scope.view(pScale, p).slice(), yMean: fold.yMean,
                enetSolver: (s: EnetSetup) =>
                  makeSolver(scope, { ...s, covariance: true }, { X: 0, y: 0, n: nS, p, R: 0, xty: pXtyS, gram: pGS, gramMode: GRAM_GIVEN, yNorm2 }),
              };
            },
          };
        },
        ridge(alpha: number, pf?: Float64Array | null, targets?: PreparedTargets | null, keepGram = false): RidgeSolution {
          const dual = p > n && (!pf || allPositive(pf));
          const k = targets ? targets.k : 1;
          const pw = scope.alloc(p * k);
          let pYk = pY;
          if (targets) {
            pYk = scope.alloc(n * k);
            scope.view(pYk, n * k).set(targets.data.subarray(0, n * k));
          }
          // XᵀX (dual: XXᵀ of the penalty-scaled X) formed at the first call that keeps it, for these penalty factors.
          const keep = keepGram ? keptGram(dual, pf ?? null) : null;
          let info: number;
          let dropped = 0;
          if (dual) {
            const pXd = keep ? keep.X : pf ? scope.alloc(n * p) : pX;
            const pK = scope.alloc(n * n);
            const pA = scope.alloc(n * k);
            const pD = scope.alloc(n);
            if (pf && !keep) scaleColumnsByPenalty(scope.view(pX, n * p), scope.view(pXd, n * p), n, pf);
            scope.view(pw, p * k).fill(0);
            info = keep ? c.ridgeDualGram(pXd, pYk, n, p, k, alpha, keep.gram, pK, pA, pD, pw) : c.ridgeDual(pXd, pYk, n, p, k, alpha, pK, pA, pD, pw);
            if (info !== 0) {
              const pE = scope.alloc(n);
              const pWork = scope.alloc(n);
              dropped = c.ridgeDualMinNorm(pXd, pYk, n, p, k, alpha, pK, pA, pD, pE, pWork, pw);
            }
          } else {
            const pPf = pf ? scope.alloc(p) : 0;
            const pG = scope.alloc(p * p);
            const pD = scope.alloc(p);
            if (pf) scope.view(pPf, p).set(pf);
            info = keep ? c.ridgePrimalGram(pX, pYk, n, p, k, alpha, pPf, keep.gram, pG, pD, pw) : c.ridgePrimal(pX, pYk, n, p, k, alpha, pPf, pG, pD, pw);
            if (info !== 0) {
              const pB = scope.alloc(p * k);
              const pE = scope.alloc(p);
              const pWork = scope.alloc(p);
              dropped = c.ridgePrimalMinNorm(pX, pYk, n, p, k, alpha, pPf, pG, pB, pD, pE, pWork, pw);
            }
          }
          const w = scope.view(pw, p * k).slice();
          if (dual && pf) for (let t = 0; t < k; t++) unscaleCoefficients(w.subarray(t * p, (t + 1) * p), pf);
          if (info === 0) return { coef: w, singular: null };
          return { coef: dropped < 0 ? null : w, singular: { at: info - 1, dual, dropped: Math.max(dropped, 0) } };
        },
        ridgeLoo(alphas: Float64Array, onStep?: () => void, pf?: Float64Array | null, targets?: PreparedTargets | null): RidgeLooResult {
          if (pf) scaleColumnsByPenalty(scope.view(pX, n * p), scope.view(pX, n * p), n, pf);
          // Gram form when n ≤ p, covariance form when n > p (scikit-learn's gcv_mode 'auto').
          const gramForm = n <= p;
          const r = gramForm ? n : p;
          const pQ = scope.alloc(n * r);
          const pK = gramForm ? scope.alloc(n * n) : 0; // the Gram form's n×n workspace
          const pLam = scope.alloc(r);
          const pZ = scope.alloc(r);
          const pLev = scope.alloc(n);
          const pE = scope.alloc(r);
          const pWork = scope.alloc(r);
          const pG = gramForm ? 0 : scope.alloc(p * p);
          const pT1 = scope.alloc(r);
          const pT2 = scope.alloc(r);
          const pC = scope.alloc(n);
          const pGv = scope.alloc(n);
          scope.view(pLev, n).fill(0);
          const m = gramForm
            ? c.ridgeLooGram(pX, pY, pW, n, p, +opts.fitIntercept, pK, pQ, pLam, pZ, pE, pWork)
            : c.ridgeLooCovariance(pX, pY, pW, n, p, +opts.fitIntercept, pG, pQ, pLam, pZ, pLev, pE, pWork);
          return looOverAlphas(scope, { m, n, gramForm, Q: pQ, lam: pLam, z: pZ, y: pY, lev: pLev, t1: pT1, t2: pT2, c: pC, g: pGv }, alphas, onStep, targets);
        },
      };
      return body(design);
    });
  },
};
