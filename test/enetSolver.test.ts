import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { getBackend } from '../src/backends/index.js';
import { checkMatrix } from '../src/io/matrix.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

function data(n: number, p: number, seed: number) {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => 2 * row[0] - row[p - 1] + 0.3 * r.normal());
  return { X, y };
}

describe.each(['wasm', 'js'] as const)('coordinate-descent engine (%s backend)', (name) => {
  it('naive, lazy-Gram and full-Gram updates reach the same solutions along a warm-started sequence', () => {
    for (const { X, y } of [loadDiabetes(), data(120, 30, 5)]) {
      const M = checkMatrix(X);
      getBackend(name).withDesign(M, y, { fitIntercept: true, standardize: true, sampleWeight: null }, (d) => {
        const solvers = [
          d.enetSolver({ positive: false, penaltyFactor: null, covariance: false }),
          d.enetSolver({ positive: false, penaltyFactor: null, covariance: true, gram: 'lazy' }),
          d.enetSolver({ positive: false, penaltyFactor: null, covariance: true, gram: 'full' }),
        ];
        const l1Max = solvers[0].l1Max;
        for (const s of solvers) expect(s.l1Max).toBeCloseTo(l1Max, 9);
        let prev = l1Max;
        for (const f of [1, 0.5, 0.1, 0.01]) {
          const l1 = f * l1Max;
          const res = solvers.map((s) => s.solve(l1, 0.1 * l1, prev, 100000, 1e-13));
          for (const r of res) expect(r.converged).toBe(true);
          const ref = solvers[0].coef();
          if (f === 1) expect(Array.from(ref).every((c) => c === 0)).toBe(true);
          for (const s of solvers.slice(1)) expect(maxRelDiff(s.coef(), ref)).toBeLessThan(1e-8);
          prev = l1;
        }
      });
    }
  });
});

describe.each(['wasm', 'js'] as const)('stopping at a fixed point (%s backend)', (backend) => {
  it('a tol below rounding stops when a sweep moves nothing, not after maxIter sweeps, and says it did not converge', async () => {
    const { Lasso } = await import('../src/index.js');
    const { X, y } = loadDiabetes();
    const Xs = X.map((r) => r.map((v, j) => (j === 3 ? v * 1e8 : v)));
    const warnings: string[] = [];
    const m = new Lasso({ alpha: 0.1, tol: 1e-16, maxIter: 100000, backend, onWarning: (w) => warnings.push(w) }).fit(Xs, y);
    expect(m.nIter).toBeLessThan(100000);
    expect(m.converged).toBe(false);
    expect(warnings.length).toBe(1);
    // …and the answer is still the tight one.
    const tight = new Lasso({ alpha: 0.1, tol: 1e-13, maxIter: 100000, backend }).fit(Xs, y);
    expect(tight.converged).toBe(true);
    expect(maxRelDiff(m.coef, tight.coef)).toBeLessThan(1e-8);
  });
});
