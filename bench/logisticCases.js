// Logistic regression benchmark cases (issue #11), appended to CASES in cases.js.
//
// Binary versions of the standard data sets: y01 = 1 when y > 1 (the
// intercept of the generating model), i.e. the sign of Xβ + noise — noisy,
// not separable. bench/native reads the same y file and thresholds it the
// same way, so every tool fits the same labels.
//
// Accuracy is certified without a reference solve by the KKT residual of the
// lasso-penalized logistic problem (1/n)Σℓᵢ + alpha·||β||₁ (intercept fitted,
// no standardization), relative to alpha:
//   max_j [βⱼ = 0: (|gⱼ| − alpha)₊ ; else |gⱼ − alpha·sign βⱼ|] / alpha,
//   g = Xᵀ(y − p)/n, plus |Σ(y − p)|/n / alpha for the intercept.
// The natives (bench/native) compute the same number.

import { flat } from './datasets.js';

export const LOGISTIC_TOL = 1e-4;
export const LOGISTIC_ALPHA_RATIO = 0.05;
export const LOGISTIC_N_ALPHAS = 100;
/** Smallest alpha of the logistic path / CV grid as a fraction of alpha_max (kept away from the separable end). */
export const LOGISTIC_EPS = 1e-2;
/** A solution counts as accurate when its KKT residual is below this fraction of alpha. */
export const LOGISTIC_KKT_OK = 1e-2;

export function binaryLabels(ds) {
  if (!ds.y01) ds.y01 = Float64Array.from(ds.y, (v) => (v > 1 ? 1 : 0));
  return ds.y01;
}

/** alpha_max of the logistic lasso: max_j |X_cⱼᵀ(y01 − ȳ)| / n. */
export function logisticAlphaMax(ds) {
  const { n, p, X } = ds;
  const y = binaryLabels(ds);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const g = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = y[i] - ybar;
    const row = i * p;
    for (let j = 0; j < p; j++) g[j] += X[row + j] * r;
  }
  let m = 0;
  for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j]));
  return m / n;
}

/** KKT residual / alpha of a logistic lasso solution (see the header). */
export function logisticKkt(ds, coef, intercept, alpha) {
  const { n, p, X } = ds;
  const y = binaryLabels(ds);
  const g = new Float64Array(p);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    let eta = intercept;
    for (let j = 0; j < p; j++) eta += X[row + j] * coef[j];
    const r = y[i] - 1 / (1 + Math.exp(-eta));
    s += r;
    for (let j = 0; j < p; j++) g[j] += X[row + j] * r;
  }
  let worst = Math.abs(s) / n;
  for (let j = 0; j < p; j++) {
    const gj = g[j] / n;
    const v = coef[j] === 0 ? Math.max(0, Math.abs(gj) - alpha) : Math.abs(gj - alpha * Math.sign(coef[j]));
    worst = Math.max(worst, v);
  }
  return worst / alpha;
}

const fmt = (x) => (x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(1) : x.toPrecision(2));

function pack(coef, intercept) {
  const f = new Float64Array(coef.length + 1);
  f.set(coef);
  f[coef.length] = intercept;
  return f;
}

function verdict(kkt, extra) {
  const problems = [];
  if (!(kkt <= LOGISTIC_KKT_OK)) problems.push(`KKT residual ${fmt(kkt)}·alpha above ${LOGISTIC_KKT_OK}·alpha`);
  return { ok: problems.length === 0, problems, accuracy: `KKT/alpha = ${fmt(kkt)}${extra}`, metrics: { kkt } };
}

