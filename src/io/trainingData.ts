/**
 * The one validation path of every training entry point (fit of every model,
 * the paths, the cross-validated models), in this order:
 *
 *  1. the shape of X, y's length and, for the WASM backend, the size of the
 *     workspace the entry point will allocate — all in O(1), before any value
 *     is read, so a problem too large for 32-bit WebAssembly memory is refused
 *     at once whatever its size;
 *  2. every value of X and y, read once (finite numbers only);
 *  3. the magnitudes: sums of squares must not overflow double precision.
 *
 * Errors carry the entry point's name and are the same wherever they arise.
 */
import { checkMatrix, checkVector, type CheckedMatrix, type ShapeCheck } from './matrix.js';
import { checkSampleWeight } from './weights.js';
import { checkSparse, isSparseInput, type SparseMatrix } from './sparse.js';
import { checkTargets } from './targets.js';
import { checkWasmCapacity } from '../wasm/wasmCore.js';
import type { BackendName } from '../models/options.js';

/**
 * The f64 buffers an entry point allocates besides the prepared design (X, y,
 * weights, column means and scales), as a function of the shape. Only the
 * terms that grow with n·p, n² or p² matter; the backend checks its exact
 * workspace again before allocating.
 */
export type WorkspacePlan = (n: number, p: number) => number[];

/** Validated training data: the matrix accessor and a copy of y. */
export interface TrainingData {
  M: CheckedMatrix;
  y: Float64Array;
}

/**
 * The check run on X's shape before its values are read: for the WASM backend
 * the design (n·p doubles, y, weights, per-column statistics) plus the entry
 * point's workspace must fit in 32-bit linear memory, each buffer within the
 * allocator's 1 GiB block.
 */
export function capacityCheck(backend: BackendName, workspace?: WorkspacePlan): ShapeCheck | undefined {
  if (backend !== 'wasm') return undefined;
  return (n, p) => checkWasmCapacity([n * p, n, n, p, p, ...(workspace ? workspace(n, p) : [])]);
}

/**
 * Validates X and y of a training call (see the order above); `shapeCheck`
 * runs first on the shape (e.g. the size of a path's result).
 */
export function checkTrainingData(
  owner: string, X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan, shapeCheck?: ShapeCheck,
): TrainingData {
  const capacity = capacityCheck(backend, workspace);
  const M = checkMatrix(X, 'X', (n, p) => {
    shapeCheck?.(n, p);
    capacity?.(n, p);
  });
  const yy = checkVector(y, M.rows, 'y');
  checkMagnitudes(M, yy, owner);
  return { M, y: yy };
}

/**
 * Sample weights used as they are (ridge: no rescaling to sum to n) multiply
 * the sums of squares, so the magnitude check is repeated with their sum.
 */
export function checkRawWeights(owner: string, sampleWeight: unknown, M: CheckedMatrix | SparseMatrix, y: ArrayLike<number>): Float64Array {
  const sw = checkSampleWeight(sampleWeight, M.rows, null);
  let sum = 0;
  for (let i = 0; i < sw.length; i++) sum += sw[i];
  if (sum > M.rows) checkMagnitudes(M, y, owner, sum);
  return sw;
}

/**
 * Refuses data whose sums of squares over n rows would overflow double
 * precision (|v| above √(MAX_VALUE / 16n) ≈ 3e153/√n): Gram entries, ||y||² and
 * the duality gap would become Infinity and the solvers would report a false
 * singularity or non-convergence instead of an answer.
 */
export function checkMagnitudes(M: CheckedMatrix | SparseMatrix, y: ArrayLike<number>, owner: string, weightSum?: number): void {
  const n = M.rows;
  const mass = weightSum === undefined ? n : Math.max(n, weightSum);
  const limit = Math.sqrt(Number.MAX_VALUE / (16 * mass));
  const rows = weightSum === undefined ? `${n} rows` : `sample weights summing to ${weightSum.toExponential(3)}`;
  const advice = `with ${rows}, sums of squares overflow double precision above ${limit.toExponential(1)}; rescale the data${weightSum === undefined ? '' : ' or the weights'} (e.g. divide by a power of 10)`;
  if (M.maxAbs && M.maxAbs.value > limit) {
    const { value, row, col } = M.maxAbs;
    throw new RangeError(`${owner}: X has an entry of magnitude ${value.toExponential(3)} at row ${row}, column ${col}: ${advice}`);
  }
  for (let i = 0; i < n; i++) {
    if (Math.abs(y[i]) > limit) throw new RangeError(`${owner}: y[${i}] has magnitude ${Math.abs(y[i]).toExponential(3)}: ${advice}`);
  }
}

/** X of a training call that may be sparse (io/sparse: validated and held as CSC, never densified) or dense (checked as above). */
export function checkTrainingDesign(X: unknown, backend: BackendName, workspace?: WorkspacePlan, shapeCheck?: ShapeCheck): CheckedMatrix | SparseMatrix {
  if (isSparseInput(X)) {
    const S = checkSparse(X);
    shapeCheck?.(S.rows, S.cols);
    return S;
  }
  const capacity = capacityCheck(backend, workspace);
  return checkMatrix(X, 'X', (n, p) => {
    shapeCheck?.(n, p);
    capacity?.(n, p);
  });
}

/** Validated data of an entry point that takes a sparse X and a 1-D y (paths, cross-validation). */
export function checkTrainingDataOf(owner: string, X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan, shapeCheck?: ShapeCheck): {
  M: CheckedMatrix | SparseMatrix; y: Float64Array;
} {
  const M = checkTrainingDesign(X, backend, workspace, shapeCheck);
  const yy = Float64Array.from(checkVector(y, M.rows, 'y'));
  checkMagnitudes(M, yy, owner);
  return { M, y: yy };
}

/**
 * Validated data of a model's fit: X dense or sparse, y one target or
 * several (io/targets: n×k as rows or { data, rows, cols }); `columns` are the
 * targets (one for a 1-D y), `multi` says whether y was 2-D.
 */
export function checkTrainingTargets(owner: string, X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan, shapeCheck?: ShapeCheck): {
  M: CheckedMatrix | SparseMatrix; columns: Float64Array[]; multi: boolean;
} {
  const M = checkTrainingDesign(X, backend, workspace, shapeCheck);
  const t = checkTargets(y, M.rows);
  const columns = t.multi ? t.columns : [Float64Array.from(t.y)];
  for (const c of columns) checkMagnitudes(M, c, owner);
  return { M, columns, multi: t.multi };
}
