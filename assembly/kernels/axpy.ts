// y ← y + a·x (BLAS daxpy). Element-wise, so every ordering gives the same
// bits; f64x2 halves the instruction count. No fused multiply-add is used
// (WASM SIMD has none in the baseline), matching JS's `y[i] += a * x[i]`.

@inline
export function axpy(a: f64, x: usize, y: usize, n: i32): void {
  const va = f64x2.splat(a);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, v128.load(x + o))));
    v128.store(y + o, f64x2.add(v128.load(y + o, 16), f64x2.mul(va, v128.load(x + o, 16))), 16);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}
