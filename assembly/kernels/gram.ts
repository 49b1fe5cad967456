import { syrkLowerAdd } from "./syrk";

// Gram matrices of a column-major X (n×p), lower triangles (with the
// diagonal) only — what the Cholesky factorization and the symmetric
// eigensolver read; the upper triangle is left zero.

/**
 * Rows of X per pass of gramColumns. It is part of the definition of the
 * result: each entry is accumulated per block of GRAM_ROW_BLOCK rows (see
 * below), so src/kernels/gram.ts uses the same value. Even, so that only the
 * last block can have an odd length.
 */
export const GRAM_ROW_BLOCK: i32 = 256;
/** Columns of X per panel in gramColumns (cache only: any value, same bits; multiple of 4). */
const COL_PANEL: i32 = 128;

/**
 * G (p×p, column-major) ← XᵀX, lower triangle: G[i,j] = Xᵢ·Xⱼ for i ≥ j.
 *
 * A SYRK with register tiles (Goto & van de Geijn, ACM TOMS 34(3), 2008):
 * X's columns are contiguous, so the f64x2 lanes run along the rows — lane 0
 * takes the even rows of a block, lane 1 the odd ones — and a 4×2 tile of G
 * (8 accumulators) costs 6 loads per 8 multiplies and 8 adds. Rows are taken
 * GRAM_ROW_BLOCK at a time and columns in panels of COL_PANEL, so a panel's
 * block (256 × 128 × 8 bytes) stays in L2 while the tile's two columns stay
 * in L1.
 *
 * Order of operations, for each entry and each row block k0..k0+L−1 in
 * increasing k0 (the JS twin does exactly this):
 *   e = Σ over even t < L−1 of x[k0+t,i]·x[k0+t,j]   (in increasing t, from 0)
 *   o = Σ over odd  t      of x[k0+t,i]·x[k0+t,j]
 *   if L is odd: e = e + x[k0+L−1,i]·x[k0+L−1,j]
 *   G[i,j] = G[i,j] + (e + o)
 * Two interleaved sums per block plus one sum over blocks: the rounding error
 * is below that of one running sum over n rows.
 */
export function gramColumns(X: usize, n: i32, p: i32, G: usize): void {
  gramColumnRange(X, n, p, 0, p, G);
}

/**
 * The columns j0 ≤ j < j1 of gramColumns' result (their lower entries
 * G[i,j], i ≥ j; the other columns of G are not touched), j0 even and j1 even
 * or p. Each entry is computed by exactly the code gramColumns runs for it
 * (the tile or pair a column pair takes depends on j alone), so columns
 * computed apart — by several workers (workers/sharedGram) — give gramColumns'
 * bits.
 */
export function gramColumnRange(X: usize, n: i32, p: i32, j0: i32, j1: i32, G: usize): void {
  const cb = <usize>n << 3;
  const ldg = <usize>p << 3;
  memory.fill(G + <usize>j0 * ldg, 0, <usize>(j1 - j0) * ldg);
  for (let k0 = 0; k0 < n; k0 += GRAM_ROW_BLOCK) {
    const L = min(GRAM_ROW_BLOCK, n - k0);
    const Xk = X + (<usize>k0 << 3);
    for (let q0 = 0; q0 < p; q0 += COL_PANEL) {
      const q1 = min(q0 + COL_PANEL, p);
      const jEnd = min(q1, j1);
      for (let j = j0; j < jEnd; j += 2) {
        const xj = Xk + <usize>j * cb;
        if (j + 1 == p) {
          // p odd: the last column alone; its only lower entry is (p−1, p−1).
          if (j >= q0) pairDot(G + <usize>j * ldg + (<usize>j << 3), xj, xj, L);
          continue;
        }
        let i = max(q0, j & ~3);
        for (; i + 4 <= q1; i += 4) {
          tile4x2(G + <usize>j * ldg + (<usize>i << 3), ldg, Xk + <usize>i * cb, xj, cb, L, i < j + 2 ? j - i : -4);
        }
        for (; i < q1; i++) {
          const xi = Xk + <usize>i * cb;
          const g = G + <usize>j * ldg + (<usize>i << 3);
          if (i >= j) pairDot(g, xi, xj, L);
          if (i >= j + 1) pairDot(g + ldg, xi, xj + cb, L);
        }
      }
    }
  }
}

// G[i,j] += (e + o) for the entry at g, columns xi, xj of the row block (L rows).
@inline
function pairDot(g: usize, xi: usize, xj: usize, L: i32): void {
  let s = f64x2.splat(0);
  const L2 = L & ~1;
  for (let t = 0; t < L2; t += 2) {
    const o = <usize>t << 3;
    s = f64x2.add(s, f64x2.mul(v128.load(xi + o), v128.load(xj + o)));
  }
  finish(g, s, L, xi + (<usize>L2 << 3), xj + (<usize>L2 << 3));
}

