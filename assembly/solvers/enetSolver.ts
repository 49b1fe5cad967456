import { dot } from "../kernels/dot";
import { axpy } from "../kernels/axpy";
import { gramColumns, symmetrizeLower } from "../kernels/gram";
import { dot4 } from "../kernels/dot4";
import { dualityGap } from "./dualityGap";
import {
  ctxGet, ctxPtr, ctxInt, ctxSet,
  CTX_X, CTX_Y, CTX_N, CTX_P, CTX_W, CTX_R, CTX_G, CTX_NORM, CTX_XTY, CTX_GRAM,
  CTX_SLOT, CTX_LIST, CTX_ACTIVE, CTX_INW, CTX_PF, CTX_POSITIVE, CTX_COV, CTX_NGRAM, CTX_YNORM2,
  CTX_GRAMMODE, GRAM_LAZY, GRAM_GIVEN, CTX_RREF, CTX_GREF, CTX_SPARSE, CTX_SHIFT, CTX_SW,
  CTX_COLPTR, CTX_ROWIDX, CTX_VALS, CTX_MEAN, CTX_SCALE, CTX_WTOTAL, CTX_SHIFTREF,
} from "./enetContext";
import {
  sparseColumnDot, sparseColumnStep, sparseColumnNorm, sparseResidualSums, weightTotal, positiveRows, sparseDotAt, sparseStepAt,
} from "./sparseColumns";
import { strongWorkingSet } from "./strongRule";

// Scratch for sparseResidualSums (||r||², rᵀy, ||y||²), read right after each call.
const sparseSums = memory.data(24);

// Pathwise coordinate descent for the elastic net (Friedman, Hastie &
// Tibshirani 2010, "Regularization paths for generalized linear models via
// coordinate descent", J. Stat. Softw. 33(1)) on a prepared, column-major X:
//
//   min_w ½||y − Xw||² + λ₁ Σ pfⱼ|wⱼ| + ½ λ₂ Σ pfⱼ wⱼ²
//
// (scikit-learn's objective times n: λ₁ = n·alpha·l1Ratio, λ₂ = n·alpha·(1 − l1Ratio)).
//
// The point solver `enetSolve` combines:
//  * warm starts: w and the gradient g = Xᵀ(y − Xw) persist in the context
//    from one call to the next along a path (§2.5);
//  * sequential strong rules (Tibshirani, Bien, Friedman, Hastie, Simon,
//    Taylor & Tibshirani 2012, JRSS-B 74(2), §2.2): at λ₁ with previous λ₁'
//    only features with |gⱼ| ≥ pfⱼ(2λ₁ − λ₁') or wⱼ ≠ 0 enter the working set;
//    the KKT conditions |gⱼ| ≤ λ₁pfⱼ of every discarded feature are checked
//    once the working set has converged, and violators are added back (§7),
//    so screening never changes the answer;
//  * active-set cycling (§2.6): after a sweep over the working set, sweep only
//    the nonzero coefficients until they settle, then sweep the working set
//    again;
//  * covariance updates (§2.2) when `CTX_COV` is set (n > p): the gradient g
//    is kept current through cached Gram columns XᵀXⱼ, computed the first time
//    feature j changes, so a coordinate step costs O(p) instead of O(n);
//    otherwise naive updates keep the residual R and cost O(n);
//  * scikit-learn's stopping rule: the duality gap (O(p) from g) is computed
//    only when a working-set sweep moved no coefficient by more than
//    tol·max|wⱼ|, and the solve stops when gap ≤ tol·||y||².
//
// src/solvers/enetSolver.ts is the JS twin, with the same operations in the
// same order.

/** Gram column of feature j (XᵀXⱼ, length p), computing it on first use. */
function gramColumn(ctx: usize, j: i32): usize {
  const p = ctxInt(ctx, CTX_P);
  const slot = ctxPtr(ctx, CTX_SLOT) + (<usize>j << 2);
  const gram = ctxPtr(ctx, CTX_GRAM);
  let s = load<i32>(slot);
  if (s < 0) {
    s = ctxInt(ctx, CTX_NGRAM);
    ctxSet(ctx, CTX_NGRAM, <f64>(s + 1));
    store<i32>(slot, s);
    const n = ctxInt(ctx, CTX_N);
    const X = ctxPtr(ctx, CTX_X);
    const colBytes = <usize>n << 3;
    const X_j = X + <usize>j * colBytes;
    const col = gram + ((<usize>s * <usize>p) << 3);
    for (let k = 0; k < p; k++) store<f64>(col + (<usize>k << 3), dot(X + <usize>k * colBytes, X_j, n));
    return col;
  }
  return gram + ((<usize>s * <usize>p) << 3);
}

