/**
 * Optimality (Karush–Kuhn–Tucker) conditions and objective values of the
 * elastic net and ridge, evaluated independently of the library: on the
 * caller's original X and y, from the original-scale coefficients.
 *
 * The elastic-net problem the library solves (scikit-learn's objective, with
 * glmnet's standardization and penalty factors) is, in original units,
 *
 *   F(w, b) = (1/2n) Σᵢ sᵢ (yᵢ − xᵢw − b)²
 *             + alpha · Σⱼ pfⱼ [ l1Ratio·dⱼ|wⱼ| + ½(1 − l1Ratio)·dⱼ²wⱼ² ]
 *
 * with s the sample weights rescaled to sum to n (all 1 without weights), pf
 * the penalty factors rescaled to sum to p (all 1 without), and dⱼ the 1/n
 * (weighted) standard deviation of column j when standardizing (1 otherwise,
 * and 1 for a constant column). In the standardized coordinates vⱼ = dⱼwⱼ the
 * gradient of the smooth part is
 *
 *   gⱼ = −(1/n) Σᵢ sᵢ xᵢⱼ rᵢ / dⱼ + alpha·(1 − l1Ratio)·pfⱼ·dⱼwⱼ,   r = y − Xw − b,
 *
 * and w is optimal iff, with λⱼ = alpha·l1Ratio·pfⱼ,
 *   wⱼ ≠ 0:                gⱼ = −λⱼ·sign(wⱼ)
 *   wⱼ = 0:                |gⱼ| ≤ λⱼ           (positive: gⱼ ≥ −λⱼ)
 *   with an intercept:     Σᵢ sᵢrᵢ = 0.
 */

export interface FlatDesign {
  /** Row-major n×p. */
  X: ArrayLike<number>;
  n: number;
  p: number;
  y: ArrayLike<number>;
  /** Raw sample weights as passed to fit, or null. */
  sampleWeight?: ArrayLike<number> | null;
}

export interface EnetProblem {
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  standardize: boolean;
  positive: boolean;
  /** Raw penalty factors as passed to the model, or null. */
  penaltyFactor?: ArrayLike<number> | null;
}

/** Compensated (Neumaier) sum, so reference-size objective values are accurate to ~1 ulp. */
class Sum {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

function sum(a: ArrayLike<number>): number {
  const s = new Sum();
  for (let i = 0; i < a.length; i++) s.add(a[i]);
  return s.value;
}

/** Sample weights rescaled to sum to `sumTo` (n for lasso/enet), or ones. */
export function weights(d: FlatDesign, rescale: boolean): Float64Array {
  const { n } = d;
  const s = new Float64Array(n).fill(1);
  if (!d.sampleWeight) return s;
  const total = sum(d.sampleWeight);
  for (let i = 0; i < n; i++) s[i] = rescale ? (d.sampleWeight[i] * n) / total : d.sampleWeight[i];
  return s;
}

/** Penalty factors rescaled to sum to p (glmnet's convention), or ones. */
export function penaltyFactors(p: number, pf: ArrayLike<number> | null | undefined): Float64Array {
  const f = new Float64Array(p).fill(1);
  if (!pf) return f;
  const total = sum(pf);
  for (let j = 0; j < p; j++) f[j] = (pf[j] * p) / total;
  return f;
}

/**
 * dⱼ: the (weighted) 1/n standard deviation of each column about its
 * (weighted) mean — glmnet's `xs`, which glmnet computes about the mean also
 * when intercept = FALSE — or 1 without standardization or for a constant column.
 */
export function columnScales(d: FlatDesign, s: Float64Array, standardize: boolean): Float64Array {
  const { X, n, p } = d;
  const out = new Float64Array(p).fill(1);
  if (!standardize) return out;
  const wSum = sum(s);
  for (let j = 0; j < p; j++) {
    const m = new Sum();
    for (let i = 0; i < n; i++) m.add(s[i] * X[i * p + j]);
    const mean = m.value / wSum;
    const v = new Sum();
    for (let i = 0; i < n; i++) {
      const c = X[i * p + j] - mean;
      v.add(s[i] * c * c);
    }
    const sd = Math.sqrt(v.value / wSum);
    if (sd > 0) out[j] = sd;
  }
  return out;
}

function residuals(d: FlatDesign, coef: ArrayLike<number>, intercept: number): Float64Array {
  const { X, n, p, y } = d;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const acc = new Sum();
    acc.add(y[i]);
    acc.add(-intercept);
    for (let j = 0; j < p; j++) acc.add(-X[i * p + j] * coef[j]);
    r[i] = acc.value;
  }
  return r;
}

/** F(w, b) above, on the caller's data. */
export function enetObjective(d: FlatDesign, o: EnetProblem, coef: ArrayLike<number>, intercept: number): number {
  const { n, p } = d;
  const s = weights(d, true);
  const ds = columnScales(d, s, o.standardize);
  const f = penaltyFactors(p, o.penaltyFactor);
  const r = residuals(d, coef, intercept);
  const loss = new Sum();
  for (let i = 0; i < n; i++) loss.add(s[i] * r[i] * r[i]);
  const l1 = new Sum();
  const l2 = new Sum();
  for (let j = 0; j < p; j++) {
    const v = ds[j] * coef[j];
    l1.add(f[j] * Math.abs(v));
    l2.add(f[j] * v * v);
  }
  return loss.value / (2 * n) + o.alpha * (o.l1Ratio * l1.value + 0.5 * (1 - o.l1Ratio) * l2.value);
}

