/**
 * The main thread's side of fitAsync, lassoPathAsync and enetPathAsync: pack
 * the inputs (workers/marshal), run the task on a pool (the default pool
 * unless one is given), and hand back exactly what the synchronous call
 * returns — the same model object with the worker's fitted fields, or the
 * same PathResult.
 */
import type { MatrixInput } from '../io/matrix.js';
import type { LinearModel } from '../models/LinearModel.js';
import type { PathOptions } from '../paths/pathOptions.js';
import type { PathResult } from '../paths/enetPath.js';
import { adoptFields, cloneableOptions, packMatrix, packMatrixForTasks, packMatrixShared, packTargets, packVector, type TargetForm } from './marshal.js';
import { isSparseInput } from '../io/sparse.js';
import type { SparseInput } from '../io/sparse.js';
import type { SampleWeightInput } from '../io/weights.js';
import { defaultPool, type Pool } from './Pool.js';
import { parallelCV, splittableFolds } from './parallelCV.js';
import type { ElasticNetCV } from '../selection/ElasticNetCV.js';
import type { RidgeCV } from '../selection/RidgeCV.js';

/** The options every async call takes besides its own. */
export interface AsyncOptions {
  /** Cancels the call: it rejects at once with the signal's reason (a DOMException 'AbortError' for `abort()`). */
  signal?: AbortSignal | null;
  /** Fraction of the work done: in [0, 1], never decreasing, the last call exactly 1 (on success). */
  onProgress?: ((fraction: number) => void) | null;
  /** Where to run (default: a pool made on first use). */
  pool?: Pool | null;
}

export type FitAsyncOptions = AsyncOptions;

/** Path options plus `signal` and `pool` (onProgress is already a path option). */
export type PathAsyncOptions = PathOptions & Omit<AsyncOptions, 'onProgress'>;

function checkAsyncOptions(o: unknown, owner: string): AsyncOptions {
  if (o == null) return {};
  if (typeof o !== 'object') throw new TypeError(`${owner}: the options must be an object, got ${typeof o}`);
  const a = o as AsyncOptions;
  if (a.signal != null && (typeof a.signal !== 'object' || typeof a.signal.aborted !== 'boolean' || typeof a.signal.addEventListener !== 'function')) {
    throw new TypeError(`${owner}: option 'signal' must be an AbortSignal`);
  }
  if (a.onProgress != null && typeof a.onProgress !== 'function') throw new TypeError(`${owner}: option 'onProgress' must be a function`);
  if (a.pool != null && (typeof a.pool !== 'object' || typeof (a.pool as Pool).run !== 'function')) {
    throw new TypeError(`${owner}: option 'pool' must be a Pool from createPool()`);
  }
  return a;
}

/** The number of rows of X when its shape is plain to see (0 otherwise: the one-task path then reports the error). */
function rowsOf(X: unknown): number {
  if (X === null || typeof X !== 'object') return 0;
  if ('rows' in X && 'data' in X) return typeof X.rows === 'number' && Number.isSafeInteger(X.rows) ? X.rows : 0;
  const n = (X as ArrayLike<unknown>).length;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : 0;
}

/** How each model's fit reads y (workers/marshal packs a 2-D y only for the models that take one). */
function targetForm(typeName: string): TargetForm {
  if (typeName === 'LogisticRegression') return 'labels';
  if (typeName === 'LassoCV' || typeName === 'ElasticNetCV') return 'vector';
  return 'targets';
}

interface ModelInternals {
  params: Record<string, unknown>;
}

