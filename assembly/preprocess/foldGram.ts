import { dot } from "../kernels/dot";
import { gramColumns, symmetrizeLower } from "../kernels/gram";

// Gram downdating for cross-validation (the "reuse the Gram matrix across
// folds" device of covariance-mode coordinate descent; Friedman, Hastie &
// Tibshirani 2010 §2.2 for why only XᵀX, Xᵀy and yᵀy are needed).
//
// The full design is prepared once without scaling: Z = √w·(X − m), u =
// √w·(y − ȳ) (centring only with an intercept). Then for a training fold S
// (all rows but the test rows T), with W_S = Σ_S w and δ, ε the weighted
// training means of z = X − m and of y − ȳ:
//   Σ_S w zzᵀ      = ZᵀZ − Z_TᵀZ_T                    (subtract the test rows)
//   centred Gram   = Σ_S w zzᵀ − W_S δδᵀ                (move the centre to S)
//   δ              = (Σ_all w z − Σ_T w z) / W_S
// and likewise for Xᵀy and yᵀy. The weights are renormalized to sum to the
// fold size (κ = n_S / W_S, as scikit-learn does per fold) and, with
// `standardize`, columns are divided by their weighted 1/n standard deviation
// on S. The result is the Gram/Xᵀy/yᵀy of exactly the design that
// preprocess/standardize.ts would build from the training rows, at a cost of
// n_T·p² per fold instead of n_S·p² — and the centring is done relative to the
// full-data mean, so no catastrophic cancellation from large column means.
// Columns constant on S (flagged by the caller from the raw data) are zeroed
// exactly with an intercept, as in standardize.ts.

/** Full-data statistics: G = ZᵀZ (full symmetric p×p), c = Zᵀu, sz[j] = Σᵢ√wᵢ·Zᵢⱼ, and stats = [uᵀu, Σᵢ√wᵢuᵢ, Σᵢwᵢ]. */
export function gramStats(Z: usize, u: usize, n: i32, p: i32, sw: usize, G: usize, c: usize, sz: usize, stats: usize): void {
  gramColumns(Z, n, p, G);
  gramSideStats(Z, u, n, p, sw, G, c, sz, stats);
}

/**
 * gramStats once G's lower triangle is in place (computed by gramColumns, or
 * column ranges of it by several workers): symmetrizes G and computes c, sz
 * and stats.
 */
export function gramSideStats(Z: usize, u: usize, n: i32, p: i32, sw: usize, G: usize, c: usize, sz: usize, stats: usize): void {
  const colBytes = <usize>n << 3;
  symmetrizeLower(G, p);
  for (let j = 0; j < p; j++) {
    const Z_j = Z + <usize>j * colBytes;
    store<f64>(c + (<usize>j << 3), dot(Z_j, u, n));
    let s: f64 = 0;
    if (sw == 0) {
      for (let i = 0; i < n; i++) s += load<f64>(Z_j + (<usize>i << 3));
    } else {
      for (let i = 0; i < n; i++) s += Math.sqrt(load<f64>(sw + (<usize>i << 3))) * load<f64>(Z_j + (<usize>i << 3));
    }
    store<f64>(sz + (<usize>j << 3), s);
  }
  let su: f64 = 0;
  let wAll: f64 = <f64>n;
  if (sw == 0) {
    for (let i = 0; i < n; i++) su += load<f64>(u + (<usize>i << 3));
  } else {
    wAll = 0;
    for (let i = 0; i < n; i++) {
      const wi = load<f64>(sw + (<usize>i << 3));
      su += Math.sqrt(wi) * load<f64>(u + (<usize>i << 3));
      wAll += wi;
    }
  }
  store<f64>(stats, dot(u, u, n));
  store<f64>(stats, su, 8);
  store<f64>(stats, wAll, 16);
}

/**
 * The training-fold design of one fold. `test` lists the nT test rows (i32),
 * `constant` flags (i32[p]) the columns constant on the training rows.
 * Workspace: T[nT·(p + 2)], GT[p·p]. Writes GS (full symmetric p×p), xtyS[p],
 * shift[p] (δ), scale[p], and out = [yᵀy of the fold, ε].
 */
