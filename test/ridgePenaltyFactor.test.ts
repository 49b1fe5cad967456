import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Ridge, RidgeCV } from '../src/index.js';
import { maxRelDiff, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

function data(n: number, p: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal() * 2 + 1));
  const y = X.map((row) => row[0] - 0.5 * row[p - 1] + 0.3 * r.normal() + 4);
  return { X, y };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A small, dense). */
function solve(A: number[][], b: number[]): number[] {
  const m = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < m; k++) {
    let piv = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(M[i][k]) > Math.abs(M[piv][k])) piv = i;
    [M[k], M[piv]] = [M[piv], M[k]];
    for (let i = k + 1; i < m; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= m; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let k = m - 1; k >= 0; k--) {
    let s = M[k][m];
    for (let j = k + 1; j < m; j++) s -= M[k][j] * x[j];
    x[k] = s / M[k][k];
  }
  return x;
}

/** Exact ridge with per-feature penalties: (X_cᵀX_c + α·diag(pf·p/Σpf)) w = X_cᵀy_c, b = ȳ − x̄ᵀw. */
function exactRidge(X: number[][], y: number[], alpha: number, pf: number[]): { coef: number[]; intercept: number } {
  const n = X.length;
  const p = X[0].length;
  const sum = pf.reduce((a, b) => a + b, 0);
  const f = pf.map((v) => (v * p) / sum);
  const xm = Array.from({ length: p }, (_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  const ym = y.reduce((a, b) => a + b, 0) / n;
  const A = Array.from({ length: p }, (_, j) =>
    Array.from({ length: p }, (_, k) => X.reduce((s, r) => s + (r[j] - xm[j]) * (r[k] - xm[k]), 0) + (j === k ? alpha * f[j] : 0)),
  );
  const b = Array.from({ length: p }, (_, j) => X.reduce((s, r, i) => s + (r[j] - xm[j]) * (y[i] - ym), 0));
  const coef = solve(A, b);
  return { coef, intercept: ym - coef.reduce((s, c, j) => s + c * xm[j], 0) };
}

describe.each(['wasm', 'js'] as const)('Ridge penaltyFactor (%s backend)', (backend) => {
  it.each([
    ['n > p (primal)', 40, 6, [1, 2, 0.5, 1, 3, 1]],
    ['n > p with an unpenalized feature', 40, 6, [1, 0, 0.5, 1, 3, 1]],
    ['p > n (dual on scaled columns)', 8, 20, Array.from({ length: 20 }, (_, j) => 0.5 + (j % 4))],
    ['p > n with an unpenalized feature (primal)', 8, 20, Array.from({ length: 20 }, (_, j) => (j === 3 ? 0 : 1 + (j % 3)))],
  ] as const)('%s: solves (XᵀX + α·diag(pf)) w = Xᵀy with glmnet-rescaled factors', (_name, n, p, pf) => {
    const { X, y } = data(n, p, n * 31 + p);
    const alpha = 2.5;
    const m = new Ridge({ alpha, penaltyFactor: pf, backend }).fit(X, y);
    const ref = exactRidge(X, y, alpha, [...pf]);
    expect(maxRelDiff(m.coef, ref.coef)).toBeLessThan(1e-9);
    expect(Math.abs(m.intercept - ref.intercept)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.intercept)));
    // factors all equal = plain ridge
    const plain = new Ridge({ alpha, backend }).fit(X, y);
    const ones = new Ridge({ alpha, penaltyFactor: new Array(p).fill(7), backend }).fit(X, y);
    expect(maxRelDiff(ones.coef, plain.coef)).toBeLessThan(1e-12);
    const back = Ridge.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(back.params.penaltyFactor!)).toEqual([...pf]);
    expect(maxRelDiff(back.predict(X), m.predict(X))).toBe(0);
  });
});

describe('RidgeCV with penaltyFactor and sampleWeight options', () => {
  it('leave-one-out errors equal n brute-force Ridge refits with the same factors, on both backends', () => {
    for (const [n, p] of [[30, 5], [9, 14]] as const) {
      const { X, y } = data(n, p, 7 + n);
      const pf = Array.from({ length: p }, (_, j) => 0.5 + (j % 3));
      const alphas = [0.3, 3, 30];
      const fits = (['wasm', 'js'] as const).map((backend) => new RidgeCV({ alphas, penaltyFactor: pf, backend }).fit(X, y));
      expect(maxRelDiff(fits[0].mseMean, fits[1].mseMean)).toBe(0);
      alphas.forEach((alpha, k) => {
        let s = 0;
        for (let i = 0; i < n; i++) {
          const m = new Ridge({ alpha, penaltyFactor: pf, backend: 'js' }).fit(X.filter((_, t) => t !== i), y.filter((_, t) => t !== i));
          s += (y[i] - m.predict([X[i]])[0]) ** 2;
        }
        expect(Math.abs(fits[0].mseMean[k] - s / n)).toBeLessThan(1e-8 * (s / n));
      });
      const best = new Ridge({ alpha: fits[0].alpha, penaltyFactor: pf }).fit(X, y);
      expect(maxRelDiff(fits[0].coef, best.coef)).toBe(0);
    }
  });

  it('an unpenalized feature needs cv: k for RidgeCV, which then works', () => {
    const { X, y } = data(30, 5, 3);
    const pf = [1, 0, 1, 2, 1];
    expect(() => new RidgeCV({ penaltyFactor: pf }).fit(X, y)).toThrow(/needs every feature penalized, but penaltyFactor\[1\] is 0; use cv: k/);
    const cv = new RidgeCV({ penaltyFactor: pf, cv: 3 }).fit(X, y);
    const best = new Ridge({ alpha: cv.alpha, penaltyFactor: pf }).fit(X, y);
    expect(maxRelDiff(cv.coef, best.coef)).toBe(0);
  });

  it('sampleWeight as an option equals sampleWeight in fit', () => {
    const { X, y } = data(25, 4, 9);
    const w = y.map((_, i) => 0.5 + (i % 3));
    const a = new RidgeCV({ sampleWeight: w }).fit(X, y);
    const b = new RidgeCV().fit(X, y, w);
    expect(Array.from(a.mseMean)).toEqual(Array.from(b.mseMean));
    expect(maxRelDiff(a.coef, b.coef)).toBe(0);
  });
});
