import { dot } from "../kernels/dot";
import { dot16, DOT16_X_MAX, DOT16_Y_MAX } from "../kernels/dot16";
import { axpy } from "../kernels/axpy";
import { axpyWeighted } from "../kernels/axpyWeighted";
import { axpyWeightedDot } from "../kernels/axpyWeightedDot";
import { weightedSquares } from "../kernels/weightedSquares";
import { exp } from "../math/exp";
import { log } from "../math/log";
import { log1p } from "../math/log1p";
import { ctxGet, ctxPtr, ctxInt, ctxSet } from "./enetContext";
import {
  LCTX_X, LCTX_Y, LCTX_SW, LCTX_N, LCTX_P, LCTX_BETA, LCTX_B0, LCTX_ETA, LCTX_M, LCTX_V, LCTX_R, LCTX_G,
  LCTX_H, LCTX_BOLD, LCTX_LIST, LCTX_INW, LCTX_ACTIVE, LCTX_PF, LCTX_POSITIVE, LCTX_INTERCEPT,
  LCTX_NULLLOSS, LCTX_LOSS, LCTX_XWY, LCTX_NORM, LCTX_WSUM, LCTX_WY, LCTX_RPREV, LCTX_BPREV,
  LCTX_XABS, LCTX_SLACK, LCTX_X16, LCTX_XSCALE16, LCTX_R16, LCTX_XWYMAX, LCTX_OUTMAX,
  LCTX_CAND, LCTX_NCAND, LCTX_CANDTHR, LCTX_CANDMAX,
} from "./logisticContext";

// Penalized logistic regression by glmnet's proximal Newton method (Friedman,
// Hastie & Tibshirani 2010, "Regularization paths for generalized linear
// models via coordinate descent", J. Stat. Softw. 33(1), §3), on a prepared
// column-major X and labels y ∈ {0, 1}:
//
//   min_{b, β}  Σᵢ wᵢ ℓ(yᵢ, b + xᵢᵀβ) + λ₁ Σ pfⱼ|βⱼ| + ½ λ₂ Σ pfⱼ βⱼ²,
//   ℓ(y, η) = log(1 + e^η) − yη
//
// (the model's objective times n: λ₁ = n·alpha·l1Ratio, λ₂ = n·alpha·(1 − l1Ratio)).
//
//  * Outer loop: the quadratic (IRLS) approximation of the log-likelihood at
//    the current point, weights vᵢ = wᵢpᵢ(1 − pᵢ) (floored at wᵢ·pmin(1 − pmin),
//    pmin = 1e-5, glmnet's guard for fitted probabilities near 0 or 1) and
//    working residual rᵢ = wᵢ(yᵢ − pᵢ).
//  * Inner loop: weighted coordinate descent on that quadratic over the
//    working set, the intercept updated after each sweep, cycling on the
//    nonzero coefficients between full sweeps (§2.6); warm starts from the
//    previous solution along a path (§2.5). After every sweep that does not
//    end the inner solve, an exact line search of the quadratic along the
//    sweep's change (`extrapolate`) finishes the slow direction coordinate
//    descent creeps along; the inner solve is inexact (tolerance tied to the
//    current duality gap, see `logisticSolve`).
//  * Sequential strong rules (Tibshirani et al. 2012, JRSS-B 74(2), §2.2) on
//    the gradient gⱼ = xⱼᵀ(w∘(y − p)), with a KKT check |gⱼ| ≤ λ₁pfⱼ of the
//    discarded features after every Newton step; violators join the working set.
//  * That check, the pass over all p features, runs on a 16-bit integer copy
//    of X and a 13-bit copy of r (`screen`: a quarter of the bytes of the f64
//    pass, an exact integer dot product) with a rigorous bound on the
//    truncation error; only the features the bound cannot decide get the
//    exact f64 xⱼᵀr. A screened gⱼ keeps its bound (`LCTX_SLACK`) until the next
//    screen, and every later test on it (strong rule, dual norm, h*) uses the
//    bound, so every decision is the exact gradient's and a gap with a bound
//    in place of gⱼ is still a valid (dual-feasible) gap.
//  * Step control: when the full Newton step does not lower the true penalized
//    objective (the quadratic model over-shoots, e.g. far from the optimum or on
//    nearly separable data), the step is halved until it does.
//  * Certificate: the duality gap of the penalized logistic problem (see
//    `dualGap`); the solve stops when it is ≤ tol × (null model's loss).
//    Measured on the bench's wide path (200 × 5000, 100 alphas, tol 1e-4):
//    at the stop the true suboptimality is ~10⁻³ of the gap; the gap is the
//    rescaling t = λ₁/||Xᵀθ||∞ ≈ 0.999 of the residual's dual point (a KKT
//    violation of ~0.1 % costs ‖β‖₁·0.1 %·λ₁), so a better dual point is what
//    would save sweeps — stopping on the true suboptimality (an oracle)
//    would need 361 sweeps instead of 1383. Dual extrapolation (Massias,
//    Gramfort & Salmon 2018; Massias et al. 2020, JMLR 21(234)) over the
//    last K = 3–8 inner iterates — of r (working residual), or of η through
//    the sigmoid as Celer's prox-Newton solver does — taken as an extra
//    candidate: at most −3 % sweeps with the line search below (which already
//    removes the direction CD creeps along), and inner solves loosened to
//    rely on it stopped certifying (36 of 100 alphas above tol). Not kept.
//    Also measured there and not kept: (a) a dual point corrected on the
//    working set's violators (θ − Σⱼ eⱼ·v∘xⱼ/hⱼ over the features with
//    |gⱼ| > λ₁, up to 3 Jacobi rounds, then scaled): the first sweep at
//    which its gap meets tol comes at 1000 sweeps in all against 1035 for
//    the scaled residual (the violation is spread over 50–150 active
//    features, so its first-order cost Σ|βⱼ|eⱼ stays; only the exact Newton
//    projection on the active set, O(n·|A|²) per gap, would remove it);
//    (b) skipping, in `screen`, the columns whose previous bound grown by
//    ||xⱼ||·||r − r_ref|| stays below the threshold: 57 % of the column
//    passes skipped, the JS twin 20 % faster, but the WebAssembly screen
//    25 % slower (it is bound by streaming the 16-bit copy; gaps in the
//    stream cost more than the columns skipped, with or without touching
//    the next columns ahead), and blocks of 8 columns sorted by |Xⱼᵀ(w∘y)|
//    would skip only 10 %.
//
// Transcendentals come from assembly/math (ports shared with the JS twin
// src/solvers/logisticSolver.ts, which repeats every operation in order).

// @ts-ignore: decorator
@inline const PMIN: f64 = 1e-5;
// @ts-ignore: decorator
@inline const MAX_HALVINGS: i32 = 60;
// The line search along a sweep's change is skipped when that change in r is
// below ~1e-10 of r itself (its direction would be rounding noise: β and r
// would drift apart), and its step is capped (a slow mode of contraction 0.99).
// @ts-ignore: decorator
@inline const EXTRAPOLATE_NOISE: f64 = 1e-20;
// @ts-ignore: decorator
@inline const EXTRAPOLATE_MAX: f64 = 100;
// Sweeps in a row whose moves meet the inner tolerance but whose largest
// coordinate gradient stops falling (rounding) end the inner solve.
// @ts-ignore: decorator
@inline const STALE_SWEEPS: i32 = 2;
// The inner tolerance's floor as a fraction of the gap tolerance, and its cut
// after a Newton step that did not reach tol (see `logisticSolve`).
// @ts-ignore: decorator
@inline const INNER_TARGET: f64 = 0.7;
// @ts-ignore: decorator
@inline const TARGET_CUT: f64 = 0.3;

