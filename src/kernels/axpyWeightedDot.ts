// Twin of assembly/kernels/axpyWeightedDot.ts: r ← r + a·(v∘x), then returns
// yᵀr with the summation order of src/kernels/dot.ts (eight partial sums
// combined ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), the tail in order), so it
// gives the bits of axpyWeighted followed by dot, and of the WASM kernel.

export function axpyWeightedDot(
  a: number, v: Float64Array, x: Float64Array, xo: number, r: Float64Array, y: Float64Array, yo: number, n: number,
): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const a_ = xo + i, b = yo + i;
    const r0 = r[i] + a * (v[i] * x[a_]);
    const r1 = r[i + 1] + a * (v[i + 1] * x[a_ + 1]);
    const r2 = r[i + 2] + a * (v[i + 2] * x[a_ + 2]);
    const r3 = r[i + 3] + a * (v[i + 3] * x[a_ + 3]);
    const r4 = r[i + 4] + a * (v[i + 4] * x[a_ + 4]);
    const r5 = r[i + 5] + a * (v[i + 5] * x[a_ + 5]);
    const r6 = r[i + 6] + a * (v[i + 6] * x[a_ + 6]);
    const r7 = r[i + 7] + a * (v[i + 7] * x[a_ + 7]);
    r[i] = r0; r[i + 1] = r1; r[i + 2] = r2; r[i + 3] = r3;
    r[i + 4] = r4; r[i + 5] = r5; r[i + 6] = r6; r[i + 7] = r7;
    s0 += y[b] * r0;
    s1 += y[b + 1] * r1;
    s2 += y[b + 2] * r2;
    s3 += y[b + 3] * r3;
    s4 += y[b + 4] * r4;
    s5 += y[b + 5] * r5;
    s6 += y[b + 6] * r6;
    s7 += y[b + 7] * r7;
  }
  let s = ((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7));
  for (; i < n; i++) {
    const ri = r[i] + a * (v[i] * x[xo + i]);
    r[i] = ri;
    s += y[yo + i] * ri;
  }
  return s;
}
