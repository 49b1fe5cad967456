/**
 * What crosses the thread boundary and how, both ways.
 *
 * Out: X becomes one row-major Float64Array — a copy made here whose buffer is
 * transferred (zero-copy), or the caller's own data when it already lives in a
 * SharedArrayBuffer — never an array of rows through structured clone. Arrays
 * of rows and plain-number data are validated here first, with the very checks
 * (and messages) of `fit`, since their values cannot be checked once
 * converted. y and the weights are 1-D and travel as given (the worker
 * validates them exactly as `fit` does).
 *
 * Back: a fitted model is its own enumerable fields (coef/intercept state,
 * nIter, alpha, curves, …; the options stay on the main thread), so the model
 * the caller holds ends with exactly the fields and bits the worker's fit gave.
 */
import { checkMatrix } from '../io/matrix.js';
import type { PackedMatrix } from './protocol.js';

function isFlat(X: unknown): X is { data: unknown; rows: unknown; cols: unknown } {
  return typeof X === 'object' && X !== null && 'data' in X && 'rows' in X && 'cols' in X;
}

const hasShared = typeof SharedArrayBuffer !== 'undefined';

/** Packs X for a worker; returns the packed matrix and the buffers to transfer. */
export function packMatrix(X: unknown): { matrix: PackedMatrix; transfer: Transferable[] } {
  if (isFlat(X) && X.data instanceof Float64Array && typeof X.rows === 'number' && typeof X.cols === 'number' && X.data.length === X.rows * X.cols) {
    const { data, rows, cols } = X as PackedMatrix;
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
export function packMatrixShared(X: unknown, take: (bytes: number) => SharedArrayBuffer = (b) => new SharedArrayBuffer(b)): PackedMatrix | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (!hasShared || isolated === false) return null;
  // One copy, straight into shared memory (X is often tens of MB: a second copy costs as much as a fold).
  if (isFlat(X) && X.data instanceof Float64Array && typeof X.rows === 'number' && typeof X.cols === 'number' && X.data.length === X.rows * X.cols) {
    const { data, rows, cols } = X as PackedMatrix;
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
