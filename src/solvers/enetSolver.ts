import { dot } from '../kernels/dot.js';
import { axpy } from '../kernels/axpy.js';
import { gramColumns, symmetrizeLower } from '../kernels/gram.js';
import { dot4 } from '../kernels/dot4.js';
import { dualityGap } from './dualityGap.js';
import {
  sparseColumnDot, sparseColumnStep, sparseColumnNorm, sparseResidualSums, weightTotal, positiveRows, sparseDotAt, sparseStepAt, type SparseColumns,
} from './sparseColumns.js';
import { strongWorkingSet } from './strongRule.js';

/**
 * State of the elastic-net point solver for one prepared design (the JS form
 * of assembly/solvers/enetContext.ts). It persists across `enetSolve` calls,
 * which is what makes warm starts along a path work.
 */
export interface EnetContext {
  X: Float64Array; // prepared column-major X (n×p)
  y: Float64Array;
  n: number;
  p: number;
  w: Float64Array; // coefficients, warm start in/out
  R: Float64Array; // residual (naive mode)
  g: Float64Array; // gradient Xᵀ(y − Xw)
  norm: Float64Array; // ||Xⱼ||²
  xty: Float64Array; // Xᵀy (covariance mode)
  gram: Float64Array; // cached Gram columns (covariance mode; may be empty otherwise)
  slot: Int32Array;
  list: Int32Array;
  active: Int32Array;
  inW: Int32Array;
  pf: Float64Array | null;
  positive: boolean;
  cov: boolean;
  nGram: number;
  yNorm2: number;
  /** Where the covariance mode's Gram comes from (assembly/solvers/enetContext.ts GRAM_*). */
  gramMode: GramMode;
  /** Naive mode: reference residual (n) and Xⱼᵀ R_ref (p) of the gradient bounds (empty in covariance mode). */
  rRef: Float64Array;
  gRef: Float64Array;
  /** Sparse CSC columns applied implicitly (naive updates only; X unused), or null (assembly/solvers/sparseColumns.ts). */
  sparse: SparseColumns | null;
  /** Sparse: c = Σ mⱼwⱼ/sⱼ; the prepared residual is √v ⊙ (R + c). */
  shift: number;
  /** Sparse: V = Σ vᵢ (set by enetInit). */
  wTotal: number;
  /** Sparse: the shift of the bounds' reference residual. */
  shiftRef: number;
}

/** 'lazy': columns from X on first use; 'full': all of XᵀX at init; 'given': Gram, Xᵀy and ||y||² supplied (X unused). */
export type GramMode = 'lazy' | 'full' | 'given';

export interface SolveResult {
  gap: number;
  nIter: number;
  converged: boolean;
  /** Why the solve stopped: STOP_* below (twins of the AS kernel's). */
  stop: number;
  /** The duality gap's floating-point floor for this problem (gapFloor). */
  floor: number;
}

/** Why a solve stopped (twins of assembly/solvers/enetSolver.ts). */
export const STOP_CONVERGED = 0;
export const STOP_MAX_ITER = 1;
export const STOP_FIXED_POINT = 2;
export const STOP_FLOOR = 3;

/** 2⁻⁴⁰: a sweep moving less than this fraction of the largest coefficient moves at rounding level (see the AS kernel). */
const SWEEP_FLOOR = 1 / (1 << 30) / (1 << 10);
/** Gap checks in a row after rounding-level sweeps without a new best gap: the gap has stopped decreasing. */
const STALL_CHECKS = 64;

/** Twin of `gapFloor`: (n + p)·ε·||y||², the rounding level of the duality gap (see the AS kernel). */
export function gapFloor(n: number, p: number, yNorm2: number): number {
  return (n + p) * Number.EPSILON * yNorm2;
}

/**
 * Pathwise coordinate descent for the elastic net — twin of
 * assembly/solvers/enetSolver.ts (see there: Friedman, Hastie & Tibshirani
 * 2010 for warm starts, active-set cycling and covariance updates; Tibshirani
 * et al. 2012 for the sequential strong rule with a KKT check; scikit-learn's
 * duality-gap stopping rule). Same operations, same order, same bits.
 */
function gramColumn(c: EnetContext, j: number): number {
  let s = c.slot[j];
  if (s < 0) {
    s = c.nGram++;
    c.slot[j] = s;
    const { X, n, p, gram } = c;
    const o = s * p;
    for (let k = 0; k < p; k++) gram[o + k] = dot(X, k * n, X, j * n, n);
  }
  return s * c.p;
}

