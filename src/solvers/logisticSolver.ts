import { dot } from '../kernels/dot.js';
import { dot16, DOT16_X_MAX, DOT16_Y_MAX } from '../kernels/dot16.js';
import { axpy } from '../kernels/axpy.js';
import { axpyWeighted } from '../kernels/axpyWeighted.js';
import { axpyWeightedDot } from '../kernels/axpyWeightedDot.js';
import { weightedSquares } from '../kernels/weightedSquares.js';
import { exp } from '../math/exp.js';
import { log } from '../math/log.js';
import { log1p } from '../math/log1p.js';

/**
 * State of the penalized logistic solver for one prepared design — the JS
 * form of assembly/solvers/logisticContext.ts. It persists across
 * `logisticSolve` calls (warm starts along a path).
 */
export interface LogisticContext {
  X: Float64Array; // prepared column-major X (n×p)
  y: Float64Array; // labels 0/1
  sw: Float64Array; // weights summing to n
  n: number;
  p: number;
  beta: Float64Array;
  b0: number;
  eta: Float64Array;
  m: Float64Array; // misfit probabilities |y − p|
  v: Float64Array; // IRLS weights
  r: Float64Array; // working residual
  g: Float64Array; // gradient Xᵀ(w∘(y − p))
  h: Float64Array; // coordinate curvatures
  bOld: Float64Array;
  list: Int32Array;
  inW: Int32Array;
  active: Int32Array;
  pf: Float64Array | null;
  positive: boolean;
  intercept: boolean;
  nullLoss: number;
  loss: number;
  xwy: Float64Array;
  norm: Float64Array;
  wSum: number;
  wy: number;
  rPrev: Float64Array; // working residual before the latest sweep
  bPrev: Float64Array; // coefficients before the latest sweep (the swept features' entries)
  xabs: Float64Array; // Σᵢ|xᵢⱼ| (times the screen's rounding allowance)
  slack: Float64Array; // bound on |gⱼ − xⱼᵀr|: 0 when gⱼ is exact, else gⱼ is the integer screen's estimate
  x16: Int16Array; // X column-major, each column divided by xScale16[j] and truncated
  xScale16: Float64Array; // powers of two
  r16: Int16Array; // r divided by a power of two and truncated, for the screen
  xwyMax: number; // maxⱼ |Xⱼᵀ(w∘y)|/pfⱼ over the penalized features
  outMax: number; // after a screen or the strong rule: max (|gⱼ| + slackⱼ)/pfⱼ over the features left outside W (∞ if one has pfⱼ = 0)
  cand: Int32Array; // after a screen: W and every feature whose bound reaches pfⱼ·candThr, increasing j
  nCand: number;
  candThr: number; // ∞: no list
  candMax: number; // max (|gⱼ| + slackⱼ)/pfⱼ over the features left out of the list
}

export interface LogisticSolveResult {
  /** Duality gap on the solver's scale (Σwℓ + λ₁…, not divided by n). */
  gap: number;
  nIter: number;
  converged: boolean;
  /** Σwᵢℓᵢ at the solution (half the deviance). */
  loss: number;
  nNewton: number;
}

/*
 * Twin of assembly/solvers/logisticSolver.ts — glmnet's proximal Newton
 * method for the penalized logistic problem (Friedman, Hastie & Tibshirani
 * 2010, §3) with strong rules, KKT checks, step halving and a duality-gap
 * certificate; see the AS file for the method. Same operations, same order,
 * same bits.
 */

const PMIN = 1e-5;
const MAX_HALVINGS = 60;
const EXTRAPOLATE_NOISE = 1e-20;
const EXTRAPOLATE_MAX = 100;
const STALE_SWEEPS = 2;
const INNER_TARGET = 0.7;
const TARGET_CUT = 0.3;

function evaluate(c: LogisticContext): number {
  const { n, y, sw, eta, m, r } = c;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const s = y[i] !== 0 ? 1.0 : -1.0;
    const u = s * eta[i];
    const e = exp(-Math.abs(u));
    const mi = u >= 0 ? e / (1 + e) : 1 / (1 + e);
    const li = log1p(e) + (u < 0 ? -u : 0);
    const wi = sw[i];
    loss += wi * li;
    m[i] = mi;
    r[i] = wi * (s * mi);
  }
  c.loss = loss;
  return loss;
}