/**
 * Gives every feature of the working set its Gram column up front, four
 * columns per pass over X (dot4), instead of one pass per column when each
 * feature first moves. The working set is what the strong rule expects to be
 * active, so few of these columns go unused. `scratch` holds up to p indices.
 * Slot −1 means "no column yet"; −2 marks a feature picked for this batch.
 */
function fillGramColumns(ctx: usize, list: usize, count: i32, scratch: usize): void {
  const p = ctxInt(ctx, CTX_P);
  const n = ctxInt(ctx, CTX_N);
  const X = ctxPtr(ctx, CTX_X);
  const slot = ctxPtr(ctx, CTX_SLOT);
  const gram = ctxPtr(ctx, CTX_GRAM);
  const colBytes = <usize>n << 3;
  let m = 0;
  for (let t = 0; t < count; t++) {
    const j = load<i32>(list + (<usize>t << 2));
    if (load<i32>(slot + (<usize>j << 2)) == -1) {
      store<i32>(slot + (<usize>j << 2), -2);
      store<i32>(scratch + (<usize>m << 2), j);
      m++;
    }
  }
  // Along a path the working set grows by one or two features per alpha, so
  // round the batch up to a multiple of four with the column-less features of
  // largest |gⱼ| — the next ones the path is likely to need.
  const g = ctxPtr(ctx, CTX_G);
  while ((m & 3) != 0) {
    let best = -1;
    let bestV: f64 = -1;
    for (let j = 0; j < p; j++) {
      if (load<i32>(slot + (<usize>j << 2)) != -1) continue;
      const v = Math.abs(load<f64>(g + (<usize>j << 3)));
      if (v > bestV) { bestV = v; best = j; }
    }
    if (best < 0) break;
    store<i32>(slot + (<usize>best << 2), -2); // chosen; given a real slot below
    store<i32>(scratch + (<usize>m << 2), best);
    m++;
  }
  const m4 = m & ~3;
  for (let t = 0; t < m4; t += 4) {
    const ja = load<i32>(scratch + (<usize>t << 2));
    const jb = load<i32>(scratch + (<usize>(t + 1) << 2));
    const jc = load<i32>(scratch + (<usize>(t + 2) << 2));
    const jd = load<i32>(scratch + (<usize>(t + 3) << 2));
    const s0 = ctxInt(ctx, CTX_NGRAM);
    ctxSet(ctx, CTX_NGRAM, <f64>(s0 + 4));
    store<i32>(slot + (<usize>ja << 2), s0);
    store<i32>(slot + (<usize>jb << 2), s0 + 1);
    store<i32>(slot + (<usize>jc << 2), s0 + 2);
    store<i32>(slot + (<usize>jd << 2), s0 + 3);
    const c0 = gram + ((<usize>s0 * <usize>p) << 3);
    const c1 = c0 + (<usize>p << 3);
    const c2 = c1 + (<usize>p << 3);
    const c3 = c2 + (<usize>p << 3);
    for (let k = 0; k < p; k++) {
      const ko = <usize>k << 3;
      dot4(X + <usize>k * colBytes, X + <usize>ja * colBytes, X + <usize>jb * colBytes, X + <usize>jc * colBytes,
        X + <usize>jd * colBytes, n, c0 + ko, c1 + ko, c2 + ko, c3 + ko);
    }
  }
  for (let t = m4; t < m; t++) {
    const j = load<i32>(scratch + (<usize>t << 2));
    store<i32>(slot + (<usize>j << 2), -1);
    gramColumn(ctx, j);
  }
}

