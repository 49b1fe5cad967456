import { checkMatrix, checkVector, type MatrixInput } from '../io/matrix.js';
import { checkTrainingData, type TrainingData, type WorkspacePlan } from '../io/trainingData.js';
import type { BackendName } from './options.js';
import type { FitAsyncOptions } from '../workers/fitAsync.js';

/** Runs a model's fit in a worker (workers/fitAsync), installed by the package entry so that the worker script never loads the pool. */
type AsyncFitter = (
  model: object, typeName: string, X: MatrixInput, y: ArrayLike<unknown>, sampleWeight: ArrayLike<number> | null | undefined, options: unknown,
) => Promise<void>;
let asyncFitter: AsyncFitter | null = null;

export function installAsyncFitter(f: AsyncFitter): void {
  asyncFitter = f;
}

/** fitAsync of any model class (`typeName` names it in workers/runTask's registry). */
export async function fitModelAsync<M extends object>(
  model: M, typeName: string, X: MatrixInput, y: ArrayLike<unknown>, sampleWeight: ArrayLike<number> | null | undefined, options: unknown,
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
  coef: Float64Array;
  intercept: number;
}

/** Serialized form shared by all models (`type` names the class). */
export interface ModelJSON {
  type: string;
  version: 1;
  params: Record<string, unknown>;
  coef: number[];
  intercept: number;
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
      if (bad >= 0 || !Number.isFinite(s.intercept)) {
        const what = bad >= 0 ? `coefficient ${bad} came out as ${s.coef[bad]}` : `the intercept came out as ${s.intercept}`;
        throw new RangeError(
          `${this.typeName}: ${what}: the computation overflowed; the values of X or y (or of sampleWeight) are too large or too small in magnitude — rescale them`,
        );
      }
    }
    this.fittedState = s;
  }

  /** Name used in error messages and in toJSON's `type`. */
  protected abstract get typeName(): string;

  /** Coefficients, one per column of X, on the original scale of X. */
  get coef(): Float64Array {
    return this.fitted('coef').coef;
  }

  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  /** Number of features seen in fit. */
  get nFeatures(): number {
    return this.fitted('nFeatures').coef.length;
  }

  protected fitted(what = 'the model'): FittedState {
    if (!this.fittedState) throw new NotFittedError(`${this.typeName}: ${what} is not available: the model is not fitted yet; call fit(X, y) first`);
    return this.fittedState;
  }

  /** Validates the training data of fit (io/trainingData: shape and size first, then values, then magnitudes). */
  protected checkTrainingData(X: unknown, y: unknown, backend: BackendName, workspace?: WorkspacePlan): TrainingData {
    return checkTrainingData(this.typeName, X, y, backend, workspace);
  }

  /**
   * `fit` in a worker (workers/Pool): resolves to this model with exactly the
   * fields and bits `fit` gives; `signal` aborts (AbortError), `onProgress`
   * reports the fraction done, `pool` picks the workers (default: a shared
   * pool made on first use).
   */
  fitAsync(X: MatrixInput, y: ArrayLike<number>, sampleWeight?: ArrayLike<number> | null, options?: FitAsyncOptions): Promise<this> {
    return fitModelAsync(this, this.typeName, X, y, sampleWeight, options);
  }

  /** Predictions Xw + b for each row of X. */
  predict(X: MatrixInput): Float64Array {
    const { coef, intercept } = this.fitted('predict');
    const M = checkMatrix(X, 'X', (_rows, cols) => {
      if (cols !== coef.length) {
        throw new RangeError(`${this.typeName}.predict: X has ${cols} columns, but the model was fitted on ${coef.length}`);
      }
    });
    const out = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) {
      let s = intercept;
      for (let j = 0; j < coef.length; j++) s += M.get(i, j) * coef[j];
      out[i] = s;
    }
    return out;
  }

  /** Coefficient of determination R² of the predictions on (X, y), as scikit-learn's `r2_score`. */
  score(X: MatrixInput, y: ArrayLike<number>): number {
    const pred = this.predict(X);
    const yy = checkVector(y, pred.length, 'y');
    return r2Score(yy, pred);
  }

  protected baseJSON(params: Record<string, unknown>, extra: Record<string, unknown>): ModelJSON {
    const { coef, intercept } = this.fitted('toJSON');
    return { type: this.typeName, version: 1, params, coef: Array.from(coef), intercept, ...extra };
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
const BASE_FIELDS = ['type', 'version', 'params', 'coef', 'intercept'];

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