@inline
function finish(g: usize, s: v128, L: i32, xi: usize, xj: usize): void {
  let e = f64x2.extract_lane(s, 0);
  if (L & 1) e = e + load<f64>(xi) * load<f64>(xj);
  store<f64>(g, load<f64>(g) + (e + f64x2.extract_lane(s, 1)));
}

// The 4×2 tile G[i..i+3, j..j+1] at g from columns i..i+3 (at xi) and j, j+1
// (at xj) of the row block. `skip` ≥ 0 marks a tile on the diagonal: entry
// (i+r, j+c) is stored only when r ≥ skip + c (i.e. i+r ≥ j+c).
@inline
function tile4x2(g: usize, ldg: usize, xi: usize, xj: usize, cb: usize, L: i32, skip: i32): void {
  let s00 = f64x2.splat(0), s10 = f64x2.splat(0), s20 = f64x2.splat(0), s30 = f64x2.splat(0);
  let s01 = f64x2.splat(0), s11 = f64x2.splat(0), s21 = f64x2.splat(0), s31 = f64x2.splat(0);
  const x1 = xi + cb;
  const x2 = x1 + cb;
  const x3 = x2 + cb;
  const y1 = xj + cb;
  const L2 = L & ~1;
  const oEnd = <usize>L2 << 3;
  for (let o: usize = 0; o < oEnd; o += 16) {
    const b0 = v128.load(xj + o);
    const b1 = v128.load(y1 + o);
    let a = v128.load(xi + o);
    s00 = f64x2.add(s00, f64x2.mul(a, b0)); s01 = f64x2.add(s01, f64x2.mul(a, b1));
    a = v128.load(x1 + o);
    s10 = f64x2.add(s10, f64x2.mul(a, b0)); s11 = f64x2.add(s11, f64x2.mul(a, b1));
    a = v128.load(x2 + o);
    s20 = f64x2.add(s20, f64x2.mul(a, b0)); s21 = f64x2.add(s21, f64x2.mul(a, b1));
    a = v128.load(x3 + o);
    s30 = f64x2.add(s30, f64x2.mul(a, b0)); s31 = f64x2.add(s31, f64x2.mul(a, b1));
  }
  const o = <usize>L2 << 3;
  const g1 = g + ldg;
  if (skip < 0) {
    finish(g, s00, L, xi + o, xj + o); finish(g + 8, s10, L, x1 + o, xj + o);
    finish(g + 16, s20, L, x2 + o, xj + o); finish(g + 24, s30, L, x3 + o, xj + o);
    finish(g1, s01, L, xi + o, y1 + o); finish(g1 + 8, s11, L, x1 + o, y1 + o);
    finish(g1 + 16, s21, L, x2 + o, y1 + o); finish(g1 + 24, s31, L, x3 + o, y1 + o);
  } else {
    if (skip <= 0) finish(g, s00, L, xi + o, xj + o);
    if (skip <= 1) finish(g + 8, s10, L, x1 + o, xj + o);
    if (skip <= 2) finish(g + 16, s20, L, x2 + o, xj + o);
    if (skip <= 3) finish(g + 24, s30, L, x3 + o, xj + o);
    if (skip <= -1) finish(g1, s01, L, xi + o, y1 + o);
    if (skip <= 0) finish(g1 + 8, s11, L, x1 + o, y1 + o);
    if (skip <= 1) finish(g1 + 16, s21, L, x2 + o, y1 + o);
    if (skip <= 2) finish(g1 + 24, s31, L, x3 + o, y1 + o);
  }
}

/**
 * K (n×n, column-major) ← XXᵀ, lower triangle, as the rank-p update
 * K ← 0 + Σⱼ xⱼxⱼᵀ over the columns of X (kernels/syrk.ts): each entry
 * K[a,b] = Σⱼ X[a,j]·X[b,j] summed one column at a time in increasing j. X's
 * columns are the contiguous vectors, so X is never transposed.
 */
export function gramRows(X: usize, n: i32, p: i32, K: usize): void {
  const colBytes = <usize>n << 3;
  memory.fill(K, 0, <usize>n * colBytes);
  syrkLowerAdd(K, colBytes, n, X, colBytes, p);
}

/** Copies the lower triangle of the column-major m×m matrix A onto its upper triangle (A becomes fully symmetric). */
export function symmetrizeLower(A: usize, m: i32): void {
  const ld = <usize>m << 3;
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) {
      // A[j, k] (column k, row j) ← A[k, j] (column j, row k)
      store<f64>(A + <usize>k * ld + (<usize>j << 3), load<f64>(A + <usize>j * ld + (<usize>k << 3)));
    }
  }
}
