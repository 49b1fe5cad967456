// Lower-triangular rank-k update (BLAS dsyrk, "lower, no transpose"):
//     C ← C ± U·Uᵀ   on the lower triangle of the m×m matrix C,
// U an m×kk matrix; both column-major, leading dimensions in bytes. It is the
// XXᵀ of the dual ridge system (U = X, kk = p) and the trailing update of the
// blocked Cholesky factorization (U = the factored panel, subtracted).
//
// Order of operations (what makes the JS twin, src/kernels/syrk.ts,
// bit-identical): every entry is updated one product at a time in increasing
// t, c ← c ± U[a,t]·U[b,t], exactly as a sequence of rank-one updates
// (axpys) over the columns of U would do. Blocking only changes which entries
// are worked on when, never the sequence of operations applied to one entry,
// so block sizes are free to follow the cache.
//
// Blocking after Goto & van de Geijn, "Anatomy of high-performance matrix
// multiplication", ACM TOMS 34(3), 2008: the columns of U are taken kc at a
// time; the rows of C in panels of MC, so the panel's part of U (MC × kc)
// stays in L2 while a 4-row strip of U for the current column block (4 × kc)
// stays in L1; the micro-kernel holds a 4×4 tile of C in eight f64x2
// registers (lanes = two consecutive rows, so loads of U's columns and of C
// are contiguous) and per column t does 2 loads, 4 load-splats, 8 multiplies
// and 8 adds. WASM SIMD has no fused multiply-add, so the multiply and the
// add are separately rounded, as in the JS twin.

/** Columns of U per pass (any value gives the same bits). */
const KC: i32 = 128;
/** Rows of C per panel (multiple of 4; any value gives the same bits). */
const MC: i32 = 128;

// A 4×4 tile of C at `c` (rows a..a+3 of columns b..b+3) updated with the
// columns t of the strips u (rows a..a+3) and v (rows b..b+3) of U, cnt
// columns, stride ldu. `diag` tiles (a = b) store their lower part only.
@inline
function tile(c: usize, ldc: usize, u: usize, v: usize, ldu: usize, cnt: i32, subtract: bool, diag: bool): void {
  const c1 = c + ldc;
  const c2 = c1 + ldc;
  const c3 = c2 + ldc;
  let x00 = v128.load(c), x10 = v128.load(c, 16);
  let x01 = v128.load(c1), x11 = v128.load(c1, 16);
  let x02 = v128.load(c2), x12 = v128.load(c2, 16);
  let x03 = v128.load(c3), x13 = v128.load(c3, 16);
  const uEnd = u + <usize>cnt * ldu;
  while (u < uEnd) {
    const a0 = v128.load(u);
    const a1 = v128.load(u, 16);
    let b = v128.load64_splat(v);
    if (subtract) {
      x00 = f64x2.sub(x00, f64x2.mul(a0, b)); x10 = f64x2.sub(x10, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 8);
      x01 = f64x2.sub(x01, f64x2.mul(a0, b)); x11 = f64x2.sub(x11, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 16);
      x02 = f64x2.sub(x02, f64x2.mul(a0, b)); x12 = f64x2.sub(x12, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 24);
      x03 = f64x2.sub(x03, f64x2.mul(a0, b)); x13 = f64x2.sub(x13, f64x2.mul(a1, b));
    } else {
      x00 = f64x2.add(x00, f64x2.mul(a0, b)); x10 = f64x2.add(x10, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 8);
      x01 = f64x2.add(x01, f64x2.mul(a0, b)); x11 = f64x2.add(x11, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 16);
      x02 = f64x2.add(x02, f64x2.mul(a0, b)); x12 = f64x2.add(x12, f64x2.mul(a1, b));
      b = v128.load64_splat(v, 24);
      x03 = f64x2.add(x03, f64x2.mul(a0, b)); x13 = f64x2.add(x13, f64x2.mul(a1, b));
    }
    u += ldu;
    v += ldu;
  }
  if (diag) {
    // Rows a..a+3 of column b+d: only rows ≥ b+d are in the lower triangle.
    v128.store(c, x00); v128.store(c, x10, 16);
    v128.store64_lane(c1, x01, 1, 8); v128.store(c1, x11, 16);
    v128.store(c2, x12, 16);
    v128.store64_lane(c3, x13, 1, 24);
  } else {
    v128.store(c, x00); v128.store(c, x10, 16);
    v128.store(c1, x01); v128.store(c1, x11, 16);
    v128.store(c2, x02); v128.store(c2, x12, 16);
    v128.store(c3, x03); v128.store(c3, x13, 16);
  }
}