/** Twin of `etaFromBeta`: over the `count` features at `list` (increasing j, every nonzero among them), or all p (count < 0). */
function etaFromBeta(c: LogisticContext, list: Int32Array, count: number): void {
  const { n, p, eta, beta, X } = c;
  eta.fill(c.b0, 0, n);
  const visits = count < 0 ? p : count;
  for (let t = 0; t < visits; t++) {
    const j = count < 0 ? t : list[t];
    const bj = beta[j];
    if (bj !== 0) axpy(bj, X, j * n, eta, 0, n);
  }
}

const ALL = 0;
const IN_W = 1;

/** Twin of `gradient`: g ← Xᵀr for the non-constant columns `which` selects. */
function gradient(c: LogisticContext, which: number): void {
  const { n, p, r, g, norm, inW, X } = c;
  for (let j = 0; j < p; j++) {
    if (which !== ALL && (inW[j] !== 0) !== (which === IN_W)) continue;
    g[j] = norm[j] !== 0 ? dot(X, j * n, r, 0, n) : 0;
  }
}

const SCREEN_ROUNDING = 1 + 9.5367431640625e-7; // 1 + 2⁻²⁰ (see the AS kernel)
const SCREEN_MAX_N = 16777216; // 2²⁴
const MIN_NORMAL = 2.2250738585072014e-308; // 2⁻¹⁰²²

/** Twin of `pow2Above`: the smallest power of two ≥ m (1 for m = 0 or non-finite). */
function pow2Above(m: number): number {
  if (!(m > 0) || !(m < Infinity)) return 1;
  let s = 1;
  while (s < m) s *= 2;
  while (s * 0.5 >= m) s *= 0.5;
  return s;
}

/**
 * Twin of `screen`: integer estimates of gⱼ with an error bound for the features outside W; exact
 * xⱼᵀr where the bound cannot decide, and those above pfⱼ·thr join W (the KKT check); returns W's size.
 */
function screen(c: LogisticContext, thr: number, nW: number, next: number): number {
  const { n, p, r, g, norm, xabs, slack, x16, xScale16, r16, inW, pf, X, list, positive, cand } = c;
  let nCand = 0;
  let candMax = 0;
  let outMax = 0;
  let mx = 0;
  let r1 = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(r[i]);
    if (a > mx) mx = a;
    r1 += a;
  }
  const sr = pow2Above(mx / DOT16_Y_MAX);
  const useScreen = n <= SCREEN_MAX_N && r1 < Infinity;
  if (useScreen) {
    for (let i = 0; i < n; i++) r16[i] = Math.trunc(r[i] / sr);
  }
  r1 *= SCREEN_ROUNDING;
  for (let j = 0; j < p; j++) {
    if (norm[j] === 0) continue;
    if (inW[j] !== 0) {
      slack[j] = 0;
      cand[nCand++] = j;
      continue;
    }
    const f = pf === null ? 1 : pf[j];
    const xs = xScale16[j];
    const sc = xs * sr;
    if (useScreen && sc > 1e-250 && sc < 1e250) {
      const gh = dot16(x16, j * n, r16, 0, n) * sc;
      const e = xs * r1 + sr * xabs[j] + 1e-15 * Math.abs(gh);
      const b = Math.abs(gh) + e;
      if (b < f * thr) {
        g[j] = gh;
        slack[j] = e;
        const v = pf === null ? b : b / f;
        if (v > outMax) outMax = v;
        if (b < f * next) {
          if (v > candMax) candMax = v;
        } else {
          cand[nCand++] = j;
        }
        continue;
      }
    }
    const gj = dot(X, j * n, r, 0, n);
    g[j] = gj;
    slack[j] = 0;
    const a = Math.abs(gj);
    let listed = true;
    if ((positive ? gj : a) > f * thr) {
      inW[j] = 1;
      list[nW++] = j;
    } else if (f === 0) {
      outMax = Infinity;
    } else {
      const v = pf === null ? a : a / f;
      if (v > outMax) outMax = v;
      if (a < f * next) {
        if (v > candMax) candMax = v;
        listed = false;
      }
    }
    if (listed) cand[nCand++] = j;
  }
  c.outMax = outMax;
  c.nCand = nCand;
  c.candThr = next;
  c.candMax = candMax;
  return nW;
}

