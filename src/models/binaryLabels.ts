import { fmt } from './options.js';

/** A class label: a number, a string or a boolean. */
export type Label = number | string | boolean;

/** Two classes, sorted (numbers ascending, strings by code units, false before true — scikit-learn's np.unique order). */
export type Classes = [Label, Label];

function labelType(v: unknown): 'number' | 'string' | 'boolean' | null {
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : null;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return null;
}

function compare(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Validates binary labels (one per row of X, all of one type: numbers,
 * strings or booleans) and encodes them as 0/1 for the sorted classes:
 * y01[i] = 1 when y[i] is classes[1]. Exactly two distinct values are needed.
 */
export function encodeBinaryLabels(y: unknown, n: number, owner: string, name = 'y'): { classes: Classes; y01: Float64Array } {
  if (y === null || typeof y !== 'object' || typeof (y as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${owner}: ${name} must be an array of class labels (numbers, strings or booleans), got ${fmt(y)}`);
  }
  const a = y as ArrayLike<unknown>;
  if (a.length !== n) throw new RangeError(`${owner}: ${name} has length ${a.length}, but X has ${n} rows`);
  const t0 = labelType(a[0]);
  if (t0 === null) throw new TypeError(`${owner}: ${name}[0] is ${fmt(a[0])}; labels must be finite numbers, strings or booleans`);
  const first = a[0] as Label;
  let second: Label | undefined;
  for (let i = 1; i < n; i++) {
    const v = a[i];
    const t = labelType(v);
    if (t === null) throw new TypeError(`${owner}: ${name}[${i}] is ${fmt(v)}; labels must be finite numbers, strings or booleans`);
    if (t !== t0) throw new TypeError(`${owner}: ${name}[${i}] is a ${t} but ${name}[0] is a ${t0}; all labels must have one type`);
    if (v === first || v === second) continue;
    if (second === undefined) second = v as Label;
    else {
      throw new RangeError(
        `${owner}: ${name} has more than two classes (${fmt(first)}, ${fmt(second)}, ${fmt(v)} at row ${i}); LogisticRegression is binary`,
      );
    }
  }
  if (second === undefined) {
    throw new RangeError(`${owner}: ${name} has only one class (${fmt(first)}); a classifier needs two`);
  }
  const classes: Classes = compare(first, second) < 0 ? [first, second] : [second, first];
  const y01 = new Float64Array(n);
  for (let i = 0; i < n; i++) y01[i] = a[i] === classes[1] ? 1 : 0;
  return { classes, y01 };
}

/** Encodes labels against known classes (predict-time data): an unknown label is an error. */
export function encodeAgainst(y: unknown, n: number, classes: Classes, owner: string, name = 'y'): Float64Array {
  if (y === null || typeof y !== 'object' || typeof (y as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${owner}: ${name} must be an array of class labels, got ${fmt(y)}`);
  }
  const a = y as ArrayLike<unknown>;
  if (a.length !== n) throw new RangeError(`${owner}: ${name} has length ${a.length}, but X has ${n} rows`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v === classes[1]) out[i] = 1;
    else if (v !== classes[0]) {
      throw new RangeError(`${owner}: ${name}[${i}] is ${fmt(v)}, which is neither class the model was fitted on (${fmt(classes[0])}, ${fmt(classes[1])})`);
    }
  }
  return out;
}

/** A user's class-weight option: 'balanced', or a weight per label (Map, or an object keyed by String(label)). */
export type ClassWeight = 'balanced' | Map<Label, number> | Record<string, number>;

export const classWeightOption = (v: unknown, name: string, owner: string): unknown => {
  if (v === null || v === 'balanced') return v;
  const entries = v instanceof Map ? [...v.entries()] : v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : null;
  if (entries === null) throw new TypeError(`${owner}: option '${name}' must be 'balanced', a Map or an object of weights per class, got ${fmt(v)}`);
  for (const [k, w] of entries) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`${owner}: option '${name}' gives class ${fmt(k)} the weight ${fmt(w)}; weights must be finite numbers ≥ 0`);
    }
  }
  return v;
};

/**
 * Per-class multipliers [w(classes[0]), w(classes[1])]: 'balanced' is
 * scikit-learn's n / (2·count) (weighted counts when sample weights are
 * given — scikit-learn counts rows); a map gives 1 to classes it omits.
 */
export function classMultipliers(cw: ClassWeight | null, classes: Classes, y01: Float64Array, owner: string): [number, number] {
  if (cw === null) return [1, 1];
  if (cw === 'balanced') {
    let ones = 0;
    for (let i = 0; i < y01.length; i++) ones += y01[i];
    const n = y01.length;
    return [n / (2 * (n - ones)), n / (2 * ones)];
  }
  const get = (c: Label): number => {
    if (cw instanceof Map) return cw.has(c) ? (cw.get(c) as number) : 1;
    const k = String(c);
    return Object.hasOwn(cw, k) ? (cw as Record<string, number>)[k] : 1;
  };
  const known = new Set(classes.map((c) => (cw instanceof Map ? c : String(c))));
  const keys = cw instanceof Map ? [...cw.keys()] : Object.keys(cw);
  for (const k of keys) {
    if (!known.has(k as Label)) throw new RangeError(`${owner}: option 'classWeight' names ${fmt(k)}, which is not a class of y (${fmt(classes[0])}, ${fmt(classes[1])})`);
  }
  return [get(classes[0]), get(classes[1])];
}
