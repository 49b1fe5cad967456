/**
 * r ← r + a·(v∘x) over `n` elements — twin of assembly/kernels/axpyWeighted.ts
 * (element-wise, so it matches the f64x2 version bit for bit).
 */
export function axpyWeighted(a: number, v: Float64Array, x: Float64Array, xo: number, r: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) r[i] += a * (v[i] * x[xo + i]);
}
