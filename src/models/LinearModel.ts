import { checkMatrix, checkVector, type MatrixInput } from '../io/matrix.js';
import { checkTrainingData, checkTrainingTargets, type TrainingData, type WorkspacePlan } from '../io/trainingData.js';
import { checkTargets, targetColumns, type TargetInput } from '../io/targets.js';
import type { SampleWeightInput } from '../io/weights.js';
import { checkSparse, isSparseInput, sparsePredict, type SparseInput, type SparseMatrix } from '../io/sparse.js';
import type { CheckedMatrix } from '../io/matrix.js';
import type { BackendName } from './options.js';
import type { FitAsyncOptions } from '../workers/fitAsync.js';

/** Runs a model's fit in a worker (workers/fitAsync), installed by the package entry so that the worker script never loads the pool. */
type AsyncFitter = (
  model: object, typeName: string, X: MatrixInput | SparseInput, y: unknown, sampleWeight: SampleWeightInput | undefined, options: unknown,
) => Promise<void>;
let asyncFitter: AsyncFitter | null = null;

export function installAsyncFitter(f: AsyncFitter): void {
  asyncFitter = f;
}

/** fitAsync of any model class (`typeName` names it in workers/runTask's registry). */
export async function fitModelAsync<M extends object>(
  model: M, typeName: string, X: MatrixInput | SparseInput, y: unknown, sampleWeight: SampleWeightInput | undefined, options: unknown,
): Promise<M> {
  if (!asyncFitter) throw new Error(`${typeName}.fitAsync: workers are started from the package entry; import the model from 'penalized'`);
  await asyncFitter(model, typeName, X, y, sampleWeight, options);
  return model;
}

/**
 * Thrown by coef, intercept, predict, score and toJSON before fit (a
 * TypeError: the model is not in a state where these exist).
 */
export class NotFittedError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFittedError';
  }
}

/** What every fitted linear model stores, and what toJSON writes. */
export interface FittedState {
  /** p coefficients, or k×p row-major after a fit on k targets (scikit-learn's coef_ of shape (k, p)). */
  coef: Float64Array;
  /** The intercept (of the first target after a multi-target fit). */
  intercept: number;
  /** After a fit on a 2-D y: one intercept per target; absent for a 1-D y. */
  intercepts?: Float64Array;
}

/** Serialized form shared by all models (`type` names the class). */
export interface ModelJSON {
  type: string;
  version: 1;
  params: Record<string, unknown>;
  coef: number[];
  intercept: number;
  /** Multi-target models only: one intercept per target (coef is then k×p row-major). */
  intercepts?: number[];
  [extra: string]: unknown;
}

/**
 * Base of the linear models: stores coef/intercept on the original scale of X
 * and provides predict, score (R²) and the common part of (de)serialization.
 */
export abstract class LinearModel {
  private fittedState: FittedState | null = null;

  /**
   * The fitted coefficients. Setting them checks that every value is finite:
   * data whose squares overflow (|x| ≳ 1e154) would otherwise turn into NaN
   * coefficients silently; the model is then left as it was.
   */
  protected get state(): FittedState | null {
    return this.fittedState;
  }

  protected set state(s: FittedState | null) {
    if (s !== null) {
      const bad = Array.prototype.findIndex.call(s.coef, (v: number) => !Number.isFinite(v));
      const badB = s.intercepts ? s.intercepts.findIndex((v) => !Number.isFinite(v)) : -1;
      if (bad >= 0 || !Number.isFinite(s.intercept) || badB >= 0) {
        const what = bad >= 0 ? `coefficient ${bad} came out as ${s.coef[bad]}` : `the intercept came out as ${badB >= 0 ? s.intercepts![badB] : s.intercept}`;
        throw new RangeError(
          `${this.typeName}: ${what}: the computation overflowed; the values of X or y (or of sampleWeight) are too large or too small in magnitude — rescale them`,
        );
      }
    }
    this.fittedState = s;
  }

  /** Name used in error messages and in toJSON's `type`. */
  protected abstract get typeName(): string;

  /**
   * Coefficients, one per column of X, on the original scale of X. After a
   * fit on k targets (a 2-D y): k×p row-major, target t's coefficients at
   * t·p … t·p + p − 1 (scikit-learn's coef_ of shape (k, p)).
   */
  get coef(): Float64Array {
    return this.fitted('coef').coef;
  }

  /** The intercept; after a fit on several targets read `intercepts`. */
  get intercept(): number {
    const s = this.fitted('intercept');
    if (s.intercepts) {
      throw new TypeError(`${this.typeName}: the model was fitted on ${s.intercepts.length} targets (a 2-D y); read 'intercepts' (one per target)`);
    }
    return s.intercept;
  }

  /** One intercept per target (a single one after a fit on a 1-D y). */
  get intercepts(): Float64Array {
    const s = this.fitted('intercepts');
    return s.intercepts ? s.intercepts.slice() : Float64Array.of(s.intercept);
  }

