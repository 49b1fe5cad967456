/**
 * Penalty factors at the extremes (issue #13, item 3). Factors are rescaled
 * through the largest one (no overflow of their sum), and a factor below
 * 2⁻⁵² × the largest — whose penalty is below double-precision rounding of
 * the gradient at every alpha that leaves any other feature penalized — is
 * treated as 0 (unpenalized). So every finite non-negative input gives the
 * answer of the equivalent ordinary factors, bit for bit, on both backends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, lassoPath, LassoCV, RidgeCV } from '../src/index.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => row[0] - 2 * row[1] + row[3] + 0.5 * r.normal());
  return { X, y };
}

/** The fits whose last value is their `converged` flag. */
const reportsConvergence = new Set(['Lasso', 'ElasticNet (covariance)', 'lassoPath']);

type Fit = (pf: number[], backend: 'wasm' | 'js') => number[];

const tall = problem(1, 60, 4);
const wide = problem(2, 6, 12);

const fits: [string, Fit][] = [
  ['Lasso', (pf, backend) => {
    const m = new Lasso({ alpha: 0.05, penaltyFactor: pf, backend, tol: 1e-8, onWarning: () => {} }).fit(tall.X, tall.y);
    return [...m.coef, m.intercept, m.dualGap, +m.converged];
  }],
  ['ElasticNet (covariance)', (pf, backend) => {
    const m = new ElasticNet({ alpha: 0.05, l1Ratio: 0.6, precompute: true, penaltyFactor: pf, backend, tol: 1e-8, onWarning: () => {} }).fit(tall.X, tall.y);
    return [...m.coef, m.intercept, m.dualGap, +m.converged];
  }],
  ['lassoPath', (pf, backend) => {
    const r = lassoPath(tall.X, tall.y, { nAlphas: 6, penaltyFactor: pf, backend, onWarning: () => {} });
    return [...r.alphas, ...r.coefs, ...r.intercepts, +r.converged];
  }],
  ['LassoCV', (pf, backend) => {
    const m = new LassoCV({ nAlphas: 5, cv: 3, penaltyFactor: pf, backend }).fit(tall.X, tall.y);
    return [...m.mseMean, ...m.coef, m.intercept];
  }],
  ['Ridge (primal)', (pf, backend) => {
    const m = new Ridge({ alpha: 0.5, penaltyFactor: pf, backend }).fit(tall.X, tall.y);
    return [...m.coef, m.intercept];
  }],
  ['RidgeCV (k-fold)', (pf, backend) => {
    const m = new RidgeCV({ alphas: [0.1, 1, 10], cv: 3, penaltyFactor: pf, backend }).fit(tall.X, tall.y);
    return [...m.mseMean, ...m.coef, m.intercept];
  }],
];

describe.each(['wasm', 'js'] as const)('penalty factors at the extremes (%s backend)', (backend) => {
  it.each(fits)('%s: huge factors whose sum overflows give the answer of the same ratios', (name, fit) => {
    const a = fit([1e308, 5e307, 1e308, 1e308], backend);
    const b = fit([2, 1, 2, 2], backend);
    a.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(a).toEqual(b);
    if (reportsConvergence.has(name)) expect(a[a.length - 1], 'converged').toBe(1);
  });

  it.each(fits)('%s: [1e308, 1e308, 1e308, 1] is [1, 1, 1, 0] (the last penalty is 1e-308 of the others)', (_name, fit) => {
    expect(fit([1e308, 1e308, 1e308, 1], backend)).toEqual(fit([1, 1, 1, 0], backend));
  });

  it.each(fits)('%s: a tiny positive factor (1e-320, 1e-300, 1e-17 of the largest) is an unpenalized feature', (_name, fit) => {
    const zero = fit([0, 1, 1, 1], backend);
    zero.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    for (const t of [1e-320, 1e-300, 1e-17]) expect(fit([t, 1, 1, 1], backend)).toEqual(zero);
    // Just above the threshold the factor is kept: a different, still finite answer
    // (its penalty is close to the gradient's rounding, so the gap may stall above a tight tol).
    const kept = fit([1e-15, 1, 1, 1], backend);
    kept.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  });

  it('Ridge with p > n and every factor > 0 but one tiny: the answer of that feature unpenalized', () => {
    const pf = Array.from({ length: 12 }, (_, j) => (j === 2 ? 1e-320 : 1 + (j % 3)));
    const pf0 = pf.map((f) => (f < 1e-300 ? 0 : f));
    const a = new Ridge({ alpha: 0.3, penaltyFactor: pf, backend }).fit(wide.X, wide.y);
    const b = new Ridge({ alpha: 0.3, penaltyFactor: pf0, backend }).fit(wide.X, wide.y);
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.intercept).toBe(b.intercept);
  });

  it('RidgeCV leave-one-out with a tiny positive factor says which feature counts as unpenalized and why', () => {
    expect(() => new RidgeCV({ penaltyFactor: [1e-320, 1, 1, 1], backend }).fit(tall.X, tall.y)).toThrow(
      /^RidgeCV: efficient leave-one-out needs every feature penalized, but penaltyFactor\[0\] = 1e-320 is below 2⁻⁵² × the largest factor, so feature 0 is unpenalized; use cv: k/,
    );
    // Large but finite ratios are fine.
    const a = new RidgeCV({ penaltyFactor: [1e308, 1e308, 1e300, 1e308], backend }).fit(tall.X, tall.y);
    const b = new RidgeCV({ penaltyFactor: [1, 1, 1e-8, 1], backend }).fit(tall.X, tall.y);
    expect(Array.from(a.mseMean).every(Number.isFinite)).toBe(true);
    expect(a.alpha).toBe(b.alpha);
  });
});
