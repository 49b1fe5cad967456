// Sparse matrices (io/sparse's { format, indptr, indices, data, rows, cols }) from arrays of rows, for the tests.
import type { SparseInput } from '../../src/index.js';

export function toCsr(X: number[][]): SparseInput {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of X) {
    row.forEach((v, j) => { if (v !== 0) { indices.push(j); data.push(v); } });
    indptr.push(indices.length);
  }
  return { format: 'csr', indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data), rows: X.length, cols: X[0].length };
}

export function toCsc(X: number[][]): SparseInput {
  const n = X.length;
  const p = X[0].length;
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) if (X[i][j] !== 0) { indices.push(i); data.push(X[i][j]); }
    indptr.push(indices.length);
  }
  return { format: 'csc', indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data), rows: n, cols: p };
}
