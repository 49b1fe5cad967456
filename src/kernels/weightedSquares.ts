/**
 * Σᵢ vᵢ·xᵢ² over `n` elements from `vo` and `xo` — twin of
 * assembly/kernels/weightedSquares.ts: element i goes to partial sum s[i % 8]
 * as in the WASM kernel's four f64x2 accumulators, combined in the same order
 * as kernels/dot, then the tail in order. Same bits on both backends.
 */
export function weightedSquares(v: Float64Array, vo: number, x: Float64Array, xo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const a = vo + i, b = xo + i;
    const x0 = x[b], x1 = x[b + 1], x2 = x[b + 2], x3 = x[b + 3], x4 = x[b + 4], x5 = x[b + 5], x6 = x[b + 6], x7 = x[b + 7];
    s0 += v[a] * (x0 * x0);
    s1 += v[a + 1] * (x1 * x1);
    s2 += v[a + 2] * (x2 * x2);
    s3 += v[a + 3] * (x3 * x3);
    s4 += v[a + 4] * (x4 * x4);
    s5 += v[a + 5] * (x5 * x5);
    s6 += v[a + 6] * (x6 * x6);
    s7 += v[a + 7] * (x7 * x7);
  }
  let s = ((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7));
  for (; i < n; i++) {
    const xi = x[xo + i];
    s += v[vo + i] * (xi * xi);
  }
  return s;
}