/** Twin of `refresh`: exact gⱼ for every screened feature (slackⱼ ≠ 0). */
function refresh(c: LogisticContext): void {
  const { n, p, r, g, norm, slack, X } = c;
  for (let j = 0; j < p; j++) {
    if (norm[j] === 0 || slack[j] === 0) continue;
    g[j] = dot(X, j * n, r, 0, n);
    slack[j] = 0;
  }
}

/** Twin of `refreshedStrongSet`: the strong rule on screened gradients (exact where a bound cannot decide) in one pass; returns its size (and sets outMax). */
function refreshedStrongSet(c: LogisticContext, l1Reg: number, l1Prev: number): number {
  const { n, p, r, g, beta, norm, slack, pf, inW, list, positive, X, cand } = c;
  const strong = 2 * l1Reg - l1Prev;
  const useCand = strong >= c.candThr; // the latest screen's list when its guess holds (see the AS kernel)
  const visits = useCand ? c.nCand : p;
  let nW = 0;
  let outMax = useCand ? c.candMax : 0;
  for (let t = 0; t < visits; t++) {
    const j = useCand ? cand[t] : t;
    let keep = false;
    if (norm[j] !== 0) {
      const f = pf === null ? 1 : pf[j];
      let e = slack[j];
      if (e !== 0 && !(Math.abs(g[j]) + e < f * strong)) {
        g[j] = dot(X, j * n, r, 0, n);
        slack[j] = 0;
        e = 0;
      }
      const gj = g[j];
      keep = beta[j] !== 0 || f === 0 || (positive ? gj : Math.abs(gj)) >= f * strong;
      if (!keep) {
        const b = Math.abs(gj) + e;
        const v = pf === null ? b : b / f;
        if (v > outMax) outMax = v;
      }
    }
    inW[j] = keep ? 1 : 0;
    if (keep) list[nW++] = j;
  }
  c.outMax = outMax;
  return nW;
}

/** Twin of `penalty`: over the `count` features at `list` (the working set). */
function penalty(c: LogisticContext, l1Reg: number, l2Reg: number, list: Int32Array, count: number): number {
  const { beta, pf } = c;
  let a = 0;
  let b = 0;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    const bj = beta[j];
    if (bj === 0) continue;
    const f = pf === null ? 1 : pf[j];
    a += f * Math.abs(bj);
    b += f * (bj * bj);
  }
  return l1Reg * a + 0.5 * l2Reg * b;
}

function l1MaxFromGradient(c: LogisticContext): number {
  const { p, g, pf, norm, positive } = c;
  let l1Max = 0;
  for (let j = 0; j < p; j++) {
    const f = pf === null ? 1 : pf[j];
    if (f === 0 || norm[j] === 0) continue;
    const gj = g[j];
    const v = (positive ? gj : Math.abs(gj)) / f;
    if (v > l1Max) l1Max = v;
  }
  return l1Max;
}

/** Twin of `logisticL1Max`. */
export function logisticL1Max(c: LogisticContext): number {
  refresh(c);
  return l1MaxFromGradient(c);
}

function entropy(m: number): number {
  if (m <= 0 || m >= 1) return 0;
  return -(m * log(m)) - (1 - m) * log1p(-m);
}

