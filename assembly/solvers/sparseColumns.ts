import {
  ctxGet, ctxPtr, ctxInt, ctxSet,
  CTX_N, CTX_COLPTR, CTX_ROWIDX, CTX_VALS, CTX_SW, CTX_MEAN, CTX_SCALE, CTX_SHIFT, CTX_R, CTX_Y, CTX_CENTRED, CTX_WTOTAL,
} from "./enetContext";

// Coordinate descent over sparse (CSC) columns without densifying them: the
// prepared column of the dense solver, X̃ⱼ = √v ⊙ (Xⱼ − mⱼ)/sⱼ (centred at
// mⱼ with an intercept, scaled by sⱼ, rows weighted by v), is never formed —
// the centring enters the updates through one scalar, as in scikit-learn's
// `sparse_enet_coordinate_descent` (X_mean in the updates) and glmnet's
// sparse elastic net (`spelnet`, xm/xs in the products).
//
// State: R = yc − X·u with u = w/s (raw X, centred y), and the shift
// c = Σⱼ mⱼuⱼ; the dense solver's residual is then √v ⊙ (R + c). With it
//   X̃ⱼᵀ(prepared residual) = (1/sⱼ)·Σ_{i∈nz(j)} Xᵢⱼ·vᵢ·(Rᵢ + c)
// because the centred term mⱼ·Σᵢ vᵢ(Rᵢ + c) is zero (y is centred and
// Σᵢ vᵢXᵢⱼ = V·mⱼ), and a step δ of wⱼ is Rᵢ −= Xᵢⱼ·δ/sⱼ on the nonzeros and
// c += mⱼ·δ/sⱼ: O(nnz of column j) either way (and the shift's share of the
// product, c·Σ_nz vᵢXᵢⱼ = c·V·mⱼ, is one multiplication). ||X̃ⱼ||² =
// (1/sⱼ²)[Σ_nz vᵢ(Xᵢⱼ − mⱼ)² + mⱼ²(V − Σ_nz vᵢ)], V = Σ vᵢ. Zero-weight rows
// take no part (vᵢ = 0), and with an intercept a column constant on the
// positively weighted rows has norm 0 as the dense solver's zeroed column.
//
// src/solvers/sparseColumns.ts is the JS twin (same operations, same order).

/** Rows of positive weight (n when sw = 0). */
export function positiveRows(sw: usize, n: i32): i32 {
  if (sw == 0) return n;
  let c = 0;
  for (let i = 0; i < n; i++) if (load<f64>(sw + (<usize>i << 3)) > 0) c++;
  return c;
}

/** Whether column j is constant on the `positive` rows of positive weight (absent entries are 0). */
export function sparseColumnConstant(colPtr: usize, rowIdx: usize, vals: usize, sw: usize, positive: i32, j: i32): bool {
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  let inPattern = 0;
  let first: f64 = 0;
  let have = false;
  for (let t = a; t < b; t++) {
    const i = load<i32>(rowIdx + (<usize>t << 2));
    if (sw != 0 && !(load<f64>(sw + (<usize>i << 3)) > 0)) continue;
    const v = load<f64>(vals + (<usize>t << 3));
    inPattern++;
    if (!have) { first = v; have = true; } else if (v != first) return false;
  }
  // Rows of positive weight outside the pattern hold 0.
  return inPattern == positive || !have || first == 0;
}

/** Σ vᵢ (n when sw = 0), summed in row order. */
export function weightTotal(sw: usize, n: i32): f64 {
  if (sw == 0) return <f64>n;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(sw + (<usize>i << 3));
  return s;
}

/** ||X̃ⱼ||² of the implicit prepared column (0 for a constant column). */
export function sparseColumnNorm(ctx: usize, j: i32, wTotal: f64, positive: i32): f64 {
  const colPtr = ctxPtr(ctx, CTX_COLPTR);
  const rowIdx = ctxPtr(ctx, CTX_ROWIDX);
  const vals = ctxPtr(ctx, CTX_VALS);
  const sw = ctxPtr(ctx, CTX_SW);
  if (ctxInt(ctx, CTX_CENTRED) != 0 && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j)) return 0;
  const m = load<f64>(ctxPtr(ctx, CTX_MEAN) + (<usize>j << 3));
  const s = load<f64>(ctxPtr(ctx, CTX_SCALE) + (<usize>j << 3));
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  let ss: f64 = 0;
  let vIn: f64 = 0;
  for (let t = a; t < b; t++) {
    const i = load<i32>(rowIdx + (<usize>t << 2));
    const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>i << 3));
    const d = load<f64>(vals + (<usize>t << 3)) - m;
    ss += v * (d * d);
    vIn += v;
  }
  ss += m * m * (wTotal - vIn);
  return ss / (s * s);
}

