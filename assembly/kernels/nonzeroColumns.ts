// Positions of the nonzero entries of a coefficient vector, in increasing
// order (twin: src/kernels/nonzeroColumns.ts). LogisticRegressionCV reads each
// fold path point this way: a wide lasso point has a few dozen nonzeros out
// of thousands of coefficients, and one f64x2 pass that skips zero pairs
// replaces a JS loop over all p (and the copy of all p it replaced).
// A zero is what `c != 0` calls zero: −0 counts as zero, NaN does not.

/** Writes the indices j < n with x[j] ≠ 0 to idx (i32) in increasing order; returns their count. */
export function nonzeroColumns(x: usize, n: i32, idx: usize): i32 {
  const zero = f64x2.splat(0.0);
  let m = 0;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const a = x + (<usize>j << 3);
    if (v128.any_true(f64x2.ne(v128.load(a), zero))) {
      if (load<f64>(a) != 0) {
        store<i32>(idx + (<usize>m << 2), j);
        m++;
      }
      if (load<f64>(a, 8) != 0) {
        store<i32>(idx + (<usize>m << 2), j + 1);
        m++;
      }
    }
  }
  if (j < n && load<f64>(x + (<usize>j << 3)) != 0) {
    store<i32>(idx + (<usize>m << 2), j);
    m++;
  }
  return m;
}