/** Twin of `fillGramColumns`: Gram columns of the working set, four per pass over X. */
function fillGramColumns(c: EnetContext, list: Int32Array, count: number, scratch: Int32Array): void {
  const { X, n, p, slot, gram } = c;
  let m = 0;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    if (slot[j] === -1) {
      slot[j] = -2;
      scratch[m++] = j;
    }
  }
  // Round the batch up to a multiple of four with the column-less features of
  // largest |gⱼ| (see the AS kernel); slot −2 marks a pick.
  const g = c.g;
  while ((m & 3) !== 0) {
    let best = -1;
    let bestV = -1;
    for (let j = 0; j < p; j++) {
      if (slot[j] !== -1) continue;
      const v = Math.abs(g[j]);
      if (v > bestV) { bestV = v; best = j; }
    }
    if (best < 0) break;
    slot[best] = -2;
    scratch[m++] = best;
  }
  const m4 = m & ~3;
  for (let t = 0; t < m4; t += 4) {
    const ja = scratch[t], jb = scratch[t + 1], jc = scratch[t + 2], jd = scratch[t + 3];
    const s0 = c.nGram;
    c.nGram = s0 + 4;
    slot[ja] = s0;
    slot[jb] = s0 + 1;
    slot[jc] = s0 + 2;
    slot[jd] = s0 + 3;
    const c0 = s0 * p;
    for (let k = 0; k < p; k++) {
      dot4(X, k * n, ja * n, jb * n, jc * n, jd * n, n, gram, c0 + k, c0 + p + k, c0 + 2 * p + k, c0 + 3 * p + k);
    }
  }
  for (let t = m4; t < m; t++) {
    slot[scratch[t]] = -1;
    gramColumn(c, scratch[t]);
  }
}

/** Twin of `exactGradientNaive`: g ← Xᵀ R for every feature, then the bounds' reference. */
function exactGradientNaive(c: EnetContext): void {
  if (c.sparse) {
    for (let j = 0; j < c.p; j++) c.g[j] = c.norm[j] === 0 ? 0 : sparseColumnDot(c, j);
    refreshReference(c);
    return;
  }
  const { X, n, p, R, g } = c;
  for (let j = 0; j < p; j++) g[j] = dot(X, j * n, R, 0, n);
  refreshReference(c);
}

/** Twin of `refreshReference`: R_ref ← R, gRef ← g (naive mode; g exact). */
function refreshReference(c: EnetContext): void {
  c.rRef.set(c.R.subarray(0, c.n));
  c.gRef.set(c.g.subarray(0, c.p));
  c.shiftRef = c.shift;
}

/** Twin of `residualChange`: ||r − r_ref|| of the prepared residuals (with the shift and weights for sparse columns). */
function residualChange(c: EnetContext): number {
  const { n, R, rRef } = c;
  let d2 = 0;
  if (c.sparse) {
    const sw = c.sparse.sw;
    const dc = c.shift - c.shiftRef;
    for (let i = 0; i < n; i++) {
      const d = (R[i] - rRef[i]) + dc;
      d2 += sw === null ? d * d : sw[i] * (d * d);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = R[i] - rRef[i];
      d2 += d * d;
    }
  }
  return Math.sqrt(d2);
}

/**
 * Twin of `updateGradientNaive`: g for the KKT check and the gap, with the
 * Cauchy–Schwarz bound |Xⱼᵀ R_ref| + ||Xⱼ||·||R − R_ref|| standing in for
 * features outside the working set whose bound is below λ₁pfⱼ (see the AS
 * kernel), and a refresh of the reference when over a quarter need exact values.
 */
function updateGradientNaive(c: EnetContext, l1Reg: number): void {
  const { X, n, p, R, g, norm, inW, gRef, positive } = c;
  const sparse = c.sparse !== null;
  const delta = residualChange(c);
  let outside = 0;
  let exact = 0;
  for (let j = 0; j < p; j++) {
    const nj = norm[j];
    if (nj === 0 || inW[j] !== 0) continue;
    outside++;
    if (!gradientBoundHolds(c, j, nj, delta, l1Reg)) exact++;
  }
  const refresh = exact * 4 > outside;
  for (let j = 0; j < p; j++) {
    const nj = norm[j];
    if (nj === 0) continue;
    if (!refresh && inW[j] === 0 && gradientBoundHolds(c, j, nj, delta, l1Reg)) {
      const r = gRef[j];
      g[j] = (positive ? r : Math.abs(r)) + Math.sqrt(nj) * delta;
    } else {
      g[j] = sparse ? sparseColumnDot(c, j) : dot(X, j * n, R, 0, n);
    }
  }
  if (refresh) refreshReference(c);
}

function gradientBoundHolds(c: EnetContext, j: number, nj: number, delta: number, l1Reg: number): boolean {
  const f = c.pf === null ? 1 : c.pf[j];
  const r = c.gRef[j];
  const b = (c.positive ? r : Math.abs(r)) + Math.sqrt(nj) * delta;
  return b < f * l1Reg * (1 - 1e-9);
}

