// Single-precision dot product of two f32 vectors in linear memory, for
// screening only (a bound decides; see assembly/solvers/logisticSolver.ts).
//
// Sixteen partial sums in four f32x4 accumulators (element i goes to
// accumulator ⌊(i % 16)/4⌋, lane i % 4), combined lane-wise as
// (a0 + a1) + (a2 + a3), then lanes as (l0 + l1) + (l2 + l3), then the
// n % 16 tail in order. Every operation is an IEEE-754 binary32 multiply or
// add (wasm SIMD has no fused multiply-add), which src/kernels/dot32.ts
// reproduces with Math.fround: a binary32 sum or product rounded from its
// binary64 value is the correctly rounded binary32 result (53 ≥ 2·24 + 2), so
// both backends give the same bits. Half the bytes of an f64 pass and twice
// the lanes.

@inline
export function dot32(x: usize, y: usize, n: i32): f32 {
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  const n16 = n & ~15;
  let i = 0;
  for (; i < n16; i += 16) {
    const o = <usize>i << 2;
    a0 = f32x4.add(a0, f32x4.mul(v128.load(x + o), v128.load(y + o)));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(x + o, 32), v128.load(y + o, 32)));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(x + o, 48), v128.load(y + o, 48)));
  }
  const t = f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3));
  let s: f32 = (f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1)) + (f32x4.extract_lane(t, 2) + f32x4.extract_lane(t, 3));
  for (; i < n; i++) {
    const o = <usize>i << 2;
    s += load<f32>(x + o) * load<f32>(y + o);
  }
  return s;
}
