/**
 * Sparse design matrices: `{ format: 'csr' | 'csc', indptr, indices, data,
 * rows, cols }` — the compressed layout of scipy.sparse and most JS sparse
 * libraries (glmnet's dgCMatrix is CSC). Validated once and held as CSC (the
 * solvers walk columns); CSR input is transposed structurally (O(nnz), no
 * dense copy ever). Indices must be sorted and unique within each row (CSR)
 * or column (CSC), as scipy's canonical format; values finite.
 */

export interface SparseInput {
  format: 'csr' | 'csc';
  indptr: ArrayLike<number>;
  indices: ArrayLike<number>;
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

/** A validated sparse matrix in CSC form (copies: the caller's arrays are only read). */
export interface SparseMatrix {
  readonly sparse: true;
  readonly rows: number;
  readonly cols: number;
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly vals: Float64Array;
  readonly maxAbs: { value: number; row: number; col: number };
}

export function isSparseInput(X: unknown): X is SparseInput {
  return typeof X === 'object' && X !== null && 'format' in X && 'indptr' in X;
}

export function isSparseMatrix(M: unknown): M is SparseMatrix {
  return typeof M === 'object' && M !== null && (M as { sparse?: unknown }).sparse === true;
}

function arrayLike(v: unknown, what: string): ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${what} must be an array or typed array of numbers, got ${v === null ? 'null' : typeof v}`);
  }
  return v as ArrayLike<number>;
}

function dimension(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > 2 ** 31 - 1) {
    throw new TypeError(`${what} must be a positive integer below 2³¹, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return v;
}

/**
 * Validates a sparse X and returns it as CSC. Errors say what and where: the
 * pointer that decreases, the index out of range or out of order (with its
 * row and column), the value that is not finite.
 */
export function checkSparse(X: SparseInput, name = 'X'): SparseMatrix {
  const format = X.format;
  if (format !== 'csr' && format !== 'csc') throw new TypeError(`${name}.format must be 'csr' or 'csc', got ${String(format)}`);
  const rows = dimension(X.rows, `${name}.rows`);
  const cols = dimension(X.cols, `${name}.cols`);
  const indptr = arrayLike(X.indptr, `${name}.indptr`);
  const indices = arrayLike(X.indices, `${name}.indices`);
  const data = arrayLike(X.data, `${name}.data`);
  const csr = format === 'csr';
  const major = csr ? rows : cols;
  const minor = csr ? cols : rows;
  const majorName = csr ? 'row' : 'column';
  const minorName = csr ? 'column' : 'row';
  if (indptr.length !== major + 1) {
    throw new RangeError(`${name}.indptr has length ${indptr.length}, but a ${format.toUpperCase()} matrix with ${major} ${majorName}s needs ${major + 1}`);
  }
  const nnz = indptr[major];
  if (indptr[0] !== 0) throw new RangeError(`${name}.indptr[0] must be 0, got ${String(indptr[0])}`);
  if (typeof nnz !== 'number' || !Number.isSafeInteger(nnz) || nnz < 0) throw new RangeError(`${name}.indptr[${major}] must be the number of stored entries, got ${String(nnz)}`);
  if (indices.length !== nnz) throw new RangeError(`${name}.indices has length ${indices.length}, but ${name}.indptr[${major}] = ${nnz}`);
  if (data.length !== nnz) throw new RangeError(`${name}.data has length ${data.length}, but ${name}.indptr[${major}] = ${nnz}`);
  const entryError = (t: number, a: number, prev: number): Error =>
    sparseEntryError(indices, data, t, a, prev, { name, csr, minor, majorName, minorName });
  // The scan sits in its own function: captured by the closure above, these
  // arrays would be context variables, and the hot loop slower for it.
  const bigAt = scanEntries(indptr, indices, data, major, minor, nnz, entryError, name);
  const colPtr = new Int32Array(cols + 1);
  const rowIdx = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  let maxAbs = { value: 0, row: 0, col: 0 };
  if (!csr) {
    copyInto(colPtr, indptr);
    copyInto(rowIdx, indices);
    copyInto(vals, data);
    if (bigAt >= 0) {
      let j = 0;
      while (colPtr[j + 1] <= bigAt) j++;
      maxAbs = { value: Math.abs(vals[bigAt]), row: rowIdx[bigAt], col: j };
    }
  } else {
    // Structural transpose (counting sort by column): rows come out in increasing order within each column.
    for (let t = 0; t < nnz; t++) colPtr[indices[t] + 1]++;
    for (let j = 0; j < cols; j++) colPtr[j + 1] += colPtr[j];
    const next = colPtr.slice(0, cols);
    for (let i = 0; i < rows; i++) {
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const j = indices[t];
        const o = next[j]++;
        rowIdx[o] = i;
        vals[o] = data[t];
        if (t === bigAt) maxAbs = { value: Math.abs(vals[o]), row: i, col: j };
      }
    }
  }
  return { sparse: true, rows, cols, colPtr, rowIdx, vals, maxAbs };
}

