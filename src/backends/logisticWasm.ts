import type { LogisticBackend, LogisticDesign, LogisticSetup, LogisticSolver } from './logisticTypes.js';
import { WasmScope } from '../wasm/wasmCore.js';
import { loadColumnMajor } from './wasmBackend.js';
import { LCTX } from './logisticContextLayout.generated.js';

/** Slot indices of the logistic context block, generated from assembly/solvers/logisticContext.ts at build time. */
const L = LCTX;

/** f64 values a logistic fit allocates: X, 8 n-vectors (y, w, scratch, η, m, v, r, r before a sweep), per-feature buffers, a context per solver with its 16-bit integer copy of X (the screen) and its candidate list. */
export function logisticPlannedF64(n: number, p: number): number[] {
  return [n * p, n, n, n, n, n, n, n, n, p, p, L.SLOTS + 13 * p + 8, Math.ceil((n * p) / 4), Math.ceil(n / 4), Math.ceil(p / 2)];
}

/**
 * The WebAssembly logistic backend: X is written column-major straight into
 * linear memory, centred/scaled there, and each solver gets its own context
 * block and workspace (allocated once, freed with the design).
 */
export const logisticWasm: LogisticBackend = {
  withLogisticDesign(M, y01, sw, opts, body) {
    const n = M.rows;
    const p = M.cols;
    return WasmScope.run(logisticPlannedF64(n, p), (scope) => {
      const c = scope.core;
      if (c.logisticContextSlots() !== L.SLOTS) throw new Error('penalized: internal error: WASM logistic context layout mismatch (rebuild the core)');
      const pX = scope.alloc(n * p);
      const pY = scope.alloc(n);
      const pW = scope.alloc(n);
      const pScratch = scope.alloc(n);
      const pMean = scope.alloc(p);
      const pScale = scope.alloc(p);
      loadColumnMajor(scope, M, pX);
      scope.view(pY, n).set(y01);
      scope.view(pW, n).set(sw);
      scope.view(pScratch, n).fill(0);
      c.centerScaleColumns(pX, pScratch, pW, n, p, +opts.fitIntercept, +opts.standardize, pMean, pScale);
      const xMean = scope.view(pMean, p).slice();
      const xScale = scope.view(pScale, p).slice();
      const design: LogisticDesign = {
        n, p, xMean, xScale,
        solver(s: LogisticSetup): LogisticSolver {
          const i32 = (p + 1) >> 1;
          const pCtx = scope.alloc(L.SLOTS);
          const vec = (k: number): number => scope.alloc(k);
          const ptr = {
            beta: vec(p), eta: vec(n), m: vec(n), v: vec(n), r: vec(n), g: vec(p), h: vec(p), bOld: vec(p),
            list: vec(i32), inW: vec(i32), active: vec(i32), pf: s.penaltyFactor ? vec(p) : 0,
            xwy: vec(p), norm: vec(p), res: vec(5), rPrev: vec(n), bPrev: vec(p),
            xabs: vec(p), slack: vec(p), xScale16: vec(p), x16: vec(Math.ceil((n * p) / 4)), r16: vec(Math.ceil(n / 4)), nz: vec(i32), cand: vec(i32),
          };
          const ctx = scope.view(pCtx, L.SLOTS);
          ctx.fill(0);
          ctx[L.X] = pX; ctx[L.Y] = pY; ctx[L.SW] = pW; ctx[L.N] = n; ctx[L.P] = p;
          ctx[L.BETA] = ptr.beta; ctx[L.ETA] = ptr.eta; ctx[L.M] = ptr.m; ctx[L.V] = ptr.v; ctx[L.R] = ptr.r;
          ctx[L.G] = ptr.g; ctx[L.H] = ptr.h; ctx[L.BOLD] = ptr.bOld; ctx[L.LIST] = ptr.list; ctx[L.INW] = ptr.inW;
          ctx[L.ACTIVE] = ptr.active; ctx[L.PF] = ptr.pf; ctx[L.POSITIVE] = s.positive ? 1 : 0;
          ctx[L.INTERCEPT] = opts.fitIntercept ? 1 : 0; ctx[L.XWY] = ptr.xwy; ctx[L.NORM] = ptr.norm;
          ctx[L.RPREV] = ptr.rPrev; ctx[L.BPREV] = ptr.bPrev;
          ctx[L.XABS] = ptr.xabs; ctx[L.SLACK] = ptr.slack; ctx[L.X16] = ptr.x16; ctx[L.XSCALE16] = ptr.xScale16; ctx[L.R16] = ptr.r16;
          ctx[L.CAND] = ptr.cand;
          if (s.penaltyFactor) scope.view(ptr.pf, p).set(s.penaltyFactor);
          scope.view(ptr.h, p).fill(0);
          const l1Max = c.logisticInit(pCtx);
          const nullLoss = scope.view(pCtx, L.SLOTS)[L.NULLLOSS];
          return {
            l1Max,
            nullLoss,
            solve(l1, l2, l1Prev, maxIter, tol) {
              c.logisticSolve(pCtx, l1, l2, l1Prev, maxIter, tol, ptr.res);
              const r = scope.view(ptr.res, 5);
              return { gap: r[0], nIter: r[1], converged: r[2] === 1, loss: r[3], nNewton: r[4] };
            },
            coefInto: (out, offset) => out.set(scope.view(ptr.beta, p), offset),
            nonzeroCoefs: () => {
              const count = c.nonzeroColumns(ptr.beta, p, ptr.nz);
              return { beta: scope.view(ptr.beta, p), idx: scope.viewI32(ptr.nz, count), count };
            },
            intercept: () => scope.view(pCtx, L.SLOTS)[L.B0],
            l1MaxNow: () => c.logisticL1Max(pCtx),
          };
        },
      };
      return body(design);
    });
  },
  heldOutScores(XT, yT, wT, p, coefs, intercepts, scoring) {
    const nT = yT.length;
    const K = intercepts.length;
    const nnz = coefs.start[K];
    const half = (m: number): number => Math.ceil(m / 2);
    return WasmScope.run([nT * p, nT, nT, half(K + 1), half(nnz), nnz, K, nT, K], (scope) => {
      const pXT = scope.alloc(nT * p);
      const pY = scope.alloc(nT);
      const pW = scope.alloc(nT);
      const pStart = scope.alloc(half(K + 1));
      const pIdx = scope.alloc(half(nnz));
      const pVal = scope.alloc(nnz);
      const pB = scope.alloc(K);
      const pS = scope.alloc(nT);
      const pOut = scope.alloc(K);
      scope.view(pXT, nT * p).set(XT.subarray(0, nT * p));
      scope.view(pY, nT).set(yT);
      scope.view(pW, nT).set(wT);
      scope.viewI32(pStart, K + 1).set(coefs.start.subarray(0, K + 1));
      scope.viewI32(pIdx, nnz).set(coefs.idx.subarray(0, nnz));
      scope.view(pVal, nnz).set(coefs.val.subarray(0, nnz));
      scope.view(pB, K).set(intercepts);
      // 0: deviance, 1: accuracy (assembly/kernels/heldOutLogistic's codes)
      scope.core.heldOutLogistic(pXT, pY, pW, nT, pStart, pIdx, pVal, pB, K, scoring === 'accuracy' ? 1 : 0, pS, pOut);
      return scope.view(pOut, K).slice();
    });
  },
};
