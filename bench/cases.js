// The benchmark cases: a list, extended by appending an object.
//
// A case is
//   {
//     name, title,
//     available(lib) → true, or a string saying why it is skipped (e.g. an
//       export that does not exist yet),
//     tight?(lib, ds) → JSON-able reference (a tightly converged solve), computed
//       once per data set and cached in bench/native/out/cache/,
//     setup(lib, ds, backend, tight) → {
//       run() → result                      (the timed call: one complete fit),
//       fingerprint(result) → Float64Array  (cheap; every timed result must
//                                            reproduce the verified one bit for bit),
//       assess(result) → { ok, problems: string[], accuracy: string, metrics: {} }
//                                           (the full check of the first result),
//     }
//   }
//
// `lib` is the module namespace of penalized (dist/index.js), so a case for a
// function that other work will add later is guarded by `available`.

import {
  flat, alphaMax, means, lassoObjective, ridgeObjective, ridgeCertificate, residuals,
} from './datasets.js';
import { LOGISTIC_CASES } from './logisticCases.js';

/** Lasso/ElasticNet stopping tolerance used by every lasso case (scikit-learn's default). */
export const LASSO_TOL = 1e-4;
/** Fraction of alpha_max for the single lasso fit. */
export const LASSO_ALPHA_RATIO = 0.05;
export const RIDGE_ALPHA = 1;
export const PATH_N_ALPHAS = 100;
export const PATH_EPS = 1e-3;
export const CV_FOLDS = 5;
export const RIDGE_CV_ALPHAS = [0.01, 0.1, 1, 10, 100, 1000];

function finite(v, what, problems) {
  for (let j = 0; j < v.length; j++) {
    if (!Number.isFinite(v[j])) {
      problems.push(`${what}[${j}] = ${v[j]}`);
      return false;
    }
  }
  return true;
}

function sumSqCentered(v) {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return s;
}

/**
 * Independent duality-gap certificate of a lasso solution (intercept profiled
 * out), on the objective's scale: with r = y_c − X_c w and the dual point
 * θ = r·min(1, nα/||X_cᵀr||∞),  P(w) − P* ≤ gap = P(w) − D(θ), where
 * P(w) = (1/2n)||r||² + α||w||₁ and D(θ) = (1/n)(θᵀy_c − ½||θ||²).
 * Needs no reference solve, so it checks any point of a path.
 */
export function lassoGap(ds, coef, alpha, mu = means(ds)) {
  const { n, p, X } = ds;
  const { xMean, yMean } = mu;
  let b = yMean;
  for (let j = 0; j < p; j++) b -= xMean[j] * coef[j];
  const r = residuals(ds, coef, b);
  const g = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    const ri = r[i];
    for (let j = 0; j < p; j++) g[j] += (X[row + j] - xMean[j]) * ri;
  }
  let gmax = 0;
  for (let j = 0; j < p; j++) gmax = Math.max(gmax, Math.abs(g[j]));
  const s = gmax > n * alpha ? (n * alpha) / gmax : 1;
  let rr = 0, ry = 0, l1 = 0;
  for (let i = 0; i < n; i++) {
    rr += r[i] * r[i];
    ry += r[i] * (ds.y[i] - yMean);
  }
  for (let j = 0; j < p; j++) l1 += Math.abs(coef[j]);
  const primal = rr / (2 * n) + alpha * l1;
  const dual = (s * ry - 0.5 * s * s * rr) / n;
  return { primal, gap: primal - dual };
}

/** The gap the stopping rule allows, on the objective's scale: tol·||y_c||²/n. */
function allowedGap(ds, tol = LASSO_TOL) {
  return (tol * sumSqCentered(ds.y)) / ds.n;
}

function packCoef(coef, intercept) {
  const f = new Float64Array(coef.length + 1);
  f.set(coef);
  f[coef.length] = intercept;
  return f;
}

const fmt = (x) => (x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(1) : x.toPrecision(2));

/** Extracts an array of coefficient vectors from whatever a path function returns (the API is not settled yet). */
function pathCoefs(res, p) {
  const c = res?.coefs ?? res?.coef ?? res?.coefPath;
  if (Array.isArray(c) && c.length && c[0].length === p) return c;
  if (c && c.length !== undefined && c.length % p === 0 && typeof c[0] === 'number') {
    const k = c.length / p;
    // flat: either k vectors of p (alpha-major) — the only layout we accept unambiguously.
    return Array.from({ length: k }, (_, t) => c.subarray ? c.subarray(t * p, (t + 1) * p) : c.slice(t * p, (t + 1) * p));
  }
  throw new Error('lassoPath returned an unrecognized shape; update the adapter in bench/cases.js (expected { alphas, coefs: p-vectors per alpha })');
}