/** Twin of the AS `dualGap` (see there for the dual point). */
function dualGap(c: LogisticContext, l1Reg: number, l2Reg: number, which: number, list: Int32Array, count: number): number {
  const { n, p, y, sw, m, r, g, xwy, pf, norm, positive } = c;
  const primal = c.loss + penalty(c, l1Reg, l2Reg, list, count);
  let mode = 0;
  let kappa = 1;
  if (c.intercept) {
    let s = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const wi = sw[i];
      const mi = m[i];
      const yi = y[i] !== 0;
      s += r[i];
      a += wi * (yi ? 1 - mi : mi);
      b += wi * (yi ? mi : 1 - mi);
    }
    if (s < 0) {
      mode = 1;
      kappa = c.wy / a;
    } else if (s > 0) {
      mode = 2;
      kappa = (c.wSum - c.wy) / b;
    }
  }
  let dualNorm = 0;
  let conj = 0;
  let free = 0;
  let curvatureReady = false;
  const unpenalized = l1Reg === 0 && l2Reg === 0;
  const mm = which === IN_W ? count : p;
  for (let t = 0; t < mm; t++) {
    const j = which === IN_W ? list[t] : t;
    const f = pf === null ? 1 : pf[j];
    if (norm[j] === 0) continue;
    const e = which === IN_W ? 0 : c.slack[j];
    if (f === 0 || unpenalized) {
      if (!curvatureReady) {
        curvature(c);
        curvatureReady = true;
      }
      const hj = weightedSquares(c.v, 0, c.X, j * n, n);
      const gj = e === 0 ? g[j] : Math.abs(g[j]) + e;
      if (hj > 0) free += (gj * gj) / (2 * hj);
      continue;
    }
    const cj = mode === 0 ? g[j] : (1 - kappa) * xwy[j] + kappa * g[j];
    let a = positive ? cj : Math.abs(cj);
    if (e !== 0) a += (mode === 0 ? 1.0 : kappa) * e;
    const v = pf === null ? a : a / f; // (a / 1 is a: no division without penalty factors)
    if (v > dualNorm) dualNorm = v;
    if (l2Reg > 0) {
      const e = a - l1Reg * f;
      if (e > 0) conj += (e * e) / (2 * l2Reg * f);
    }
  }
  let t = 1;
  if (l2Reg === 0 && l1Reg > 0 && dualNorm > l1Reg) t = l1Reg / dualNorm;
  gapMode = mode;
  gapKappa = kappa;
  gapDualNorm = dualNorm;
  let dual = 0;
  for (let i = 0; i < n; i++) {
    const mi = m[i];
    const yi = y[i] !== 0;
    let mp = mi;
    if (mode === 1) {
      const pi = yi ? 1 - mi : mi;
      mp = yi ? 1 - kappa * pi : kappa * pi;
    } else if (mode === 2) {
      const qi = yi ? mi : 1 - mi;
      mp = yi ? kappa * qi : 1 - kappa * qi;
    }
    dual += sw[i] * entropy(t * mp);
  }
  dual -= conj;
  return Math.abs(primal - dual) + free;
}

let gapMode = 0;
let gapKappa = 1;
let gapDualNorm = 0;

/** Twin of `outsideChangesGap`: whether the features outside W would change the latest IN_W gap. */
function outsideChangesGap(c: LogisticContext, l1Reg: number, l2Reg: number): boolean {
  const { n, p, g, xwy, pf, norm, inW, positive, r, slack, X } = c;
  if (l1Reg === 0 && l2Reg === 0) return true;
  const bound = gapDualNorm > l1Reg ? gapDualNorm : l1Reg;
  const most = gapMode === 0 ? c.outMax : (1 - gapKappa) * c.xwyMax + gapKappa * c.outMax; // (no pass needed: see the AS kernel)
  if (most * (1 + 1e-12) < (l2Reg > 0 ? l1Reg : bound)) return false;
  for (let j = 0; j < p; j++) {
    if (norm[j] === 0 || inW[j] !== 0) continue;
    const f = pf === null ? 1 : pf[j];
    if (f === 0) return true;
    const e = slack[j];
    let cj = gapMode === 0 ? g[j] : (1 - gapKappa) * xwy[j] + gapKappa * g[j];
    let a = positive ? cj : Math.abs(cj);
    if (e !== 0) a += (gapMode === 0 ? 1.0 : gapKappa) * e;
    if (l2Reg > 0 ? a - l1Reg * f > 0 : (pf === null ? a : a / f) > bound) {
      if (e === 0) return true;
      g[j] = dot(X, j * n, r, 0, n);
      slack[j] = 0;
      cj = gapMode === 0 ? g[j] : (1 - gapKappa) * xwy[j] + gapKappa * g[j];
      a = positive ? cj : Math.abs(cj);
      if (l2Reg > 0 ? a - l1Reg * f > 0 : a / f > bound) return true;
    }
  }
  return false;
}

/** Twin of `curvature`: v ← w∘m∘(1 − m). */
function curvature(c: LogisticContext): void {
  const { n, sw, m, v } = c;
  for (let i = 0; i < n; i++) {
    const mi = m[i];
    v[i] = sw[i] * (mi * (1 - mi));
  }
}

