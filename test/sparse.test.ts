import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, lassoPath, enetPath, LassoCV, ElasticNetCV, RidgeCV, type SparseInput } from '../src/index.js';
import { maxRelDiff, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

/** A random n×p matrix with about `density` nonzeros (some columns with large means, one constant, one empty). */
function sparseData(n: number, p: number, density: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => (r.uniform() < density ? r.normal() * 2 + (r.uniform() < 0.3 ? 5 : 0) : 0)));
  for (const row of X) row[p - 1] = 0; // an empty column
  for (const row of X) row[p - 2] = 3; // a constant (full) column
  const y = X.map((row) => 2 * row[0] - 1.5 * row[1] + row[2] + 0.5 * r.normal() + 1);
  return { X, y };
}

export function toCsr(X: number[][]): SparseInput {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of X) {
    row.forEach((v, j) => { if (v !== 0) { indices.push(j); data.push(v); } });
    indptr.push(indices.length);
  }
  return { format: 'csr', indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data), rows: X.length, cols: X[0].length };
}

export function toCsc(X: number[][]): SparseInput {
  const n = X.length;
  const p = X[0].length;
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) if (X[i][j] !== 0) { indices.push(i); data.push(X[i][j]); }
    indptr.push(indices.length);
  }
  return { format: 'csc', indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data), rows: n, cols: p };
}

const tight = { tol: 1e-14, maxIter: 100000 };

describe.each(['wasm', 'js'] as const)('sparse X = dense X (%s backend)', (backend) => {
  const { X, y } = sparseData(60, 12, 0.25, 4);
  const w = X.map((_, i) => (i % 5 === 0 ? 0 : 0.5 + (i % 3)));
  const other = backend === 'wasm' ? 'js' : 'wasm';
  const cases: [string, (extra: object) => { fit(X: unknown, y: unknown, w?: unknown): { coef: Float64Array; intercept: number; predict(X: unknown): Float64Array; score(X: unknown, y: unknown): number } }][] = [
    ['Lasso', (e) => new Lasso({ alpha: 0.05, ...tight, ...e })],
    ['Lasso no intercept, positive', (e) => new Lasso({ alpha: 0.02, fitIntercept: false, positive: true, ...tight, ...e })],
    ['ElasticNet standardize', (e) => new ElasticNet({ alpha: 0.05, l1Ratio: 0.4, standardize: true, ...tight, ...e })],
    ['ElasticNet standardize, no intercept, penaltyFactor', (e) => new ElasticNet({ alpha: 0.05, standardize: true, fitIntercept: false, penaltyFactor: [0, ...new Array(11).fill(1)], ...tight, ...e })],
    ['Ridge', (e) => new Ridge({ alpha: 0.5, ...e })],
    ['Ridge standardize, penaltyFactor', (e) => new Ridge({ alpha: 0.5, standardize: true, penaltyFactor: [1, 2, ...new Array(10).fill(1)], ...e })],
    ['Ridge alpha = 0 (singular: an empty and a constant column)', (e) => new Ridge({ alpha: 0, onWarning: () => {}, ...e })],
    ['Ridge positive', (e) => new Ridge({ alpha: 0.5, positive: true, tol: 1e-12, maxIter: 100000, ...e })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: CSR and CSC give the dense fit to 1e-10, with and without sample weights; the backends agree bit for bit`, () => {
      for (const sw of [undefined, w]) {
        const dense = make({ backend }).fit(X, y, sw);
        const csr = make({ backend }).fit(toCsr(X), y, sw);
        const csc = make({ backend }).fit(toCsc(X), y, sw);
        expect(maxRelDiff(csr.coef, dense.coef)).toBeLessThan(1e-10);
        expect(Math.abs(csr.intercept - dense.intercept)).toBeLessThan(1e-10 * Math.max(1, Math.abs(dense.intercept)));
        expect(Array.from(csc.coef)).toEqual(Array.from(csr.coef));
        const twin = make({ backend: other }).fit(toCsr(X), y, sw);
        expect(Array.from(twin.coef)).toEqual(Array.from(csr.coef));
        expect(twin.intercept).toBe(csr.intercept);
        const pd = dense.predict(X);
        const ps = csr.predict(toCsr(X));
        expect(maxRelDiff(ps, pd)).toBeLessThan(1e-10);
        expect(csr.score(toCsc(X), y)).toBeCloseTo(dense.score(X, y), 10);
      }
    });
  }

  it('several targets with a sparse X (Ridge from one factorization, Lasso per target)', () => {
    const Y = y.map((v, i) => [v, X[i][3] - v, 2 * X[i][4]]);
    for (const make of [() => new Ridge({ alpha: 0.3, backend }), () => new Lasso({ alpha: 0.01, ...tight, backend })]) {
      const d = make().fit(X, Y, w);
      const s = make().fit(toCsr(X), Y, w);
      expect(maxRelDiff(s.coef, d.coef)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.intercepts, d.intercepts)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.predict(toCsc(X)), d.predict(X))).toBeLessThan(1e-10);
    }
  });
});
