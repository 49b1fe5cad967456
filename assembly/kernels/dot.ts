// Dot product of two f64 vectors in linear memory.
//
// Accuracy/reproducibility note: the sum is accumulated in eight partial sums
// (four f64x2 accumulators, lanes s0..s7 taking element i when i % 8 == lane),
// combined as ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), then the tail (n % 8
// elements) is added in order. src/kernels/dot.ts performs exactly the same
// IEEE-754 operations in the same order, which is why the WASM and JS backends
// return bit-identical results. Several accumulators also hide the f64x2.add
// latency; error is the usual O(n·eps·Σ|xᵢyᵢ|) of recursive summation, and
// slightly better because the partial sums are shorter.

@inline
export function dot(x: usize, y: usize, n: i32): f64 {
  let a0 = f64x2.splat(0.0);
  let a1 = f64x2.splat(0.0);
  let a2 = f64x2.splat(0.0);
  let a3 = f64x2.splat(0.0);
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(x + o, 32), v128.load(y + o, 32)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(x + o, 48), v128.load(y + o, 48)));
  }
  const t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}
