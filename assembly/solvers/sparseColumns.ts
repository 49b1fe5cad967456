import {
  ctxGet, ctxPtr, ctxInt, ctxSet,
  CTX_N, CTX_COLPTR, CTX_ROWIDX, CTX_VALS, CTX_SW, CTX_MEAN, CTX_SCALE, CTX_SHIFT, CTX_R, CTX_Y, CTX_CENTRED,
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
// c += mⱼ·δ/sⱼ: O(nnz of column j) either way. ||X̃ⱼ||² =
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

/** X̃ⱼᵀ(prepared residual) = (1/sⱼ)·Σ_nz Xᵢⱼ·vᵢ·(Rᵢ + c). */
export function sparseColumnDot(ctx: usize, j: i32): f64 {
  const colPtr = ctxPtr(ctx, CTX_COLPTR);
  const rowIdx = ctxPtr(ctx, CTX_ROWIDX);
  const vals = ctxPtr(ctx, CTX_VALS);
  const sw = ctxPtr(ctx, CTX_SW);
  const R = ctxPtr(ctx, CTX_R);
  const c = ctxGet(ctx, CTX_SHIFT);
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  let s: f64 = 0;
  if (sw == 0) {
    for (let t = a; t < b; t++) {
      const i = load<i32>(rowIdx + (<usize>t << 2));
      s += load<f64>(vals + (<usize>t << 3)) * (load<f64>(R + (<usize>i << 3)) + c);
    }
  } else {
    for (let t = a; t < b; t++) {
      const i = load<i32>(rowIdx + (<usize>t << 2));
      s += load<f64>(vals + (<usize>t << 3)) * (load<f64>(sw + (<usize>i << 3)) * (load<f64>(R + (<usize>i << 3)) + c));
    }
  }
  return s / load<f64>(ctxPtr(ctx, CTX_SCALE) + (<usize>j << 3));
}

/** The prepared residual after wⱼ moved by δ: Rᵢ −= Xᵢⱼ·δ/sⱼ on the nonzeros, c += mⱼ·δ/sⱼ. */
export function sparseColumnStep(ctx: usize, j: i32, delta: f64): void {
  const colPtr = ctxPtr(ctx, CTX_COLPTR);
  const rowIdx = ctxPtr(ctx, CTX_ROWIDX);
  const vals = ctxPtr(ctx, CTX_VALS);
  const R = ctxPtr(ctx, CTX_R);
  const du = delta / load<f64>(ctxPtr(ctx, CTX_SCALE) + (<usize>j << 3));
  const a = load<i32>(colPtr + (<usize>j << 2));
  const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
  for (let t = a; t < b; t++) {
    const o = R + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3);
    store<f64>(o, load<f64>(o) - load<f64>(vals + (<usize>t << 3)) * du);
  }
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
