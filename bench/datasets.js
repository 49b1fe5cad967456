// Standard benchmark data sets, generated in JS from fixed seeds.
//
// Every shape is a dense Gaussian design X (n × p, entries iid N(0, 1)), a
// sparse true coefficient vector (`nnz` nonzeros at random positions, values
// ±U(0.5, 1.5)), an intercept of 1 and Gaussian noise: y = 1 + Xβ + σε,
// ε ~ N(0, I), σ = 1. X is returned flat and row-major, the layout penalized
// accepts as `{ data, rows, cols }`, and the layout bench/native writes to disk
// (raw little-endian f64) so scikit-learn and glmnet solve the very same bytes.
//
// The generator is sfc32 (Doty-Humphrey's "small fast counter", PractRand
// clean) seeded through splitmix32; uniforms take 53 random bits from two
// draws; normals come from Marsaglia's polar method (only sqrt and log). The
// data are bit-for-bit reproducible on a given JS engine (V8's Math.log is a
// port of fdlibm, so every Node version gives the same bytes).

/** The shapes of the issue "Benchmarks". Change a seed and every number in bench/README.md changes. */
export const SHAPES = {
  tall: { n: 10000, p: 200, nnz: 20, seed: 1 },
  square: { n: 2000, p: 1000, nnz: 50, seed: 2 },
  wide: { n: 200, p: 5000, nnz: 30, seed: 3 },
};

export const SHAPE_NAMES = Object.keys(SHAPES);

const NOISE_SD = 1;
const INTERCEPT = 1;

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Deterministic PRNG: `u32()`, `uniform()` in [0, 1) with 53 bits, `normal()`. */
export function makeRng(seed) {
  const init = splitmix32(seed);
  let a = init(), b = init(), c = init(), d = init();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32(); // let the counter mix
  const uniform = () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  let spare = NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u, v, s;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
  return { u32, uniform, normal };
}

/**
 * Generates data set `name` (a key of SHAPES). Returns
 * { name, n, p, nnz, seed, X: Float64Array (row-major n·p), y: Float64Array,
 *   beta: Float64Array (true coefficients), intercept, noiseSd }.
 */
export function makeDataset(name) {
  const spec = SHAPES[name];
  if (!spec) throw new Error(`unknown data set "${name}"; known: ${SHAPE_NAMES.join(', ')}`);
  const { n, p, nnz, seed } = spec;
  const rng = makeRng(seed);
  const X = new Float64Array(n * p);
  for (let k = 0; k < X.length; k++) X[k] = rng.normal();
  // nnz distinct positions by a partial Fisher–Yates shuffle of 0..p-1.
  const idx = Int32Array.from({ length: p }, (_, j) => j);
  const beta = new Float64Array(p);
  for (let t = 0; t < nnz; t++) {
    const r = t + Math.floor(rng.uniform() * (p - t));
    const tmp = idx[t];
    idx[t] = idx[r];
    idx[r] = tmp;
    beta[idx[t]] = (rng.uniform() < 0.5 ? -1 : 1) * (0.5 + rng.uniform());
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = INTERCEPT;
    const row = i * p;
    for (let t = 0; t < nnz; t++) s += X[row + idx[t]] * beta[idx[t]];
    y[i] = s + NOISE_SD * rng.normal();
  }
  return { name, n, p, nnz, seed, X, y, beta, intercept: INTERCEPT, noiseSd: NOISE_SD };
}

/** penalized's flat matrix input for a data set. */
export function flat(ds) {
  return { data: ds.X, rows: ds.n, cols: ds.p };
}

/** Column means of X and the mean of y. */
export function means(ds) {
  const { n, p, X, y } = ds;
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) xMean[j] += X[row + j];
    yMean += y[i];
  }
  for (let j = 0; j < p; j++) xMean[j] /= n;
  return { xMean, yMean: yMean / n };
}

/** The smallest lasso alpha with an all-zero solution: max_j |X_cⱼᵀ y_c| / n (scikit-learn's alpha_max, intercept fitted). */
export function alphaMax(ds) {
  const { n, p, X, y } = ds;
  const { xMean, yMean } = means(ds);
  const g = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = y[i] - yMean;
    const row = i * p;
    for (let j = 0; j < p; j++) g[j] += (X[row + j] - xMean[j]) * r;
  }
  let m = 0;
  for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j]));
  return m / n;
}

/** Residuals y − Xw − b. */
export function residuals(ds, coef, intercept) {
  const { n, p, X, y } = ds;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = intercept;
    const row = i * p;
    for (let j = 0; j < p; j++) s += X[row + j] * coef[j];
    r[i] = y[i] - s;
  }
  return r;
}

function sumSq(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/** scikit-learn's lasso objective (1/2n)||y − Xw − b||² + alpha·||w||₁. */
export function lassoObjective(ds, coef, intercept, alpha) {
  let l1 = 0;
  for (let j = 0; j < coef.length; j++) l1 += Math.abs(coef[j]);
  return sumSq(residuals(ds, coef, intercept)) / (2 * ds.n) + alpha * l1;
}

/** scikit-learn's ridge objective ||y − Xw − b||² + alpha·||w||². */
export function ridgeObjective(ds, coef, intercept, alpha) {
  return sumSq(residuals(ds, coef, intercept)) + alpha * sumSq(coef);
}

/**
 * Accuracy certificate of a ridge solution, no reference solve needed: with
 * the intercept profiled out the objective is f(w) = ||y_c − X_c w||² + α||w||²,
 * strongly convex with Hessian 2(X_cᵀX_c + αI) ⪰ 2αI, so
 *   f(w) − f* = gᵀ(X_cᵀX_c + αI)⁻¹g ≤ ||g||²/α,   g = αw − X_cᵀ(y_c − X_c w).
 * Returns { objective, subOptBound: ||g||²/(α·f(w)) } (relative to f).
 */
export function ridgeCertificate(ds, coef, alpha) {
  const { n, p, X } = ds;
  const { xMean, yMean } = means(ds);
  let b = yMean;
  for (let j = 0; j < p; j++) b -= xMean[j] * coef[j];
  const r = residuals(ds, coef, b); // = y_c − X_c w
  const g = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    const ri = r[i];
    for (let j = 0; j < p; j++) g[j] += (X[row + j] - xMean[j]) * ri;
  }
  for (let j = 0; j < p; j++) g[j] = alpha * coef[j] - g[j];
  const f = sumSq(r) + alpha * sumSq(coef);
  return { objective: f, subOptBound: sumSq(g) / (alpha * f) };
}
