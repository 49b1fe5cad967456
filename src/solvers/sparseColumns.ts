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

export function sparseColumnDot(c: SparseState, j: number): number {
  const { colPtr, rowIdx, vals, sw, scale } = c.sparse!;
  const R = c.R;
  const sh = c.shift;
  let s = 0;
  if (sw === null) {
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) s += vals[t] * (R[rowIdx[t]] + sh);
  } else {
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
      const i = rowIdx[t];
      s += vals[t] * (sw[i] * (R[i] + sh));
    }
  }
  return s / scale[j];
}

export function sparseColumnStep(c: SparseState, j: number, delta: number): void {
  const { colPtr, rowIdx, vals, mean, scale } = c.sparse!;
  const R = c.R;
  const du = delta / scale[j];
  for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
    const i = rowIdx[t];
    R[i] = R[i] - vals[t] * du;
  }
  c.shift = c.shift + mean[j] * du;
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
