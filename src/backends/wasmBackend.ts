import type { Backend, DesignOptions, EnetSettings, EnetSolution, PreparedDesign, RidgeSolution } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { WasmScope } from '../wasm/wasmCore.js';

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
        enet(s: EnetSettings, warmStart?: Float64Array | null): EnetSolution {
          const pw = scope.alloc(p);
          const pR = scope.alloc(n);
          const pNorm = scope.alloc(p);
          const pPf = s.penaltyFactor ? scope.alloc(p) : 0;
          const pRes = scope.alloc(3);
          const w = scope.view(pw, p);
          if (warmStart) w.set(warmStart);
          else w.fill(0);
          if (s.penaltyFactor) scope.view(pPf, p).set(s.penaltyFactor);
          c.enetCoordinateDescent(pX, pY, n, p, pw, pR, pNorm, pPf, s.l1Reg, s.l2Reg, s.maxIter, s.tol, +s.positive, pRes);
          const res = scope.view(pRes, 3);
          return { coef: scope.view(pw, p).slice(), gap: res[0], nIter: res[1], converged: res[2] === 1 };
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
      };
      return body(design);
    });
  },
};
