/**
 * The one message protocol between the main thread (workers/Pool) and a
 * worker (workers/worker): one request per task, answered by any number of
 * progress and warning events and exactly one 'done' or 'error'. Cancelling is
 * not a message: the pool terminates a busy worker (it may be inside
 * WebAssembly, where no message is read), as tesseract.js and ffmpeg.wasm do.
 */

/** A row-major matrix as it travels: its Float64Array's buffer is transferred (or shared), never cloned as rows. */
export interface PackedMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** A sparse X as it travels: the caller's format, typed copies of its arrays (transferred or shared). */
export interface PackedSparse {
  format: 'csr' | 'csc';
  indptr: Int32Array | Float64Array;
  indices: Int32Array;
  data: Float64Array;
  rows: number;
  cols: number;
}

/** X of a task: dense row-major or sparse. */
export type PackedDesign = PackedMatrix | PackedSparse;

/** Fit a model of class `model` (its typeName) with these options; answered with its fitted fields. */
export interface FitTask {
  kind: 'fit';
  model: string;
  /** The model's resolved options without functions (see `hooks`). */
  options: Record<string, unknown>;
  /** Options that were functions on the main thread (onWarning, onProgress): the worker forwards them as events. */
  hooks: string[];
  X: PackedDesign;
  y: unknown;
  sampleWeight: unknown;
}

/** lassoPath or enetPath; answered with the PathResult. */
export interface PathTask {
  kind: 'path';
  path: 'lassoPath' | 'enetPath';
  options: Record<string, unknown>;
  hooks: string[];
  X: PackedDesign;
  y: unknown;
}

/**
 * Stage 1 of a cross-validated fit for some folds (ElasticNetCV/LassoCV
 * `foldErrors`, RidgeCV K-fold `foldErrors`); answered with their held-out
 * errors, which workers/parallelCV merges.
 */
export interface FoldsTask {
  kind: 'folds';
  model: string;
  options: Record<string, unknown>;
  hooks: string[];
  X: PackedDesign;
  y: unknown;
  sampleWeight: unknown;
  only: number[];
}

export type Task = FitTask | PathTask | FoldsTask;

export interface Request {
  id: number;
  task: Task;
}

export type Reply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'warning'; message: string }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; error: { name: string; message: string; stack?: string } };
