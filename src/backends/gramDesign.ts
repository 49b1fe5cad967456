import type { EnetSetup, FoldDesign, RidgeSolution } from './types.js';
import type { BackendName } from '../models/options.js';
import { makeSolver as makeJsSolver } from './jsBackend.js';
import { makeSolver as makeWasmSolver } from './wasmBackend.js';
import { GRAM_GIVEN } from './enetContextLayout.generated.js';
import { choleskyFactor, choleskySolve } from '../linalg/cholesky.js';
import { WasmScope } from '../wasm/wasmCore.js';

/**
 * A prepared design given by its Gram matrix alone (glmnet's covariance mode):
 * G = ZᵀZ (p×p, full symmetric, column-major), Xᵀy = Zᵀu and ‖u‖² of the
 * centred, scaled, √weight-scaled columns Z and response u that a design
 * prepared from rows would hold, plus the centres and scales that map its
 * coefficients back to X's scale. `n` is the solver's row count (the alpha
 * scale: the objective is ½‖u − Zw‖²/n + …).
 */
export interface GramProblem {
  n: number;
  p: number;
  G: Float64Array;
  xty: Float64Array;
  yNorm2: number;
  xMean: Float64Array;
  xScale: Float64Array;
  yMean: number;
}

/** A design of a GramProblem: covariance-mode solvers, and ridge by a Cholesky solve of G + α·diag(pf). */
export interface GramDesign extends FoldDesign {
  ridge(alpha: number, penalty?: Float64Array | null): RidgeSolution;
}

/**
 * Runs `body` with a design of the problem on the backend: the coordinate-
 * descent solver in its GRAM_GIVEN mode (the mode cross-validation uses for
 * downdated fold Gram matrices, preprocess/foldGram) and the Cholesky kernels
 * of linalg/cholesky, so both backends give the same bits.
 */
export function withGramDesign<T>(backend: BackendName, g: GramProblem, body: (d: GramDesign) => T): T {
  const { n, p } = g;
  const base = { n, p, xMean: g.xMean, xScale: g.xScale, yMean: g.yMean };
  if (backend === 'js') {
    const design: GramDesign = {
      ...base,
      enetSolver: (s: EnetSetup) =>
        makeJsSolver({ ...s, covariance: true }, {
          X: new Float64Array(0), y: new Float64Array(0), n, p,
          R: new Float64Array(0), xty: g.xty.slice(), gram: g.G, gramMode: 'given', yNorm2: g.yNorm2,
        }),
      ridge(alpha, pf) {
        const A = g.G.slice();
        for (let j = 0; j < p; j++) A[j * p + j] = A[j * p + j] + (pf ? alpha * pf[j] : alpha);
        const w = g.xty.slice();
        const info = choleskyFactor(A, p, new Float64Array(p));
        if (info !== 0) return { coef: null, singularAt: info - 1, dual: false };
        choleskySolve(A, p, w);
        return { coef: w, singularAt: -1 };
      },
    };
    return body(design);
  }
  return WasmScope.run([p * p, p, p * p, p, p], (scope) => {
    const c = scope.core;
    const pG = scope.alloc(p * p);
    const pXty = scope.alloc(p);
    const pA = scope.alloc(p * p);
    const pw = scope.alloc(p);
    const pDiag = scope.alloc(p);
    scope.view(pG, p * p).set(g.G);
    scope.view(pXty, p).set(g.xty);
    const design: GramDesign = {
      ...base,
      enetSolver: (s: EnetSetup) =>
        makeWasmSolver(scope, { ...s, covariance: true }, { X: 0, y: 0, n, p, R: 0, xty: pXty, gram: pG, gramMode: GRAM_GIVEN, yNorm2: g.yNorm2 }),
      ridge(alpha, pf) {
        const A = scope.view(pA, p * p);
        A.set(g.G);
        for (let j = 0; j < p; j++) A[j * p + j] = A[j * p + j] + (pf ? alpha * pf[j] : alpha);
        scope.view(pw, p).set(g.xty);
        const info = c.choleskyFactor(pA, p, pDiag);
        if (info !== 0) return { coef: null, singularAt: info - 1, dual: false };
        c.choleskySolve(pA, p, pw);
        return { coef: scope.view(pw, p).slice(), singularAt: -1 };
      },
    };
    return body(design);
  });
}
