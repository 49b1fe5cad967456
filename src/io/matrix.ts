/**
 * Input validation and marshalling of the design matrix and vectors.
 *
 * Every public entry point goes through here before any work starts, so bad
 * input fails with a TypeError/RangeError that names the argument, the row and
 * the column — never a NaN result or a trap inside WASM. The caller's arrays
 * are only read.
 */

import { scanFloat64Wasm } from '../wasm/wasmCore.js';

/** Flat, row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface FlatMatrix {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

/** A design matrix: one array per row, or a flat row-major matrix. */
export type MatrixInput = ArrayLike<ArrayLike<number>> | FlatMatrix;

/** A validated matrix that can copy itself into solver memory. */
export interface CheckedMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Element (i, j). */
  get(i: number, j: number): number;
  /**
   * Writes the matrix column-major into `target` from `offset` (column j,
   * row k at offset + j·m + k, m = number of rows copied). With `rowIndex`,
   * copies only those rows, in that order.
   */
  writeColumnMajor(target: Float64Array, offset: number, rowIndex?: ArrayLike<number> | null): void;
  /** Writes rows r0 … r1−1 row-major into `target` from index 0 (a TypedArray.set per chunk or row). */
  writeRowMajor(target: Float64Array, r0: number, r1: number): void;
  /** Largest |value| and where it is (set by checkMatrix's scan; absent on derived views). */
  readonly maxAbs?: { value: number; row: number; col: number };
}

/** Says what is wrong with a value that is not a finite number, without ever throwing itself. */
export function describeBad(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v === undefined) return 'undefined (missing entry)';
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `a bigint (${v}n); convert it with Number()`;
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'string') return `a string ('${v.length > 40 ? `${v.slice(0, 40)}…` : v}'); convert it with Number()`;
  if (typeof v === 'object' && typeof (v as { length?: unknown }).length === 'number') return 'a nested array';
  return `a non-numeric value (${typeof v})`;
}

/** NaN/±Infinity is a RangeError (a number out of range); anything that is not a number is a TypeError. */
function badValue(v: unknown, where: string): Error {
  const msg = `${where} is ${describeBad(v)}; every entry must be a finite number`;
  return typeof v === 'number' ? new RangeError(msg) : new TypeError(msg);
}

/** Rows per block of the column-major copy (measured best of 8–64 on 10000×200). */
const TRANSPOSE_BLOCK = 16;

/**
 * One monomorphic pass over a Float64Array (which can hold only numbers): the
 * first non-finite entry (v − v is 0 exactly for finite v) and the largest |v|.
 */
function scanFloat64(data: Float64Array): { bad: number; big: number; at: number } {
  let big = 0;
  let at = 0;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v - v !== 0) return { bad: k, big, at };
    const a = Math.abs(v);
    if (a > big) {
      big = a;
      at = k;
    }
  }
  return { bad: -1, big, at };
}

/**
 * A flat matrix is a non-array object with data, rows and cols. An array is
 * always an array of rows, even if it also carries such properties.
 */
function isFlat(X: unknown): X is FlatMatrix {
  return typeof X === 'object' && X !== null && !Array.isArray(X) && !ArrayBuffer.isView(X) && 'data' in X && 'rows' in X && 'cols' in X;
}

function checkDimension(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new TypeError(`${what} must be a non-negative integer, got ${typeof v === 'number' ? String(v) : typeof v}`);
  }
  return v;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
}

/**
 * Called with the shape once it is known to be valid, before any value is
 * read: lets a caller refuse a matrix (a WASM size limit, a wrong number of
 * columns for predict) without scanning possibly billions of entries first.
 */
export type ShapeCheck = (rows: number, cols: number) => void;

/**
 * Validates X and returns an accessor. Order of checks: container type, shape
 * (dimensions, flat length or ragged rows, zero rows/columns), then
 * `beforeScan(rows, cols)`, then every value (finite numbers only; the first
 * bad entry is reported with its row and column). The caller's data is never
 * written. Every value is read exactly once: a flat Float64Array is used in
 * place; any other input (an array of rows, a plain array, a Proxy, another
 * typed array) is copied into a row-major Float64Array while it is checked,
 * so what is checked is what is fitted.
 */