/** Validates every stored entry (index in range, sorted and unique within its major line, value finite); returns where the largest |value| is (−1 if none). */
function scanEntries(
  indptr: ArrayLike<number>, indices: ArrayLike<number>, data: ArrayLike<number>, major: number, minor: number, nnz: number,
  entryError: (t: number, a: number, prev: number) => Error, name: string,
): number {
  let big = 0;
  let bigAt = -1;
  for (let a = 0; a < major; a++) {
    const s = indptr[a];
    const e = indptr[a + 1];
    if (typeof e !== 'number' || !Number.isSafeInteger(e) || e < s || e > nnz) {
      throw new RangeError(`${name}.indptr must be non-decreasing integers from 0 to ${nnz}; ${name}.indptr[${a + 1}] = ${String(e)} after ${s}`);
    }
    let prev = -1;
    for (let t = s; t < e; t++) {
      const b = indices[t];
      const v = data[t];
      // One combined test per entry (the hot loop); the error says which rule failed.
      if (!(Number.isInteger(b) && b > prev && b < minor && Number.isFinite(v))) throw entryError(t, a, prev);
      prev = b;
      const av = Math.abs(v);
      if (av > big) { big = av; bigAt = t; }
    }
  }
  return bigAt;
}

/** The error for entry t of major line a (after minor index `prev`): range, duplicate, order, then value. */
function sparseEntryError(
  indices: ArrayLike<number>, data: ArrayLike<number>, t: number, a: number, prev: number,
  at: { name: string; csr: boolean; minor: number; majorName: string; minorName: string },
): Error {
  const { name, csr, minor, majorName, minorName } = at;
  const b = indices[t];
  const where = `${name}.indices[${t}] (${majorName} ${a})`;
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b >= minor) {
    return new RangeError(`${where} is ${String(b)}, out of range: ${minorName} indices run from 0 to ${minor - 1}`);
  }
  if (b === prev) return new RangeError(`${where} repeats ${minorName} ${b}: duplicate entries are not allowed (sum them first, e.g. scipy's sum_duplicates())`);
  if (b < prev) return new RangeError(`${where} is ${minorName} ${b} after ${minorName} ${prev}: indices must be sorted within each ${majorName} (e.g. scipy's sort_indices())`);
  const v = data[t];
  const i = csr ? a : b;
  const j = csr ? b : a;
  const what = typeof v === 'number' ? String(v) : v === undefined ? 'undefined (missing entry)' : `a ${typeof v}`;
  const msg = `${name} at row ${i}, column ${j} (${name}.data[${t}]) is ${what}; every entry must be a finite number`;
  return typeof v === 'number' ? new RangeError(msg) : new TypeError(msg);
}

/** out ← src (validated numbers): a memcpy-like set for typed arrays and arrays, element by element otherwise. */
function copyInto(out: Int32Array | Float64Array, src: ArrayLike<number>): void {
  if (ArrayBuffer.isView(src) || Array.isArray(src)) out.set(src as ArrayLike<number>);
  else for (let t = 0; t < out.length; t++) out[t] = src[t];
}

/** Stored entries per row of a CSC matrix, counted once per matrix (cross-validation takes several row subsets of it). */
const rowCountCache = new WeakMap<SparseMatrix, Int32Array>();
function rowCounts(S: SparseMatrix): Int32Array {
  let c = rowCountCache.get(S);
  if (!c) {
    c = new Int32Array(S.rows);
    const idx = S.rowIdx;
    for (let t = 0; t < idx.length; t++) c[idx[t]]++;
    rowCountCache.set(S, c);
  }
  return c;
}

