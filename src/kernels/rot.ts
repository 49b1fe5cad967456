/**
 * Plane rotation (BLAS drot) of x[xo..xo+n) and y[yo..yo+n):
 * x ← c·x + s·y, y ← c·y − s·x. Twin of assembly/kernels/rot.ts; element-wise,
 * so it matches the f64x2 version bit for bit.
 */
export function rot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number, c: number, s: number): void {
  for (let i = 0; i < n; i++) {
    const a = x[xo + i];
    const b = y[yo + i];
    x[xo + i] = c * a + s * b;
    y[yo + i] = c * b - s * a;
  }
}
