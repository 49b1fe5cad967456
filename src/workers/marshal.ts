/**
 * What crosses the thread boundary and how, both ways.
 *
 * Out: a dense X becomes one row-major Float64Array — a copy made here whose
 * buffer is transferred (zero-copy), or the caller's own data when it already
 * lives in a SharedArrayBuffer — never an array of rows through structured
 * clone. A sparse X ({ format, indptr, indices, data, rows, cols }) travels in
 * its own format as typed copies of its three arrays (Int32Array indices and
 * pointers, Float64Array values), transferred. Arrays of rows, plain-number
 * data and sparse structure are validated here first, with the very checks
 * (and messages) of `fit`, since their values cannot be checked once
 * converted; a flat Float64Array is checked by the worker (same code, same
 * messages). A 2-D y (several targets) is validated here as `fit` validates it
 * and packed row-major as `{ data: Float64Array, rows, cols }`; 1-D y and
 * weights travel as given, typed arrays as transferred copies of the same
 * type (the worker validates them exactly as `fit` does). The caller's arrays
 * are only read: every buffer transferred is a copy.
 *
 * Back: a fitted model is its own enumerable fields (coef/intercept state,
 * nIter, alpha, curves, …; the options stay on the main thread), so the model
 * the caller holds ends with exactly the fields and bits the worker's fit gave.
 */
import { checkMatrix, checkVector } from '../io/matrix.js';
import { checkSparse, isSparseInput, type SparseInput } from '../io/sparse.js';
import { checkTargets } from '../io/targets.js';
import type { PackedDesign, PackedMatrix, PackedSparse } from './protocol.js';

function isFlat(X: unknown): X is { data: unknown; rows: unknown; cols: unknown } {
  return typeof X === 'object' && X !== null && 'data' in X && 'rows' in X && 'cols' in X;
}

const hasShared = typeof SharedArrayBuffer !== 'undefined';

/** A flat Float64Array X of a consistent shape: copied (or shared) as it is, its values checked by the worker. */
function isPackedShape(X: unknown): X is PackedMatrix {
  if (!isFlat(X) || isSparseInput(X) || !(X.data instanceof Float64Array)) return false;
  const { rows, cols } = X;
  return typeof rows === 'number' && typeof cols === 'number' && Number.isSafeInteger(rows) && Number.isSafeInteger(cols) &&
    rows > 0 && cols > 0 && X.data.length === rows * cols;
}

/** Sparse matrices packed here: already validated, so packing them again (one copy per task) only copies. */
const packedSparse = new WeakSet<object>();

type IntArray = Int32Array | Float64Array;

/** A copy of `src` as `C`, in shared memory when `shared`. */
function copyAs<T extends Int32Array | Float64Array>(C: { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, src: ArrayLike<number>, shared: boolean): T {
  const out = shared ? new C(new SharedArrayBuffer(src.length * C.BYTES_PER_ELEMENT)) : new C(src.length);
  out.set(src);
  return out;
}

/**
 * A sparse X as it travels: validated here (fit's errors, on the calling
 * thread), then typed copies of the caller's arrays in the caller's format,
 * so the worker's fit sees exactly the matrix `fit` would.
 */
function packSparse(X: SparseInput, shared: boolean): PackedSparse {
  if (!packedSparse.has(X)) checkSparse(X);
  // Validated: pointers and indices are integers in [0, nnz] and [0, 2³¹ − 1), values finite numbers.
  const nnz = X.indptr[X.indptr.length - 1];
  const Ptr = nnz <= 0x7fffffff ? Int32Array : Float64Array;
  const out: PackedSparse = {
    format: X.format,
    indptr: copyAs<IntArray>(Ptr, X.indptr, shared),
    indices: copyAs(Int32Array, X.indices, shared),
    data: copyAs(Float64Array, X.data, shared),
    rows: X.rows,
    cols: X.cols,
  };
  packedSparse.add(out);
  return out;
}

function sparseBuffers(S: PackedSparse): Transferable[] {
  return [S.indptr.buffer, S.indices.buffer, S.data.buffer] as ArrayBuffer[];
}

/**
 * Packs X (dense, or sparse unless `sparse` is false: then a sparse X gets
 * the error of a dense-only fit) for a worker; returns the packed matrix and
 * the buffers to transfer.
 */
export function packMatrix(X: unknown, sparse = true): { matrix: PackedDesign; transfer: Transferable[] } {
  if (sparse && isSparseInput(X)) {
    const matrix = packSparse(X, false);
    return { matrix, transfer: sparseBuffers(matrix) };
  }
  if (isPackedShape(X)) {
    const { data, rows, cols } = X;
    if (hasShared && data.buffer instanceof SharedArrayBuffer) return { matrix: { data, rows, cols }, transfer: [] };
    const copy = data.slice();
    return { matrix: { data: copy, rows, cols }, transfer: [copy.buffer] };
  }
  const M = checkMatrix(X, 'X');
  const data = new Float64Array(M.rows * M.cols);
  M.writeRowMajor(data, 0, M.rows);
  return { matrix: { data, rows: M.rows, cols: M.cols }, transfer: [data.buffer] };
}

/**
 * X for several tasks at once: one copy in a SharedArrayBuffer that every
 * worker reads (Node; browsers only when cross-origin isolated), or null when
 * shared memory is not available (then each task gets its own packed copy).
 * `take` gives the shared buffer (a pool's reused one: workers/sharedScratch).
 */
export function packMatrixShared(X: unknown, take: (bytes: number) => SharedArrayBuffer = (b) => new SharedArrayBuffer(b)): PackedDesign | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (!hasShared || isolated === false) return null;
  if (isSparseInput(X)) {
    if (packedSparse.has(X) && X.data instanceof Float64Array && X.data.buffer instanceof SharedArrayBuffer) return X as PackedSparse;
    return packSparse(X, true);
  }
  // One copy, straight into shared memory (X is often tens of MB: a second copy costs as much as a fold).
  if (isPackedShape(X)) {
    const { data, rows, cols } = X;
    if (data.buffer instanceof SharedArrayBuffer) return { data, rows, cols };
    const shared = new Float64Array(take(data.byteLength), 0, data.length);
    shared.set(data);
    return { data: shared, rows, cols };
  }
  const M = checkMatrix(X, 'X');
  const shared = new Float64Array(take(M.rows * M.cols * 8), 0, M.rows * M.cols);
  M.writeRowMajor(shared, 0, M.rows);
  return { data: shared, rows: M.rows, cols: M.cols };
}

