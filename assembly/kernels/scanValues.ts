// Validation scan of input values in linear memory: the first non-finite
// entry and the largest magnitude (with its first position), for the input
// checks of src/io/matrix.ts.
//
// One f64x2 pass over blocks of 256 values flags any v with v − v ≠ 0 (NaN or
// ±Infinity) and takes each block's max |v| with f64x2.pmax (a plain maxpd;
// NaNs are caught by the flag instead); the position is then looked up inside
// the first block holding the maximum only. The answer is exactly what a plain
// left-to-right loop gives: the first non-finite index, else max|v| and the
// first index reaching it.

const BLOCK: i32 = 256;

/** Returns the index of the first non-finite value, or −1; then out[0] = max|v|, out[1] = its first index. */
export function scanValues(x: usize, count: i32, out: usize): i32 {
  const zero = f64x2.splat(0.0);
  let bad = zero;
  let big: f64 = 0;
  let bigBlock = 0;
  for (let b0 = 0; b0 < count; b0 += BLOCK) {
    const b1 = min(b0 + BLOCK, count);
    let m = zero;
    let i = b0;
    for (; i + 1 < b1; i += 2) {
      const v = v128.load(x + (<usize>i << 3));
      bad = v128.or(bad, f64x2.ne(f64x2.sub(v, v), zero));
      m = f64x2.pmax(m, f64x2.abs(v));
    }
    let bm = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
    for (; i < b1; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      if (v - v != 0) bad = v128.or(bad, f64x2.splat(-1.0)); // any set bit flags it
      else bm = max(bm, Math.abs(v));
    }
    if (bm > big) {
      big = bm;
      bigBlock = b0;
    }
  }
  if (v128.any_true(bad)) {
    for (let k = 0; k < count; k++) {
      const v = load<f64>(x + (<usize>k << 3));
      if (v - v != 0) return k;
    }
  }
  let at = bigBlock;
  const end = min(bigBlock + BLOCK, count);
  for (let k = bigBlock; k < end; k++) {
    if (Math.abs(load<f64>(x + (<usize>k << 3))) == big) { at = k; break; }
  }
  store<f64>(out, big);
  store<f64>(out, <f64>at, 8);
  return -1;
}
