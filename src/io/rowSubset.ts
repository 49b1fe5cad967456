import type { CheckedMatrix } from './matrix.js';

/** A view of some rows of a validated matrix (e.g. a cross-validation training fold); nothing is copied. */
export function rowSubset(M: CheckedMatrix, rows: Int32Array): CheckedMatrix {
  return {
    rows: rows.length,
    cols: M.cols,
    get: (i, j) => M.get(rows[i], j),
    writeRowMajor(target, r0, r1) {
      const p = M.cols;
      for (let k = r0; k < r1; k++) M.writeRowMajor(target.subarray((k - r0) * p, (k - r0 + 1) * p), rows[k], rows[k] + 1);
    },
    writeColumnMajor(target, offset, rowIndex) {
      M.writeColumnMajor(target, offset, rowIndex ? Int32Array.from(rowIndex, (k) => rows[k]) : rows);
    },
  };
}