/** fitAsync of every model (installed on LinearModel by the package entry). */
export async function fitInWorker(
  model: object, typeName: string, X: MatrixInput | SparseInput, y: unknown, sampleWeight: SampleWeightInput | undefined, options: unknown,
): Promise<void> {
  const m = model as unknown as ModelInternals;
  const owner = `${typeName}.fitAsync`;
  const a = checkAsyncOptions(options, owner);
  const pool = a.pool ?? defaultPool();
  if (a.signal?.aborted) throw a.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  const params = m.params;
  const onProgress = a.onProgress ?? (typeof params.onProgress === 'function' ? (params.onProgress as (f: number) => void) : null);
  const onWarning = typeof params.onWarning === 'function' ? (params.onWarning as (m: string) => void) : null;
  const rows = rowsOf(X);
  const k = rows > 0 ? splittableFolds(model, pool, rows) : 0;
  const form = targetForm(typeName);
  // X first, then y, as fit checks them; both on this thread, before any worker is asked.
  // (LogisticRegression takes a dense X only.)
  const sparseOk = form !== 'labels';
  if (k >= 2) {
    // X into a shared buffer the pool keeps for its next calls (workers/sharedScratch).
    const lease = pool.scratch.lease();
    const design = packMatrixForTasks(X, lease.take);
    const yy = packTargets(y, X, design.rows, form).value;
    const ww = packVector(sampleWeight ?? null).value;
    await parallelCV(model as ElasticNetCV | RidgeCV, typeName, k, design as MatrixInput, yy as ArrayLike<number>, ww as ArrayLike<number> | null, pool, { signal: a.signal, onProgress, onWarning }, lease);
    return;
  }
  // A dense X goes into a shared buffer the pool keeps (workers/sharedScratch) when there is shared
  // memory: a fresh buffer of tens of MB per call costs more in first-touch page faults than the copy.
  const lease = isSparseInput(X) ? null : pool.scratch.lease();
  const inShared = lease ? packMatrixShared(X, lease.take) : null;
  const { matrix, transfer } = inShared ? { matrix: inShared, transfer: [] } : packMatrix(X, sparseOk);
  const yy = packTargets(y, X, matrix.rows, form);
  const ww = packVector(sampleWeight ?? null);
  const { options: sent, hooks: allHooks } = cloneableOptions(params);
  // No progress events (a message each, handled on this thread) unless someone listens.
  const hooks = onProgress ? allHooks : allHooks.filter((h) => h !== 'onProgress');
  const fields = await pool.run<Record<string, unknown>>(
    { kind: 'fit', model: typeName, options: sent, hooks, X: matrix, y: yy.value, sampleWeight: ww.value },
    [...transfer, ...yy.transfer, ...ww.transfer],
    { signal: a.signal, onProgress, onWarning },
  );
  lease?.release();
  adoptFields(model, fields);
}

async function pathInWorker(path: 'lassoPath' | 'enetPath', X: MatrixInput | SparseInput, y: ArrayLike<number>, options: unknown): Promise<PathResult> {
  const owner = `${path}Async`;
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) {
    throw new TypeError(`${owner}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const { signal, pool, ...rest } = (options ?? {}) as PathAsyncOptions;
  const a = checkAsyncOptions({ signal, pool }, owner);
  const onProgress = typeof rest.onProgress === 'function' ? rest.onProgress : null;
  const onWarning = typeof rest.onWarning === 'function' ? rest.onWarning : rest.onWarning === undefined ? defaultWarn : null;
  const { options: sent, hooks } = cloneableOptions(rest);
  if (!hooks.includes('onProgress')) hooks.push('onProgress');
  if (!hooks.includes('onWarning')) hooks.push('onWarning');
  if (a.signal?.aborted) throw a.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  const { matrix, transfer } = packMatrix(X);
  const yy = packTargets(y, X, matrix.rows, 'vector');
  return (a.pool ?? defaultPool()).run<PathResult>(
    { kind: 'path', path, options: sent, hooks, X: matrix, y: yy.value },
    [...transfer, ...yy.transfer],
    { signal: a.signal, onProgress, onWarning },
  );
}

const defaultWarn = (m: string): void => console.warn(`penalized: ${m}`);

/** lassoPath in a worker: resolves to exactly what lassoPath returns. Options also take `signal` and `pool`. */
export function lassoPathAsync(X: MatrixInput | SparseInput, y: ArrayLike<number>, options: Omit<PathAsyncOptions, 'l1Ratio'> = {}): Promise<PathResult> {
  return pathInWorker('lassoPath', X, y, options);
}

/** enetPath in a worker: resolves to exactly what enetPath returns. Options also take `signal` and `pool`. */
export function enetPathAsync(X: MatrixInput | SparseInput, y: ArrayLike<number>, options: PathAsyncOptions = {}): Promise<PathResult> {
  return pathInWorker('enetPath', X, y, options);
}