@inline function xcol(ctx: usize, j: i32): usize {
  return ctxPtr(ctx, LCTX_X) + ((<usize>j * <usize>ctxInt(ctx, LCTX_N)) << 3);
}

@inline function pfOf(pf: usize, j: i32): f64 {
  return pf == 0 ? 1.0 : load<f64>(pf + (<usize>j << 3));
}

/**
 * Loss, misfit probabilities and residual at the current η:
 * with the margin u = ỹη (ỹ = ±1) and e = exp(−|u|), mᵢ = σ(−u) and
 * ℓᵢ = log1p(e) + max(−u, 0), both without overflow; rᵢ = wᵢỹᵢmᵢ.
 * Returns Σwᵢℓᵢ and stores it in LCTX_LOSS.
 */
function evaluate(ctx: usize): f64 {
  const n = ctxInt(ctx, LCTX_N);
  const y = ctxPtr(ctx, LCTX_Y);
  const sw = ctxPtr(ctx, LCTX_SW);
  const eta = ctxPtr(ctx, LCTX_ETA);
  const m = ctxPtr(ctx, LCTX_M);
  const r = ctxPtr(ctx, LCTX_R);
  let loss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const s: f64 = load<f64>(y + o) != 0 ? 1.0 : -1.0;
    const u = s * load<f64>(eta + o);
    const e = exp(-Math.abs(u));
    const mi = u >= 0 ? e / (1 + e) : 1 / (1 + e);
    const li = log1p(e) + (u < 0 ? -u : 0);
    const wi = load<f64>(sw + o);
    loss += wi * li;
    store<f64>(m + o, mi);
    store<f64>(r + o, wi * (s * mi));
  }
  ctxSet(ctx, LCTX_LOSS, loss);
  return loss;
}

/**
 * η ← b0 + Xβ over the nonzero coefficients, in increasing j: those of the
 * `count` features at `list` when that list is in increasing order and holds
 * every nonzero (the working set straight from the strong rule: the same
 * sums in the same order, without the scan of p coefficients), else all p
 * (count < 0).
 */
function etaFromBeta(ctx: usize, list: usize, count: i32): void {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const eta = ctxPtr(ctx, LCTX_ETA);
  const beta = ctxPtr(ctx, LCTX_BETA);
  const b0 = ctxGet(ctx, LCTX_B0);
  for (let i = 0; i < n; i++) store<f64>(eta + (<usize>i << 3), b0);
  const visits = count < 0 ? p : count;
  for (let t = 0; t < visits; t++) {
    const j = count < 0 ? t : load<i32>(list + (<usize>t << 2));
    const bj = load<f64>(beta + (<usize>j << 3));
    if (bj != 0) axpy(bj, xcol(ctx, j), eta, n);
  }
}

// Which features `gradient` and `dualGap` visit.
// @ts-ignore: decorator
@inline const ALL: i32 = 0;
// @ts-ignore: decorator
@inline const IN_W: i32 = 1;  // the working set only

/** g ← Xᵀr (r = w∘(y − p) after `evaluate`) for the non-constant columns `which` selects. */
function gradient(ctx: usize, which: i32): void {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const inW = ctxPtr(ctx, LCTX_INW);
  for (let j = 0; j < p; j++) {
    if (which != ALL && (load<i32>(inW + (<usize>j << 2)) != 0) != (which == IN_W)) continue;
    const o = <usize>j << 3;
    store<f64>(g + o, load<f64>(norm + o) != 0 ? dot(xcol(ctx, j), r, n) : 0);
  }
}

// The bound's allowance for the rounding of Σ|rᵢ|, Σ|xᵢⱼ| and their products
// (relative error ≤ n·2⁻⁵³ ≤ 2⁻²⁹ for n ≤ SCREEN_MAX_N).
// @ts-ignore: decorator
@inline const SCREEN_ROUNDING: f64 = 1 + 9.5367431640625e-7; // 1 + 2⁻²⁰
// The smallest normal f64 (2⁻¹⁰²²): above it a power of two has an exact reciprocal.
// @ts-ignore: decorator
@inline const MIN_NORMAL: f64 = 2.2250738585072014e-308;
// Above this many rows the integer sums could pass 2⁵³ in the JS twin: no screen, exact products.
// @ts-ignore: decorator
@inline const SCREEN_MAX_N: i32 = 16777216; // 2²⁴

/** The smallest power of two ≥ m (1 for m = 0 or non-finite m): an exact scale. */
function pow2Above(m: f64): f64 {
  if (!(m > 0) || !(m < Infinity)) return 1;
  let s: f64 = 1;
  while (s < m) s *= 2;
  while (s * 0.5 >= m) s *= 0.5;
  return s;
}

/**
 * gⱼ of the features outside the working set at the current r (the working
 * set's g is current), estimated from integer copies: each column of X
 * divided by a power of two sⱼ and truncated to x̂ⱼ (|x̂ᵢⱼ| ≤ 32767, built by
 * logisticInit), r divided by a power of two s_r and truncated to r̂
 * (|r̂ᵢ| ≤ 8191); ĝⱼ = sⱼs_r·(x̂ⱼᵀr̂), the integer product exact (`dot16`) and
 * the scaling by a power of two exact. Truncation moves each entry towards
 * zero by less than one unit, so |xᵢⱼrᵢ − sⱼx̂ᵢⱼ·s_r r̂ᵢ| < sⱼ|rᵢ| + |xᵢⱼ|s_r and
 *   |xⱼᵀr − ĝⱼ| < eⱼ = sⱼ·||r||₁ + s_r·||xⱼ||₁
 * (times 1 + 2⁻²⁰ for the rounding of the norms, plus 10⁻¹⁵|ĝⱼ| for the
 * rounding of |ĝⱼ| + eⱼ). Every feature with
 * |ĝⱼ| + eⱼ < pfⱼ·thr is decided by it: gⱼ ← ĝⱼ, slackⱼ ← eⱼ; the others get
 * the exact xⱼᵀr (slack 0), so every decision made from g is the exact one.
 * The pass reads 2 bytes per entry of X (a quarter of the f64 X).
 *
 * It is also the KKT check of the discarded features (thr = λ₁): every
 * feature whose exact |gⱼ| (gⱼ with `positive`) passes pfⱼ·thr joins the
 * working set (`nW` features at LCTX_LIST; the new size is returned), in
 * increasing j. For the others it records max (|gⱼ| + slackⱼ)/pfⱼ in
 * LCTX_OUTMAX, which lets `outsideChangesGap` answer without a pass.
 *
 * And it lists (LCTX_CAND) the features the next alpha's strong rule can
 * need: the working set and every feature whose bound reaches pfⱼ·next
 * (`next`, a guess of that rule's threshold 2λ₁,next − λ₁). If the guess
 * holds, `refreshedStrongSet` visits only them (the others are below the
 * threshold with their bound: neither kept nor refreshed, and not in the
 * working set); if not, it makes its full pass.
 */