/** Naive mode: g ← Xᵀ R exactly for every feature, which also becomes the bounds' reference. */
function exactGradientNaive(ctx: usize): void {
  if (ctxInt(ctx, CTX_SPARSE) != 0) {
    // Sparse columns: every product exact (O(nnz)); a constant column's is 0, as the dense zeroed column's.
    const p = ctxInt(ctx, CTX_P);
    const g = ctxPtr(ctx, CTX_G);
    const norm = ctxPtr(ctx, CTX_NORM);
    for (let j = 0; j < p; j++) {
      store<f64>(g + (<usize>j << 3), load<f64>(norm + (<usize>j << 3)) == 0 ? 0.0 : sparseColumnDot(ctx, j));
    }
    refreshReference(ctx);
    return;
  }
  const X = ctxPtr(ctx, CTX_X);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  const colBytes = <usize>n << 3;
  for (let j = 0; j < p; j++) store<f64>(g + (<usize>j << 3), dot(X + <usize>j * colBytes, R, n));
  refreshReference(ctx);
}

/** Naive mode: the gradient becomes the bounds' reference — R_ref ← R, gRef ← g (g must be exact). */
function refreshReference(ctx: usize): void {
  memory.copy(ctxPtr(ctx, CTX_RREF), ctxPtr(ctx, CTX_R), <usize>ctxInt(ctx, CTX_N) << 3);
  memory.copy(ctxPtr(ctx, CTX_GREF), ctxPtr(ctx, CTX_G), <usize>ctxInt(ctx, CTX_P) << 3);
  ctxSet(ctx, CTX_SHIFTREF, ctxGet(ctx, CTX_SHIFT));
}

/**
 * ||r − r_ref|| of the prepared residuals: R − R_ref for a dense X; for sparse
 * columns r = √v ⊙ (R + c), so Σ vᵢ((Rᵢ − R_refᵢ) + (c − c_ref))².
 */
function residualChange(ctx: usize): f64 {
  const n = ctxInt(ctx, CTX_N);
  const R = ctxPtr(ctx, CTX_R);
  const rRef = ctxPtr(ctx, CTX_RREF);
  let d2: f64 = 0;
  if (ctxInt(ctx, CTX_SPARSE) != 0) {
    const sw = ctxPtr(ctx, CTX_SW);
    const dc = ctxGet(ctx, CTX_SHIFT) - ctxGet(ctx, CTX_SHIFTREF);
    for (let i = 0; i < n; i++) {
      const d = (load<f64>(R + (<usize>i << 3)) - load<f64>(rRef + (<usize>i << 3))) + dc;
      d2 += sw == 0 ? d * d : load<f64>(sw + (<usize>i << 3)) * (d * d);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = load<f64>(R + (<usize>i << 3)) - load<f64>(rRef + (<usize>i << 3));
      d2 += d * d;
    }
  }
  return Math.sqrt(d2);
}

/**
 * Naive mode: brings g up to date for the KKT check and the duality gap
 * without a dot product per feature where a bound suffices. For a feature
 * outside the working set, Cauchy–Schwarz gives
 *   |Xⱼᵀ R| ≤ |Xⱼᵀ R_ref| + ||Xⱼ||·||R − R_ref||,
 * and when that bound is below λ₁pfⱼ the feature can neither violate its KKT
 * condition nor raise the dual norm past λ₁, so storing the bound in gⱼ leaves
 * both the check and the gap exactly as an exact gⱼ would (the argument of the
 * safe screening rules of El Ghaoui et al. 2012 and Fercoq, Gramfort & Salmon
 * 2015, applied to the check instead of to discarding). Features of the
 * working set, and those whose bound is too loose, get the exact Xⱼᵀ R. When
 * more than a quarter of the checked features need it, the reference is
 * refreshed (all exact), so the bounds stay tight along a path. Sparse columns
 * take the same bounds in the prepared space (X̃ⱼ and r = √v ⊙ (R + c), see
 * residualChange): an exact product there costs a pass over column j's
 * nonzeros, a bound O(1), and most features far from entering the model are
 * settled by their bound, as glmnet settles them by its strong set.
 */