/** Twin of `logisticInit`: norms, Σw, Σwy, Xᵀ(w∘y), the null model and its gradient; returns λ₁,max. */
export function logisticInit(c: LogisticContext): number {
  const { n, p, y, sw, r, g, norm, xwy, beta, X } = c;
  const wyv = c.v; // w∘y, until the first Newton step (see the AS kernel: one visit per column)
  let wSum = 0;
  let wy = 0;
  for (let i = 0; i < n; i++) {
    const wi = sw[i];
    const v = wi * y[i];
    wSum += wi;
    wy += v;
    wyv[i] = v;
  }
  c.wSum = wSum;
  c.wy = wy;
  beta.fill(0);
  c.b0 = c.intercept ? log(wy / (wSum - wy)) : 0;
  etaFromBeta(c, c.list, -1);
  c.nullLoss = evaluate(c);
  const { pf } = c;
  let xwyMax = 0;
  for (let j = 0; j < p; j++) {
    const xo = j * n;
    const nj = dot(X, xo, X, xo, n);
    norm[j] = nj;
    const xj = dot(X, xo, wyv, 0, n);
    xwy[j] = xj;
    const f = pf === null ? 1 : pf[j];
    if (f > 0 && nj !== 0) {
      const v = pf === null ? Math.abs(xj) : Math.abs(xj) / f;
      if (v > xwyMax) xwyMax = v;
    }
    g[j] = nj !== 0 ? dot(X, xo, r, 0, n) : 0;
    c.slack[j] = 0;
    let mx = 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const a0 = Math.abs(X[xo + i]);
      const a1 = Math.abs(X[xo + i + 1]);
      const a2 = Math.abs(X[xo + i + 2]);
      const a3 = Math.abs(X[xo + i + 3]);
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
      const a = Math.abs(X[xo + i]);
      if (a > mx) mx = a;
      s0 += a;
    }
    c.xabs[j] = ((s0 + s1) + (s2 + s3)) * SCREEN_ROUNDING;
    const sj = pow2Above(mx / DOT16_X_MAX);
    c.xScale16[j] = sj;
    if (sj >= MIN_NORMAL) {
      const inv = 1 / sj;
      for (let k = 0; k < n; k++) c.x16[xo + k] = Math.trunc(X[xo + k] * inv);
    } else {
      for (let k = 0; k < n; k++) c.x16[xo + k] = Math.trunc(X[xo + k] / sj);
    }
  }
  c.xwyMax = xwyMax;
  c.outMax = Infinity;
  c.candThr = Infinity; // (no screen yet: no candidate list)
  return l1MaxFromGradient(c);
}

let sweepMove = 0;
let sweepViol = 0;

function sweep(c: LogisticContext, list: Int32Array, count: number, l1Reg: number, l2Reg: number, vSum: number): void {
  const { n, beta, v, r, h, pf, positive, X } = c;
  let move = 0;
  let viol = 0;
  // xⱼᵀr of the next coordinate (fused with the previous update; see the AS kernel).
  let cj = count > 0 ? dot(X, list[0] * n, r, 0, n) : 0;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    const hj = h[j];
    const f = pf === null ? 1 : pf[j];
    const bOld = beta[j];
    const xo = j * n;
    const z = cj + hj * bOld;
    let bNew = 0;
    if (!(positive && z < 0)) {
      const shrunk = Math.abs(z) - l1Reg * f;
      if (shrunk > 0) bNew = (z < 0 ? -shrunk : shrunk) / (hj + l2Reg * f);
    }
    const hasNext = t + 1 < count;
    const xNext = hasNext ? list[t + 1] * n : 0;
    if (bNew !== bOld) {
      const d = bNew - bOld;
      beta[j] = bNew;
      if (hasNext) cj = axpyWeightedDot(-d, v, X, xo, r, X, xNext, n);
      else axpyWeighted(-d, v, X, xo, r, n);
      const a = hj * Math.abs(d);
      if (a > viol) viol = a;
      const q = a * Math.abs(d);
      if (q > move) move = q;
    } else if (hasNext) {
      cj = dot(X, xNext, r, 0, n);
    }
  }
  if (c.intercept && vSum > 0) {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i];
    const d = s / vSum;
    if (d !== 0) {
      c.b0 = c.b0 + d;
      axpy(-d, v, 0, r, 0, n);
      const a = vSum * Math.abs(d);
      if (a > viol) viol = a;
      const q = a * Math.abs(d);
      if (q > move) move = q;
    }
  }
  sweepMove = move;
  sweepViol = viol;
}

/** Twin of `saveSweepStart`: r and the coefficients of `list` before a sweep. */
function saveSweepStart(c: LogisticContext, list: Int32Array, count: number): void {
  const { beta, bPrev } = c;
  c.rPrev.set(c.r.subarray(0, c.n));
  for (let t = 0; t < count; t++) {
    const j = list[t];
    bPrev[j] = beta[j];
  }
}