function screen(ctx: usize, thr: f64, nW: i32, next: f64): i32 {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const xabs = ctxPtr(ctx, LCTX_XABS);
  const slack = ctxPtr(ctx, LCTX_SLACK);
  const x16 = ctxPtr(ctx, LCTX_X16);
  const xs16 = ctxPtr(ctx, LCTX_XSCALE16);
  const r16 = ctxPtr(ctx, LCTX_R16);
  const inW = ctxPtr(ctx, LCTX_INW);
  const pf = ctxPtr(ctx, LCTX_PF);
  const list = ctxPtr(ctx, LCTX_LIST);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  const cand = ctxPtr(ctx, LCTX_CAND);
  let nCand = 0;
  let candMax: f64 = 0;
  let outMax: f64 = 0;
  let mx: f64 = 0;
  let r1: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(load<f64>(r + (<usize>i << 3)));
    if (a > mx) mx = a;
    r1 += a;
  }
  const sr = pow2Above(mx / <f64>DOT16_Y_MAX);
  const useScreen = n <= SCREEN_MAX_N && r1 < Infinity; // (false for a NaN)
  if (useScreen) {
    for (let i = 0; i < n; i++) store<i16>(r16 + (<usize>i << 1), <i16><i32>(load<f64>(r + (<usize>i << 3)) / sr));
  }
  r1 *= SCREEN_ROUNDING;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    if (load<f64>(norm + o) == 0) continue;
    if (load<i32>(inW + (<usize>j << 2)) != 0) {
      store<f64>(slack + o, 0);
      store<i32>(cand + (<usize>nCand << 2), j);
      nCand++;
      continue;
    }
    const f = pfOf(pf, j);
    const xs = load<f64>(xs16 + o);
    const sc = xs * sr;
    if (useScreen && sc > 1e-250 && sc < 1e250) {
      const gh = dot16(x16 + ((<usize>j * <usize>n) << 1), r16, n) * sc;
      const e = xs * r1 + sr * load<f64>(xabs + o) + 1e-15 * Math.abs(gh);
      const b = Math.abs(gh) + e;
      if (b < f * thr) {
        store<f64>(g + o, gh);
        store<f64>(slack + o, e);
        const v = pf == 0 ? b : b / f;
        if (v > outMax) outMax = v;
        if (b < f * next) {
          if (v > candMax) candMax = v;
        } else {
          store<i32>(cand + (<usize>nCand << 2), j);
          nCand++;
        }
        continue;
      }
    }
    const gj = dot(xcol(ctx, j), r, n);
    store<f64>(g + o, gj);
    store<f64>(slack + o, 0);
    const a = Math.abs(gj);
    let listed = true;
    if ((positive ? gj : a) > f * thr) {
      store<i32>(inW + (<usize>j << 2), 1);
      store<i32>(list + (<usize>nW << 2), j);
      nW++;
    } else if (f == 0) {
      outMax = Infinity;
    } else {
      const v = pf == 0 ? a : a / f;
      if (v > outMax) outMax = v;
      if (a < f * next) {
        if (v > candMax) candMax = v;
        listed = false;
      }
    }
    if (listed) {
      store<i32>(cand + (<usize>nCand << 2), j);
      nCand++;
    }
  }
  ctxSet(ctx, LCTX_OUTMAX, outMax);
  ctxSet(ctx, LCTX_NCAND, <f64>nCand);
  ctxSet(ctx, LCTX_CANDTHR, next);
  ctxSet(ctx, LCTX_CANDMAX, candMax);
  return nW;
}

/** Exact gⱼ for every screened feature (slackⱼ ≠ 0): before λ₁,max or a full gap that must not rely on bounds. */
function refresh(ctx: usize): void {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const slack = ctxPtr(ctx, LCTX_SLACK);
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    if (load<f64>(norm + o) == 0 || load<f64>(slack + o) == 0) continue;
    store<f64>(g + o, dot(xcol(ctx, j), r, n));
    store<f64>(slack + o, 0);
  }
}

/**
 * The sequential strong rule (`strongWorkingSet`, assembly/solvers/strongRule.ts)
 * on screened gradients, in one pass over the features: each feature's exact
 * gⱼ, when its bound cannot decide the rule, right before the rule reads it
 * — the same working set in the same order as the rule on exact gradients,
 * one O(p) pass per alpha instead of two, and over the latest screen's
 * candidates only when its guess of the threshold holds. Returns the working set's size;
 * records in LCTX_OUTMAX the largest (|gⱼ| + slackⱼ)/pfⱼ of the features it
 * leaves out.
 */
function refreshedStrongSet(ctx: usize, l1Reg: f64, l1Prev: f64): i32 {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const beta = ctxPtr(ctx, LCTX_BETA);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const slack = ctxPtr(ctx, LCTX_SLACK);
  const pf = ctxPtr(ctx, LCTX_PF);
  const inW = ctxPtr(ctx, LCTX_INW);
  const list = ctxPtr(ctx, LCTX_LIST);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  const strong = 2 * l1Reg - l1Prev;
  // The latest screen's list when its threshold is at most this rule's (see `screen`), else every feature.
  const cand = ctxPtr(ctx, LCTX_CAND);
  const useCand = strong >= ctxGet(ctx, LCTX_CANDTHR);
  const visits = useCand ? ctxInt(ctx, LCTX_NCAND) : p;
  let nW = 0;
  let outMax: f64 = useCand ? ctxGet(ctx, LCTX_CANDMAX) : 0;
  for (let t = 0; t < visits; t++) {
    const j = useCand ? load<i32>(cand + (<usize>t << 2)) : t;
    const o = <usize>j << 3;
    let keep = false;
    if (load<f64>(norm + o) != 0) {
      const f = pfOf(pf, j);
      let e = load<f64>(slack + o);
      if (e != 0 && !(Math.abs(load<f64>(g + o)) + e < f * strong)) {
        store<f64>(g + o, dot(xcol(ctx, j), r, n));
        store<f64>(slack + o, 0);
        e = 0;
      }
      const gj = load<f64>(g + o);
      keep = load<f64>(beta + o) != 0 || f == 0 || (positive ? gj : Math.abs(gj)) >= f * strong;
      if (!keep) {
        const b = Math.abs(gj) + e;
        const v = pf == 0 ? b : b / f;
        if (v > outMax) outMax = v;
      }
    }
    store<i32>(inW + (<usize>j << 2), keep ? 1 : 0);
    if (keep) { store<i32>(list + (<usize>nW << 2), j); nW++; }
  }
  ctxSet(ctx, LCTX_OUTMAX, outMax);
  return nW;
}

/**
 * λ₁Σpfⱼ|βⱼ| + ½λ₂Σpfⱼβⱼ² over the `count` features at `list` — the working
 * set, which holds every nonzero coefficient during a solve (O(|W|), not O(p)).
 */
function penalty(ctx: usize, l1Reg: f64, l2Reg: f64, list: usize, count: i32): f64 {
  const beta = ctxPtr(ctx, LCTX_BETA);
  const pf = ctxPtr(ctx, LCTX_PF);
  let a: f64 = 0;
  let b: f64 = 0;
  for (let t = 0; t < count; t++) {
    const j = load<i32>(list + (<usize>t << 2));
    const bj = load<f64>(beta + (<usize>j << 3));
    if (bj == 0) continue;
    const f = pfOf(pf, j);
    a += f * Math.abs(bj);
    b += f * (bj * bj);
  }
  return l1Reg * a + 0.5 * l2Reg * b;
}