/**
 * Σ_{t∈[a,b)} vals[t]·R[rowIdx[t]] — a gather dot product. Four partial sums
 * (two f64x2 accumulators: element t − a goes to sum (t − a) % 4, the pair of
 * rows gathered into one vector), combined as (s0 + s2) + (s1 + s3), then the
 * tail in order; the JS twin makes the same operations in the same order.
 * Gathers are scalar loads in WebAssembly, but four independent sums hide the
 * add latency that a single running sum waits on.
 */
@inline
function gatherDot(rowIdx: usize, vals: usize, R: usize, a: i32, b: i32): f64 {
  let a0 = f64x2.splat(0.0);
  let a1 = f64x2.splat(0.0);
  let t = a;
  for (; t < b - 3; t += 4) {
    const ix = v128.load(rowIdx + (<usize>t << 2));
    const vo = vals + (<usize>t << 3);
    let r01 = v128.load64_zero(R + (<usize>i32x4.extract_lane(ix, 0) << 3));
    r01 = v128.load64_lane(R + (<usize>i32x4.extract_lane(ix, 1) << 3), r01, 1);
    let r23 = v128.load64_zero(R + (<usize>i32x4.extract_lane(ix, 2) << 3));
    r23 = v128.load64_lane(R + (<usize>i32x4.extract_lane(ix, 3) << 3), r23, 1);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(vo), r01));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(vo, 16), r23));
  }
  const h = f64x2.add(a0, a1);
  let s = f64x2.extract_lane(h, 0) + f64x2.extract_lane(h, 1);
  for (; t < b; t++) {
    s += load<f64>(vals + (<usize>t << 3)) * load<f64>(R + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
  }
  return s;
}

/** Σ_{t∈[a,b)} vals[t]·(sw[i]·R[i]), i = rowIdx[t]: gatherDot with row weights (same partial sums). */
@inline
function gatherDotWeighted(rowIdx: usize, vals: usize, sw: usize, R: usize, a: i32, b: i32): f64 {
  let a0 = f64x2.splat(0.0);
  let a1 = f64x2.splat(0.0);
  let t = a;
  for (; t < b - 3; t += 4) {
    const ix = v128.load(rowIdx + (<usize>t << 2));
    const vo = vals + (<usize>t << 3);
    const o0 = <usize>i32x4.extract_lane(ix, 0) << 3;
    const o1 = <usize>i32x4.extract_lane(ix, 1) << 3;
    const o2 = <usize>i32x4.extract_lane(ix, 2) << 3;
    const o3 = <usize>i32x4.extract_lane(ix, 3) << 3;
    const r01 = v128.load64_lane(R + o1, v128.load64_zero(R + o0), 1);
    const v01 = v128.load64_lane(sw + o1, v128.load64_zero(sw + o0), 1);
    const r23 = v128.load64_lane(R + o3, v128.load64_zero(R + o2), 1);
    const v23 = v128.load64_lane(sw + o3, v128.load64_zero(sw + o2), 1);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(vo), f64x2.mul(v01, r01)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(vo, 16), f64x2.mul(v23, r23)));
  }
  const h = f64x2.add(a0, a1);
  let s = f64x2.extract_lane(h, 0) + f64x2.extract_lane(h, 1);
  for (; t < b; t++) {
    const o = <usize>load<i32>(rowIdx + (<usize>t << 2)) << 3;
    s += load<f64>(vals + (<usize>t << 3)) * (load<f64>(sw + o) * load<f64>(R + o));
  }
  return s;
}

/**
 * X̃ⱼᵀ(prepared residual) = (1/sⱼ)·Σ_nz Xᵢⱼ·vᵢ·(Rᵢ + c)
 *                         = (1/sⱼ)·(Σ_nz Xᵢⱼ·vᵢ·Rᵢ + c·V·mⱼ),
 * the shift folded in once through Σ_nz vᵢXᵢⱼ = V·mⱼ (the weighted mean) —
 * glmnet's spelnet and scikit-learn's sparse solver do the same — so the loop
 * over the nonzeros is a plain gather dot product.
 */