/** Twin of `extrapolate`: exact line search of the quadratic model along the last sweep's change (see the AS kernel). */
function extrapolate(c: LogisticContext, list: Int32Array, count: number, l1Reg: number, l2Reg: number, b0Prev: number): void {
  const { n, beta, bPrev, r, rPrev, v, pf, positive } = c;
  let lin = 0;
  let quad = 0;
  let aMax = Infinity;
  let moved = false;
  for (let t = 0; t < count; t++) {
    const j = list[t];
    const b = beta[j];
    const d = b - bPrev[j];
    if (d === 0) continue;
    moved = true;
    const f = pf === null ? 1 : pf[j];
    const s = b > 0 ? 1.0 : b < 0 ? -1.0 : d > 0 ? 1.0 : -1.0;
    lin += l1Reg * f * (s * d) + l2Reg * f * (b * d);
    quad += l2Reg * f * (d * d);
    if (b !== 0 && (b > 0) !== (d > 0)) {
      const a = -b / d;
      if (a < aMax) aMax = a;
    } else if (positive && b === 0 && d < 0) {
      aMax = 0;
    }
  }
  const d0 = c.b0 - b0Prev;
  if (!moved && d0 === 0) return;
  let rd = 0;
  let dd = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    if (vi > 0) {
      const ri = r[i];
      const dr = ri - rPrev[i];
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
    const j = list[t];
    const b = beta[j];
    const d = b - bPrev[j];
    if (d === 0) continue;
    let nb = b + alpha * d;
    if ((b !== 0 && (nb > 0) !== (b > 0)) || (positive && nb < 0)) nb = 0;
    beta[j] = nb;
  }
  c.b0 = c.b0 + alpha * d0;
  for (let i = 0; i < n; i++) {
    const ri = r[i];
    r[i] = ri + alpha * (ri - rPrev[i]);
  }
}

let bestViol = Infinity;
let staleSweeps = 0;

/** Twin of `innerStep`: a sweep, then the end of the inner solve (true) or the line search. */
function innerStep(c: LogisticContext, list: Int32Array, count: number, l1Reg: number, l2Reg: number, vSum: number, moveTol: number, violTol: number): boolean {
  saveSweepStart(c, list, count);
  const b0Prev = c.b0;
  sweep(c, list, count, l1Reg, l2Reg, vSum);
  if (sweepViol < bestViol) {
    bestViol = sweepViol;
    staleSweeps = 0;
  } else {
    staleSweeps++;
  }
  if (sweepMove < moveTol && (sweepViol < violTol || staleSweeps >= STALE_SWEEPS)) return true;
  extrapolate(c, list, count, l1Reg, l2Reg, b0Prev);
  return false;
}