/** Twin of `enetL1Max`: maxⱼ |gⱼ|/pfⱼ over penalized features at the current coefficients (g made exact first in naive mode). */
export function enetL1Max(c: EnetContext): number {
  if (!c.cov) exactGradientNaive(c);
  return l1MaxFromGradient(c);
}

function l1MaxFromGradient(c: EnetContext): number {
  const { p, g, pf, positive } = c;
  let l1Max = 0;
  for (let j = 0; j < p; j++) {
    const f = pf === null ? 1 : pf[j];
    if (f === 0) continue;
    const gj = g[j];
    const v = (positive ? gj : Math.abs(gj)) / f;
    if (v > l1Max) l1Max = v;
  }
  return l1Max;
}

/** Twin of `enetInit`: norms, residual/gradient at the current w, Xᵀy; returns λ₁,max. */
export function enetInit(c: EnetContext): number {
  const { X, y, n, p, w, R, g, norm, xty, slot, pf, positive, cov } = c;
  if (cov && c.gramMode !== 'lazy') {
    const gram = c.gram;
    if (c.gramMode !== 'given') {
      gramColumns(X, n, p, gram);
      symmetrizeLower(gram, p);
      for (let j = 0; j < p; j++) xty[j] = dot(X, j * n, y, 0, n);
      c.yNorm2 = dot(y, 0, y, 0, n);
    }
    c.nGram = p;
    for (let j = 0; j < p; j++) {
      slot[j] = j;
      norm[j] = gram[j * p + j];
    }
  } else if (c.sparse) {
    c.nGram = 0;
    const V = weightTotal(c.sparse.sw, n);
    c.wTotal = V;
    const pos = positiveRows(c.sparse.sw, n);
    slot.fill(-1);
    for (let j = 0; j < p; j++) norm[j] = sparseColumnNorm(c, j, V, pos);
    R.set(y.subarray(0, n));
    c.shift = 0;
    c.yNorm2 = sparseResidualSums(c)[2];
    for (let j = 0; j < p; j++) {
      const wj = w[j];
      if (wj !== 0) sparseColumnStep(c, j, wj);
    }
    exactGradientNaive(c);
    return l1MaxFromGradient(c);
  } else {
    c.nGram = 0;
    c.yNorm2 = dot(y, 0, y, 0, n);
    slot.fill(-1);
    for (let j = 0; j < p; j++) norm[j] = dot(X, j * n, X, j * n, n);
    if (cov) {
      for (let j = 0; j < p; j++) xty[j] = dot(X, j * n, y, 0, n);
    }
  }
  if (cov) {
    g.set(xty.subarray(0, p));
    for (let j = 0; j < p; j++) {
      const wj = w[j];
      if (wj !== 0) axpy(-wj, c.gram, gramColumn(c, j), g, 0, p);
    }
  } else {
    R.set(y.subarray(0, n));
    for (let j = 0; j < p; j++) {
      const wj = w[j];
      if (wj !== 0) axpy(-wj, X, j * n, R, 0, n);
    }
    exactGradientNaive(c);
  }
  return l1MaxFromGradient(c);
}

let sweepDwMax = 0;
let sweepWMax = 0;

/** Twin of `coordinateMinimizer`: S(z, λ₁pfⱼ)/(‖Xⱼ‖² + λ₂pfⱼ), 0 for z < 0 with `positive`. */
function coordinateMinimizer(z: number, nc: number, f: number, l1Reg: number, l2Reg: number, positive: boolean): number {
  let wNew = 0;
  if (!(positive && z < 0)) {
    const shrunk = Math.abs(z) - l1Reg * f;
    if (shrunk > 0) wNew = (z < 0 ? -shrunk : shrunk) / (nc + l2Reg * f);
  }
  return wNew;
}

function sweep(c: EnetContext, list: Int32Array, count: number, l1Reg: number, l2Reg: number): void {
  if (c.sparse) { sparseSweep(c, c.sparse, list, count, l1Reg, l2Reg); return; }
  const { X, n, p, w, R, g, norm, pf, positive, cov } = c;
  let dwMax = 0;
  let wMax = 0;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    const nc = norm[j];
    const f = pf === null ? 1 : pf[j];
    const wOld = w[j];
    const z = (cov ? g[j] : dot(X, j * n, R, 0, n)) + nc * wOld;
    const wNew = coordinateMinimizer(z, nc, f, l1Reg, l2Reg, positive);
    if (wNew !== wOld) {
      const delta = wNew - wOld;
      w[j] = wNew;
      if (cov) axpy(-delta, c.gram, gramColumn(c, j), g, 0, p);
      else axpy(-delta, X, j * n, R, 0, n);
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
    }
    const aw = Math.abs(wNew);
    if (aw > wMax) wMax = aw;
  }
  sweepDwMax = dwMax;
  sweepWMax = wMax;
}