/** maxⱼ |gⱼ|/pfⱼ (gⱼ with `positive`) over penalized, non-constant features. */
function l1MaxFromGradient(ctx: usize): f64 {
  const p = ctxInt(ctx, LCTX_P);
  const g = ctxPtr(ctx, LCTX_G);
  const pf = ctxPtr(ctx, LCTX_PF);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  let l1Max: f64 = 0;
  for (let j = 0; j < p; j++) {
    const f = pfOf(pf, j);
    if (f == 0 || load<f64>(norm + (<usize>j << 3)) == 0) continue;
    const gj = load<f64>(g + (<usize>j << 3));
    const v = (positive ? gj : Math.abs(gj)) / f;
    if (v > l1Max) l1Max = v;
  }
  return l1Max;
}

/** λ₁,max at the current point (the smallest λ₁ keeping every penalized coefficient at 0); every screened gⱼ made exact first. */
export function logisticL1Max(ctx: usize): f64 {
  refresh(ctx);
  return l1MaxFromGradient(ctx);
}

/** Binary entropy −m·log m − (1 − m)·log(1 − m), 0 at m ∈ {0, 1}. */
@inline function entropy(m: f64): f64 {
  if (m <= 0 || m >= 1) return 0;
  return -(m * log(m)) - (1 - m) * log1p(-m);
}

/**
 * Duality gap at the current point (evaluate and gradient current). The
 * Fenchel dual of the problem is
 *   D(θ) = Σᵢ wᵢ H(yᵢ − θᵢ/wᵢ) − Σⱼ h*ⱼ((Xᵀθ)ⱼ),  Σθᵢ = 0 with an intercept,
 * H the binary entropy, h*ⱼ(c) = (|c| − λ₁pfⱼ)₊² / (2λ₂pfⱼ) (with λ₂ = 0: the
 * constraint |c| ≤ λ₁pfⱼ). The dual point is built from the residual θ = w∘(y − p):
 *  1. with an intercept, Σθ = 0 is restored exactly by moving the fitted
 *     probabilities towards the labels' mean — p' = κp if Σw(y − p) < 0, else
 *     1 − p' = κ(1 − p), κ ≤ 1 — which keeps them in [0, 1]; Xᵀθ' is then
 *     (1 − κ)Xᵀ(w∘y) + κ·g because the columns are centred (Xᵀw = 0);
 *  2. with λ₂ = 0, θ' is scaled by t = min(1, λ₁/maxⱼ|Xⱼᵀθ'|/pfⱼ) into the
 *     feasible set (the rule of the lasso's gap, El Ghaoui et al. 2012).
 * Features with pfⱼ = 0 (every feature when λ₁ = λ₂ = 0) have no dual
 * constraint a rescaling could meet (Xⱼᵀθ = 0 holds only at the optimum):
 * they are left out of step 2 and of h*, and their Newton decrement
 * gⱼ²/(2Σᵢwᵢpᵢ(1 − pᵢ)xᵢⱼ²) is added instead, so the certificate cannot pass
 * while such a feature is still off its optimum (an estimate, not a bound,
 * for them). Returns |P − D| (+ those terms) on the solver's scale (not
 * divided by n). With `which` = IN_W only the working set's features enter
 * the dual norm and h* (the gap of the problem restricted to it, which is the
 * full gap once no feature outside violates its KKT condition). With
 * `which` = ALL, a screened gⱼ enters by its bound (|cⱼ| + κ·slackⱼ, and
 * |gⱼ| + slackⱼ in the decrement): the dual point stays feasible, so the gap
 * is still an upper bound of the true one.
 */
function dualGap(ctx: usize, l1Reg: f64, l2Reg: f64, which: i32, list: usize, count: i32): f64 {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const y = ctxPtr(ctx, LCTX_Y);
  const sw = ctxPtr(ctx, LCTX_SW);
  const m = ctxPtr(ctx, LCTX_M);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const xwy = ctxPtr(ctx, LCTX_XWY);
  const pf = ctxPtr(ctx, LCTX_PF);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  const slack = ctxPtr(ctx, LCTX_SLACK);
  const primal = ctxGet(ctx, LCTX_LOSS) + penalty(ctx, l1Reg, l2Reg, list, count);

  let mode = 0;
  let kappa: f64 = 1;
  if (ctxInt(ctx, LCTX_INTERCEPT) != 0) {
    let s: f64 = 0;
    let a: f64 = 0; // Σwp
    let b: f64 = 0; // Σw(1 − p)
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      const wi = load<f64>(sw + o);
      const mi = load<f64>(m + o);
      const yi = load<f64>(y + o) != 0;
      s += load<f64>(r + o);
      a += wi * (yi ? 1 - mi : mi);
      b += wi * (yi ? mi : 1 - mi);
    }
    if (s < 0) {
      mode = 1;
      kappa = ctxGet(ctx, LCTX_WY) / a;
    } else if (s > 0) {
      mode = 2;
      kappa = (ctxGet(ctx, LCTX_WSUM) - ctxGet(ctx, LCTX_WY)) / b;
    }
  }

  // Dual norm of Xᵀθ' and the conjugate of the elastic-net penalty.
  let dualNorm: f64 = 0;
  let conj: f64 = 0;
  let free: f64 = 0;
  let curvatureReady = false;
  const unpenalized = l1Reg == 0 && l2Reg == 0;
  // The working set from its list (O(|W|)), all features in order otherwise.
  const visits = which == IN_W ? count : p;
  for (let t = 0; t < visits; t++) {
    const j = which == IN_W ? load<i32>(list + (<usize>t << 2)) : t;
    const o = <usize>j << 3;
    const f = pfOf(pf, j);
    if (load<f64>(norm + o) == 0) continue;
    const e = which == IN_W ? 0 : load<f64>(slack + o);
    if (f == 0 || unpenalized) {
      if (!curvatureReady) { curvature(ctx); curvatureReady = true; }
      const hj = weightedSquares(ctxPtr(ctx, LCTX_V), xcol(ctx, j), n);
      const gj = e == 0 ? load<f64>(g + o) : Math.abs(load<f64>(g + o)) + e;
      if (hj > 0) free += (gj * gj) / (2 * hj);
      continue;
    }
    const c = mode == 0 ? load<f64>(g + o) : (1 - kappa) * load<f64>(xwy + o) + kappa * load<f64>(g + o);
    let a = positive ? c : Math.abs(c);
    if (e != 0) a += (mode == 0 ? 1.0 : kappa) * e;
    const v = pf == 0 ? a : a / f; // (a / 1 is a: no division without penalty factors)
    if (v > dualNorm) dualNorm = v;
    if (l2Reg > 0) {
      const e = a - l1Reg * f;
      if (e > 0) conj += (e * e) / (2 * l2Reg * f);
    }
  }
  let t: f64 = 1;
  if (l2Reg == 0 && l1Reg > 0 && dualNorm > l1Reg) t = l1Reg / dualNorm;
  gapMode = mode;
  gapKappa = kappa;
  gapDualNorm = dualNorm;

  let dual: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const mi = load<f64>(m + o);
    const yi = load<f64>(y + o) != 0;
    let mp = mi;
    if (mode == 1) {
      const pi = yi ? 1 - mi : mi;
      mp = yi ? 1 - kappa * pi : kappa * pi;
    } else if (mode == 2) {
      const qi = yi ? mi : 1 - mi;
      mp = yi ? kappa * qi : 1 - kappa * qi;
    }
    dual += load<f64>(sw + o) * entropy(t * mp);
  }
  dual -= conj;
  return Math.abs(primal - dual) + free;
}