export const LOGISTIC_CASES = [
  {
    name: 'logistic',
    title: `LogisticRegression (lasso), alpha = ${LOGISTIC_ALPHA_RATIO}·alpha_max, tol ${LOGISTIC_TOL}`,
    available: (lib) => typeof lib.LogisticRegression === 'function' || 'penalized exports no LogisticRegression',
    setup(lib, ds, backend) {
      const alpha = LOGISTIC_ALPHA_RATIO * logisticAlphaMax(ds);
      const X = flat(ds);
      const y = binaryLabels(ds);
      return {
        run: () => new lib.LogisticRegression({ alpha, tol: LOGISTIC_TOL, backend }).fit(X, y),
        fingerprint: (m) => pack(m.coef, m.intercept),
        assess: (m) => verdict(logisticKkt(ds, m.coef, m.intercept, alpha), `, nnz ${Array.from(m.coef).filter((c) => c !== 0).length}, ${m.nIter} sweeps`),
      };
    },
  },
  {
    name: 'logisticPath',
    title: `logisticPath (lasso), ${LOGISTIC_N_ALPHAS} alphas, eps ${LOGISTIC_EPS}`,
    available: (lib) => typeof lib.logisticPath === 'function' || 'penalized exports no logisticPath',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = binaryLabels(ds);
      return {
        run: () => lib.logisticPath(X, y, { nAlphas: LOGISTIC_N_ALPHAS, eps: LOGISTIC_EPS, tol: LOGISTIC_TOL, backend }),
        fingerprint: (r) => r.coefs,
        assess(r) {
          let worst = 0;
          // Every 10th point (a KKT pass costs one pass over X).
          for (let k = 0; k < r.alphas.length; k += 10) {
            worst = Math.max(worst, logisticKkt(ds, r.coefs.subarray(k * ds.p, (k + 1) * ds.p), r.intercepts[k], r.alphas[k]));
          }
          const v = verdict(worst, ` (worst of every 10th of ${r.alphas.length} alphas)`);
          if (r.alphas.length !== LOGISTIC_N_ALPHAS) v.accuracy += ' (stopped early: separable)';
          return v;
        },
      };
    },
  },
  {
    // The same path with `sparseCoefs: true`: the coefficients come back as a
    // CSR matrix, as glmnet returns its path (a dgCMatrix), instead of a fresh
    // dense alphas × p block. Compared with the natives' logisticPath runs; the
    // dense default keeps its own row.
    name: 'logisticPathSparse',
    nativeCase: 'logisticPath',
    title: `logisticPath (lasso), ${LOGISTIC_N_ALPHAS} alphas, eps ${LOGISTIC_EPS}, sparseCoefs: true (CSR result)`,
    available: (lib) => typeof lib.logisticPath === 'function' || 'penalized exports no logisticPath',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = binaryLabels(ds);
      const dense = (r) => {
        const c = r.coefs;
        const out = new Float64Array(c.rows * c.cols);
        for (let k = 0; k < c.rows; k++) for (let t = c.indptr[k]; t < c.indptr[k + 1]; t++) out[k * c.cols + c.indices[t]] = c.data[t];
        return out;
      };
      return {
        run: () => lib.logisticPath(X, y, { nAlphas: LOGISTIC_N_ALPHAS, eps: LOGISTIC_EPS, tol: LOGISTIC_TOL, backend, sparseCoefs: true }),
        fingerprint: (r) => dense(r),
        assess(r) {
          const coefs = dense(r);
          let worst = 0;
          for (let k = 0; k < r.alphas.length; k += 10) {
            worst = Math.max(worst, logisticKkt(ds, coefs.subarray(k * ds.p, (k + 1) * ds.p), r.intercepts[k], r.alphas[k]));
          }
          const v = verdict(worst, ` (worst of every 10th of ${r.alphas.length} alphas)`);
          if (r.alphas.length !== LOGISTIC_N_ALPHAS) v.accuracy += ' (stopped early: separable)';
          return v;
        },
      };
    },
  },
  {
    name: 'logisticCV',
    title: `LogisticRegressionCV (lasso), 5 stratified folds, ${LOGISTIC_N_ALPHAS} alphas, deviance`,
    available: (lib) => typeof lib.LogisticRegressionCV === 'function' || 'penalized exports no LogisticRegressionCV',
    // Six 100-alpha paths: on data above 10⁶ entries the JS twin needs minutes per fit, so bench/run.js
    // times it once (after the verified run); the WASM backend gets the full sampling.
    shortJs: ({ n, p }) => n * p > 1e6,
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = binaryLabels(ds);
      return {
        run: () => new lib.LogisticRegressionCV({ cv: 5, nAlphas: LOGISTIC_N_ALPHAS, eps: LOGISTIC_EPS, tol: LOGISTIC_TOL, backend }).fit(X, y),
        fingerprint: (m) => pack(m.coef, m.intercept),
        assess: (m) => verdict(logisticKkt(ds, m.coef, m.intercept, m.alpha), `, alpha/alpha_max = ${fmt(m.alpha / logisticAlphaMax(ds))}`),
      };
    },
  },
];
