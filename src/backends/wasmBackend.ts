import type { Backend, DesignOptions, EnetSetup, EnetSolver, PreparedDesign, RidgeLooResult, RidgeSolution } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { WasmScope } from '../wasm/wasmCore.js';

/** Slot indices of the solver context block; must match assembly/solvers/enetContext.ts. */
const CTX = {
  X: 0, Y: 1, N: 2, P: 3, W: 4, R: 5, G: 6, NORM: 7, XTY: 8, GRAM: 9, SLOT: 10, LIST: 11,
  ACTIVE: 12, INW: 13, PF: 14, POSITIVE: 15, COV: 16, NGRAM: 17, YNORM2: 18, GRAMMODE: 19, SLOTS: 20,
} as const;

/**
 * The WebAssembly backend: X is written once, column-major, straight into
 * linear memory (no intermediate JS copy), prepared there, solved by the
 * AssemblyScript kernels and freed when the body returns.
 */
export const wasmBackend: Backend = {
  name: 'wasm',
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
      M.writeColumnMajor(scope.view(pX, n * p), 0);
      const yv = scope.view(pY, n);
      for (let i = 0; i < n; i++) yv[i] = y[i];
      if (opts.sampleWeight) scope.view(pW, n).set(opts.sampleWeight);
      const yMean = c.standardizeDesign(pX, pY, pW, n, p, +opts.fitIntercept, +opts.standardize, pMean, pScale);
      const xMean = scope.view(pMean, p).slice();
      const xScale = scope.view(pScale, p).slice();

      const design: PreparedDesign = {
        n, p, xMean, xScale, yMean,
        enetSolver(s: EnetSetup): EnetSolver {
          if (c.enetContextSlots() !== CTX.SLOTS) throw new Error('penalized: internal error: WASM solver context layout mismatch (rebuild the core)');
          const i32Slots = (p + 1) >> 1; // an i32[p] array in f64 units
          const pCtx = scope.alloc(CTX.SLOTS);
          const pw = scope.alloc(p);
          const pR = s.covariance ? 0 : scope.alloc(n);
          const pG = scope.alloc(p);
          const pNorm = scope.alloc(p);
          const pXty = scope.alloc(p);
          const pGram = s.covariance ? scope.alloc(p * p) : 0;
          const pSlot = scope.alloc(i32Slots);
          const pList = scope.alloc(i32Slots);
          const pActive = scope.alloc(i32Slots);
          const pInW = scope.alloc(i32Slots);
          const pPf = s.penaltyFactor ? scope.alloc(p) : 0;
          const pRes = scope.alloc(3);
          // All buffers exist now; views taken from here on stay valid.
          const ctx = scope.view(pCtx, CTX.SLOTS);
          ctx.fill(0);
          ctx[CTX.X] = pX; ctx[CTX.Y] = pY; ctx[CTX.N] = n; ctx[CTX.P] = p;
          ctx[CTX.W] = pw; ctx[CTX.R] = pR; ctx[CTX.G] = pG; ctx[CTX.NORM] = pNorm;
          ctx[CTX.XTY] = pXty; ctx[CTX.GRAM] = pGram; ctx[CTX.SLOT] = pSlot; ctx[CTX.LIST] = pList;
          ctx[CTX.ACTIVE] = pActive; ctx[CTX.INW] = pInW; ctx[CTX.PF] = pPf;
          ctx[CTX.POSITIVE] = s.positive ? 1 : 0; ctx[CTX.COV] = s.covariance ? 1 : 0;
          ctx[CTX.GRAMMODE] = s.gram === 'full' ? 1 : 0;
          scope.view(pw, p).fill(0);
          if (s.penaltyFactor) scope.view(pPf, p).set(s.penaltyFactor);
          const l1Max = c.enetInit(pCtx);
          return {
            l1Max,
            solve(l1, l2, l1Prev, maxIter, tol) {
              c.enetSolve(pCtx, l1, l2, l1Prev, maxIter, tol, pRes);
              const r = scope.view(pRes, 3);
              return { gap: r[0], nIter: r[1], converged: r[2] === 1 };
            },
            coef: () => scope.view(pw, p).slice(),
          };
        },
        ridge(alpha: number): RidgeSolution {
          const dual = p > n;
          const pw = scope.alloc(p);
          let info: number;
          if (dual) {
            const pK = scope.alloc(n * n);
            const pA = scope.alloc(n);
            const pD = scope.alloc(n);
            scope.view(pw, p).fill(0);
            info = c.ridgeDual(pX, pY, n, p, alpha, pK, pA, pD, pw);
          } else {
            const pG = scope.alloc(p * p);
            const pD = scope.alloc(p);
            info = c.ridgePrimal(pX, pY, n, p, alpha, pG, pD, pw);
          }
          return info === 0 ? { coef: scope.view(pw, p).slice(), singularAt: -1 } : { coef: null, singularAt: info - 1, dual };
        },
        ridgeLoo(alphas: Float64Array, onStep?: () => void): RidgeLooResult {
          // Gram form when n ≤ p, covariance form when n > p (scikit-learn's gcv_mode 'auto').
          const gramForm = n <= p;
          const r = gramForm ? n : p;
          const pQ = scope.alloc(n * r);
          const pQ2 = scope.alloc(gramForm ? n * n : n * p);
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
            ? c.ridgeLooGram(pX, pY, pW, n, p, +opts.fitIntercept, pQ2, pQ, pLam, pZ, pE, pWork)
            : c.ridgeLooCovariance(pX, pY, pW, n, p, +opts.fitIntercept, pG, pQ, pQ2, pLam, pZ, pLev, pE, pWork);
          if (m < 0) return { mse: null, failure: m === -1 ? 'eigen' : 'overflow' };
          onStep?.();
          const mse = new Float64Array(alphas.length);
          for (let a = 0; a < alphas.length; a++) {
            mse[a] = c.ridgeLooMse(n, m, +gramForm, pQ, pQ2, pLam, pZ, pY, pLev, alphas[a], pT1, pT2, pC, pGv);
            onStep?.();
          }
          return { mse, failure: null };
        },
      };
      return body(design);
    });
  },
};
