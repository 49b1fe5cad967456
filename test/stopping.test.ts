/**
 * Honest stopping (issue #13, items 5 and 6): a tol below what rounding
 * allows no longer runs to maxIter (2³¹ − 1 sweeps would never return) — the
 * solver stops at the floating-point floor of the duality gap, (n + p)·ε·||y||²,
 * or at a fixed point, says so in `stopReason` and in the warning, and the
 * answer is the tight one; a real maxIter stop still says maxIter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, lassoPath, enetPath, LassoCV } from '../src/index.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const HUGE = 2 ** 31 - 1;

function collinear(seed: number, n: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => {
    const a = r.normal();
    const b = r.normal();
    return [a, b, a + b, 2 * a - b, r.normal()];
  });
  const y = X.map((row) => row[0] - row[1] + 0.3 * r.normal());
  return { X, y };
}

describe.each(['wasm', 'js'] as const)('a tol below rounding (%s backend)', (backend) => {
  const { X, y } = loadDiabetes();
  const col = collinear(5, 80);

  it.each([
    ['Lasso', { alpha: 0.1 }, X, y],
    ['Lasso positive', { alpha: 0.1, positive: true }, X, y],
    ['ElasticNet', { alpha: 0.01, l1Ratio: 0.5 }, X, y],
    ['ElasticNet (covariance)', { alpha: 0.01, l1Ratio: 0.5, precompute: true }, X, y],
    ['Lasso on collinear data', { alpha: 0.001 }, col.X, col.y],
  ] as const)('%s with tol 1e-300 and maxIter 2³¹ − 1 returns, says why, and gives the tight answer', (name, opts, XX, yy) => {
    const warnings: string[] = [];
    const Model = name.startsWith('Lasso') ? Lasso : ElasticNet;
    const m = new Model({ ...opts, tol: 1e-300, maxIter: HUGE, backend, onWarning: (w) => warnings.push(w) }).fit(XX as number[][], yy as number[]);
    expect(m.nIter).toBeLessThan(100_000);
    expect(m.converged).toBe(false);
    expect(['floor', 'fixedPoint']).toContain(m.stopReason);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/maxIter/);
    expect(warnings[0]).toMatch(m.stopReason === 'floor' ? /floating-point floor of the duality gap/ : /fixed point after \d+ sweeps/);
    expect(warnings[0]).toMatch(/raise tol/);
    const tight = new Model({ ...opts, tol: 1e-12, maxIter: 1_000_000, backend }).fit(XX as number[][], yy as number[]);
    expect(tight.converged).toBe(true);
    expect(tight.stopReason).toBe('converged');
    expect(maxRelDiff(m.coef, tight.coef)).toBeLessThan(1e-8);
  });

  it('paths and cross-validation with tol 1e-300 and maxIter 2³¹ − 1 return and say why', () => {
    const warnings: string[] = [];
    const path = lassoPath(X, y, { nAlphas: 10, tol: 1e-300, maxIter: HUGE, backend, onWarning: (w) => warnings.push(w) });
    // (alpha_max has w = 0 and a gap of exactly 0: converged even at 1e-300.)
    expect(path.stopReasons).not.toContain('maxIter');
    const rounding = path.stopReasons.filter((r) => r === 'floor' || r === 'fixedPoint').length;
    expect(rounding).toBeGreaterThan(5);
    expect(Math.max(...path.nIters)).toBeLessThan(100_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^lassoPath: coordinate descent stopped at the floating-point floor of the duality gap \\(or a fixed point\\) at ${rounding} of 10 alphas`));
    const enet = enetPath(col.X, col.y, { nAlphas: 5, tol: 1e-300, maxIter: HUGE, backend, onWarning: () => {} });
    expect(enet.stopReasons).toHaveLength(5);
    const cv = new LassoCV({ nAlphas: 5, cv: 3, tol: 1e-300, maxIter: HUGE, backend, onWarning: () => {} }).fit(X, y);
    expect(['floor', 'fixedPoint']).toContain(cv.stopReason);
  });

  it('a real maxIter stop says maxIter; a converged fit says converged', () => {
    const warnings: string[] = [];
    const m = new Lasso({ alpha: 0.01, maxIter: 2, tol: 1e-10, backend, onWarning: (w) => warnings.push(w) }).fit(X, y);
    expect(m.stopReason).toBe('maxIter');
    expect(m.nIter).toBe(2);
    expect(warnings[0]).toMatch(/^Lasso: coordinate descent did not converge in maxIter = 2 sweeps/);
    const ok = new Lasso({ alpha: 0.1, backend }).fit(X, y);
    expect(ok.stopReason).toBe('converged');
    const path = lassoPath(X, y, { nAlphas: 5, maxIter: 2, tol: 1e-10, backend, onWarning: (w) => warnings.push(w) });
    expect(path.stopReasons).toContain('maxIter');
    expect(warnings[1]).toMatch(/^lassoPath: coordinate descent did not converge within maxIter = 2 sweeps at \d+ of 5 alphas/);
  });
});

describe('the two backends stop at the same sweep with the same bits', () => {
  it('tol 1e-300 on diabetes', () => {
    const { X, y } = loadDiabetes();
    const a = new Lasso({ alpha: 0.05, tol: 1e-300, maxIter: HUGE, onWarning: () => {} }).fit(X, y);
    const b = new Lasso({ alpha: 0.05, tol: 1e-300, maxIter: HUGE, backend: 'js', onWarning: () => {} }).fit(X, y);
    expect(a.nIter).toBe(b.nIter);
    expect(a.stopReason).toBe(b.stopReason);
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.dualGap).toBe(b.dualGap);
  });
});
