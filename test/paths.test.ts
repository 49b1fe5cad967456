import { beforeAll, describe, expect, it } from 'vitest';
import { ready, lassoPath, enetPath, Lasso, ElasticNet } from '../src/index.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';

const backends = ['wasm', 'js'] as const;
const { X, y } = loadDiabetes();

function synthetic(n: number, p: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const Xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, () => r.normal());
    Xs.push(row);
    ys.push(3 * row[0] - 2 * row[1] + row[Math.min(5, p - 1)] + 0.5 * r.normal());
  }
  return { X: Xs, y: ys };
}

beforeAll(async () => {
  await ready();
});

describe.each(backends)('paths (%s backend)', (backend) => {
  it('default grid: alpha_max first, log-spaced down to eps·alpha_max, all-zero at alpha_max', () => {
    const p = lassoPath(X, y, { nAlphas: 30, eps: 1e-2, backend });
    expect(p.alphas.length).toBe(30);
    expect(p.coefs.length).toBe(30 * 10);
    for (let j = 0; j < 10; j++) expect(p.coefs[j]).toBe(0);
    expect(p.alphas[29] / p.alphas[0]).toBeCloseTo(1e-2, 12);
    for (let k = 1; k < 30; k++) {
      expect(p.alphas[k]).toBeLessThan(p.alphas[k - 1]);
      expect(p.alphas[k] / p.alphas[k - 1]).toBeCloseTo(p.alphas[1] / p.alphas[0], 10);
    }
    // alpha_max = max|X_cᵀ y_c| / n computed independently.
    const n = X.length;
    const ym = y.reduce((a, b) => a + b) / n;
    let amax = 0;
    for (let j = 0; j < 10; j++) {
      let xm = 0;
      for (let i = 0; i < n; i++) xm += X[i][j];
      xm /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (X[i][j] - xm) * (y[i] - ym);
      amax = Math.max(amax, Math.abs(s) / n);
    }
    expect(p.alphas[0]).toBeCloseTo(amax, 8);
    // just below alpha_max something enters
    expect(Array.from(p.coefs.slice(10, 20)).some((c) => c !== 0)).toBe(true);
  });

  it('every path point equals a cold single fit at that alpha (1e-6), and screening never changes the answer', () => {
    for (const [data, l1Ratio, standardize] of [
      [{ X, y }, 1, false],
      [synthetic(60, 150, 7), 0.7, true],
      [synthetic(400, 12, 3), 0.3, false],
    ] as const) {
      const opts = { nAlphas: 25, eps: 1e-3, tol: 1e-12, maxIter: 200000, backend, l1Ratio, standardize };
      const path = enetPath(data.X, data.y, opts);
      const noScreen = enetPath(data.X, data.y, { ...opts, screening: false });
      expect(path.converged).toBe(true);
      const p = data.X[0].length;
      expect(maxRelDiff(path.coefs, noScreen.coefs)).toBeLessThan(1e-6);
      for (const k of [0, 5, 12, 24]) {
        const m = new ElasticNet({ alpha: path.alphas[k], l1Ratio, standardize, tol: 1e-12, maxIter: 200000, backend }).fit(data.X, data.y);
        expect(maxRelDiff(path.coefs.subarray(k * p, (k + 1) * p), m.coef)).toBeLessThan(1e-6);
        expect(Math.abs(path.intercepts[k] - m.intercept)).toBeLessThan(1e-6 * Math.max(1, Math.abs(m.intercept)));
      }
    }
  });

  it('explicit alphas are sorted decreasing, and onProgress reaches 1', () => {
    const seen: number[] = [];
    const p = lassoPath(X, y, { alphas: [0.1, 10, 1], backend, onProgress: (f) => seen.push(f) });
    expect(Array.from(p.alphas)).toEqual([10, 1, 0.1]);
    expect(seen.length).toBe(3);
    expect(seen[2]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
    const m = new Lasso({ alpha: 1, backend }).fit(X, y);
    expect(maxRelDiff(p.coefs.subarray(10, 20), m.coef)).toBeLessThan(1e-3);
  });

  it('l1Ratio = 0 needs explicit alphas', () => {
    expect(() => enetPath(X, y, { l1Ratio: 0, backend })).toThrow(/alphas/);
    const p = enetPath(X, y, { l1Ratio: 0, alphas: [1, 0.1], backend });
    expect(p.coefs.length).toBe(20);
  });
});

describe('path backends agree', () => {
  it('bit-identical paths on both backends, for both update modes', () => {
    for (const precompute of [true, false]) {
      const a = lassoPath(X, y, { nAlphas: 40, backend: 'wasm', precompute });
      const b = lassoPath(X, y, { nAlphas: 40, backend: 'js', precompute });
      expect(maxRelDiff(a.coefs, b.coefs)).toBeLessThanOrEqual(1e-10);
      expect(Array.from(a.nIters)).toEqual(Array.from(b.nIters));
    }
  });
});
