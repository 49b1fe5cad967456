// r ← r + a·(v∘x), then returns yᵀr (the updated r): the coordinate step of an
// IRLS subproblem fused with the next coordinate's correlation, so a
// coordinate-descent sweep passes over the residual once per coordinate
// instead of twice (the r stream is read once for both; the classic fusion of
// the update and the next inner product in naive coordinate descent).
//
// Bit-identical to `axpyWeighted(a, v, x, r, n)` followed by `dot(y, r, n)`:
// each rᵢ gets rᵢ + a·(vᵢ·xᵢ) (no fused multiply-add) and the dot product is
// accumulated exactly as assembly/kernels/dot.ts does (eight partial sums in
// four f64x2 accumulators, combined ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), the
// n % 8 tail added in order). src/kernels/axpyWeightedDot.ts is its JS twin.

@inline
export function axpyWeightedDot(a: f64, v: usize, x: usize, r: usize, y: usize, n: i32): f64 {
  const va = f64x2.splat(a);
  let a0 = f64x2.splat(0.0);
  let a1 = f64x2.splat(0.0);
  let a2 = f64x2.splat(0.0);
  let a3 = f64x2.splat(0.0);
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const o = <usize>i << 3;
    const r0 = f64x2.add(v128.load(r + o), f64x2.mul(va, f64x2.mul(v128.load(v + o), v128.load(x + o))));
    const r1 = f64x2.add(v128.load(r + o, 16), f64x2.mul(va, f64x2.mul(v128.load(v + o, 16), v128.load(x + o, 16))));
    const r2 = f64x2.add(v128.load(r + o, 32), f64x2.mul(va, f64x2.mul(v128.load(v + o, 32), v128.load(x + o, 32))));
    const r3 = f64x2.add(v128.load(r + o, 48), f64x2.mul(va, f64x2.mul(v128.load(v + o, 48), v128.load(x + o, 48))));
    v128.store(r + o, r0);
    v128.store(r + o, r1, 16);
    v128.store(r + o, r2, 32);
    v128.store(r + o, r3, 48);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(y + o), r0));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(y + o, 16), r1));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(y + o, 32), r2));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(y + o, 48), r3));
  }
  const t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const ri = load<f64>(r + o) + a * (load<f64>(v + o) * load<f64>(x + o));
    store<f64>(r + o, ri);
    s += load<f64>(y + o) * ri;
  }
  return s;
}
