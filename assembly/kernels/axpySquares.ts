// y ← y + a·(x∘x): adds a multiple of the elementwise squares of x. The ridge
// leave-one-out leverages Σₖ wₖ·Qᵢₖ² come from it without storing Q∘Q (which
// would be a second n×m copy). Element-wise, so the f64x2 form and the JS twin
// src/kernels/axpySquares.ts give the same bits: a·(xᵢ·xᵢ), no FMA.

export function axpySquares(a: f64, x: usize, y: usize, n: i32): void {
  const va = f64x2.splat(a);
  const n2 = n & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    const v = v128.load(x + o);
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, f64x2.mul(v, v))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    store<f64>(y + o, load<f64>(y + o) + a * (v * v));
  }
}
