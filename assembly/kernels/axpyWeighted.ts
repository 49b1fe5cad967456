// r ← r + a·(v∘x) over n elements: the working-residual update of a
// coordinate step in an IRLS subproblem. Element-wise (each rᵢ gets
// rᵢ + a·(vᵢ·xᵢ), no fused multiply-add), so the f64x2 form and the JS twin
// src/kernels/axpyWeighted.ts give the same bits.

@inline
export function axpyWeighted(a: f64, v: usize, x: usize, r: usize, n: i32): void {
  const va = f64x2.splat(a);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    v128.store(r + o, f64x2.add(v128.load(r + o), f64x2.mul(va, f64x2.mul(v128.load(v + o), v128.load(x + o)))));
    v128.store(r + o, f64x2.add(v128.load(r + o, 16), f64x2.mul(va, f64x2.mul(v128.load(v + o, 16), v128.load(x + o, 16)))), 16);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(r + o, load<f64>(r + o) + a * (load<f64>(v + o) * load<f64>(x + o)));
  }
}
