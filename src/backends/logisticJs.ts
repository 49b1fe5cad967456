import type { LogisticBackend, LogisticDesign, LogisticSetup, LogisticSolver } from './logisticTypes.js';
import { centerScaleColumns } from '../preprocess/standardize.js';
import { logisticInit, logisticSolve, logisticL1Max, type LogisticContext } from '../solvers/logisticSolver.js';
import { heldOutLogistic, DEVIANCE, ACCURACY } from '../kernels/heldOutLogistic.js';
import { nonzeroColumns } from '../kernels/nonzeroColumns.js';

/** The pure-JS logistic backend: the twins in src/solvers, src/kernels and src/math on Float64Arrays. */
export const logisticJs: LogisticBackend = {
  withLogisticDesign(M, y01, sw, opts, body) {
    const n = M.rows;
    const p = M.cols;
    const X = new Float64Array(n * p);
    M.writeColumnMajor(X, 0);
    const xMean = new Float64Array(p);
    const xScale = new Float64Array(p);
    // y is not needed centred: a scratch copy takes the centring.
    centerScaleColumns(X, new Float64Array(n), sw, n, p, opts.fitIntercept, opts.standardize, xMean, xScale);
    const y = Float64Array.from(y01);
    const w = Float64Array.from(sw);
    const design: LogisticDesign = {
      n, p, xMean, xScale,
      solver(s: LogisticSetup): LogisticSolver {
        const c: LogisticContext = {
          X, y, sw: w, n, p,
          beta: new Float64Array(p), b0: 0,
          eta: new Float64Array(n), m: new Float64Array(n), v: new Float64Array(n), r: new Float64Array(n),
          g: new Float64Array(p), h: new Float64Array(p), bOld: new Float64Array(p),
          list: new Int32Array(p), inW: new Int32Array(p), active: new Int32Array(p),
          pf: s.penaltyFactor, positive: s.positive, intercept: opts.fitIntercept,
          nullLoss: 0, loss: 0, xwy: new Float64Array(p), norm: new Float64Array(p), wSum: 0, wy: 0,
          rPrev: new Float64Array(n), bPrev: new Float64Array(p),
          xabs: new Float64Array(p), slack: new Float64Array(p), x16: new Int16Array(n * p), xScale16: new Float64Array(p), r16: new Int16Array(n), xwyMax: 0, outMax: Infinity,
          cand: new Int32Array(p), nCand: 0, candThr: Infinity, candMax: 0,
        };
        const l1Max = logisticInit(c);
        const nz = new Int32Array(p);
        return {
          l1Max,
          nullLoss: c.nullLoss,
          solve: (l1, l2, l1Prev, maxIter, tol) => logisticSolve(c, l1, l2, l1Prev, maxIter, tol),
          coefInto: (out, offset) => out.set(c.beta, offset),
          nonzeroCoefs: () => ({ beta: c.beta, idx: nz, count: nonzeroColumns(c.beta, p, nz) }),
          intercept: () => c.b0,
          l1MaxNow: () => logisticL1Max(c),
        };
      },
    };
    return body(design);
  },
  heldOutScores(XT, yT, wT, p, coefs, intercepts, scoring) {
    const nT = yT.length;
    const K = intercepts.length;
    const out = new Float64Array(K);
    heldOutLogistic(XT, yT, wT, nT, coefs.start, coefs.idx, coefs.val, intercepts, K, scoring === 'accuracy' ? ACCURACY : DEVIANCE, new Float64Array(nT), out);
    return out;
  },
};
