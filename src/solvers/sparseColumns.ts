/**
 * Twin of assembly/solvers/sparseColumns.ts: coordinate-descent products and
 * steps on sparse (CSC) columns with implicit centring, scaling and row
 * weights (scikit-learn's sparse_enet_coordinate_descent, glmnet's spelnet).
 * The solver keeps R = yc − X·(w/s) and the shift c = Σ mⱼwⱼ/sⱼ; the dense
 * solver's residual is √v ⊙ (R + c). Same operations, same order.
 */

/** CSC columns of the raw X with the centres, scales and weights the solver applies implicitly. */
export interface SparseColumns {
  colPtr: Int32Array;
  rowIdx: Int32Array;
  vals: Float64Array;
  sw: Float64Array | null;
  mean: Float64Array;
  scale: Float64Array;
  /** With an intercept: a constant column is zero once centred. */
  centred: boolean;
}

/** The part of the solver state these kernels read and write. */
export interface SparseState {
  n: number;
  y: Float64Array;
  R: Float64Array;
  sparse: SparseColumns | null;
  shift: number;
  /** V = Σ vᵢ (n without weights), set by enetInit. */
  wTotal: number;
}

export function positiveRows(sw: Float64Array | null, n: number): number {
  if (sw === null) return n;
  let c = 0;
  for (let i = 0; i < n; i++) if (sw[i] > 0) c++;
  return c;
}

export function sparseColumnConstant(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, sw: Float64Array | null, positive: number, j: number,
): boolean {
  const a = colPtr[j];
  const b = colPtr[j + 1];
  let inPattern = 0;
  let first = 0;
  let have = false;
  for (let t = a; t < b; t++) {
    const i = rowIdx[t];
    if (sw !== null && !(sw[i] > 0)) continue;
    const v = vals[t];
    inPattern++;
    if (!have) { first = v; have = true; } else if (v !== first) return false;
  }
  return inPattern === positive || !have || first === 0;
}

export function weightTotal(sw: Float64Array | null, n: number): number {
  if (sw === null) return n;
  let s = 0;
  for (let i = 0; i < n; i++) s += sw[i];
  return s;
}

export function sparseColumnNorm(c: SparseState, j: number, wTotal: number, positive: number): number {
  const { colPtr, rowIdx, vals, sw, mean, scale, centred } = c.sparse!;
  if (centred && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j)) return 0;
  const m = mean[j];
  const s = scale[j];
  let ss = 0;
  let vIn = 0;
  for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
    const v = sw === null ? 1 : sw[rowIdx[t]];
    const d = vals[t] - m;
    ss += v * (d * d);
    vIn += v;
  }
  ss += m * m * (wTotal - vIn);
  return ss / (s * s);
}

/** Twin of `gatherDot`: Σ vals[t]·R[rowIdx[t]] in four partial sums, (s0 + s2) + (s1 + s3), then the tail. */
function gatherDot(rowIdx: Int32Array, vals: Float64Array, R: Float64Array, a: number, b: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let t = a;
  for (; t < b - 3; t += 4) {
    s0 += vals[t] * R[rowIdx[t]];
    s1 += vals[t + 1] * R[rowIdx[t + 1]];
    s2 += vals[t + 2] * R[rowIdx[t + 2]];
    s3 += vals[t + 3] * R[rowIdx[t + 3]];
  }
  let s = (s0 + s2) + (s1 + s3);
  for (; t < b; t++) s += vals[t] * R[rowIdx[t]];
  return s;
}

/** Twin of `gatherDotWeighted`: Σ vals[t]·(sw[i]·R[i]) in the same partial sums. */
function gatherDotWeighted(rowIdx: Int32Array, vals: Float64Array, sw: Float64Array, R: Float64Array, a: number, b: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let t = a;
  for (; t < b - 3; t += 4) {
    const i0 = rowIdx[t], i1 = rowIdx[t + 1], i2 = rowIdx[t + 2], i3 = rowIdx[t + 3];
    s0 += vals[t] * (sw[i0] * R[i0]);
    s1 += vals[t + 1] * (sw[i1] * R[i1]);
    s2 += vals[t + 2] * (sw[i2] * R[i2]);
    s3 += vals[t + 3] * (sw[i3] * R[i3]);
  }
  let s = (s0 + s2) + (s1 + s3);
  for (; t < b; t++) {
    const i = rowIdx[t];
    s += vals[t] * (sw[i] * R[i]);
  }
  return s;
}

/** Twin of `sparseDotAt`: (Σ_nz Xᵢⱼ·vᵢ·Rᵢ + c·V·mⱼ)/sⱼ, the shift folded in through Σ_nz vᵢXᵢⱼ = V·mⱼ. */
export function sparseDotAt(cols: SparseColumns, R: Float64Array, shift: number, wTotal: number, j: number): number {
  const { colPtr, rowIdx, vals, sw } = cols;
  const s = sw === null ? gatherDot(rowIdx, vals, R, colPtr[j], colPtr[j + 1]) : gatherDotWeighted(rowIdx, vals, sw, R, colPtr[j], colPtr[j + 1]);
  return (s + shift * (wTotal * cols.mean[j])) / cols.scale[j];
}

/** Twin of `sparseStepAt`: Rᵢ −= Xᵢⱼ·du on the nonzeros of column j. */
export function sparseStepAt(cols: SparseColumns, R: Float64Array, j: number, du: number): void {
  const { colPtr, rowIdx, vals } = cols;
  for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
    const i = rowIdx[t];
    R[i] = R[i] - vals[t] * du;
  }
}

/** X̃ⱼᵀ(prepared residual) of the state (sparseDotAt). */
export function sparseColumnDot(c: SparseState, j: number): number {
  return sparseDotAt(c.sparse!, c.R, c.shift, c.wTotal, j);
}

/** The prepared residual after wⱼ moved by δ: Rᵢ −= Xᵢⱼ·δ/sⱼ on the nonzeros, c += mⱼ·δ/sⱼ. */
export function sparseColumnStep(c: SparseState, j: number, delta: number): void {
  const cols = c.sparse!;
  const du = delta / cols.scale[j];
  sparseStepAt(cols, c.R, j, du);
  c.shift = c.shift + cols.mean[j] * du;
}

/** [||r||², rᵀỹ, ||ỹ||²] of r = √v ⊙ (R + c), ỹ = √v ⊙ yc. */
export function sparseResidualSums(c: SparseState): [number, number, number] {
  const { n, R, y, shift } = c;
  const sw = c.sparse!.sw;
  let rr = 0;
  let ry = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const v = sw === null ? 1 : sw[i];
    const r = R[i] + shift;
    const yi = y[i];
    rr += v * (r * r);
    ry += v * (r * yi);
    yy += v * (yi * yi);
  }
  return [rr, ry, yy];
}