/** Twin of `sparseSweep`: `sweep` on sparse columns. */
function sparseSweep(c: EnetContext, cols: SparseColumns, list: Int32Array, count: number, l1Reg: number, l2Reg: number): void {
  const { w, R, norm, pf, positive, wTotal } = c;
  const { mean, scale } = cols;
  let shift = c.shift;
  let dwMax = 0;
  let wMax = 0;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    const nc = norm[j];
    const f = pf === null ? 1 : pf[j];
    const wOld = w[j];
    const z = sparseDotAt(cols, R, shift, wTotal, j) + nc * wOld;
    const wNew = coordinateMinimizer(z, nc, f, l1Reg, l2Reg, positive);
    if (wNew !== wOld) {
      const delta = wNew - wOld;
      w[j] = wNew;
      const du = delta / scale[j];
      sparseStepAt(cols, R, j, du);
      shift = shift + mean[j] * du;
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
    }
    const aw = Math.abs(wNew);
    if (aw > wMax) wMax = aw;
  }
  c.shift = shift;
  sweepDwMax = dwMax;
  sweepWMax = wMax;
}

function currentGap(c: EnetContext, l1Reg: number, l2Reg: number): number {
  const { y, n, p, w, R, g } = c;
  let rNorm2: number;
  let rTy: number;
  if (c.cov) {
    rTy = c.yNorm2 - dot(w, 0, c.xty, 0, p);
    rNorm2 = rTy - dot(w, 0, g, 0, p);
  } else if (c.sparse) {
    const sums = sparseResidualSums(c);
    rNorm2 = sums[0];
    rTy = sums[1];
  } else {
    rTy = dot(R, 0, y, 0, n);
    rNorm2 = dot(R, 0, R, 0, n);
  }
  return dualityGap(g, w, c.pf, p, rNorm2, rTy, l1Reg, l2Reg, c.positive);
}

/** Twin of `enetSolve`: solves at (λ₁, λ₂) from the current w; `l1Prev` feeds the strong rule. */
export function enetSolve(c: EnetContext, l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number): SolveResult {
  const { X, n, p, w, R, g, norm, list, active, inW, pf, positive, cov } = c;

  let nW = strongWorkingSet(p, w, g, norm, pf, positive, l1Reg, l1Prev, inW, list);

  if (cov && c.gramMode === 'lazy') fillGramColumns(c, list, nW, active);

  const gapTol = tol * c.yNorm2;
  const floor = gapFloor(n, p, c.yNorm2);
  const sweepTol = Math.max(tol, SWEEP_FLOOR);
  let gap = Infinity;
  let bestGap = Infinity;
  let stalled = 0;
  let iter = 0;
  let converged = false;
  let stop = STOP_MAX_ITER;
  while (iter < maxIter) {
    sweep(c, list, nW, l1Reg, l2Reg);
    iter++;
    if (!(sweepWMax === 0 || sweepDwMax / sweepWMax < sweepTol) && iter < maxIter) {
      let nA = 0;
      for (let t = 0; t < nW; t++) {
        const j = list[t];
        if (w[j] !== 0) active[nA++] = j;
      }
      while (iter < maxIter) {
        sweep(c, active, nA, l1Reg, l2Reg);
        iter++;
        if (sweepWMax === 0 || sweepDwMax / sweepWMax < sweepTol) break;
      }
      continue;
    }
    if (!cov) updateGradientNaive(c, l1Reg);
    let added = 0;
    for (let j = 0; j < p; j++) {
      if (inW[j] !== 0 || norm[j] === 0) continue;
      const f = pf === null ? 1 : pf[j];
      const gj = g[j];
      if ((positive ? gj : Math.abs(gj)) > f * l1Reg) {
        inW[j] = 1;
        list[nW++] = j;
        added++;
      }
    }
    if (added > 0) continue;
    gap = currentGap(c, l1Reg, l2Reg);
    if (gap <= gapTol) { converged = true; break; }
    if (sweepDwMax === 0) { stop = STOP_FIXED_POINT; break; } // a fixed point (see the AS kernel)
    if (gap <= floor) { stop = STOP_FLOOR; break; } // the floor, or a stalled gap (see the AS kernel)
    if (gapTol < floor && (sweepWMax === 0 || sweepDwMax / sweepWMax < sweepTol)) {
      if (gap < bestGap) { bestGap = gap; stalled = 0; } else if (++stalled >= STALL_CHECKS) { stop = STOP_FLOOR; break; }
    }
  }
  if (!converged) {
    if (!cov) exactGradientNaive(c);
    gap = currentGap(c, l1Reg, l2Reg);
    converged = gap <= gapTol; // the gap certifies the last iterate (see the AS kernel)
  }
  return { gap, nIter: iter, converged, stop: converged ? STOP_CONVERGED : stop, floor };
}
