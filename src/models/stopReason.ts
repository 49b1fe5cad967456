/**
 * Why coordinate descent stopped, and the warning that says so (the solver
 * reports a STOP_* code, solvers/enetSolver): the duality gap fell below
 * tol·||y||² ('converged'); maxIter sweeps were made ('maxIter'); a sweep
 * changed no coefficient ('fixedPoint'); or the gap reached its
 * floating-point floor (n + p)·ε·||y||² — or stopped decreasing after
 * rounding-level sweeps — so a tol below rounding cannot be certified ('floor').
 */
import { STOP_CONVERGED, STOP_FIXED_POINT, STOP_FLOOR, STOP_MAX_ITER } from '../solvers/enetSolver.js';

export type StopReason = 'converged' | 'maxIter' | 'fixedPoint' | 'floor';

export function stopReasonOf(code: number): StopReason {
  switch (code) {
    case STOP_CONVERGED: return 'converged';
    case STOP_FIXED_POINT: return 'fixedPoint';
    case STOP_FLOOR: return 'floor';
    case STOP_MAX_ITER: return 'maxIter';
    default: throw new Error(`penalized: internal error: unknown solver stop code ${code}`);
  }
}

/** The smallest tol the solver can certify for a design of n rows and p columns: (n + p)·ε. */
export function smallestTol(n: number, p: number): number {
  return (n + p) * Number.EPSILON;
}

/** The non-convergence warning of a single fit (gap on the objective's scale). */
export function stopMessage(
  owner: string, reason: StopReason, r: { gap: number; nIter: number }, o: { maxIter: number; tol: number }, n: number, p: number,
): string {
  const gap = `duality gap ${r.gap.toExponential(3)}`;
  switch (reason) {
    case 'fixedPoint':
      return `${owner}: coordinate descent stopped at a fixed point after ${r.nIter} sweeps (a sweep changed no coefficient) with the ${gap} ` +
        `above tol·||y||²: tol = ${o.tol} is below what rounding allows for this data, so the coefficients are as accurate as double precision allows; ` +
        `raise tol (the floor is about ${smallestTol(n, p).toExponential(1)})`;
    case 'floor':
      return `${owner}: coordinate descent stopped after ${r.nIter} sweeps at the floating-point floor of the duality gap (${gap}; ` +
        `its rounding level for this data is (n + p)·ε·||y||²): tol = ${o.tol} is below what double precision can certify, ` +
        `so the coefficients are as accurate as rounding allows; raise tol to at least ${smallestTol(n, p).toExponential(1)}`;
    default:
      return `${owner}: coordinate descent did not converge in maxIter = ${o.maxIter} sweeps (${gap}); ` +
        'raise maxIter or tol, or standardize the features';
  }
}