// One entry, one product at a time (the rows that do not fill a 4-row tile).
@inline
function entry(c: usize, u: usize, v: usize, ldu: usize, cnt: i32, subtract: bool): void {
  let x = load<f64>(c);
  for (let t = 0; t < cnt; t++) {
    if (subtract) x = x - load<f64>(u) * load<f64>(v);
    else x = x + load<f64>(u) * load<f64>(v);
    u += ldu;
    v += ldu;
  }
  store<f64>(c, x);
}

@inline
function syrkLowerImpl(C: usize, ldc: usize, m: i32, ncols: i32, U: usize, ldu: usize, kk: i32, subtract: bool): void {
  const m4 = m & ~3;
  const nc4 = min(ncols, m4) & ~3;
  for (let t0 = 0; t0 < kk; t0 += KC) {
    const cnt = min(KC, kk - t0);
    const Ut = U + <usize>t0 * ldu;
    for (let p0 = 0; p0 < m4; p0 += MC) {
      const p1 = min(p0 + MC, m4);
      for (let b = 0; b < min(p1, nc4); b += 4) {
        const v = Ut + (<usize>b << 3);
        const cb = C + <usize>b * ldc;
        let a = max(p0, b);
        if (a == b) {
          tile(cb + (<usize>a << 3), ldc, Ut + (<usize>a << 3), v, ldu, cnt, subtract, true);
          a += 4;
        }
        for (; a < p1; a += 4) {
          tile(cb + (<usize>a << 3), ldc, Ut + (<usize>a << 3), v, ldu, cnt, subtract, false);
        }
      }
    }
    // Columns nc4..ncols−1 (fewer than 4) above row m4, then rows m4..m−1:
    // the entries no 4×4 tile covers, one at a time.
    for (let b = nc4; b < min(ncols, m4); b++) {
      const v = Ut + (<usize>b << 3);
      for (let a = b; a < m4; a++) entry(C + <usize>b * ldc + (<usize>a << 3), Ut + (<usize>a << 3), v, ldu, cnt, subtract);
    }
    for (let a = m4; a < m; a++) {
      const ua = Ut + (<usize>a << 3);
      const bEnd = min(a + 1, ncols);
      for (let b = 0; b < bEnd; b++) {
        entry(C + <usize>b * ldc + (<usize>a << 3), ua, Ut + (<usize>b << 3), ldu, cnt, subtract);
      }
    }
  }
}

/** C (lower triangle, m×m, stride ldc bytes) ← C + U·Uᵀ, U m×kk (stride ldu bytes). */
export function syrkLowerAdd(C: usize, ldc: usize, m: i32, U: usize, ldu: usize, kk: i32): void {
  syrkLowerImpl(C, ldc, m, m, U, ldu, kk, false);
}

/**
 * C ← C − U·Uᵀ on the lower triangle, restricted to the first `ncols`
 * columns of C (ncols ≤ m: the trapezoid a ≥ b, b < ncols) — the update of
 * a Cholesky panel's remaining columns as well as of the whole trailing matrix.
 */
export function syrkLowerSub(C: usize, ldc: usize, m: i32, ncols: i32, U: usize, ldu: usize, kk: i32): void {
  syrkLowerImpl(C, ldc, m, ncols, U, ldu, kk, true);
}