export function checkMatrix(X: unknown, name = 'X', beforeScan?: ShapeCheck): CheckedMatrix {
  // A sparse matrix (io/sparse) reaching a dense-only entry point (e.g. LogisticRegression): say so, not "wrong length".
  if (typeof X === 'object' && X !== null && 'format' in X && 'indptr' in X) {
    throw new TypeError(`${name} is a sparse matrix ({ format, indptr, … }), which this function does not take; pass a dense X`);
  }
  if (isFlat(X)) {
    const rows = checkDimension(X.rows, `${name}.rows`);
    const cols = checkDimension(X.cols, `${name}.cols`);
    const data = X.data;
    if (!isArrayLike(data)) {
      throw new TypeError(`${name}.data must be a Float64Array or an array of numbers, got ${data === null ? 'null' : typeof data}`);
    }
    const size = rows * cols;
    const length = data.length;
    if (length !== size) {
      throw new RangeError(
        `${name}.data has length ${length}, but ${name}.rows × ${name}.cols = ${rows} × ${cols} = ${size}`,
      );
    }
    if (rows === 0) throw new RangeError(`${name} has zero rows`);
    if (cols === 0) throw new RangeError(`${name} has zero columns`);
    beforeScan?.(rows, cols);
    if (ArrayBuffer.isView(data) && data instanceof Float64Array) {
      const r = scanFloat64Wasm(data) ?? scanFloat64(data);
      if (r.bad >= 0) {
        const i = Math.floor(r.bad / cols);
        throw badValue(data[r.bad], `${name} at row ${i}, column ${r.bad - i * cols} (${name}.data[${r.bad}])`);
      }
      return flatMatrix(data, rows, cols, r.big, r.at);
    }
    const copy = new Float64Array(size);
    let big = 0;
    let at = 0;
    for (let k = 0; k < size; k++) {
      const v = data[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const i = Math.floor(k / cols);
        throw badValue(v, `${name} at row ${i}, column ${k - i * cols} (${name}.data[${k}])`);
      }
      copy[k] = v;
      if (v > big || -v > big) {
        big = Math.abs(v);
        at = k;
      }
    }
    return flatMatrix(copy, rows, cols, big, at);
  }
  if (!isArrayLike(X)) {
    throw new TypeError(`${name} must be an array of rows (number[][]) or { data, rows, cols }, got ${X === null ? 'null' : typeof X}`);
  }
  const rowsArr = X as ArrayLike<ArrayLike<number>>;
  const rows = rowsArr.length;
  if (rows === 0) throw new RangeError(`${name} has zero rows`);
  // Each row (and its length) is read once, here.
  const rowRefs: ArrayLike<number>[] = new Array(rows);
  let cols = 0;
  for (let i = 0; i < rows; i++) {
    const r: unknown = rowsArr[i];
    if (!isArrayLike(r)) {
      const got = r === null ? 'null' : typeof r === 'number' ? 'a number (a flat array is not a matrix; use { data, rows, cols })' : typeof r;
      throw new TypeError(`${name}[${i}] must be an array of numbers (one array per row), got ${got}`);
    }
    const len = r.length;
    if (i === 0) cols = len;
    else if (len !== cols) {
      throw new RangeError(`${name} is ragged: row ${i} has ${len} columns, row 0 has ${cols}`);
    }
    rowRefs[i] = r as ArrayLike<number>;
  }
  if (cols === 0) throw new RangeError(`${name} has zero columns`);
  beforeScan?.(rows, cols);
  const copy = new Float64Array(rows * cols);
  let big = 0;
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const r = rowRefs[i];
    const o = i * cols;
    // A Float64Array row is copied with one set (it can hold only numbers), then checked in the copy.
    const typed = ArrayBuffer.isView(r) && r instanceof Float64Array;
    if (typed) copy.set(r, o);
    for (let j = 0; j < cols; j++) {
      const v = typed ? copy[o + j] : r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badValue(v, `${name} at row ${i}, column ${j}`);
      copy[o + j] = v;
      if (v > big || -v > big) {
        big = Math.abs(v);
        at = o + j;
      }
    }
  }
  return flatMatrix(copy, rows, cols, big, at);
}

/** The accessor of a validated row-major Float64Array (the caller's or our copy; only read). */
function flatMatrix(data: Float64Array, rows: number, cols: number, big: number, at: number): CheckedMatrix {
  const atRow = Math.floor(at / cols);
  return {
    rows, cols,
    maxAbs: { value: big, row: atRow, col: at - atRow * cols },
    get: (i, j) => data[i * cols + j],
    writeRowMajor(target, r0, r1) {
      target.set(data.subarray(r0 * cols, r1 * cols));
    },
    writeColumnMajor(target, offset, rowIndex) {
      // Cache-blocked transpose: a block of TRANSPOSE_BLOCK source rows stays
      // in L1 while each column receives a contiguous run — about 2.5× faster
      // than walking whole columns with a stride of `cols` (10000×200 here).
      const m = rowIndex ? rowIndex.length : rows;
      for (let k0 = 0; k0 < m; k0 += TRANSPOSE_BLOCK) {
        const k1 = Math.min(k0 + TRANSPOSE_BLOCK, m);
        for (let j = 0; j < cols; j++) {
          const o = offset + j * m;
          if (rowIndex) for (let k = k0; k < k1; k++) target[o + k] = data[rowIndex[k] * cols + j];
          else for (let k = k0; k < k1; k++) target[o + k] = data[k * cols + j];
        }
      }
    },
  };
}

/** Validates a numeric vector of the expected length; returns a copy (each value is read exactly once). */
export function checkVector(v: unknown, length: number, name: string, lengthOf = 'the number of rows of X'): Float64Array {
  if (!isArrayLike(v)) {
    throw new TypeError(`${name} must be an array of numbers, got ${v === null ? 'null' : typeof v}`);
  }
  const a = v as ArrayLike<number>;
  if (a.length !== length) {
    throw new RangeError(`${name} has length ${a.length}, but ${lengthOf} is ${length}`);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw badValue(x, `${name}[${i}]`);
    out[i] = x;
  }
  return out;
}
