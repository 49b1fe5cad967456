// Plane (Givens) rotation of two f64 vectors (BLAS drot):
//   x ← c·x + s·y,   y ← c·y − s·x.
// Element-wise, so any lane grouping gives the same bits; f64x2 halves the
// instruction count. No fused multiply-add, matching src/kernels/rot.ts.

@inline
export function rot(x: usize, y: usize, n: i32, c: f64, s: f64): void {
  const vc = f64x2.splat(c);
  const vs = f64x2.splat(s);
  const n2 = n & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    const a = v128.load(x + o);
    const b = v128.load(y + o);
    v128.store(x + o, f64x2.add(f64x2.mul(vc, a), f64x2.mul(vs, b)));
    v128.store(y + o, f64x2.sub(f64x2.mul(vc, b), f64x2.mul(vs, a)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const a = load<f64>(x + o);
    const b = load<f64>(y + o);
    store<f64>(x + o, c * a + s * b);
    store<f64>(y + o, c * b - s * a);
  }
}