@inline
export function sparseDotAt(colPtr: usize, rowIdx: usize, vals: usize, sw: usize, R: usize, mean: usize, scale: usize, shift: f64, wTotal: f64, j: i32): f64 {
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  const s = sw == 0 ? gatherDot(rowIdx, vals, R, a, b) : gatherDotWeighted(rowIdx, vals, sw, R, a, b);
  return (s + shift * (wTotal * load<f64>(mean + (<usize>j << 3)))) / load<f64>(scale + (<usize>j << 3));
}

/** Rᵢ −= Xᵢⱼ·du on the nonzeros of column j (each entry on its own: unrolling changes no bits). */
@inline
export function sparseStepAt(colPtr: usize, rowIdx: usize, vals: usize, R: usize, j: i32, du: f64): void {
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  const d2 = f64x2.splat(du);
  let t = a;
  for (; t < b - 3; t += 4) {
    const ix = v128.load(rowIdx + (<usize>t << 2));
    const vo = vals + (<usize>t << 3);
    const m01 = f64x2.mul(v128.load(vo), d2);
    const m23 = f64x2.mul(v128.load(vo, 16), d2);
    const o0 = R + (<usize>i32x4.extract_lane(ix, 0) << 3);
    const o1 = R + (<usize>i32x4.extract_lane(ix, 1) << 3);
    const o2 = R + (<usize>i32x4.extract_lane(ix, 2) << 3);
    const o3 = R + (<usize>i32x4.extract_lane(ix, 3) << 3);
    store<f64>(o0, load<f64>(o0) - f64x2.extract_lane(m01, 0));
    store<f64>(o1, load<f64>(o1) - f64x2.extract_lane(m01, 1));
    store<f64>(o2, load<f64>(o2) - f64x2.extract_lane(m23, 0));
    store<f64>(o3, load<f64>(o3) - f64x2.extract_lane(m23, 1));
  }
  for (; t < b; t++) {
    const o = R + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3);
    store<f64>(o, load<f64>(o) - load<f64>(vals + (<usize>t << 3)) * du);
  }
}

/** X̃ⱼᵀ(prepared residual) of the context's state (sparseDotAt). */
export function sparseColumnDot(ctx: usize, j: i32): f64 {
  return sparseDotAt(
    ctxPtr(ctx, CTX_COLPTR), ctxPtr(ctx, CTX_ROWIDX), ctxPtr(ctx, CTX_VALS), ctxPtr(ctx, CTX_SW), ctxPtr(ctx, CTX_R),
    ctxPtr(ctx, CTX_MEAN), ctxPtr(ctx, CTX_SCALE), ctxGet(ctx, CTX_SHIFT), ctxGet(ctx, CTX_WTOTAL), j,
  );
}

/** The prepared residual after wⱼ moved by δ: Rᵢ −= Xᵢⱼ·δ/sⱼ on the nonzeros, c += mⱼ·δ/sⱼ. */
export function sparseColumnStep(ctx: usize, j: i32, delta: f64): void {
  const du = delta / load<f64>(ctxPtr(ctx, CTX_SCALE) + (<usize>j << 3));
  sparseStepAt(ctxPtr(ctx, CTX_COLPTR), ctxPtr(ctx, CTX_ROWIDX), ctxPtr(ctx, CTX_VALS), ctxPtr(ctx, CTX_R), j, du);
  ctxSet(ctx, CTX_SHIFT, ctxGet(ctx, CTX_SHIFT) + load<f64>(ctxPtr(ctx, CTX_MEAN) + (<usize>j << 3)) * du);
}

/** ||r||², rᵀỹ and ||ỹ||² of the prepared residual r = √v ⊙ (R + c) and ỹ = √v ⊙ yc, into out[0..2]. */
export function sparseResidualSums(ctx: usize, out: usize): void {
  const n = ctxInt(ctx, CTX_N);
  const sw = ctxPtr(ctx, CTX_SW);
  const R = ctxPtr(ctx, CTX_R);
  const y = ctxPtr(ctx, CTX_Y);
  const c = ctxGet(ctx, CTX_SHIFT);
  let rr: f64 = 0;
  let ry: f64 = 0;
  let yy: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>i << 3));
    const r = load<f64>(R + (<usize>i << 3)) + c;
    const yi = load<f64>(y + (<usize>i << 3));
    rr += v * (r * r);
    ry += v * (r * yi);
    yy += v * (yi * yi);
  }
  store<f64>(out, rr);
  store<f64>(out, ry, 8);
  store<f64>(out, yy, 16);
}
