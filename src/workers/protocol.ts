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
 * errors, which workers/parallelCV merges. With a share, an error answer
 * names the unit (fold, l1Ratio) the worker was on (`unit`, −1 before any),
 * so the caller reports the first failure in fit's order.
 */
export interface FoldsTask {
  kind: 'folds';
  model: string;
  options: Record<string, unknown>;
  hooks: string[];
  X: PackedDesign;
  y: unknown;
  sampleWeight: unknown;
  /** The folds to compute, when `share` is null. */
  only: number[];
  /** With shared memory: the (fold, l1Ratio) units are drawn from counters shared with the other workers; answered with the units taken as `units`. */
  share?: FoldShare | null;
}

/**
 * Slots of FoldShare.control (Int32). After CONTROL's: per fold f, the number
 * of its grids (l1Ratio values) done at `done + f` and taken at
 * `done + folds + f` (workers/sharedFolds); then one claim per grid point
 * (l1Ratio g, alpha a) at `done + 2·folds + g·gridLength + a`: 1 once a worker
 * took the refit at it (workers/sharedRefit).
 */
export const CONTROL = {
  /**
   * The lowest unit that failed (fold f on grid g is unit f·grids + g, fit's
   * order), NO_FAILURE while none did: the units below it are still computed
   * (fit would meet them first, and one may fail too), none above.
   */
  failedUnit: 0,
  /** Column ranges of the Gram matrix whose columns are in FoldShare.gram (workers/sharedGram). */
  arrived: 1,
  /** 1 once every worker must stop: a failure before any unit (the others may wait for the Gram matrix), a worker lost, an abort. */
  failed: 2,
  /** The next column range of the Gram matrix to hand out (workers/sharedGram). */
  gramNext: 3,
  /** Fold f's count of grids done is at `done + f`, then the counts of grids taken, then the refit claims. */
  done: 4,
} as const;

/** CONTROL.failedUnit while no unit failed. */
export const NO_FAILURE = 0x7fffffff;

/**
 * A cross-validation whose folds several workers draw from one shared
 * counter (workers/sharedFolds), only with shared memory: the same object for
 * every worker but `rank`.
 */
export interface FoldShare {
  /** Int32Array over a SharedArrayBuffer: CONTROL's slots, two counts per fold, then one refit claim per grid point. */
  control: Int32Array;
  /** p×p over a SharedArrayBuffer when the folds are computed by Gram downdating (each worker computes some of its columns), else null. */
  gram: Float64Array | null;
  /**
   * Every fold's held-out errors as its grids complete ([l1Ratio c][alpha a][fold f]
   * at (c·gridLength + a)·folds + f): what lets the worker that runs out of
   * work refit (workers/sharedRefit); then two timing slots per worker
   * (workers/sharedFolds foldTimingSlot).
   */
  results: Float64Array;
  /** Alphas per l1Ratio (every grid has this length). */
  gridLength: number;
  /** Number of l1Ratio values (RidgeCV: of alphas). */
  grids: number;
  /**
   * Whether a worker with no fold left to start takes grids of a fold in
   * progress (preparing that fold's design too); false when that would cost
   * more than it spreads (RidgeCV: the fold's XᵀX formed again).
   */
  splitFolds: boolean;
  rank: number;
  workers: number;
  /** Number of folds. */
  folds: number;
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
  | { id: number; type: 'error'; error: { name: string; message: string; stack?: string; unit?: number } };
