// Four dot products aᵀb₀ … aᵀb₃ in one pass: each load of `a` serves four
// products, so a Gram-matrix column block Xᵀ[x_j0 … x_j3] reads X once per
// four columns instead of once per column (the register-blocking idea of
// Goto & van de Geijn 2008, "Anatomy of high-performance matrix
// multiplication", reduced to a 1×4 GEMV tile).
//
// Each product keeps two f64x2 accumulators (element i goes to lane i % 4),
// combined as (s0 + s2) + (s1 + s3), then the n % 4 tail in order;
// src/kernels/dot4.ts does the same operations in the same order.

export function dot4(
  a: usize, b0: usize, b1: usize, b2: usize, b3: usize, n: i32,
  o0: usize, o1: usize, o2: usize, o3: usize,
): void {
  let p0 = f64x2.splat(0.0), q0 = f64x2.splat(0.0);
  let p1 = f64x2.splat(0.0), q1 = f64x2.splat(0.0);
  let p2 = f64x2.splat(0.0), q2 = f64x2.splat(0.0);
  let p3 = f64x2.splat(0.0), q3 = f64x2.splat(0.0);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    const a0 = v128.load(a + o);
    const a1 = v128.load(a + o, 16);
    p0 = f64x2.add(p0, f64x2.mul(a0, v128.load(b0 + o)));
    q0 = f64x2.add(q0, f64x2.mul(a1, v128.load(b0 + o, 16)));
    p1 = f64x2.add(p1, f64x2.mul(a0, v128.load(b1 + o)));
    q1 = f64x2.add(q1, f64x2.mul(a1, v128.load(b1 + o, 16)));
    p2 = f64x2.add(p2, f64x2.mul(a0, v128.load(b2 + o)));
    q2 = f64x2.add(q2, f64x2.mul(a1, v128.load(b2 + o, 16)));
    p3 = f64x2.add(p3, f64x2.mul(a0, v128.load(b3 + o)));
    q3 = f64x2.add(q3, f64x2.mul(a1, v128.load(b3 + o, 16)));
  }
  const t0 = f64x2.add(p0, q0);
  const t1 = f64x2.add(p1, q1);
  const t2 = f64x2.add(p2, q2);
  const t3 = f64x2.add(p3, q3);
  let s0 = f64x2.extract_lane(t0, 0) + f64x2.extract_lane(t0, 1);
  let s1 = f64x2.extract_lane(t1, 0) + f64x2.extract_lane(t1, 1);
  let s2 = f64x2.extract_lane(t2, 0) + f64x2.extract_lane(t2, 1);
  let s3 = f64x2.extract_lane(t3, 0) + f64x2.extract_lane(t3, 1);
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const ai = load<f64>(a + o);
    s0 += ai * load<f64>(b0 + o);
    s1 += ai * load<f64>(b1 + o);
    s2 += ai * load<f64>(b2 + o);
    s3 += ai * load<f64>(b3 + o);
  }
  store<f64>(o0, s0);
  store<f64>(o1, s1);
  store<f64>(o2, s2);
  store<f64>(o3, s3);
}
