/**
 * y ← y + a·x over `n` elements (BLAS daxpy). Twin of assembly/kernels/axpy.ts;
 * element-wise, so it matches the f64x2 version bit for bit.
 */
export function axpy(a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
}