function updateGradientNaive(ctx: usize, l1Reg: f64): void {
  const sparse = ctxInt(ctx, CTX_SPARSE) != 0;
  const X = ctxPtr(ctx, CTX_X);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  const norm = ctxPtr(ctx, CTX_NORM);
  const inW = ctxPtr(ctx, CTX_INW);
  const gRef = ctxPtr(ctx, CTX_GREF);
  const positive = ctxInt(ctx, CTX_POSITIVE) != 0;
  const colBytes = <usize>n << 3;
  const delta = residualChange(ctx);
  // First count how many outside features the bound fails for (no dot
  // products): past a quarter, computing everything exactly and refreshing
  // the reference is as cheap and keeps later bounds tight.
  let outside = 0;
  let exact = 0;
  for (let j = 0; j < p; j++) {
    const nj = load<f64>(norm + (<usize>j << 3));
    if (nj == 0 || load<i32>(inW + (<usize>j << 2)) != 0) continue;
    outside++;
    if (!gradientBoundHolds(ctx, j, nj, delta, l1Reg)) exact++;
  }
  const refresh = exact * 4 > outside;
  for (let j = 0; j < p; j++) {
    const nj = load<f64>(norm + (<usize>j << 3));
    if (nj == 0) continue;
    if (!refresh && load<i32>(inW + (<usize>j << 2)) == 0 && gradientBoundHolds(ctx, j, nj, delta, l1Reg)) {
      const r = load<f64>(gRef + (<usize>j << 3));
      store<f64>(g + (<usize>j << 3), (positive ? r : Math.abs(r)) + Math.sqrt(nj) * delta);
    } else {
      store<f64>(g + (<usize>j << 3), sparse ? sparseColumnDot(ctx, j) : dot(X + <usize>j * colBytes, R, n));
    }
  }
  if (refresh) refreshReference(ctx);
}

/** Whether |gRef_j| + ||Xⱼ||·delta (gRef_j + … with `positive`) is safely below λ₁pfⱼ. */
@inline
function gradientBoundHolds(ctx: usize, j: i32, nj: f64, delta: f64, l1Reg: f64): bool {
  const pf = ctxPtr(ctx, CTX_PF);
  const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
  const r = load<f64>(ctxPtr(ctx, CTX_GREF) + (<usize>j << 3));
  const b = (ctxInt(ctx, CTX_POSITIVE) != 0 ? r : Math.abs(r)) + Math.sqrt(nj) * delta;
  return b < f * l1Reg * (1 - 1e-9);
}

/**
 * λ₁,max at the current coefficients: maxⱼ |gⱼ|/pfⱼ over penalized features
 * (gⱼ alone with `positive`), the smallest λ₁ at which every penalized
 * coefficient is zero given the unpenalized ones (glmnet's lambda_max when the
 * unpenalized features have been fitted first). g must be current.
 */
export function enetL1Max(ctx: usize): f64 {
  // Naive mode may hold bounds in g (updateGradientNaive): make it exact.
  if (ctxInt(ctx, CTX_COV) == 0) exactGradientNaive(ctx);
  return l1MaxFromGradient(ctx);
}

/** maxⱼ |gⱼ|/pfⱼ over penalized features for the g in the context. */
function l1MaxFromGradient(ctx: usize): f64 {
  const p = ctxInt(ctx, CTX_P);
  const g = ctxPtr(ctx, CTX_G);
  const pf = ctxPtr(ctx, CTX_PF);
  const positive = ctxInt(ctx, CTX_POSITIVE) != 0;
  let l1Max: f64 = 0;
  for (let j = 0; j < p; j++) {
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    if (f == 0) continue;
    const gj = load<f64>(g + (<usize>j << 3));
    const v = (positive ? gj : Math.abs(gj)) / f;
    if (v > l1Max) l1Max = v;
  }
  return l1Max;
}

/**
 * Prepares a context for solving: ||Xⱼ||², the residual and gradient at the
 * current w (zero or a warm start), Xᵀy in covariance mode, and the Gram
 * matrix as CTX_GRAMMODE says (an empty cache, all of XᵀX, or the
 * caller's). Returns λ₁,max = maxⱼ |gⱼ|/pfⱼ over penalized features (the
 * smallest λ₁ at which w = 0 is optimal when starting from w = 0).
 */
