// Exact integer dot product of two i16 vectors in linear memory, for the
// logistic solver's screen (a bound decides; see assembly/solvers/logisticSolver.ts).
//
// The caller keeps |x| ≤ 32767 and |y| ≤ 8191 (DOT16_X_MAX, DOT16_Y_MAX):
// each lane of i32x4.dot_i16x8_s sums two products, and each of the two i32
// accumulators adds four such lanes per 64-element block, at most
// 8·32767·8191 = 2147155976 < 2³¹ — no i32 overflow. Each block's lanes
// are widened to i64 and summed, and so are the 8-element chunks after the
// last block and the last < 8 products. Every step is an exact integer
// operation, so the result is the exact integer xᵀy whatever the order —
// src/kernels/dot16.ts gets the same value by summing in f64, exact as long
// as |xᵀy| < 2⁵³ (n ≤ 2²⁴ rows, which the caller checks). Half the bytes of an
// f32 pass and no rounding at all.

export const DOT16_X_MAX: i32 = 32767;
export const DOT16_Y_MAX: i32 = 8191;

@inline
export function dot16(x: usize, y: usize, n: i32): f64 {
  let t0 = i64x2.splat(0);
  let t1 = i64x2.splat(0);
  const n64 = n & ~63;
  let i = 0;
  for (; i < n64; i += 64) {
    const xo = x + (<usize>i << 1);
    const yo = y + (<usize>i << 1);
    let a0 = i32x4.dot_i16x8_s(v128.load(xo), v128.load(yo));
    let a1 = i32x4.dot_i16x8_s(v128.load(xo, 16), v128.load(yo, 16));
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load(xo, 32), v128.load(yo, 32)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load(xo, 48), v128.load(yo, 48)));
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load(xo, 64), v128.load(yo, 64)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load(xo, 80), v128.load(yo, 80)));
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load(xo, 96), v128.load(yo, 96)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load(xo, 112), v128.load(yo, 112)));
    t0 = i64x2.add(t0, i64x2.extend_low_i32x4_s(a0));
    t1 = i64x2.add(t1, i64x2.extend_high_i32x4_s(a0));
    t0 = i64x2.add(t0, i64x2.extend_low_i32x4_s(a1));
    t1 = i64x2.add(t1, i64x2.extend_high_i32x4_s(a1));
  }
  // Then 8-element chunks (one dot each, widened at once), then the last < 8 one by one.
  const n8 = n & ~7;
  for (; i < n8; i += 8) {
    const a = i32x4.dot_i16x8_s(v128.load(x + (<usize>i << 1)), v128.load(y + (<usize>i << 1)));
    t0 = i64x2.add(t0, i64x2.extend_low_i32x4_s(a));
    t1 = i64x2.add(t1, i64x2.extend_high_i32x4_s(a));
  }
  const t = i64x2.add(t0, t1);
  let s: i64 = i64x2.extract_lane(t, 0) + i64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const o = <usize>i << 1;
    s += <i64>load<i16>(x + o) * <i64>load<i16>(y + o);
  }
  return <f64>s;
}

/** dot16 as a call (the solver inlines the kernel; this one is exported for the twin test). */
export function dot16Exact(x: usize, y: usize, n: i32): f64 {
  return dot16(x, y, n);
}