/** Twin of `logisticSolve`: solves at (λ₁, λ₂) from the current point; `l1Prev` feeds the strong rule. */
export function logisticSolve(c: LogisticContext, l1Reg: number, l2Reg: number, l1Prev: number, maxIter: number, tol: number): LogisticSolveResult {
  const { n, p, sw, beta, m, v, g, h, bOld, list, inW, active, pf, norm, positive, intercept, X } = c;
  let nW = refreshedStrongSet(c, l1Reg, l1Prev);
  let sorted = true; // W's list in increasing j (see the AS `etaFromBeta`)

  const gapTol = tol * c.nullLoss;
  const vFloor = PMIN * (1 - PMIN);
  let fObj = c.loss + penalty(c, l1Reg, l2Reg, list, nW);
  let gap = dualGap(c, l1Reg, l2Reg, IN_W, list, nW); // (= the full gap unless an outside feature matters: see the AS kernel)
  if (outsideChangesGap(c, l1Reg, l2Reg)) gap = dualGap(c, l1Reg, l2Reg, ALL, list, nW);
  let gapKnown = true;
  let gapW = gap;
  let iter = 0;
  let newton = 0;
  let converged = false; // at least one Newton step (see the AS kernel)
  let innerScale = 0.3;
  let targetScale = INNER_TARGET; // the inner tolerance's floor, a fraction of gapTol (see the AS kernel)
  const innerFloor = 1e-30 * c.nullLoss;
  let bestGap = gap;
  let stalls = 0;
  while (!converged && iter < maxIter) {
    newton++;
    let vSum = 0;
    for (let i = 0; i < n; i++) {
      const wi = sw[i];
      const mi = m[i];
      let vi = wi * (mi * (1 - mi));
      const lo = wi * vFloor;
      if (vi < lo) vi = lo;
      v[i] = vi;
      vSum += vi;
    }
    for (let t = 0; t < nW; t++) bOld[list[t]] = beta[list[t]]; // only W moves (β outside it is 0)
    const b0Old = c.b0;
    for (let t = 0; t < nW; t++) {
      const j = list[t];
      h[j] = weightedSquares(v, 0, X, j * n, n);
    }
    let innerTol = innerScale * gapW;
    const target = targetScale * gapTol;
    if (innerTol < target) innerTol = target;
    if (!(innerTol > innerFloor)) innerTol = innerFloor;
    let l1Norm = 0;
    for (let t = 0; t < nW; t++) l1Norm += Math.abs(beta[list[t]]);
    const moveTol = innerTol / (1 + nW);
    const violTol = l1Norm > 0 ? innerTol / l1Norm : Infinity;
    const iter0 = iter;
    bestViol = Infinity;
    staleSweeps = 0;
    const vS = intercept ? vSum : 0;
    while (iter < maxIter) {
      iter++;
      if (innerStep(c, list, nW, l1Reg, l2Reg, vS, moveTol, violTol)) break;
      let nA = 0;
      for (let t = 0; t < nW; t++) {
        const j = list[t];
        if (beta[j] !== 0) active[nA++] = j;
      }
      while (iter < maxIter) {
        iter++;
        if (innerStep(c, active, nA, l1Reg, l2Reg, vS, moveTol, violTol)) break;
      }
    }
    etaFromBeta(c, list, sorted ? nW : -1);
    let fNew = evaluate(c) + penalty(c, l1Reg, l2Reg, list, nW);
    const slack = 1e-12 * Math.abs(fObj);
    let halvings = 0;
    while (!(fNew <= fObj + slack)) {
      if (halvings === MAX_HALVINGS) {
        for (let t = 0; t < nW; t++) beta[list[t]] = bOld[list[t]];
        c.b0 = b0Old;
        etaFromBeta(c, list, sorted ? nW : -1);
        fNew = evaluate(c) + penalty(c, l1Reg, l2Reg, list, nW);
        break;
      }
      for (let t = 0; t < nW; t++) {
        const j = list[t];
        const b = bOld[j];
        beta[j] = b + 0.5 * (beta[j] - b);
      }
      c.b0 = b0Old + 0.5 * (c.b0 - b0Old);
      etaFromBeta(c, list, sorted ? nW : -1);
      fNew = evaluate(c) + penalty(c, l1Reg, l2Reg, list, nW);
      halvings++;
    }
    if (iter - iter0 <= 1) innerScale *= 0.01;
    const gapBefore = gapW;
    fObj = fNew;
    gradient(c, IN_W);
    gapW = dualGap(c, l1Reg, l2Reg, IN_W, list, nW);
    gapKnown = false;
    if (gapW > gapTol && gapW > 0.1 * gapBefore) innerScale *= 0.1;
    if (gapW > gapTol) targetScale *= TARGET_CUT;
    let stop = false;
    if (gapW <= gapTol) {
      stop = true;
    } else if (gapW < bestGap) {
      bestGap = gapW;
      stalls = 0;
    } else if (++stalls === 3) {
      stop = true;
    }
    if (!stop && iter < maxIter) continue;
    const nW2 = screen(c, l1Reg, nW, l1Reg * (2 * (l1Reg / l1Prev) - 1) - 1e-6 * l1Reg); // the KKT check; the next strong rule's guessed threshold
    if (nW2 > nW) {
      nW = nW2;
      sorted = false;
      stalls = 0;
      bestGap = Infinity;
      continue;
    }
    gap = outsideChangesGap(c, l1Reg, l2Reg) ? dualGap(c, l1Reg, l2Reg, ALL, list, nW) : gapW;
    gapKnown = true;
    converged = gap <= gapTol;
    break;
  }
  if (!gapKnown) {
    refresh(c);
    gap = dualGap(c, l1Reg, l2Reg, ALL, list, nW);
    converged = gap <= gapTol;
  }
  return { gap, nIter: iter, converged, loss: c.loss, nNewton: newton };
}