export function enetInit(ctx: usize): f64 {
  const X = ctxPtr(ctx, CTX_X);
  const y = ctxPtr(ctx, CTX_Y);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const w = ctxPtr(ctx, CTX_W);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  const norm = ctxPtr(ctx, CTX_NORM);
  const xty = ctxPtr(ctx, CTX_XTY);
  const slot = ctxPtr(ctx, CTX_SLOT);
  const cov = ctxInt(ctx, CTX_COV) != 0;
  const colBytes = <usize>n << 3;

  const gramMode = ctxInt(ctx, CTX_GRAMMODE);
  if (cov && gramMode != GRAM_LAZY) {
    // A full Gram matrix: every feature's column is in place (slot j = j).
    const gram = ctxPtr(ctx, CTX_GRAM);
    if (gramMode != GRAM_GIVEN) {
      gramColumns(X, n, p, gram);
      symmetrizeLower(gram, p);
      for (let j = 0; j < p; j++) store<f64>(xty + (<usize>j << 3), dot(X + <usize>j * colBytes, y, n));
      ctxSet(ctx, CTX_YNORM2, dot(y, y, n));
    }
    ctxSet(ctx, CTX_NGRAM, <f64>p);
    for (let j = 0; j < p; j++) {
      store<i32>(slot + (<usize>j << 2), j);
      store<f64>(norm + (<usize>j << 3), load<f64>(gram + ((<usize>j * <usize>p + <usize>j) << 3)));
    }
  } else if (ctxInt(ctx, CTX_SPARSE) != 0) {
    // Sparse columns (naive updates only): R = yc − X·u from u = 0 plus the warm start, c = Σ mⱼuⱼ.
    ctxSet(ctx, CTX_NGRAM, 0);
    const sw = ctxPtr(ctx, CTX_SW);
    const V = weightTotal(sw, n);
    ctxSet(ctx, CTX_WTOTAL, V);
    const positive = positiveRows(sw, n);
    for (let j = 0; j < p; j++) store<i32>(slot + (<usize>j << 2), -1);
    for (let j = 0; j < p; j++) store<f64>(norm + (<usize>j << 3), sparseColumnNorm(ctx, j, V, positive));
    memory.copy(R, y, colBytes);
    ctxSet(ctx, CTX_SHIFT, 0);
    sparseResidualSums(ctx, sparseSums);
    ctxSet(ctx, CTX_YNORM2, load<f64>(sparseSums, 16));
    for (let j = 0; j < p; j++) {
      const wj = load<f64>(w + (<usize>j << 3));
      if (wj != 0) sparseColumnStep(ctx, j, wj);
    }
    exactGradientNaive(ctx);
    return l1MaxFromGradient(ctx);
  } else {
    ctxSet(ctx, CTX_NGRAM, 0);
    ctxSet(ctx, CTX_YNORM2, dot(y, y, n));
    for (let j = 0; j < p; j++) store<i32>(slot + (<usize>j << 2), -1);
    for (let j = 0; j < p; j++) {
      const X_j = X + <usize>j * colBytes;
      store<f64>(norm + (<usize>j << 3), dot(X_j, X_j, n));
    }
    if (cov) {
      for (let j = 0; j < p; j++) store<f64>(xty + (<usize>j << 3), dot(X + <usize>j * colBytes, y, n));
    }
  }
  if (cov) {
    memory.copy(g, xty, <usize>p << 3);
    for (let j = 0; j < p; j++) {
      const wj = load<f64>(w + (<usize>j << 3));
      if (wj != 0) axpy(-wj, gramColumn(ctx, j), g, p);
    }
  } else {
    memory.copy(R, y, colBytes);
    for (let j = 0; j < p; j++) {
      const wj = load<f64>(w + (<usize>j << 3));
      if (wj != 0) axpy(-wj, X + <usize>j * colBytes, R, n);
    }
    exactGradientNaive(ctx);
  }
  return l1MaxFromGradient(ctx);
}

// Scratch for the sweep's two maxima (returned through globals to avoid a
// managed tuple); written and read within one sweep call.
let sweepDwMax: f64 = 0;
let sweepWMax: f64 = 0;

/**
 * The coordinate's minimizer given z = Xⱼᵀ(partial residual without j): the
 * soft-threshold S(z, λ₁pfⱼ)/(‖Xⱼ‖² + λ₂pfⱼ) (0 for z < 0 with `positive`).
 */
@inline
function coordinateMinimizer(z: f64, nc: f64, f: f64, l1Reg: f64, l2Reg: f64, positive: bool): f64 {
  let wNew: f64 = 0;
  if (!(positive && z < 0)) {
    const shrunk = Math.abs(z) - l1Reg * f;
    if (shrunk > 0) wNew = (z < 0 ? -shrunk : shrunk) / (nc + l2Reg * f);
  }
  return wNew;
}

