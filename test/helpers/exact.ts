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

/** 1/n standard deviation of each column about its mean (glmnet's xs), 1 for a constant column. */
export function columnSd(X: number[][]): number[] {
  const n = X.length;
  return X[0].map((_, j) => {
    const first = X[0][j];
    if (X.every((r) => r[j] === first)) return 1;
    const m = X.reduce((s, r) => s + r[j], 0) / n;
    return Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n);
  });
}

/**
 * Largest violation of the elastic-net optimality (KKT) conditions for
 * scikit-learn's objective (1/2n)||y − Xw − b||² + alpha·l1Ratio·Σsⱼ|wⱼ| +
 * ½alpha(1 − l1Ratio)Σsⱼ²wⱼ² (sⱼ = 1, or the column sd with standardize):
 * with gⱼ = Xⱼᵀr/n − alpha(1 − l1Ratio)sⱼ²wⱼ, gⱼ = alpha·l1Ratio·sⱼ·sign(wⱼ)
 * where wⱼ ≠ 0 and |gⱼ| ≤ alpha·l1Ratio·sⱼ where wⱼ = 0 (gⱼ ≤ … with
 * `positive`). Relative to max|Xⱼᵀy|/n. Also returns |mean residual| relative
 * to max|y| (the intercept's condition).
 */
export function kktViolation(
  X: number[][], y: number[], coef: ArrayLike<number>, intercept: number, alpha: number, l1Ratio: number,
  fitIntercept: boolean, positive = false, s?: number[],
): { coef: number; intercept: number } {
  const n = X.length;
  const p = X[0].length;
  const r = y.map((v, i) => v - intercept - X[i].reduce((acc, x, j) => acc + x * coef[j], 0));
  let scale = 1e-300;
  for (let j = 0; j < p; j++) {
    let xy = 0;
    for (let i = 0; i < n; i++) xy += X[i][j] * y[i];
    scale = Math.max(scale, Math.abs(xy) / n);
  }
  let worst = 0;
  for (let j = 0; j < p; j++) {
    const sj = s ? s[j] : 1;
    let g = 0;
    for (let i = 0; i < n; i++) g += X[i][j] * r[i];
    g = g / n - alpha * (1 - l1Ratio) * sj * sj * coef[j];
    const l1 = alpha * l1Ratio * sj;
    let v: number;
    if (coef[j] !== 0) v = Math.abs(g - l1 * Math.sign(coef[j]));
    else v = positive ? Math.max(0, g - l1) : Math.max(0, Math.abs(g) - l1);
    worst = Math.max(worst, v / scale);
  }
  const meanR = r.reduce((a, b) => a + b, 0) / n;
  const yMax = Math.max(1e-300, ...y.map(Math.abs));
  return { coef: worst, intercept: fitIntercept ? Math.abs(meanR) / yMax : 0 };
}

/**
 * Minimum-norm least-squares solution w = X⁺y of the (centred, with an
 * intercept) problem from a singular value decomposition X = UΣVᵀ computed
 * by one-sided Jacobi rotations (Hestenes 1958; Demmel & Veselić 1992) on X
 * itself — never forming XᵀX — with singular values below
 * max(n, p)·eps·σ_max·1e4 taken as zero.
 */
export function minNormLeastSquares(X: number[][], y: number[], fitIntercept: boolean): { coef: number[]; intercept: number; rank: number } {
  const { Xc, yc, xMean, yMean } = centre(X, y, fitIntercept);
  const n = Xc.length;
  const p = Xc[0].length;
  // Columns of A = X·V are orthogonalized pairwise; V accumulates the rotations.
  const A = Array.from({ length: p }, (_, j) => Xc.map((r) => r[j]));
  const V = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let j = 0; j < p - 1; j++) {
      for (let k = j + 1; k < p; k++) {
        let a = 0, b = 0, c = 0;
        for (let i = 0; i < n; i++) {
          a += A[j][i] * A[j][i];
          b += A[k][i] * A[k][i];
          c += A[j][i] * A[k][i];
        }
        if (c === 0 || Math.abs(c) <= 1e-15 * Math.sqrt(a * b)) continue;
        off = Math.max(off, Math.abs(c) / Math.sqrt(a * b));
        const zeta = (b - a) / (2 * c);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < n; i++) {
          const u = A[j][i], v = A[k][i];
          A[j][i] = cs * u - sn * v;
          A[k][i] = sn * u + cs * v;
        }
        for (let i = 0; i < p; i++) {
          const u = V[j][i], v = V[k][i];
          V[j][i] = cs * u - sn * v;
          V[k][i] = sn * u + cs * v;
        }
      }
    }
    if (off < 1e-15) break;
  }
  const sigma = A.map((col) => Math.sqrt(col.reduce((s, v) => s + v * v, 0)));
  const top = Math.max(...sigma);
  const cut = Math.max(n, p) * 2.220446049250313e-16 * top * 1e4;
  const coef = new Array<number>(p).fill(0);
  let rank = 0;
  for (let j = 0; j < p; j++) {
    if (!(sigma[j] > cut)) continue;
    rank++;
    // Component along v_j: (u_jᵀy)/σ_j with u_j = A_j/σ_j.
    let uy = 0;
    for (let i = 0; i < n; i++) uy += A[j][i] * yc[i];
    const f = uy / (sigma[j] * sigma[j]);
    for (let k = 0; k < p; k++) coef[k] += f * V[j][k];
  }
  let intercept = fitIntercept ? yMean : 0;
  if (fitIntercept) for (let j = 0; j < p; j++) intercept -= xMean[j] * coef[j];
  return { coef, intercept, rank };
}