// The dual point of the latest `dualGap` (globals: no tuple returned).
let gapMode: i32 = 0;
let gapKappa: f64 = 1;
let gapDualNorm: f64 = 0;

/**
 * Whether the features outside the working set would change the gap the
 * latest `dualGap(…, IN_W)` returned (after a `screen` or `refreshedStrongSet`
 * at the current r, whose LCTX_OUTMAX usually answers without a pass; else a
 * screened gⱼ is made exact when its bound cannot decide): they enter the full
 * gap only through the dual norm (when it passes both the working set's and
 * λ₁, the scaling t changes), the conjugate h* (a term when |cⱼ| > λ₁pfⱼ) and
 * the unpenalized features' decrement. When none applies, the full gap is the
 * working set's bit for bit (max is order-free, the terms skipped are absent
 * from both sums), and its O(n) entropy pass is not repeated.
 */
function outsideChangesGap(ctx: usize, l1Reg: f64, l2Reg: f64): bool {
  const p = ctxInt(ctx, LCTX_P);
  const g = ctxPtr(ctx, LCTX_G);
  const xwy = ctxPtr(ctx, LCTX_XWY);
  const pf = ctxPtr(ctx, LCTX_PF);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const inW = ctxPtr(ctx, LCTX_INW);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  if (l1Reg == 0 && l2Reg == 0) return true;
  const bound = gapDualNorm > l1Reg ? gapDualNorm : l1Reg;
  // Without a pass: every |cⱼ|/pfⱼ (bound included) is at most (1 − κ)·max|Xᵀ(w∘y)|/pf + κ·LCTX_OUTMAX
  // (0 ≤ κ ≤ 1); a margin of 10⁻¹² covers the rounding of the per-feature sums the pass would make.
  const outMax = ctxGet(ctx, LCTX_OUTMAX);
  const most = gapMode == 0 ? outMax : (1 - gapKappa) * ctxGet(ctx, LCTX_XWYMAX) + gapKappa * outMax;
  if (most * (1 + 1e-12) < (l2Reg > 0 ? l1Reg : bound)) return false;
  const n = ctxInt(ctx, LCTX_N);
  const r = ctxPtr(ctx, LCTX_R);
  const slack = ctxPtr(ctx, LCTX_SLACK);
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    if (load<f64>(norm + o) == 0 || load<i32>(inW + (<usize>j << 2)) != 0) continue;
    const f = pfOf(pf, j);
    if (f == 0) return true;
    const e = load<f64>(slack + o);
    let c = gapMode == 0 ? load<f64>(g + o) : (1 - gapKappa) * load<f64>(xwy + o) + gapKappa * load<f64>(g + o);
    let a = positive ? c : Math.abs(c);
    if (e != 0) a += (gapMode == 0 ? 1.0 : gapKappa) * e;
    if (l2Reg > 0 ? a - l1Reg * f > 0 : (pf == 0 ? a : a / f) > bound) {
      if (e == 0) return true;
      store<f64>(g + o, dot(xcol(ctx, j), r, n));
      store<f64>(slack + o, 0);
      c = gapMode == 0 ? load<f64>(g + o) : (1 - gapKappa) * load<f64>(xwy + o) + gapKappa * load<f64>(g + o);
      a = positive ? c : Math.abs(c);
      if (l2Reg > 0 ? a - l1Reg * f > 0 : a / f > bound) return true;
    }
  }
  return false;
}

/** v ← w∘m∘(1 − m) (unfloored curvature weights at the current point; the next Newton step rewrites v). */
function curvature(ctx: usize): void {
  const n = ctxInt(ctx, LCTX_N);
  const sw = ctxPtr(ctx, LCTX_SW);
  const m = ctxPtr(ctx, LCTX_M);
  const v = ctxPtr(ctx, LCTX_V);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const mi = load<f64>(m + o);
    store<f64>(v + o, load<f64>(sw + o) * (mi * (1 - mi)));
  }
}

/**
 * Prepares a context: ||Xⱼ||², Σw, Σwy, Xᵀ(w∘y), β = 0, the intercept of the
 * null model (log-odds of the weighted label mean; 0 without an intercept),
 * and the loss, residual and gradient there. Returns λ₁,max. Everything that
 * reads a column of X (its norms, Xⱼᵀ(w∘y), gⱼ and the screen's integer copy)
 * is done in one visit to that column: X is read from memory once.
 */
export function logisticInit(ctx: usize): f64 {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const y = ctxPtr(ctx, LCTX_Y);
  const sw = ctxPtr(ctx, LCTX_SW);
  const r = ctxPtr(ctx, LCTX_R);
  const g = ctxPtr(ctx, LCTX_G);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const xwy = ctxPtr(ctx, LCTX_XWY);
  const beta = ctxPtr(ctx, LCTX_BETA);
  // w∘y in v (free until the first Newton step writes the IRLS weights).
  const wyv = ctxPtr(ctx, LCTX_V);
  let wSum: f64 = 0;
  let wy: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const wi = load<f64>(sw + o);
    const v = wi * load<f64>(y + o);
    wSum += wi;
    wy += v;
    store<f64>(wyv + o, v);
  }
  ctxSet(ctx, LCTX_WSUM, wSum);
  ctxSet(ctx, LCTX_WY, wy);
  memory.fill(beta, 0, <usize>p << 3);
  ctxSet(ctx, LCTX_B0, ctxInt(ctx, LCTX_INTERCEPT) != 0 ? log(wy / (wSum - wy)) : 0);
  etaFromBeta(ctx, 0, -1);
  ctxSet(ctx, LCTX_NULLLOSS, evaluate(ctx));
  // Every gⱼ exact; the screen's integer copy of X and the column 1-norms (see `screen`).
  const xabs = ctxPtr(ctx, LCTX_XABS);
  const slack = ctxPtr(ctx, LCTX_SLACK);
  const x16 = ctxPtr(ctx, LCTX_X16);
  const xs16 = ctxPtr(ctx, LCTX_XSCALE16);
  const pf = ctxPtr(ctx, LCTX_PF);
  let xwyMax: f64 = 0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    const X_j = xcol(ctx, j);
    const nj = dot(X_j, X_j, n);
    store<f64>(norm + o, nj);
    const xj = dot(X_j, wyv, n);
    store<f64>(xwy + o, xj);
    const f = pfOf(pf, j);
    if (f > 0 && nj != 0) {
      const v = pf == 0 ? Math.abs(xj) : Math.abs(xj) / f;
      if (v > xwyMax) xwyMax = v;
    }
    store<f64>(g + o, nj != 0 ? dot(X_j, r, n) : 0);
    store<f64>(slack + o, 0);
    // Σ|xᵢⱼ| in four partial sums (no serial chain of n additions; any order
    // is within the bound's allowance), combined (s0 + s1) + (s2 + s3).
    let mx: f64 = 0;
    let s0: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    let s3: f64 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const q = X_j + (<usize>i << 3);
      const a0 = Math.abs(load<f64>(q));
      const a1 = Math.abs(load<f64>(q, 8));
      const a2 = Math.abs(load<f64>(q, 16));
      const a3 = Math.abs(load<f64>(q, 24));
      if (a0 > mx) mx = a0;
      if (a1 > mx) mx = a1;
      if (a2 > mx) mx = a2;
      if (a3 > mx) mx = a3;
      s0 += a0;
      s1 += a1;
      s2 += a2;
      s3 += a3;
    }
    for (; i < n; i++) {
      const a = Math.abs(load<f64>(X_j + (<usize>i << 3)));
      if (a > mx) mx = a;
      s0 += a;
    }
    store<f64>(xabs + o, ((s0 + s1) + (s2 + s3)) * SCREEN_ROUNDING);
    const sj = pow2Above(mx / <f64>DOT16_X_MAX);
    store<f64>(xs16 + o, sj);
    const dst = x16 + ((<usize>j * <usize>n) << 1);
    if (sj >= MIN_NORMAL) {
      // 1/sj is an exact power of two (sj ≤ 2¹⁰⁰⁹ as |x| < 2¹⁰²⁴), so x·(1/sj) is x/sj, without a division per entry.
      const inv = 1 / sj;
      for (let k = 0; k < n; k++) store<i16>(dst + (<usize>k << 1), <i16><i32>(load<f64>(X_j + (<usize>k << 3)) * inv));
    } else {
      for (let k = 0; k < n; k++) store<i16>(dst + (<usize>k << 1), <i16><i32>(load<f64>(X_j + (<usize>k << 3)) / sj));
    }
  }
  ctxSet(ctx, LCTX_XWYMAX, xwyMax);
  ctxSet(ctx, LCTX_OUTMAX, Infinity);
  ctxSet(ctx, LCTX_CANDTHR, Infinity); // (no screen yet: no candidate list)
  return l1MaxFromGradient(ctx);
}