/** One coordinate-descent pass over the `count` features listed at `list`. */
function sweep(ctx: usize, list: usize, count: i32, l1Reg: f64, l2Reg: f64): void {
  if (ctxInt(ctx, CTX_SPARSE) != 0) { sparseSweep(ctx, list, count, l1Reg, l2Reg); return; }
  const X = ctxPtr(ctx, CTX_X);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const w = ctxPtr(ctx, CTX_W);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  const norm = ctxPtr(ctx, CTX_NORM);
  const pf = ctxPtr(ctx, CTX_PF);
  const positive = ctxInt(ctx, CTX_POSITIVE) != 0;
  const cov = ctxInt(ctx, CTX_COV) != 0;
  const colBytes = <usize>n << 3;
  let dwMax: f64 = 0;
  let wMax: f64 = 0;
  for (let t = 0; t < count; t++) {
    const j = load<i32>(list + (<usize>t << 2));
    const nc = load<f64>(norm + (<usize>j << 3));
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    const wOld = load<f64>(w + (<usize>j << 3));
    const X_j = X + <usize>j * colBytes;
    // z = Xⱼᵀ(partial residual without feature j) = gⱼ + ||Xⱼ||²wⱼ.
    const z = (cov ? load<f64>(g + (<usize>j << 3)) : dot(X_j, R, n)) + nc * wOld;
    const wNew = coordinateMinimizer(z, nc, f, l1Reg, l2Reg, positive);
    if (wNew != wOld) {
      const delta = wNew - wOld;
      store<f64>(w + (<usize>j << 3), wNew);
      if (cov) axpy(-delta, gramColumn(ctx, j), g, p);
      else axpy(-delta, X_j, R, n);
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
    }
    const aw = Math.abs(wNew);
    if (aw > wMax) wMax = aw;
  }
  sweepDwMax = dwMax;
  sweepWMax = wMax;
}

/**
 * `sweep` on sparse columns (solvers/sparseColumns): the same update, with the
 * column pointers read once per sweep instead of once per coordinate.
 */
function sparseSweep(ctx: usize, list: usize, count: i32, l1Reg: f64, l2Reg: f64): void {
  const w = ctxPtr(ctx, CTX_W);
  const R = ctxPtr(ctx, CTX_R);
  const norm = ctxPtr(ctx, CTX_NORM);
  const pf = ctxPtr(ctx, CTX_PF);
  const positive = ctxInt(ctx, CTX_POSITIVE) != 0;
  const colPtr = ctxPtr(ctx, CTX_COLPTR);
  const rowIdx = ctxPtr(ctx, CTX_ROWIDX);
  const vals = ctxPtr(ctx, CTX_VALS);
  const sw = ctxPtr(ctx, CTX_SW);
  const mean = ctxPtr(ctx, CTX_MEAN);
  const scale = ctxPtr(ctx, CTX_SCALE);
  const wTotal = ctxGet(ctx, CTX_WTOTAL);
  let shift = ctxGet(ctx, CTX_SHIFT);
  let dwMax: f64 = 0;
  let wMax: f64 = 0;
  for (let t = 0; t < count; t++) {
    const j = load<i32>(list + (<usize>t << 2));
    const nc = load<f64>(norm + (<usize>j << 3));
    const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
    const wOld = load<f64>(w + (<usize>j << 3));
    const z = sparseDotAt(colPtr, rowIdx, vals, sw, R, mean, scale, shift, wTotal, j) + nc * wOld;
    const wNew = coordinateMinimizer(z, nc, f, l1Reg, l2Reg, positive);
    if (wNew != wOld) {
      const delta = wNew - wOld;
      store<f64>(w + (<usize>j << 3), wNew);
      const du = delta / load<f64>(scale + (<usize>j << 3));
      sparseStepAt(colPtr, rowIdx, vals, R, j, du);
      shift = shift + load<f64>(mean + (<usize>j << 3)) * du;
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
    }
    const aw = Math.abs(wNew);
    if (aw > wMax) wMax = aw;
  }
  ctxSet(ctx, CTX_SHIFT, shift);
  sweepDwMax = dwMax;
  sweepWMax = wMax;
}

