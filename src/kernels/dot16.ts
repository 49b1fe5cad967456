/** Largest |x| and |y| entries dot16's callers may pass (see assembly/kernels/dot16.ts). */
export const DOT16_X_MAX = 32767;
export const DOT16_Y_MAX = 8191;

/**
 * Exact integer dot product xᵀy of `n` i16 elements starting at `xo` and `yo`
 * (screening only). Pure-JS twin of assembly/kernels/dot16.ts: the WASM kernel
 * sums exactly in i32/i64 lanes; here each product (< 2²⁸) and every partial
 * sum is an integer below 2⁵³ (n ≤ 2²⁴, checked by the caller), so the f64 sum
 * is exact too and both give the same value in any order.
 */
export function dot16(x: Int16Array, xo: number, y: Int16Array, yo: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
  return s;
}