// Largest h·Δ² and h·|Δ| of the last sweep (returned through globals, no tuple).
let sweepMove: f64 = 0;
let sweepViol: f64 = 0;

/** One coordinate-descent sweep of the quadratic model over `count` features at `list`, then the intercept. */
function sweep(ctx: usize, list: usize, count: i32, l1Reg: f64, l2Reg: f64, vSum: f64): void {
  const n = ctxInt(ctx, LCTX_N);
  const beta = ctxPtr(ctx, LCTX_BETA);
  const v = ctxPtr(ctx, LCTX_V);
  const r = ctxPtr(ctx, LCTX_R);
  const h = ctxPtr(ctx, LCTX_H);
  const pf = ctxPtr(ctx, LCTX_PF);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  let move: f64 = 0;
  let viol: f64 = 0;
  // xⱼᵀr of the coordinate about to be visited: a changed coordinate's
  // residual update is fused with the next coordinate's dot product.
  let c: f64 = count > 0 ? dot(xcol(ctx, load<i32>(list)), r, n) : 0;
  for (let t = 0; t < count; t++) {
    const j = load<i32>(list + (<usize>t << 2));
    const o = <usize>j << 3;
    const hj = load<f64>(h + o);
    const f = pfOf(pf, j);
    const bOld = load<f64>(beta + o);
    const X_j = xcol(ctx, j);
    const z = c + hj * bOld;
    let bNew: f64 = 0;
    if (!(positive && z < 0)) {
      const shrunk = Math.abs(z) - l1Reg * f;
      if (shrunk > 0) bNew = (z < 0 ? -shrunk : shrunk) / (hj + l2Reg * f);
    }
    const hasNext = t + 1 < count;
    const X_next = hasNext ? xcol(ctx, load<i32>(list + (<usize>(t + 1) << 2))) : 0;
    if (bNew != bOld) {
      const d = bNew - bOld;
      store<f64>(beta + o, bNew);
      if (hasNext) c = axpyWeightedDot(-d, v, X_j, r, X_next, n);
      else axpyWeighted(-d, v, X_j, r, n);
      const a = hj * Math.abs(d);
      if (a > viol) viol = a;
      const q = a * Math.abs(d);
      if (q > move) move = q;
    } else if (hasNext) {
      c = dot(X_next, r, n);
    }
  }
  if (ctxInt(ctx, LCTX_INTERCEPT) != 0 && vSum > 0) {
    let s: f64 = 0;
    for (let i = 0; i < n; i++) s += load<f64>(r + (<usize>i << 3));
    const d = s / vSum;
    if (d != 0) {
      ctxSet(ctx, LCTX_B0, ctxGet(ctx, LCTX_B0) + d);
      axpy(-d, v, r, n);
      const a = vSum * Math.abs(d);
      if (a > viol) viol = a;
      const q = a * Math.abs(d);
      if (q > move) move = q;
    }
  }
  sweepMove = move;
  sweepViol = viol;
}

/** Saves r and the coefficients of `list` before a sweep, for `extrapolate`. */
function saveSweepStart(ctx: usize, list: usize, count: i32): void {
  const beta = ctxPtr(ctx, LCTX_BETA);
  const bPrev = ctxPtr(ctx, LCTX_BPREV);
  memory.copy(ctxPtr(ctx, LCTX_RPREV), ctxPtr(ctx, LCTX_R), <usize>ctxInt(ctx, LCTX_N) << 3);
  for (let t = 0; t < count; t++) {
    const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
    store<f64>(bPrev + o, load<f64>(beta + o));
  }
}

/**
 * Exact line search of the quadratic model along the last sweep's change
 * (d, d₀) = (β, b₀) − (β, b₀)before, continued past the sweep. The model is
 * Q = ½Σᵢrᵢ²/vᵢ + penalty (r = v∘(z − η), z the working response), and moving
 * by α(d, d₀) moves r by αΔr, Δr = r − r_before, so along the ray
 *   Q(α) = ½Σ(r + αΔr)²/v + λ₁Σpfⱼ|βⱼ + αdⱼ| + ½λ₂Σpfⱼ(βⱼ + αdⱼ)²
 * is a quadratic up to the first α where a coordinate reaches 0; the step is
 * its minimiser, clipped there. Cost O(n + |list|), against O(n·|list|) for a
 * sweep. Why: the IRLS Hessian XᵀVX of a logistic fit has a strong direction
 * (for Gaussian designs about aI + bββᵀ: v depends on η = Xβ), along which
 * cyclic coordinate descent only creeps — every sweep then moves β mostly
 * along that direction by a constant fraction, which one exact step finishes
 * (the classic acceleration of Gauss–Seidel by a line search on successive
 * differences). Q never increases, so the inner solve's fixed point and the
 * certificate are unchanged.
 */