/** Duality gap at the context's w; g must be current. */
function currentGap(ctx: usize, l1Reg: f64, l2Reg: f64): f64 {
  const y = ctxPtr(ctx, CTX_Y);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const w = ctxPtr(ctx, CTX_W);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  let rNorm2: f64;
  let rTy: f64;
  if (ctxInt(ctx, CTX_COV) != 0) {
    // Rᵀy = ||y||² − wᵀXᵀy and ||R||² = Rᵀy − wᵀXᵀR, both O(p).
    rTy = ctxGet(ctx, CTX_YNORM2) - dot(w, ctxPtr(ctx, CTX_XTY), p);
    rNorm2 = rTy - dot(w, g, p);
  } else if (ctxInt(ctx, CTX_SPARSE) != 0) {
    sparseResidualSums(ctx, sparseSums);
    rNorm2 = load<f64>(sparseSums);
    rTy = load<f64>(sparseSums, 8);
  } else {
    rTy = dot(R, y, n);
    rNorm2 = dot(R, R, n);
  }
  return dualityGap(g, w, ctxPtr(ctx, CTX_PF), p, rNorm2, rTy, l1Reg, l2Reg, ctxInt(ctx, CTX_POSITIVE) != 0);
}

// Why a solve stopped (result[3]).
export const STOP_CONVERGED: i32 = 0;   // duality gap ≤ tol·||y||²
export const STOP_MAX_ITER: i32 = 1;    // maxIter sweeps made
export const STOP_FIXED_POINT: i32 = 2; // a sweep of the working set changed no coefficient
export const STOP_FLOOR: i32 = 3;       // the gap reached its floating-point floor

// A sweep whose largest move is below this fraction of the largest
// coefficient moves at rounding level: past it, the gap is checked after every
// sweep (whatever tol), so a tol below rounding cannot keep the solver cycling
// on ulp-sized moves without ever looking at the gap.
const SWEEP_FLOOR: f64 = 1.0 / <f64>(1 << 30) / <f64>(1 << 10); // 2⁻⁴⁰
// With tol below the floor: gap checks in a row, each after a rounding-level
// sweep, without the gap getting below its best so far — the gap has stopped
// decreasing (its rounding noise is above the estimate of the floor).
const STALL_CHECKS: i32 = 64;

/**
 * The floating-point floor of the duality gap: the gap is evaluated from sums
 * of n (or p) terms — ||R||², Rᵀy, wᵀg — each at most about ||y||² in size
 * (the objective at w = 0), so rounding alone can leave it at about
 * (n + p)·ε·||y||² (ε = 2⁻⁵², Higham 2002, §3.1, for the dot products) however
 * exact the coefficients are. A tol·||y||² below this cannot be certified.
 */
export function gapFloor(n: i32, p: i32, yNorm2: f64): f64 {
  return <f64>(n + p) * f64.EPSILON * yNorm2;
}

/**
 * Solves at (λ₁, λ₂) from the context's current w (warm start); `l1Prev` is
 * the λ₁ of the previous solution (λ₁,max for a cold start) for the strong
 * rule. Writes result[0] = duality gap (objective scale), result[1] = sweeps,
 * result[2] = 1 if converged, result[3] = why it stopped (STOP_*),
 * result[4] = the gap's floating-point floor (gapFloor).
 */