export const CASES = [
  {
    name: 'lasso',
    title: `Lasso fit, alpha = ${LASSO_ALPHA_RATIO}·alpha_max, tol ${LASSO_TOL}`,
    available: (lib) => typeof lib.Lasso === 'function' || 'penalized exports no Lasso',
    tight(lib, ds) {
      const alpha = LASSO_ALPHA_RATIO * alphaMax(ds);
      const m = new lib.Lasso({ alpha, tol: 1e-11, maxIter: 1000000, backend: 'wasm', onWarning: () => {} }).fit(flat(ds), ds.y);
      const obj = lassoObjective(ds, m.coef, m.intercept, alpha);
      const { gap } = lassoGap(ds, m.coef, alpha);
      if (!(gap <= 1e-9 * obj)) throw new Error(`tight lasso solve on ${ds.name} did not converge (certified gap ${gap}, objective ${obj})`);
      return { alpha, objective: obj, gap, nnz: Array.from(m.coef).filter((c) => c !== 0).length };
    },
    setup(lib, ds, backend, tight) {
      const alpha = LASSO_ALPHA_RATIO * alphaMax(ds);
      const X = flat(ds);
      const y = ds.y;
      return {
        run: () => new lib.Lasso({ alpha, tol: LASSO_TOL, backend }).fit(X, y),
        fingerprint: (m) => packCoef(m.coef, m.intercept),
        assess(m) {
          const problems = [];
          finite(m.coef, 'coef', problems);
          if (!m.converged) problems.push('did not converge');
          const obj = lassoObjective(ds, m.coef, m.intercept, alpha);
          const rel = (obj - tight.objective) / tight.objective;
          const allowed = allowedGap(ds) / tight.objective;
          // The stopping rule guarantees P − P* ≤ gap ≤ tol·||y_c||²/n; a little slack for rounding.
          if (!(rel <= allowed * (1 + 1e-6) + 1e-12)) problems.push(`objective ${obj} is ${fmt(rel)} above the tight solve, more than the tolerance allows (${fmt(allowed)})`);
          if (!(rel >= -1e-9)) problems.push(`objective ${obj} is below the tight optimum ${tight.objective} by ${fmt(-rel)}: the reference or the objective is wrong`);
          const nnz = Array.from(m.coef).filter((c) => c !== 0).length;
          return {
            ok: problems.length === 0,
            problems,
            accuracy: `obj/tight−1 = ${fmt(rel)} (allowed ${fmt(allowed)}), nnz ${nnz}, ${m.nIter} sweeps`,
            metrics: { objective: obj, objRelTight: rel, allowedRel: allowed, nnz, nIter: m.nIter },
          };
        },
      };
    },
  },
  {
    name: 'ridge',
    title: `Ridge fit (Cholesky), alpha = ${RIDGE_ALPHA}`,
    available: (lib) => typeof lib.Ridge === 'function' || 'penalized exports no Ridge',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = ds.y;
      return {
        run: () => new lib.Ridge({ alpha: RIDGE_ALPHA, backend }).fit(X, y),
        fingerprint: (m) => packCoef(m.coef, m.intercept),
        assess(m) {
          const problems = [];
          finite(m.coef, 'coef', problems);
          const obj = ridgeObjective(ds, m.coef, m.intercept, RIDGE_ALPHA);
          const cert = ridgeCertificate(ds, m.coef, RIDGE_ALPHA);
          // A direct solve should be exact to rounding: f(w)/f* − 1 ≤ ||g||²/(α f) must be tiny.
          if (!(cert.subOptBound <= 1e-9)) problems.push(`gradient certificate ${fmt(cert.subOptBound)} > 1e-9: not the ridge solution`);
          const relIntercept = Math.abs(obj - cert.objective) / cert.objective;
          if (!(relIntercept <= 1e-9)) problems.push(`intercept is not the optimal one (objective ${obj} vs ${cert.objective} with the profiled intercept)`);
          return {
            ok: problems.length === 0,
            problems,
            accuracy: `obj/opt−1 ≤ ${fmt(cert.subOptBound)} (certified)`,
            metrics: { objective: obj, subOptBound: cert.subOptBound },
          };
        },
      };
    },
  },
  {
    name: 'lassoPath',
    title: `lassoPath, ${PATH_N_ALPHAS} alphas, eps ${PATH_EPS}`,
    available: (lib) => typeof lib.lassoPath === 'function' || 'penalized does not export lassoPath yet',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = ds.y;
      const mu = means(ds);
      return {
        run: () => lib.lassoPath(X, y, { nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL, backend }),
        fingerprint(res) {
          const coefs = pathCoefs(res, ds.p);
          const f = new Float64Array(coefs.length * ds.p);
          coefs.forEach((c, t) => f.set(c, t * ds.p));
          return f;
        },
        assess(res) {
          const problems = [];
          const coefs = pathCoefs(res, ds.p);
          const alphas = res.alphas;
          if (!alphas || alphas.length !== coefs.length) problems.push('alphas missing or not one per solution');
          if (coefs.length !== PATH_N_ALPHAS) problems.push(`${coefs.length} solutions, expected ${PATH_N_ALPHAS}`);
          const amax = alphaMax(ds);
          if (alphas && Math.abs(alphas[0] - amax) > 1e-9 * amax) problems.push(`first alpha ${alphas[0]} ≠ alpha_max ${amax}`);
          let worst = 0;
          const allowed = allowedGap(ds);
          // Certify every point of the path with an independent duality gap (cost: one pass over X per point).
          coefs.forEach((c, t) => {
            finite(c, `coefs[${t}]`, problems);
            const { gap } = lassoGap(ds, c, alphas[t], mu);
            worst = Math.max(worst, gap / allowed);
          });
          if (!(worst <= 1 + 1e-6)) problems.push(`a path point has duality gap ${fmt(worst)}× the allowed tol·||y_c||²/n`);
          return {
            ok: problems.length === 0,
            problems,
            accuracy: `max gap/allowed = ${fmt(worst)} over ${coefs.length} alphas`,
            metrics: { worstGapRatio: worst },
          };
        },
      };
    },
  },
  {
    name: 'lassoCV',
    title: `LassoCV, ${CV_FOLDS} folds, ${PATH_N_ALPHAS} alphas`,
    available: (lib) => typeof lib.LassoCV === 'function' || 'penalized does not export LassoCV yet',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = ds.y;
      return {
        run: () => new lib.LassoCV({ cv: CV_FOLDS, nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL, backend }).fit(X, y),
        fingerprint: (m) => packCoef(m.coef, m.intercept),
        assess(m) {
          const problems = [];
          finite(m.coef, 'coef', problems);
          const alpha = m.alpha;
          const amax = alphaMax(ds);
          if (!(alpha > 0 && alpha <= amax * (1 + 1e-9) && alpha >= amax * PATH_EPS * (1 - 1e-9))) problems.push(`chosen alpha ${alpha} is outside [eps·alpha_max, alpha_max]`);
          const { gap } = lassoGap(ds, m.coef, alpha);
          const ratio = gap / allowedGap(ds);
          if (!(ratio <= 1 + 1e-6)) problems.push(`refit at the chosen alpha has duality gap ${fmt(ratio)}× the allowed one`);
          return {
            ok: problems.length === 0,
            problems,
            accuracy: `alpha/alpha_max = ${fmt(alpha / amax)}, refit gap/allowed = ${fmt(ratio)}`,
            metrics: { alpha, gapRatio: ratio },
          };
        },
      };
    },
  },
  {
    name: 'ridgeCV',
    title: `RidgeCV, ${RIDGE_CV_ALPHAS.length} alphas`,
    available: (lib) => typeof lib.RidgeCV === 'function' || 'penalized does not export RidgeCV yet',
    setup(lib, ds, backend) {
      const X = flat(ds);
      const y = ds.y;
      return {
        run: () => new lib.RidgeCV({ alphas: RIDGE_CV_ALPHAS, backend }).fit(X, y),
        fingerprint: (m) => packCoef(m.coef, m.intercept),
        assess(m) {
          const problems = [];
          finite(m.coef, 'coef', problems);
          if (!RIDGE_CV_ALPHAS.includes(m.alpha)) problems.push(`chosen alpha ${m.alpha} is not one of ${RIDGE_CV_ALPHAS}`);
          const cert = ridgeCertificate(ds, m.coef, m.alpha);
          if (!(cert.subOptBound <= 1e-9)) problems.push(`refit at the chosen alpha: gradient certificate ${fmt(cert.subOptBound)} > 1e-9`);
          return {
            ok: problems.length === 0,
            problems,
            accuracy: `alpha = ${m.alpha}, refit obj/opt−1 ≤ ${fmt(cert.subOptBound)}`,
            metrics: { alpha: m.alpha, subOptBound: cert.subOptBound },
          };
        },
      };
    },
  },
];

CASES.push(...LOGISTIC_CASES);

export const CASE_NAMES = CASES.map((c) => c.name);