/**
 * X for several tasks (parallel cross-validation), validated once: shared
 * (packMatrixShared), or without shared memory a caller's flat Float64Array
 * as it is and anything else as one validated copy; packMatrix then copies it
 * per task without validating again. `take` as for packMatrixShared.
 */
export function packMatrixForTasks(X: unknown, take?: (bytes: number) => SharedArrayBuffer): PackedDesign {
  return packMatrixShared(X, take) ?? (isPackedShape(X) ? X : packMatrix(X).matrix);
}

/**
 * How a task's fit reads y: 'targets' one target or several (Lasso,
 * ElasticNet, Ridge, RidgeCV), 'vector' one target only (the paths, LassoCV,
 * ElasticNetCV), 'labels' class labels of any kind (LogisticRegression).
 */
export type TargetForm = 'targets' | 'vector' | 'labels';

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
}

/** y given as n×k (io/targets' forms: rows of k numbers, or { data, rows, cols }). */
function isTwoD(y: unknown): boolean {
  if (y === null || typeof y !== 'object') return false;
  if (!isArrayLike(y)) return isFlat(y);
  return y.length > 0 && isArrayLike(y[0]);
}

/**
 * y packed for a worker whose fit has `rows` rows (X as given: `X`): a 2-D y
 * validated here as `fit` would (so a model that takes one target refuses it
 * with fit's error) and packed row-major in one Float64Array; anything else
 * as packVector.
 */
export function packTargets(y: unknown, X: unknown, rows: number, form: TargetForm): { value: unknown; transfer: Transferable[] } {
  if (form !== 'labels' && isTwoD(y)) {
    // fit reads X's values before y's: a flat Float64Array X, left to the worker otherwise, is scanned first.
    if (isPackedShape(X)) checkMatrix(X, 'X');
    if (form === 'vector') checkVector(y, rows, 'y'); // throws fit's error: this entry point takes one target
    const t = checkTargets(y, rows);
    const columns = t.multi ? t.columns : [t.y];
    const k = columns.length;
    const data = new Float64Array(rows * k);
    for (let c = 0; c < k; c++) {
      const col = columns[c];
      for (let i = 0; i < rows; i++) data[i * k + c] = col[i];
    }
    return { value: { data, rows, cols: k }, transfer: [data.buffer] };
  }
  return packVector(y);
}

/**
 * A 1-D input (y, weights) or a scalar for a worker: a typed array as a
 * transferred copy of the same type (the caller's array is never detached),
 * a plain array as it is, other array-likes as arrays, anything else as given.
 */
export function packVector(v: unknown): { value: unknown; transfer: Transferable[] } {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const copy = (v as unknown as { slice(): ArrayBufferView }).slice();
    return { value: copy, transfer: [copy.buffer as ArrayBuffer] };
  }
  return { value: cloneableVector(v), transfer: [] };
}

/** A 1-D input as it can be structured-cloned: typed arrays and arrays as they are, other array-likes as arrays. */
export function cloneableVector(v: unknown): unknown {
  if (v == null || typeof v !== 'object' || ArrayBuffer.isView(v) || Array.isArray(v)) return v;
  if (typeof (v as ArrayLike<unknown>).length === 'number') return Array.from(v as ArrayLike<unknown>);
  return v;
}

/**
 * Options as they can be sent: nulls (defaults) left out; functions are left out and named in `hooks`
 * (the worker puts forwarding functions in their place); `extraHooks` names
 * options the worker should hook even when unset (onProgress).
 */
export function cloneableOptions(options: object, drop: readonly string[] = []): { options: Record<string, unknown>; hooks: string[] } {
  const out: Record<string, unknown> = {};
  const hooks: string[] = [];
  for (const [k, v] of Object.entries(options)) {
    if (drop.includes(k)) continue;
    if (typeof v === 'function') hooks.push(k);
    else if (k === 'onProgress') hooks.push(k);
    // A resolved null is the option's default (no option defaults to something else and takes null),
    // and some options refuse an explicit null (LogisticRegression's alpha and C).
    else if (v !== null) out[k] = cloneableVector(v);
  }
  return { options: out, hooks };
}

/** The buffers of every typed array reachable in `value` (each once; shared memory excluded), to transfer it back. */
export function buffersOf(value: unknown, out: Set<ArrayBuffer> = new Set(), seen: Set<object> = new Set()): Set<ArrayBuffer> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (!(hasShared && value.buffer instanceof SharedArrayBuffer)) out.add(value.buffer as ArrayBuffer);
    return out;
  }
  for (const v of Object.values(value)) buffersOf(v, out, seen);
  return out;
}

/** A fitted model's state: its own enumerable fields except its options. */
export function fittedFields(model: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) if (k !== 'options') fields[k] = v;
  return fields;
}

/** Gives `model` the fields a worker's fit produced. */
export function adoptFields(model: object, fields: Record<string, unknown>): void {
  Object.assign(model, fields);
}