  /** Number of targets: 1 after a fit on a 1-D y, k after a fit on an n×k y. */
  get nTargets(): number {
    const s = this.fitted('nTargets');
    return s.intercepts ? s.intercepts.length : 1;
  }

  /** Whether the model was fitted on a 2-D y (predict then returns n×k). */
  get multiTarget(): boolean {
    return this.fitted('multiTarget').intercepts !== undefined;
  }

  /** Number of features seen in fit. */
  get nFeatures(): number {
    const s = this.fitted('nFeatures');
    return s.coef.length / (s.intercepts ? s.intercepts.length : 1);
  }

  protected fitted(what = 'the model'): FittedState {
    if (!this.fittedState) throw new NotFittedError(`${this.typeName}: ${what} is not available: the model is not fitted yet; call fit(X, y) first`);
    return this.fittedState;
  }

  /** Validates the training data of fit (io/trainingData: shape and size first, then values, then magnitudes). */
  protected checkTrainingData(X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan): TrainingData {
    return checkTrainingData(this.typeName, X, y, backend, workspace);
  }

  /** As checkTrainingData for an X that may be sparse and a y that may hold several targets (io/trainingData). */
  protected checkTrainingTargets(X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan): {
    M: CheckedMatrix | SparseMatrix; columns: Float64Array[]; multi: boolean;
  } {
    return checkTrainingTargets(this.typeName, X, y, backend, workspace);
  }

  /**
   * `fit` in a worker (workers/Pool): resolves to this model with exactly the
   * fields and bits `fit` gives; `signal` aborts (AbortError), `onProgress`
   * reports the fraction done, `pool` picks the workers (default: a shared
   * pool made on first use).
   */
  fitAsync(X: MatrixInput | SparseInput, y: TargetInput, sampleWeight?: SampleWeightInput, options?: FitAsyncOptions): Promise<this> {
    return fitModelAsync(this, this.typeName, X, y, sampleWeight, options);
  }

  /**
   * Predictions Xw + b for each row of X. After a fit on k targets (a 2-D y):
   * n×k row-major, the prediction of target t for row i at i·k + t
   * (scikit-learn's (n, k) array, in the { data, rows, cols } layout).
   */
  predict(X: MatrixInput | SparseInput): Float64Array {
    const { coef, intercept, intercepts } = this.fitted('predict');
    const k = intercepts ? intercepts.length : 1;
    const p = coef.length / k;
    const wrongWidth = (cols: number): RangeError => new RangeError(`${this.typeName}.predict: X has ${cols} columns, but the model was fitted on ${p}`);
    if (isSparseInput(X)) {
      const S = checkSparse(X);
      if (S.cols !== p) throw wrongWidth(S.cols);
      return sparsePredict(S, coef, intercepts ?? [intercept]);
    }
    const M = checkMatrix(X, 'X', (_rows, cols) => {
      if (cols !== p) throw wrongWidth(cols);
    });
    const out = new Float64Array(M.rows * k);
    for (let i = 0; i < M.rows; i++) {
      for (let t = 0; t < k; t++) {
        let s = intercepts ? intercepts[t] : intercept;
        const o = t * p;
        for (let j = 0; j < p; j++) s += M.get(i, j) * coef[o + j];
        out[i * k + t] = s;
      }
    }
    return out;
  }

  /**
   * Coefficient of determination R² of the predictions on (X, y), as
   * scikit-learn's `r2_score`; after a fit on several targets y is n×k and
   * the R² of the targets are averaged with equal weights ('uniform_average').
   */
  score(X: MatrixInput | SparseInput, y: unknown): number {
    const pred = this.predict(X);
    const s = this.fitted('score');
    if (!s.intercepts) return r2Score(checkVector(y, pred.length, 'y'), pred);
    const k = s.intercepts.length;
    const n = pred.length / k;
    const t = checkTargets(y, n);
    const cols = targetColumns(t);
    if (!t.multi || cols.length !== k) throw new RangeError(`${this.typeName}.score: y must have ${k} targets (n×${k}), as in fit`);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += r2Score(cols[c], Float64Array.from({ length: n }, (_, i) => pred[i * k + c]));
    return sum / k;
  }

  protected baseJSON(params: Record<string, unknown>, extra: Record<string, unknown>): ModelJSON {
    const { coef, intercept, intercepts } = this.fitted('toJSON');
    return {
      type: this.typeName, version: 1, params, coef: Array.from(coef), intercept,
      ...(intercepts ? { intercepts: Array.from(intercepts) } : {}), ...extra,
    };
  }
}