/** The rows `rows` (in that order, each used once) of a CSC matrix, still CSC (a cross-validation fold): one pass over the entries. */
export function sparseRowSubset(S: SparseMatrix, rows: Int32Array): SparseMatrix {
  const map = new Int32Array(S.rows).fill(-1);
  const counts = rowCounts(S);
  let total = 0;
  for (let k = 0; k < rows.length; k++) {
    map[rows[k]] = k;
    total += counts[rows[k]];
  }
  const colPtr = new Int32Array(S.cols + 1);
  const rowIdx = new Int32Array(total);
  const vals = new Float64Array(total);
  const srcPtr = S.colPtr;
  const srcIdx = S.rowIdx;
  const srcVals = S.vals;
  let o = 0;
  for (let j = 0; j < S.cols; j++) {
    const start = o;
    let prev = -1;
    let sorted = true;
    const end = srcPtr[j + 1];
    for (let t = srcPtr[j]; t < end; t++) {
      const k = map[srcIdx[t]];
      if (k >= 0) {
        rowIdx[o] = k;
        vals[o] = srcVals[t];
        o++;
        if (k < prev) sorted = false;
        prev = k;
      }
    }
    colPtr[j + 1] = o;
    // Keep rows sorted within the column when `rows` is not increasing.
    if (!sorted) {
      const idx = Array.from({ length: o - start }, (_, q) => start + q).sort((x, y) => rowIdx[x] - rowIdx[y]);
      const r2 = idx.map((q) => rowIdx[q]);
      const v2 = idx.map((q) => vals[q]);
      for (let q = 0; q < r2.length; q++) { rowIdx[start + q] = r2[q]; vals[start + q] = v2[q]; }
    }
  }
  return { sparse: true, rows: rows.length, cols: S.cols, colPtr, rowIdx, vals, maxAbs: S.maxAbs };
}

/** Predictions b + X·coef (k targets: coef k×p row-major, out n×k row-major) for a CSC X. */
export function sparsePredict(S: SparseMatrix, coef: Float64Array, intercepts: ArrayLike<number>): Float64Array {
  const k = intercepts.length;
  const p = S.cols;
  const out = new Float64Array(S.rows * k);
  for (let i = 0; i < S.rows; i++) for (let t = 0; t < k; t++) out[i * k + t] = intercepts[t];
  for (let j = 0; j < p; j++) {
    for (let t = 0; t < k; t++) {
      const c = coef[t * p + j];
      if (c === 0) continue;
      for (let q = S.colPtr[j]; q < S.colPtr[j + 1]; q++) out[S.rowIdx[q] * k + t] += S.vals[q] * c;
    }
  }
  return out;
}

/**
 * Held-out (weighted) mean squared error of K path points (coefs K×p
 * row-major) on the rows `testRows` of a sparse X — the sparse counterpart of
 * the backends' heldOutMse kernel (the same sums: the intercept, then each
 * nonzero coefficient's column, then Σwr²/Σw). Plain JS on both backends.
 */
export function sparseHeldOutMse(
  S: SparseMatrix, testRows: Int32Array, yTest: Float64Array, swTest: Float64Array | null,
  coefs: Float64Array, intercepts: Float64Array,
): Float64Array {
  const T = sparseRowSubset(S, testRows);
  const nT = testRows.length;
  const p = S.cols;
  const K = intercepts.length;
  let wT = nT;
  if (swTest !== null) {
    wT = 0;
    for (let t = 0; t < nT; t++) wT += swTest[t];
  }
  const pred = new Float64Array(nT);
  const mse = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    pred.fill(intercepts[k]);
    for (let j = 0; j < p; j++) {
      const c = coefs[k * p + j];
      if (c === 0) continue;
      for (let q = T.colPtr[j]; q < T.colPtr[j + 1]; q++) pred[T.rowIdx[q]] += c * T.vals[q];
    }
    let sse = 0;
    for (let t = 0; t < nT; t++) {
      const r = yTest[t] - pred[t];
      sse += swTest === null ? r * r : swTest[t] * r * r;
    }
    mse[k] = wT > 0 ? sse / wT : 0;
  }
  return mse;
}
