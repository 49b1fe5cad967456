/**
 * Twin of assembly/kernels/nonzeroColumns.ts: writes the indices j < n with
 * x[j] ≠ 0 (−0 counts as zero, NaN does not) to idx in increasing order and
 * returns their count.
 */
export function nonzeroColumns(x: Float64Array, n: number, idx: Int32Array): number {
  let m = 0;
  for (let j = 0; j < n; j++) if (x[j] !== 0) idx[m++] = j;
  return m;
}