export function enetSolve(ctx: usize, l1Reg: f64, l2Reg: f64, l1Prev: f64, maxIter: i32, tol: f64, result: usize): void {
  const X = ctxPtr(ctx, CTX_X);
  const n = ctxInt(ctx, CTX_N);
  const p = ctxInt(ctx, CTX_P);
  const w = ctxPtr(ctx, CTX_W);
  const R = ctxPtr(ctx, CTX_R);
  const g = ctxPtr(ctx, CTX_G);
  const norm = ctxPtr(ctx, CTX_NORM);
  const list = ctxPtr(ctx, CTX_LIST);
  const active = ctxPtr(ctx, CTX_ACTIVE);
  const inW = ctxPtr(ctx, CTX_INW);
  const pf = ctxPtr(ctx, CTX_PF);
  const positive = ctxInt(ctx, CTX_POSITIVE) != 0;
  const cov = ctxInt(ctx, CTX_COV) != 0;
  const colBytes = <usize>n << 3;

  // Strong-rule screening from the gradient at the warm start.
  let nW = strongWorkingSet(p, w, g, norm, pf, positive, l1Reg, l1Prev, inW, list);

  if (cov && ctxInt(ctx, CTX_GRAMMODE) == GRAM_LAZY) fillGramColumns(ctx, list, nW, active);

  const gapTol = tol * ctxGet(ctx, CTX_YNORM2);
  const floor = gapFloor(n, p, ctxGet(ctx, CTX_YNORM2));
  const sweepTol = max(tol, SWEEP_FLOOR);
  let gap: f64 = Infinity;
  let bestGap: f64 = Infinity;
  let stalled = 0;
  let iter = 0;
  let converged = false;
  let stop = STOP_MAX_ITER;
  while (iter < maxIter) {
    sweep(ctx, list, nW, l1Reg, l2Reg);
    iter++;
    if (!(sweepWMax == 0 || sweepDwMax / sweepWMax < sweepTol) && iter < maxIter) {
      // Active-set cycling on the nonzero coefficients of the working set.
      let nA = 0;
      for (let t = 0; t < nW; t++) {
        const j = load<i32>(list + (<usize>t << 2));
        if (load<f64>(w + (<usize>j << 3)) != 0) { store<i32>(active + (<usize>nA << 2), j); nA++; }
      }
      while (iter < maxIter) {
        sweep(ctx, active, nA, l1Reg, l2Reg);
        iter++;
        if (sweepWMax == 0 || sweepDwMax / sweepWMax < sweepTol) break;
      }
      continue;
    }
    // The working set has (nearly) converged: bring g up to date (naive mode),
    // check the KKT conditions of the screened-out features, then the gap.
    if (!cov) updateGradientNaive(ctx, l1Reg);
    let added = 0;
    for (let j = 0; j < p; j++) {
      if (load<i32>(inW + (<usize>j << 2)) != 0 || load<f64>(norm + (<usize>j << 3)) == 0) continue;
      const f: f64 = pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
      const gj = load<f64>(g + (<usize>j << 3));
      if ((positive ? gj : Math.abs(gj)) > f * l1Reg) {
        store<i32>(inW + (<usize>j << 2), 1);
        store<i32>(list + (<usize>nW << 2), j);
        nW++;
        added++;
      }
    }
    if (added > 0) continue;
    gap = currentGap(ctx, l1Reg, l2Reg);
    if (gap <= gapTol) { converged = true; break; }
    // A sweep of the working set that moved nothing is a fixed point: more
    // sweeps cannot lower the gap (tol is below what rounding allows), so stop
    // here instead of running out maxIter; the gap is reported as it is.
    if (sweepDwMax == 0) { stop = STOP_FIXED_POINT; break; }
    // At the floor, or no longer decreasing after rounding-level sweeps: more
    // sweeps only move coefficients by ulps (a tol below rounding would
    // otherwise run to maxIter, however large).
    if (gap <= floor) { stop = STOP_FLOOR; break; }
    // (Only when tol is below the floor: a certifiable tol is left to converge,
    // however slowly and unevenly the gap falls.)
    if (gapTol < floor && (sweepWMax == 0 || sweepDwMax / sweepWMax < sweepTol)) {
      if (gap < bestGap) { bestGap = gap; stalled = 0; } else if (++stalled >= STALL_CHECKS) { stop = STOP_FLOOR; break; }
    }
  }
  if (!converged) {
    // maxIter or a fixed point reached: report the gap at the last iterate, and leave g
    // consistent with w for the next warm start.
    if (!cov) exactGradientNaive(ctx);
    gap = currentGap(ctx, l1Reg, l2Reg);
    // The gap is a certificate: when rounding noise keeps dw/w above tol (so the
    // loop never stopped to check it), the last iterate may still be optimal.
    converged = gap <= gapTol;
  }
  store<f64>(result, gap);
  store<f64>(result, <f64>iter, 8);
  store<f64>(result, converged ? 1.0 : 0.0, 16);
  store<f64>(result, <f64>(converged ? STOP_CONVERGED : stop), 24);
  store<f64>(result, floor, 32);
}