function extrapolate(ctx: usize, list: usize, count: i32, l1Reg: f64, l2Reg: f64, b0Prev: f64): void {
  const n = ctxInt(ctx, LCTX_N);
  const beta = ctxPtr(ctx, LCTX_BETA);
  const bPrev = ctxPtr(ctx, LCTX_BPREV);
  const r = ctxPtr(ctx, LCTX_R);
  const rPrev = ctxPtr(ctx, LCTX_RPREV);
  const v = ctxPtr(ctx, LCTX_V);
  const pf = ctxPtr(ctx, LCTX_PF);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  let lin: f64 = 0;
  let quad: f64 = 0;
  let aMax: f64 = Infinity;
  let moved = false;
  for (let t = 0; t < count; t++) {
    const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
    const b = load<f64>(beta + o);
    const d = b - load<f64>(bPrev + o);
    if (d == 0) continue;
    moved = true;
    const f = pfOf(pf, <i32>(o >> 3));
    // Right derivative of |βⱼ + αdⱼ| at α = 0.
    const s: f64 = b > 0 ? 1.0 : b < 0 ? -1.0 : d > 0 ? 1.0 : -1.0;
    lin += l1Reg * f * (s * d) + l2Reg * f * (b * d);
    quad += l2Reg * f * (d * d);
    if (b != 0 && (b > 0) != (d > 0)) {
      const a = -b / d;
      if (a < aMax) aMax = a;
    } else if (positive && b == 0 && d < 0) {
      aMax = 0;
    }
  }
  const d0 = ctxGet(ctx, LCTX_B0) - b0Prev;
  if (!moved && d0 == 0) return;
  let rd: f64 = 0;
  let dd: f64 = 0;
  let rr: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const vi = load<f64>(v + o);
    if (vi > 0) {
      const ri = load<f64>(r + o);
      const dr = ri - load<f64>(rPrev + o);
      rd += (ri * dr) / vi;
      dd += (dr * dr) / vi;
      rr += (ri * ri) / vi;
    }
  }
  if (!(dd > EXTRAPOLATE_NOISE * rr)) return;
  const curv = dd + quad;
  if (!(curv > 0)) return;
  let alpha = -(rd + lin) / curv;
  if (alpha > EXTRAPOLATE_MAX) alpha = EXTRAPOLATE_MAX;
  if (alpha > aMax) alpha = aMax;
  if (!(alpha > 0)) return;
  for (let t = 0; t < count; t++) {
    const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
    const b = load<f64>(beta + o);
    const d = b - load<f64>(bPrev + o);
    if (d == 0) continue;
    let nb = b + alpha * d;
    // The clipped coordinate lands on its kink exactly.
    if ((b != 0 && (nb > 0) != (b > 0)) || (positive && nb < 0)) nb = 0;
    store<f64>(beta + o, nb);
  }
  ctxSet(ctx, LCTX_B0, ctxGet(ctx, LCTX_B0) + alpha * d0);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const ri = load<f64>(r + o);
    store<f64>(r + o, ri + alpha * (ri - load<f64>(rPrev + o)));
  }
}

// The inner solve's smallest h·|Δ| so far and the sweeps since it fell (globals: no tuple).
let bestViol: f64 = Infinity;
let staleSweeps: i32 = 0;

/**
 * One step of the inner solve over `count` features at `list`: a sweep, then
 * either the end of the solve (moves below moveTol and the largest coordinate
 * gradient below violTol, or no longer falling for STALE_SWEEPS sweeps: rounding)
 * — returns true — or the line search along the sweep's change.
 */
function innerStep(ctx: usize, list: usize, count: i32, l1Reg: f64, l2Reg: f64, vSum: f64, moveTol: f64, violTol: f64): bool {
  saveSweepStart(ctx, list, count);
  const b0Prev = ctxGet(ctx, LCTX_B0);
  sweep(ctx, list, count, l1Reg, l2Reg, vSum);
  if (sweepViol < bestViol) {
    bestViol = sweepViol;
    staleSweeps = 0;
  } else {
    staleSweeps++;
  }
  if (sweepMove < moveTol && (sweepViol < violTol || staleSweeps >= STALE_SWEEPS)) return true;
  extrapolate(ctx, list, count, l1Reg, l2Reg, b0Prev);
  return false;
}

/**
 * Solves at (λ₁, λ₂) from the context's current point (warm start); `l1Prev`
 * is the λ₁ of the previous solution (λ₁,max for a cold start) for the strong
 * rule; `maxIter` bounds the coordinate sweeps. Writes result[0] = duality gap
 * (solver scale), result[1] = sweeps, result[2] = 1 if converged,
 * result[3] = Σwᵢℓᵢ at the solution, result[4] = Newton steps.
 */