export function r2Score(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - pred[i];
    const d = y[i] - mean;
    ssRes += r * r;
    ssTot += d * d;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** The fields every serialized model has. */
const BASE_FIELDS = ['type', 'version', 'params', 'coef', 'intercept', 'intercepts'];

/** A JSON value as it appears in the text (strings quoted), for error messages. */
function jsonText(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  try {
    const t = JSON.stringify(v);
    if (t === undefined) return typeof v;
    return t.length > 40 ? `${t.slice(0, 40)}…` : t;
  } catch {
    return typeof v;
  }
}

/**
 * Checks the common shape of a serialized model and returns it typed; errors
 * say what is wrong. `fields` lists the model's own fields besides the common
 * ones; any other top-level field is refused (a JSON from elsewhere, or junk).
 */
export function parseModelJSON(json: unknown, type: string, fields: readonly string[] = []): ModelJSON {
  let obj = json;
  if (typeof obj === 'string') {
    try {
      obj = JSON.parse(obj);
    } catch (e) {
      throw new TypeError(`${type}.fromJSON: the string is not valid JSON (${(e as Error).message})`);
    }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new TypeError(`${type}.fromJSON: expected an object produced by ${type}.toJSON(), got ${obj === null ? 'null' : Array.isArray(obj) ? 'an array' : typeof obj}`);
  }
  const o = obj as Record<string, unknown>;
  if (o.type !== type) {
    throw new TypeError(`${type}.fromJSON: this JSON describes ${typeof o.type === 'string' ? `a ${o.type}` : 'no penalized model (no "type" field)'}, not a ${type}`);
  }
  if (o.version !== 1) throw new TypeError(`${type}.fromJSON: unsupported format version ${jsonText(o.version)} (expected the number 1)`);
  for (const key of Object.keys(o)) {
    if (!BASE_FIELDS.includes(key) && !fields.includes(key)) {
      throw new TypeError(`${type}.fromJSON: unknown field "${key}"; a ${type} has ${[...BASE_FIELDS, ...fields].map((f) => `"${f}"`).join(', ')}`);
    }
  }
  if (!Array.isArray(o.coef) || o.coef.length === 0) throw new TypeError(`${type}.fromJSON: "coef" must be a non-empty array of numbers`);
  o.coef.forEach((v, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${type}.fromJSON: "coef"[${j}] is not a finite number`);
  });
  if (typeof o.intercept !== 'number' || !Number.isFinite(o.intercept)) throw new TypeError(`${type}.fromJSON: "intercept" must be a finite number`);
  if (o.params === null || typeof o.params !== 'object' || Array.isArray(o.params)) throw new TypeError(`${type}.fromJSON: "params" must be an object`);
  if (o.intercepts !== undefined) {
    const b = o.intercepts;
    if (!Array.isArray(b) || b.length === 0 || b.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || o.coef.length % b.length !== 0) {
      throw new TypeError(`${type}.fromJSON: "intercepts" must be a non-empty array of finite numbers, one per target, dividing "coef" into rows`);
    }
  }
  return o as unknown as ModelJSON;
}

/**
 * Builds the model from the serialized `params` through its constructor, so
 * they pass the same option checks as user options (unknown or invalid
 * options are refused); errors keep their class and say where they come from.
 */
export function constructFromJSON<T>(type: string, params: unknown, make: (params: never) => T): T {
  try {
    return make(params as never);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${type}.fromJSON: "params": ${e.message}`);
    if (e instanceof TypeError) throw new TypeError(`${type}.fromJSON: "params": ${e.message}`);
    throw e;
  }
}

/** Field readers of fromJSON: each checks its field and says what is wrong with it. */
export function jsonFields(type: string, m: ModelJSON) {
  const bad = (field: string, what: string): TypeError =>
    new TypeError(`${type}.fromJSON: "${field}" must be ${what}, got ${jsonText(m[field])}`);
  return {
    /** An integer in [min, 2³¹ − 1]. */
    integer(field: string, min: number): number {
      const v = m[field];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) throw bad(field, `an integer from ${min} to ${2 ** 31 - 1}`);
      return v;
    },
    /** A finite number, or null (a NaN written by JSON.stringify) when `nullable`. */
    finite(field: string, nullable = false): number {
      const v = m[field];
      if (nullable && v === null) return NaN;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(field, `a finite number${nullable ? ' (or null)' : ''}`);
      return v;
    },
    boolean(field: string): boolean {
      const v = m[field];
      if (typeof v !== 'boolean') throw bad(field, 'true or false');
      return v;
    },
    oneOf<T extends string>(field: string, values: readonly T[]): T {
      const v = m[field];
      if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw bad(field, `one of ${values.map((x) => `'${x}'`).join(', ')}`);
      return v as T;
    },
    /** An array of `length` finite numbers (or of any length ≥ 1 when null). */
    numbers(field: string, length: number | null, v: unknown = m[field]): Float64Array {
      if (!Array.isArray(v) || (length === null ? v.length === 0 : v.length !== length) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
        throw new TypeError(`${type}.fromJSON: "${field}" must be an array of ${length ?? 'one or more'} finite numbers`);
      }
      return Float64Array.from(v as number[]);
    },
  };
}

/** The fitted state a parsed model JSON describes (multi-target when it has "intercepts"). */
export function stateFromJSON(m: ModelJSON): FittedState {
  return {
    coef: Float64Array.from(m.coef), intercept: m.intercept,
    ...(m.intercepts ? { intercepts: Float64Array.from(m.intercepts) } : {}),
  };
}
