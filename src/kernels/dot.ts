/**
 * Dot product xᵀy of `n` elements starting at `xo` and `yo`.
 *
 * Pure-JS twin of assembly/kernels/dot.ts: eight partial sums s0..s7 (element
 * i goes to s[i % 8], as in the four f64x2 accumulators of the WASM kernel),
 * combined as ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), then the tail in order.
 * The same IEEE-754 operations in the same order give bit-identical results on
 * both backends.
 */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const a = xo + i, b = yo + i;
    s0 += x[a] * y[b];
    s1 += x[a + 1] * y[b + 1];
    s2 += x[a + 2] * y[b + 2];
    s3 += x[a + 3] * y[b + 3];
    s4 += x[a + 4] * y[b + 4];
    s5 += x[a + 5] * y[b + 5];
    s6 += x[a + 6] * y[b + 6];
    s7 += x[a + 7] * y[b + 7];
  }
  let s = ((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7));
  for (; i < n; i++) s += x[xo + i] * y[yo + i];
  return s;
}