/** scikit-learn's ridge objective Σ sᵢ(yᵢ − xᵢw − b)² + alpha·||w||² (weights as given). */
export function ridgeObjective(d: FlatDesign, alpha: number, coef: ArrayLike<number>, intercept: number): number {
  const s = weights(d, false);
  const r = residuals(d, coef, intercept);
  const loss = new Sum();
  for (let i = 0; i < d.n; i++) loss.add(s[i] * r[i] * r[i]);
  const pen = new Sum();
  for (let j = 0; j < d.p; j++) pen.add(coef[j] * coef[j]);
  return loss.value + alpha * pen.value;
}

export interface KktReport {
  /** max over j of violationⱼ / scaleⱼ (see kktCheck). */
  worst: number;
  /** Feature (or -1 for the intercept condition) where `worst` occurs. */
  worstAt: number;
  /** Human-readable detail of the worst violation. */
  detail: string;
}

/**
 * Measures how far (coef, intercept) is from satisfying the elastic-net KKT
 * conditions. Each violation is divided by the natural size of that
 * condition: for feature j the Cauchy–Schwarz bound on |gⱼ| at w = 0,
 * (1/n)·||√s·x̃ⱼ||·||√s·ỹ|| (x̃ⱼ, ỹ centred when fitting an intercept, x̃ⱼ
 * divided by dⱼ), so a relative tolerance means the same on every column
 * whatever its units; for the intercept condition, (1/n)·Σ sᵢ|rᵢ|.
 */
export function kktCheck(d: FlatDesign, o: EnetProblem, coef: ArrayLike<number>, intercept: number): KktReport {
  const { X, n, p, y } = d;
  const s = weights(d, true);
  const ds = columnScales(d, s, o.standardize);
  const f = penaltyFactors(p, o.penaltyFactor);
  const r = residuals(d, coef, intercept);
  const wSum = sum(s);

  let yMean = 0;
  if (o.fitIntercept) {
    const m = new Sum();
    for (let i = 0; i < n; i++) m.add(s[i] * y[i]);
    yMean = m.value / wSum;
  }
  const yNorm = new Sum();
  for (let i = 0; i < n; i++) yNorm.add(s[i] * (y[i] - yMean) ** 2);
  const yScale = Math.sqrt(yNorm.value);

  let worst = 0;
  let worstAt = 0;
  let detail = 'all conditions hold exactly';
  for (let j = 0; j < p; j++) {
    let xMean = 0;
    if (o.fitIntercept) {
      const m = new Sum();
      for (let i = 0; i < n; i++) m.add(s[i] * X[i * p + j]);
      xMean = m.value / wSum;
    }
    const xr = new Sum();
    const xx = new Sum();
    for (let i = 0; i < n; i++) {
      const x = X[i * p + j];
      xr.add(s[i] * x * r[i]);
      xx.add(s[i] * (x - xMean) ** 2);
    }
    const g = -xr.value / n / ds[j] + o.alpha * (1 - o.l1Ratio) * f[j] * ds[j] * coef[j];
    const lam = o.alpha * o.l1Ratio * f[j];
    let v: number;
    let what: string;
    if (coef[j] !== 0) {
      if (o.positive && coef[j] < 0) {
        v = Infinity;
        what = `w[${j}] = ${coef[j]} < 0 although positive = true`;
      } else {
        v = Math.abs(g + lam * Math.sign(coef[j]));
        what = `w[${j}] = ${coef[j]} ≠ 0 needs g = ${-lam * Math.sign(coef[j])}, got ${g}`;
      }
    } else if (o.positive) {
      v = Math.max(0, -g - lam);
      what = `w[${j}] = 0 (positive) needs g ≥ ${-lam}, got ${g}`;
    } else {
      v = Math.max(0, Math.abs(g) - lam);
      what = `w[${j}] = 0 needs |g| ≤ ${lam}, got ${g}`;
    }
    const scale = (Math.sqrt(xx.value) / ds[j]) * yScale / n;
    const rel = scale > 0 ? v / scale : v === 0 ? 0 : Infinity;
    if (rel > worst) {
      worst = rel;
      worstAt = j;
      detail = what;
    }
  }
  if (o.fitIntercept) {
    const sr = new Sum();
    const sa = new Sum();
    for (let i = 0; i < n; i++) {
      sr.add(s[i] * r[i]);
      sa.add(s[i] * Math.abs(r[i]));
    }
    const rel = sa.value > 0 ? Math.abs(sr.value) / sa.value : 0;
    if (rel > worst) {
      worst = rel;
      worstAt = -1;
      detail = `intercept: Σ sᵢrᵢ = ${sr.value} should be 0`;
    }
  }
  return { worst, worstAt, detail };
}
