// Σᵢ vᵢ·xᵢ² over n elements: the curvature Σ vᵢxᵢⱼ² of coordinate j in an
// IRLS (weighted least-squares) subproblem. Same summation order as
// kernels/dot (eight partial sums in four f64x2 accumulators, combined as
// ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), then the tail in order), which
// src/kernels/weightedSquares.ts repeats for bit-identical results.

@inline
export function weightedSquares(v: usize, x: usize, n: i32): f64 {
  let a0 = f64x2.splat(0.0);
  let a1 = f64x2.splat(0.0);
  let a2 = f64x2.splat(0.0);
  let a3 = f64x2.splat(0.0);
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const o = <usize>i << 3;
    const x0 = v128.load(x + o);
    const x1 = v128.load(x + o, 16);
    const x2 = v128.load(x + o, 32);
    const x3 = v128.load(x + o, 48);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(v + o), f64x2.mul(x0, x0)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(v + o, 16), f64x2.mul(x1, x1)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(v + o, 32), f64x2.mul(x2, x2)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(v + o, 48), f64x2.mul(x3, x3)));
  }
  const t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xi = load<f64>(x + o);
    s += load<f64>(v + o) * (xi * xi);
  }
  return s;
}
