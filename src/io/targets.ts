import { checkVector, describeBad } from './matrix.js';

/**
 * The response of fit: one target (a vector of n numbers) or several (an n×k
 * matrix, scikit-learn's 2-D y): an array of n rows of k numbers, or
 * `{ data, rows: n, cols: k }` row-major. A 2-D y stays 2-D even with k = 1,
 * as in scikit-learn (predict then returns n×1).
 */
export type TargetInput = ArrayLike<number> | ArrayLike<ArrayLike<number>> | { data: ArrayLike<number>; rows: number; cols: number };

/** A validated response: `y` for one target, or the k target columns (each of length n). */
export type CheckedTargets = { multi: false; y: ArrayLike<number> } | { multi: true; columns: Float64Array[] };

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
}

function bad(v: unknown, where: string): Error {
  const msg = `${where} is ${describeBad(v)}; every entry must be a finite number`;
  return typeof v === 'number' ? new RangeError(msg) : new TypeError(msg);
}

/** Validates y against the n rows of X: finite numbers, one row per row of X, rows of equal length. Only reads y. */
export function checkTargets(y: unknown, n: number, name = 'y'): CheckedTargets {
  if (y !== null && typeof y === 'object' && !isArrayLike(y) && 'data' in y && 'rows' in y && 'cols' in y) {
    const f = y as { data: unknown; rows: unknown; cols: unknown };
    const k = f.cols;
    if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) throw new TypeError(`${name}.cols must be a positive integer (the number of targets), got ${String(k)}`);
    if (f.rows !== n) throw new RangeError(`${name}.rows is ${String(f.rows)}, but X has ${n} rows`);
    if (!isArrayLike(f.data)) throw new TypeError(`${name}.data must be an array of numbers`);
    const data = f.data as ArrayLike<unknown>;
    if (data.length !== n * k) throw new RangeError(`${name}.data has length ${data.length}, but ${name}.rows × ${name}.cols = ${n} × ${k} = ${n * k}`);
    const columns = Array.from({ length: k }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < k; t++) {
        const v = data[i * k + t];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(v, `${name} at row ${i}, target ${t} (${name}.data[${i * k + t}])`);
        columns[t][i] = v;
      }
    }
    return { multi: true, columns };
  }
  if (!isArrayLike(y)) return { multi: false, y: checkVector(y, n, name) };
  // Every entry is read once (a getter or Proxy may not give the same value twice): y[0] decides the form.
  const first: unknown = y.length > 0 ? y[0] : undefined;
  if (!isArrayLike(first)) {
    if (y.length !== n) throw new RangeError(`${name} has length ${y.length}, but the number of rows of X is ${n}`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = i === 0 ? first : y[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(v, `${name}[${i}]`);
      out[i] = v;
    }
    return { multi: false, y: out };
  }
  {
    if (y.length !== n) throw new RangeError(`${name} has ${y.length} rows, but X has ${n}`);
    const k = first.length;
    if (k === 0) throw new RangeError(`${name} has zero targets (row 0 is empty)`);
    const columns = Array.from({ length: k }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const row = i === 0 ? first : y[i];
      if (!isArrayLike(row)) throw new TypeError(`${name}[${i}] must be an array of ${k} numbers (one per target), like row 0`);
      if (row.length !== k) throw new RangeError(`${name} is ragged: row ${i} has ${row.length} targets, row 0 has ${k}`);
      for (let t = 0; t < k; t++) {
        const v = row[t];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(v, `${name} at row ${i}, target ${t}`);
        columns[t][i] = v;
      }
    }
    return { multi: true, columns };
  }
}

/** The k columns of a checked response (one column for a single target). */
export function targetColumns(t: CheckedTargets): ArrayLike<number>[] {
  return t.multi ? t.columns : [t.y];
}
