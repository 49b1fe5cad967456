import type { Backend, DesignOptions, EnetSettings, EnetSolution, PreparedDesign, RidgeSolution } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { standardizeDesign } from '../preprocess/standardize.js';
import { enetCoordinateDescent } from '../solvers/coordinateDescent.js';
import { ridgePrimal, ridgeDual } from '../solvers/ridge.js';

/** The pure-JS backend: the twins in src/kernels, src/solvers, … on ordinary Float64Arrays. */
export const jsBackend: Backend = {
  name: 'js',
  withDesign<T>(M: CheckedMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T): T {
    const n = M.rows;
    const p = M.cols;
    const X = new Float64Array(n * p);
    M.writeColumnMajor(X, 0);
    const yy = Float64Array.from(y);
    const xMean = new Float64Array(p);
    const xScale = new Float64Array(p);
    const yMean = standardizeDesign(X, yy, opts.sampleWeight, n, p, opts.fitIntercept, opts.standardize, xMean, xScale);
    const design: PreparedDesign = {
      n, p, xMean, xScale, yMean,
      enet(s: EnetSettings, warmStart?: Float64Array | null): EnetSolution {
        const w = warmStart ? Float64Array.from(warmStart) : new Float64Array(p);
        const r = enetCoordinateDescent(
          X, yy, n, p, w, new Float64Array(n), new Float64Array(p), s.penaltyFactor,
          s.l1Reg, s.l2Reg, s.maxIter, s.tol, s.positive,
        );
        return { coef: w, gap: r.gap, nIter: r.nIter, converged: r.converged };
      },
      ridge(alpha: number): RidgeSolution {
        const w = new Float64Array(p);
        const dual = p > n;
        const info = dual
          ? ridgeDual(X, yy, n, p, alpha, new Float64Array(n * n), new Float64Array(n), new Float64Array(n), w)
          : ridgePrimal(X, yy, n, p, alpha, new Float64Array(p * p), new Float64Array(p), w);
        return info === 0 ? { coef: w, singularAt: -1 } : { coef: null, singularAt: info - 1, dual };
      },
    };
    return body(design);
  },
};