export function foldGram(
  Z: usize, u: usize, n: i32, p: i32, sw: usize,
  G: usize, c: usize, sz: usize, stats: usize,
  test: usize, nT: i32, constant: usize, fitIntercept: bool, standardize: bool,
  T: usize, GT: usize,
  GS: usize, xtyS: usize, shift: usize, scale: usize, out: usize,
): void {
  const colBytes = <usize>n << 3;
  const tBytes = <usize>nT << 3;
  const uT = T + <usize>p * tBytes;
  const rT = uT + tBytes;
  let wT: f64 = 0;
  for (let k = 0; k < nT; k++) {
    const i = <usize>load<i32>(test + (<usize>k << 2));
    const wi: f64 = sw == 0 ? 1.0 : load<f64>(sw + (i << 3));
    wT += wi;
    store<f64>(rT + (<usize>k << 3), Math.sqrt(wi));
    store<f64>(uT + (<usize>k << 3), load<f64>(u + (i << 3)));
    for (let j = 0; j < p; j++) {
      store<f64>(T + <usize>j * tBytes + (<usize>k << 3), load<f64>(Z + <usize>j * colBytes + (i << 3)));
    }
  }
  const wS = load<f64>(stats, 16) - wT;
  const kappa = <f64>(n - nT) / wS;
  gramColumns(T, nT, p, GT);

  let tu: f64 = 0;
  for (let k = 0; k < nT; k++) tu += load<f64>(rT + (<usize>k << 3)) * load<f64>(uT + (<usize>k << 3));
  const eps = (load<f64>(stats, 8) - tu) / wS;
  let uuS = load<f64>(stats) - dot(uT, uT, nT);
  if (fitIntercept) uuS -= wS * eps * eps;

  const ld = <usize>p << 3;
  for (let j = 0; j < p; j++) {
    const T_j = T + <usize>j * tBytes;
    let tz: f64 = 0;
    for (let k = 0; k < nT; k++) tz += load<f64>(rT + (<usize>k << 3)) * load<f64>(T_j + (<usize>k << 3));
    const delta = (load<f64>(sz + (<usize>j << 3)) - tz) / wS;
    store<f64>(shift + (<usize>j << 3), delta);
    let s: f64 = 1;
    if (standardize && load<i32>(constant + (<usize>j << 2)) == 0) {
      const rjj = load<f64>(G + <usize>j * ld + (<usize>j << 3)) - load<f64>(GT + <usize>j * ld + (<usize>j << 3));
      s = Math.sqrt((rjj - wS * delta * delta) / wS);
      if (!(s > 0)) s = 1;
    }
    store<f64>(scale + (<usize>j << 3), s);
  }

  for (let j = 0; j < p; j++) {
    const dj = load<f64>(shift + (<usize>j << 3));
    const sj = load<f64>(scale + (<usize>j << 3));
    const zeroJ = fitIntercept && load<i32>(constant + (<usize>j << 2)) != 0;
    for (let k = j; k < p; k++) {
      const o = <usize>j * ld + (<usize>k << 3);
      let v = load<f64>(G + o) - load<f64>(GT + o);
      if (fitIntercept) v -= wS * dj * load<f64>(shift + (<usize>k << 3));
      if (zeroJ || (fitIntercept && load<i32>(constant + (<usize>k << 2)) != 0)) v = 0;
      store<f64>(GS + o, kappa * v / (sj * load<f64>(scale + (<usize>k << 3))));
    }
    let x = load<f64>(c + (<usize>j << 3)) - dot(T + <usize>j * tBytes, uT, nT);
    if (fitIntercept) x -= wS * dj * eps;
    if (zeroJ) x = 0;
    store<f64>(xtyS + (<usize>j << 3), kappa * x / sj);
  }
  symmetrizeLower(GS, p);
  store<f64>(out, kappa * uuS);
  store<f64>(out, eps, 8);
}
