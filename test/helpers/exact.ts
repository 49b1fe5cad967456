/**
 * Reference math for edge-case and property tests, written independently of
 * the library (plain loops, no shared kernels): weighted centring, normal
 * equations solved by Gaussian elimination with partial pivoting and Jacobi
 * scaling, alpha_max, and KKT residuals.
 */

export interface Centred {
  /** Row-major centred (or raw, without intercept) design. */
  Xc: number[][];
  yc: number[];
  xMean: number[];
  yMean: number;
}

/** Centres X and y at their (weighted) means when `fitIntercept`. */
export function centre(X: number[][], y: number[], fitIntercept: boolean, w?: number[]): Centred {
  const n = X.length;
  const p = X[0].length;
  const wt = w ?? new Array(n).fill(1);
  const sw = wt.reduce((a, b) => a + b, 0);
  const xMean = new Array(p).fill(0);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xMean[j] += (wt[i] * X[i][j]) / sw;
      yMean += (wt[i] * y[i]) / sw;
    }
  }
  return { Xc: X.map((r) => r.map((v, j) => v - xMean[j])), yc: y.map((v) => v - yMean), xMean, yMean };
}

/** Solves A x = b (A square) by Gaussian elimination with partial pivoting after Jacobi scaling; null if singular. */
export function solve(A: number[][], b: number[]): number[] | null {
  const m = b.length;
  const d = A.map((r, i) => (r[i] > 0 ? Math.sqrt(r[i]) : 1));
  const M = A.map((r, i) => [...r.map((v, j) => v / (d[i] * d[j])), b[i] / d[i]]);
  for (let k = 0; k < m; k++) {
    let piv = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(M[i][k]) > Math.abs(M[piv][k])) piv = i;
    if (Math.abs(M[piv][k]) < 1e-13) return null;
    [M[k], M[piv]] = [M[piv], M[k]];
    for (let i = k + 1; i < m; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= m; j++) M[i][j] -= f * M[k][j];
    }
  }
  const z = new Array(m).fill(0);
  for (let k = m - 1; k >= 0; k--) {
    let s = M[k][m];
    for (let j = k + 1; j < m; j++) s -= M[k][j] * z[j];
    z[k] = s / M[k][k];
  }
  return z.map((v, i) => v / d[i]);
}

/**
 * Minimizer of Σwᵢ(yᵢ − xᵢw − b)² + ridge·||w||² via the normal equations
 * (XcᵀWXc + ridge·I) w = XcᵀW yc; returns coef and intercept, or null if singular.
 */
export function normalEquations(
  X: number[][], y: number[], ridge: number, fitIntercept: boolean, w?: number[],
): { coef: number[]; intercept: number } | null {
  const n = X.length;
  const p = X[0].length;
  const wt = w ?? new Array(n).fill(1);
  const { Xc, yc, xMean, yMean } = centre(X, y, fitIntercept, wt);
  const A = Array.from({ length: p }, () => new Array(p).fill(0));
  const b = new Array(p).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      b[j] += wt[i] * Xc[i][j] * yc[i];
      for (let k = 0; k < p; k++) A[j][k] += wt[i] * Xc[i][j] * Xc[i][k];
    }
  }
  for (let j = 0; j < p; j++) A[j][j] += ridge;
  const coef = solve(A, b);
  if (!coef) return null;
  let intercept = fitIntercept ? yMean : 0;
  for (let j = 0; j < p; j++) if (fitIntercept) intercept -= xMean[j] * coef[j];
  return { coef, intercept };
}

/** alpha_max = max_j |X̃ⱼᵀỹ| / (n·l1Ratio) on centred (and, with `standardize`, 1/n-sd scaled) data. */
export function alphaMax(X: number[][], y: number[], l1Ratio = 1, fitIntercept = true, standardize = false): number {
  const n = X.length;
  const { Xc, yc } = centre(X, y, fitIntercept);
  let best = 0;
  for (let j = 0; j < X[0].length; j++) {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      s += Xc[i][j] * yc[i];
      ss += Xc[i][j] * Xc[i][j];
    }
    const scale = standardize && ss > 0 ? Math.sqrt(ss / n) : 1;
    best = Math.max(best, Math.abs(s) / scale);
  }
  return best / (n * l1Ratio);
}

/**
 * Largest violation of the elastic-net optimality (KKT) conditions for
 * scikit-learn's objective (unweighted, no standardization), relative to
 * alpha_max·l1Ratio: with gⱼ = Xcⱼᵀ(yc − Xc w)/n − alpha(1 − l1Ratio)wⱼ,
 * gⱼ = alpha·l1Ratio·sign(wⱼ) where wⱼ ≠ 0 and |gⱼ| ≤ alpha·l1Ratio where wⱼ = 0.
 * Also returns the intercept's stationarity |mean residual|.
 */
export function kktViolation(
  X: number[][], y: number[], coef: ArrayLike<number>, intercept: number, alpha: number, l1Ratio: number,
  fitIntercept: boolean, positive = false,
): { coef: number; intercept: number } {
  const n = X.length;
  const p = X[0].length;
  const r = y.map((v, i) => v - intercept - X[i].reduce((s, x, j) => s + x * coef[j], 0));
  const scale = Math.max(alphaMax(X, y, 1, fitIntercept), 1e-300);
  let worst = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += X[i][j] * r[i];
    g = g / n - alpha * (1 - l1Ratio) * coef[j];
    const l1 = alpha * l1Ratio;
    let v: number;
    if (coef[j] !== 0) v = Math.abs(g - l1 * Math.sign(coef[j]));
    else v = positive ? Math.max(0, g - l1) : Math.max(0, Math.abs(g) - l1);
    worst = Math.max(worst, v / scale);
  }
  const meanR = r.reduce((a, b) => a + b, 0) / n;
  return { coef: worst, intercept: fitIntercept ? Math.abs(meanR) : 0 };
}
