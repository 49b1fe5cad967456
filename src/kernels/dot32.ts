const f = Math.fround;

/**
 * Single-precision dot product xᵀy of `n` elements starting at `xo` and `yo`
 * (screening only). Pure-JS twin of assembly/kernels/dot32.ts: sixteen
 * partial sums (element i goes to s[i % 16], as lane i % 4 of accumulator
 * ⌊(i % 16)/4⌋ there), combined per lane as (sₗ + sₗ₊₄) + (sₗ₊₈ + sₗ₊₁₂), lanes
 * as (l0 + l1) + (l2 + l3), then the tail in order; every product and sum is
 * rounded to binary32 by Math.fround (a binary32 operation rounded from its
 * binary64 value is the correctly rounded binary32 result, as 53 ≥ 2·24 + 2),
 * so the bits are the WASM kernel's.
 */
export function dot32(x: Float32Array, xo: number, y: Float32Array, yo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
  const n16 = n & ~15;
  let i = 0;
  for (; i < n16; i += 16) {
    const a = xo + i, b = yo + i;
    s0 = f(s0 + f(x[a] * y[b]));
    s1 = f(s1 + f(x[a + 1] * y[b + 1]));
    s2 = f(s2 + f(x[a + 2] * y[b + 2]));
    s3 = f(s3 + f(x[a + 3] * y[b + 3]));
    s4 = f(s4 + f(x[a + 4] * y[b + 4]));
    s5 = f(s5 + f(x[a + 5] * y[b + 5]));
    s6 = f(s6 + f(x[a + 6] * y[b + 6]));
    s7 = f(s7 + f(x[a + 7] * y[b + 7]));
    s8 = f(s8 + f(x[a + 8] * y[b + 8]));
    s9 = f(s9 + f(x[a + 9] * y[b + 9]));
    s10 = f(s10 + f(x[a + 10] * y[b + 10]));
    s11 = f(s11 + f(x[a + 11] * y[b + 11]));
    s12 = f(s12 + f(x[a + 12] * y[b + 12]));
    s13 = f(s13 + f(x[a + 13] * y[b + 13]));
    s14 = f(s14 + f(x[a + 14] * y[b + 14]));
    s15 = f(s15 + f(x[a + 15] * y[b + 15]));
  }
  const l0 = f(f(s0 + s4) + f(s8 + s12));
  const l1 = f(f(s1 + s5) + f(s9 + s13));
  const l2 = f(f(s2 + s6) + f(s10 + s14));
  const l3 = f(f(s3 + s7) + f(s11 + s15));
  let r = f(f(l0 + l1) + f(l2 + l3));
  for (; i < n; i++) r = f(r + f(x[xo + i] * y[yo + i]));
  return r;
}
