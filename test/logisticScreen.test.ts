/**
 * The logistic solver's integer screen of the features outside the working
 * set (assembly/solvers/logisticSolver.ts `screen`): on wide data, where most
 * features are decided by the truncation bound, every path point still
 * meets the KKT conditions and the duality-gap certificate, both backends
 * give the same bits, and columns of extreme scale (handled by the exact
 * powers of two the screen scales by) or of extreme range within the column
 * (whose truncated copy is mostly zero) change nothing. The reported gap is
 * never below the gap of the same dual point computed here over every feature
 * exactly (the screen's bounds and the shortcut that skips the pass over the
 * outside features may only overstate it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, logisticPath } from '../src/index.js';
import { binaryProblem, logisticKkt } from './helpers/binary.js';

beforeAll(async () => {
  await ready();
});

/**
 * The duality gap (solver scale: n times the model's objective) of the solver's
 * dual point (see assembly/solvers/logisticSolver.ts `dualGap`), every feature
 * exact: θ = y − p moved to Σθ = 0 by scaling the probabilities towards the
 * labels, then scaled into the dual-feasible set (lasso) or charged h* (elastic net).
 */
function exactGap(X: number[][], y: number[], coef: Float64Array, b: number, alpha: number, l1Ratio: number, pf: number[], positive: boolean): number {
  const n = X.length;
  const p = coef.length;
  const l1 = n * alpha * l1Ratio;
  const l2 = n * alpha * (1 - l1Ratio);
  const prob = X.map((row) => 1 / (1 + Math.exp(-row.reduce((a, v, j) => a + v * coef[j], b))));
  let primal = 0;
  for (let i = 0; i < n; i++) primal -= y[i] ? Math.log(prob[i]) : Math.log1p(-prob[i]);
  for (let j = 0; j < p; j++) primal += pf[j] * (l1 * Math.abs(coef[j]) + 0.5 * l2 * coef[j] * coef[j]);
  const s = y.reduce((a, v, i) => a + v - prob[i], 0);
  const ySum = y.reduce((a, v) => a + v, 0);
  const pSum = prob.reduce((a, v) => a + v, 0);
  const kappa = s < 0 ? ySum / pSum : s > 0 ? (n - ySum) / (n - pSum) : 1;
  const p2 = prob.map((q) => (s < 0 ? kappa * q : s > 0 ? 1 - kappa * (1 - q) : q));
  const theta = y.map((v, i) => v - p2[i]);
  let dualNorm = 0;
  let conj = 0;
  for (let j = 0; j < p; j++) {
    const c = X.reduce((a, row, i) => a + row[j] * theta[i], 0);
    const a = positive ? c : Math.abs(c);
    dualNorm = Math.max(dualNorm, a / pf[j]);
    if (l2 > 0 && a > l1 * pf[j]) conj += (a - l1 * pf[j]) ** 2 / (2 * l2 * pf[j]);
  }
  const t = l2 === 0 && dualNorm > l1 ? l1 / dualNorm : 1;
  const H = (m: number): number => (m <= 0 || m >= 1 ? 0 : -m * Math.log(m) - (1 - m) * Math.log1p(-m));
  const dual = theta.reduce((a, th) => a + H(t * Math.abs(th)), 0) - conj;
  return primal - dual;
}

/** Largest KKT violation relative to alpha (unit weights). */
function kktOverAlpha(X: number[][], y: number[], coef: Float64Array, b: number, alpha: number, l1Ratio: number): number {
  return logisticKkt(X, y, null, coef, b, alpha, l1Ratio) / alpha;
}

describe('logistic screen (wide data)', () => {
  const { X, y } = binaryProblem(40, 400, 21);

  for (const l1Ratio of [1, 0.6]) {
    it(`every point of a wide path is certified and meets KKT; backends bit-identical (l1Ratio ${l1Ratio})`, () => {
      const [w, j] = (['wasm', 'js'] as const).map((backend) =>
        logisticPath(X, y, { l1Ratio, nAlphas: 40, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
      expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
      expect(Array.from(w.dualGaps)).toEqual(Array.from(j.dualGaps));
      expect(w.converged).toBe(true);
      for (let k = 0; k < w.alphas.length; k += 3) {
        expect(kktOverAlpha(X, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], l1Ratio)).toBeLessThan(1e-4);
      }
    });
  }

  it('columns of very different scales (the screen divides each by an exact power of two): certified, KKT, same bits', () => {
    const scale = (jj: number): number => (jj === 5 ? 1e-6 : jj === 6 ? 1e6 : jj === 7 ? 3e-3 : 1);
    const Xs = X.map((row) => row.map((v, jj) => v * scale(jj)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 30, eps: 5e-2, tol: 1e-10, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(w.converged).toBe(true);
    expect(Array.from(w.coefs).some((c, t) => t % 400 === 6 && c !== 0)).toBe(true);
    for (let k = 0; k < w.alphas.length; k += 4) {
      expect(kktOverAlpha(Xs, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], 1)).toBeLessThan(1e-4);
    }
  });

  it('a column whose 16-bit copy is mostly zero (one entry 10⁴ times the rest): the bound sends it to the exact product; certified, KKT, same bits', () => {
    const Xs = X.map((row, i) => row.map((v, jj) => (jj === 3 ? (i === 0 ? 1e4 * v : v) : jj === 9 ? (i % 7 === 0 ? 5e3 : 1e-3 * v) : v)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 30, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(Array.from(w.dualGaps)).toEqual(Array.from(j.dualGaps));
    expect(w.converged).toBe(true);
    for (let k = 0; k < w.alphas.length; k += 4) {
      expect(kktOverAlpha(Xs, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], 1)).toBeLessThan(1e-4);
    }
  });

  it('a column below 1e-303 (its 16-bit scale is subnormal, no exact reciprocal): no trap, both backends the same bits', () => {
    const Xs = X.map((row) => row.map((v, jj) => (jj === 2 ? 1e-306 * v : v)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 10, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(w.converged).toBe(true);
    expect(Array.from(w.coefs).every((c, t) => t % 400 !== 2 || c === 0)).toBe(true);
  });

  for (const [l1Ratio, positive] of [[1, false], [0.6, false], [1, true]] as const) {
    it(`the reported gap is at least the exact gap of the same dual point (penalty factors, l1Ratio ${l1Ratio}, positive ${positive})`, () => {
      const pf = Array.from({ length: 400 }, (_, jj) => (jj % 7 === 0 ? 0.5 : jj % 11 === 0 ? 2 : 1));
      const pfSum = pf.reduce((a, v) => a + v, 0);
      const pfUsed = pf.map((v) => (v * 400) / pfSum); // as glmnet, the factors are rescaled to sum to p
      const opts = { l1Ratio, positive, penaltyFactor: pf, nAlphas: 25, eps: 5e-2, tol: 1e-6, onWarning: () => {} };
      const [w, j] = (['wasm', 'js'] as const).map((backend) => logisticPath(X, y, { ...opts, backend }));
      expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
      expect(Array.from(w.dualGaps)).toEqual(Array.from(j.dualGaps));
      const n = X.length;
      let checked = 0;
      for (let k = 0; k < w.alphas.length; k++) {
        const coef = w.coefs.subarray(k * 400, (k + 1) * 400);
        const exact = exactGap(X, y, coef, w.intercepts[k], w.alphas[k], l1Ratio, pfUsed, positive);
        expect(w.dualGaps[k] * n).toBeGreaterThanOrEqual(exact - 1e-9 * n);
        if (exact > 1e-6) checked++;
      }
      expect(checked).toBeGreaterThan(5); // the gaps compared are not all rounding noise
    });
  }
});