export function logisticSolve(ctx: usize, l1Reg: f64, l2Reg: f64, l1Prev: f64, maxIter: i32, tol: f64, result: usize): void {
  const n = ctxInt(ctx, LCTX_N);
  const p = ctxInt(ctx, LCTX_P);
  const y = ctxPtr(ctx, LCTX_Y);
  const sw = ctxPtr(ctx, LCTX_SW);
  const beta = ctxPtr(ctx, LCTX_BETA);
  const m = ctxPtr(ctx, LCTX_M);
  const v = ctxPtr(ctx, LCTX_V);
  const g = ctxPtr(ctx, LCTX_G);
  const h = ctxPtr(ctx, LCTX_H);
  const bOldP = ctxPtr(ctx, LCTX_BOLD);
  const list = ctxPtr(ctx, LCTX_LIST);
  const inW = ctxPtr(ctx, LCTX_INW);
  const active = ctxPtr(ctx, LCTX_ACTIVE);
  const pf = ctxPtr(ctx, LCTX_PF);
  const norm = ctxPtr(ctx, LCTX_NORM);
  const positive = ctxInt(ctx, LCTX_POSITIVE) != 0;
  const intercept = ctxInt(ctx, LCTX_INTERCEPT) != 0;

  // Strong-rule screening from the gradient at the warm start (a screened
  // feature whose bound cannot decide the rule gets its exact gⱼ first).
  let nW = refreshedStrongSet(ctx, l1Reg, l1Prev);
  let sorted = true; // the working set's list in increasing j (see `etaFromBeta`)

  const gapTol = tol * ctxGet(ctx, LCTX_NULLLOSS);
  const vFloor = PMIN * (1 - PMIN);
  let fObj = ctxGet(ctx, LCTX_LOSS) + penalty(ctx, l1Reg, l2Reg, list, nW);
  // The gap at the warm start sets the first inner tolerance. At least one
  // Newton step is always taken (as glmnet makes at least one pass): a warm
  // start whose gap already meets tol would otherwise leave a path flat
  // between neighbouring alphas. Every feature the strong rule left out has
  // its bound below pfⱼ·(2λ₁ − λ₁,prev) ≤ pfⱼλ₁ (LCTX_OUTMAX), so this is
  // almost always the working set's gap, which then equals the full one bit
  // for bit (see `outsideChangesGap`; the list is in increasing j here and its
  // gⱼ exact), without the full gap's pass over the p features.
  let gap = dualGap(ctx, l1Reg, l2Reg, IN_W, list, nW);
  if (outsideChangesGap(ctx, l1Reg, l2Reg)) gap = dualGap(ctx, l1Reg, l2Reg, ALL, list, nW);
  let gapKnown = true;
  let gapW = gap; // the working set's gap after the latest Newton step
  let iter = 0;
  let newton = 0;
  let converged = false;
  // Inexact Newton: each quadratic model is solved until, over a sweep, both
  //  * the largest move h·Δ² (objective decrease) is below innerTol/(1 + |W|), and
  //  * the largest coordinate gradient h·|Δ| (the model's KKT violation) is
  //    below innerTol/||β||₁ — the dual point is the residual scaled into the
  //    dual-feasible set, which costs the gap about ||β||₁·(max violation)
  //    (λ₁·t·||β||₁ is Σθη at the optimum), so a model solved only to a small
  //    move can leave the gap where it was;
  // innerTol = innerScale·gap: loose far from the optimum, tighter as the gap
  // falls. innerScale shrinks when a model needed a single sweep (its solution
  // was no longer the bottleneck) or a Newton step did not cut the gap tenfold
  // (the inexact solve was). innerTol is never asked below targetScale·gapTol
  // (targetScale = INNER_TARGET, cut by TARGET_CUT after every Newton step
  // that leaves the gap above tol): a model solved further than the
  // certificate needs is wasted work — along a path, whose warm starts begin a
  // few times tol from the optimum, 0.3·gap asked several times more than tol
  // needs, and ill-conditioned (n ≪ p) models pay for every factor in sweeps.
  let innerScale: f64 = 0.3;
  let targetScale: f64 = INNER_TARGET;
  const innerFloor = 1e-30 * ctxGet(ctx, LCTX_NULLLOSS);
  let bestGap: f64 = gap;
  let stalls = 0;
  while (!converged && iter < maxIter) {
    newton++;
    // Quadratic model at the current point: IRLS weights; r = w∘(y − p) already.
    let vSum: f64 = 0;
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      const wi = load<f64>(sw + o);
      const mi = load<f64>(m + o);
      let vi = wi * (mi * (1 - mi));
      const lo = wi * vFloor;
      if (vi < lo) vi = lo;
      store<f64>(v + o, vi);
      vSum += vi;
    }
    // β before the step: only the working set moves (every βⱼ outside it is 0).
    for (let t = 0; t < nW; t++) {
      const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
      store<f64>(bOldP + o, load<f64>(beta + o));
    }
    const b0Old = ctxGet(ctx, LCTX_B0);
    for (let t = 0; t < nW; t++) {
      const j = load<i32>(list + (<usize>t << 2));
      store<f64>(h + (<usize>j << 3), weightedSquares(v, xcol(ctx, j), n));
    }
    let innerTol = innerScale * gapW;
    const target = targetScale * gapTol;
    if (innerTol < target) innerTol = target;
    if (!(innerTol > innerFloor)) innerTol = innerFloor;
    let l1Norm: f64 = 0;
    for (let t = 0; t < nW; t++) l1Norm += Math.abs(load<f64>(beta + (<usize>load<i32>(list + (<usize>t << 2)) << 3)));
    const moveTol = innerTol / <f64>(1 + nW);
    const violTol = l1Norm > 0 ? innerTol / l1Norm : Infinity;
    const iter0 = iter;
    bestViol = Infinity;
    staleSweeps = 0;
    const vS = intercept ? vSum : 0;
    while (iter < maxIter) {
      iter++;
      if (innerStep(ctx, list, nW, l1Reg, l2Reg, vS, moveTol, violTol)) break;
      let nA = 0;
      for (let t = 0; t < nW; t++) {
        const j = load<i32>(list + (<usize>t << 2));
        if (load<f64>(beta + (<usize>j << 3)) != 0) { store<i32>(active + (<usize>nA << 2), j); nA++; }
      }
      while (iter < maxIter) {
        iter++;
        if (innerStep(ctx, active, nA, l1Reg, l2Reg, vS, moveTol, violTol)) break;
      }
    }
    // The true objective at the new point; halve the step while it is worse.
    etaFromBeta(ctx, list, sorted ? nW : -1);
    let fNew = evaluate(ctx) + penalty(ctx, l1Reg, l2Reg, list, nW);
    const slack = 1e-12 * Math.abs(fObj);
    let halvings = 0;
    while (!(fNew <= fObj + slack)) {
      if (halvings == MAX_HALVINGS) {
        for (let t = 0; t < nW; t++) {
          const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
          store<f64>(beta + o, load<f64>(bOldP + o));
        }
        ctxSet(ctx, LCTX_B0, b0Old);
        etaFromBeta(ctx, list, sorted ? nW : -1);
        fNew = evaluate(ctx) + penalty(ctx, l1Reg, l2Reg, list, nW);
        break;
      }
      for (let t = 0; t < nW; t++) {
        const o = <usize>load<i32>(list + (<usize>t << 2)) << 3;
        const b = load<f64>(bOldP + o);
        store<f64>(beta + o, b + 0.5 * (load<f64>(beta + o) - b));
      }
      ctxSet(ctx, LCTX_B0, b0Old + 0.5 * (ctxGet(ctx, LCTX_B0) - b0Old));
      etaFromBeta(ctx, list, sorted ? nW : -1);
      fNew = evaluate(ctx) + penalty(ctx, l1Reg, l2Reg, list, nW);
      halvings++;
    }
    if (iter - iter0 <= 1) innerScale *= 0.01;
    const gapBefore = gapW;
    fObj = fNew;
    // Between Newton steps only the working set's gradient and gap are needed
    // (O(n·|W|), not O(n·p)); the rest of g is computed when that gap is met
    // or the iteration ends, for the KKT check of the discarded features.
    gradient(ctx, IN_W);
    gapW = dualGap(ctx, l1Reg, l2Reg, IN_W, list, nW);
    gapKnown = false;
    if (gapW > gapTol && gapW > 0.1 * gapBefore) innerScale *= 0.1;
    if (gapW > gapTol) targetScale *= TARGET_CUT;
    let stop = false;
    if (gapW <= gapTol) {
      stop = true;
    } else if (gapW < bestGap) {
      bestGap = gapW;
      stalls = 0;
    } else if (++stalls == 3) {
      // Three Newton steps in a row that did not lower the gap: it has reached
      // what rounding allows (tol is below it).
      stop = true;
    }
    if (!stop && iter < maxIter) continue;
    // The KKT check of the discarded features: violators join the working set.
    // The next alpha's strong-rule threshold, 2λ₁,next − λ₁, guessed for a grid
    // that keeps its ratio (less 10⁻⁶λ₁ for the rounding of the grid).
    const nW2 = screen(ctx, l1Reg, nW, l1Reg * (2 * (l1Reg / l1Prev) - 1) - 1e-6 * l1Reg);
    if (nW2 > nW) {
      nW = nW2;
      sorted = false; // (the violators were appended)
      stalls = 0;
      bestGap = Infinity;
      continue;
    }
    gap = outsideChangesGap(ctx, l1Reg, l2Reg) ? dualGap(ctx, l1Reg, l2Reg, ALL, list, nW) : gapW;
    gapKnown = true;
    converged = gap <= gapTol;
    break;
  }
  if (!gapKnown) {
    refresh(ctx);
    gap = dualGap(ctx, l1Reg, l2Reg, ALL, list, nW);
    converged = gap <= gapTol;
  }
  store<f64>(result, gap);
  store<f64>(result, <f64>iter, 8);
  store<f64>(result, converged ? 1.0 : 0.0, 16);
  store<f64>(result, ctxGet(ctx, LCTX_LOSS), 24);
  store<f64>(result, <f64>newton, 32);
}
