/**
 * Input validation and marshalling of the design matrix and vectors.
 *
 * Every public entry point goes through here before any work starts, so bad
 * input fails with a TypeError/RangeError that names the argument, the row and
 * the column — never a NaN result or a trap inside WASM. The caller's arrays
 * are only read.
 */

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
}

function describeBad(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v === undefined) return 'undefined (missing entry)';
  if (v === null) return 'null';
  return `a non-numeric value (${typeof v}: ${JSON.stringify(v)?.slice(0, 40) ?? String(v)})`;
}

function isFlat(X: unknown): X is FlatMatrix {
  return typeof X === 'object' && X !== null && 'data' in X && 'rows' in X && 'cols' in X;
}

function checkDimension(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new TypeError(`${what} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

/** Validates X (shape, finiteness, numeric entries) and returns an accessor. */
export function checkMatrix(X: unknown, name = 'X'): CheckedMatrix {
  if (isFlat(X)) {
    const rows = checkDimension(X.rows, `${name}.rows`);
    const cols = checkDimension(X.cols, `${name}.cols`);
    const data = X.data;
    if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<number>).length !== 'number') {
      throw new TypeError(`${name}.data must be a Float64Array or an array of numbers`);
    }
    if (data.length !== rows * cols) {
      throw new RangeError(
        `${name}.data has length ${data.length}, but ${name}.rows × ${name}.cols = ${rows} × ${cols} = ${rows * cols}`,
      );
    }
    if (rows === 0) throw new RangeError(`${name} has zero rows`);
    if (cols === 0) throw new RangeError(`${name} has zero columns`);
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const i = Math.floor(k / cols);
        throw new TypeError(`${name} has ${describeBad(v)} at row ${i}, column ${k - i * cols} (${name}.data[${k}])`);
      }
    }
    return {
      rows, cols,
      get: (i, j) => data[i * cols + j],
      writeColumnMajor(target, offset, rowIndex) {
        const m = rowIndex ? rowIndex.length : rows;
        for (let j = 0; j < cols; j++) {
          const o = offset + j * m;
          if (rowIndex) for (let k = 0; k < m; k++) target[o + k] = data[rowIndex[k] * cols + j];
          else for (let k = 0; k < m; k++) target[o + k] = data[k * cols + j];
        }
      },
    };
  }
  if (X === null || typeof X !== 'object' || typeof (X as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of rows (number[][]) or { data, rows, cols }, got ${X === null ? 'null' : typeof X}`);
  }
  const rowsArr = X as ArrayLike<ArrayLike<number>>;
  const rows = rowsArr.length;
  if (rows === 0) throw new RangeError(`${name} has zero rows`);
  const first = rowsArr[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new TypeError(`${name}[0] must be an array of numbers (one array per row), got ${first === null ? 'null' : typeof first}`);
  }
  const cols = first.length;
  if (cols === 0) throw new RangeError(`${name} has zero columns`);
  for (let i = 0; i < rows; i++) {
    const r = rowsArr[i];
    if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
      throw new TypeError(`${name}[${i}] must be an array of numbers (one array per row), got ${r === null ? 'null' : typeof r}`);
    }
    if (r.length !== cols) {
      throw new RangeError(`${name} is ragged: row ${i} has ${r.length} columns, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TypeError(`${name} has ${describeBad(v)} at row ${i}, column ${j}`);
      }
    }
  }
  return {
    rows, cols,
    get: (i, j) => rowsArr[i][j],
    writeColumnMajor(target, offset, rowIndex) {
      const m = rowIndex ? rowIndex.length : rows;
      for (let k = 0; k < m; k++) {
        const r = rowsArr[rowIndex ? rowIndex[k] : k];
        for (let j = 0; j < cols; j++) target[offset + j * m + k] = r[j];
      }
    },
  };
}

/** Validates a numeric vector of the expected length; returns it as given (only read). */
export function checkVector(v: unknown, length: number, name: string, lengthOf = 'the number of rows of X'): ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers, got ${v === null ? 'null' : typeof v}`);
  }
  const a = v as ArrayLike<number>;
  if (a.length !== length) {
    throw new RangeError(`${name} has length ${a.length}, but ${lengthOf} is ${length}`);
  }
  for (let i = 0; i < length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new TypeError(`${name} has ${describeBad(x)} at index ${i}`);
    }
  }
  return a;
}
