/** Twin of assembly/kernels/axpySquares.ts: y ← y + a·(x∘x) over n elements (a·(xᵢ·xᵢ), no FMA). */
export function axpySquares(a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i];
    y[yo + i] += a * (v * v);
  }
}
