/**
 * LogisticRegression on both backends: the KKT conditions of glmnet's binomial
 * objective hold at the solution, the backends agree bit for bit, relabelling
 * the classes flips the signs, integer weights equal repeated rows, C maps to
 * alpha = 1/(n·C), bad input and degenerate data give clear errors/warnings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LogisticRegression, NotFittedError } from '../src/index.js';
import { rng } from './helpers/data.js';
import { binaryProblem, logisticKkt as kkt } from './helpers/binary.js';

beforeAll(async () => {
  await ready();
});

const backends = ['wasm', 'js'] as const;

describe('LogisticRegression', () => {
  const { X, y } = binaryProblem(120, 8, 1);

  for (const l1Ratio of [1, 0.5, 0]) {
    for (const standardize of [false, true]) {
      it(`KKT at the solution, both backends bit-identical (l1Ratio ${l1Ratio}, standardize ${standardize})`, () => {
        const alpha = 0.02;
        const fits = backends.map((backend) =>
          new LogisticRegression({ alpha, l1Ratio, standardize, tol: 1e-12, maxIter: 100000, backend }).fit(X, y));
        const [a, b] = fits;
        expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
        expect(a.intercept).toBe(b.intercept);
        expect(a.nIter).toBe(b.nIter);
        expect(a.dualGap).toBe(b.dualGap);
        expect(a.converged).toBe(true);
        if (!standardize) expect(kkt(X, y, null, a.coef, a.intercept, alpha, l1Ratio)).toBeLessThan(1e-7);
        else {
          // Standardized: the KKT conditions hold for the standardized columns (glmnet's convention).
          const n = X.length;
          const sd = X[0].map((_, j) => {
            const m = X.reduce((s, r) => s + r[j], 0) / n;
            return Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n);
          });
          const Z = X.map((r) => r.map((v, j) => v / sd[j]));
          const cz = Float64Array.from(a.coef, (c, j) => c * sd[j]);
          expect(kkt(Z, y, null, cz, a.intercept, alpha, l1Ratio)).toBeLessThan(1e-7);
        }
        if (l1Ratio > 0) expect(a.coef.some((c) => c === 0)).toBe(true);
      });
    }
  }

  it('relabelling the classes flips every sign; string and boolean labels work', () => {
    const base = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y);
    const flipped = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y.map((v) => 1 - v));
    for (let j = 0; j < 8; j++) expect(flipped.coef[j]).toBeCloseTo(-base.coef[j], 9);
    expect(flipped.intercept).toBeCloseTo(-base.intercept, 9);
    const labels = y.map((v) => (v ? 'spam' : 'ham'));
    const s = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, labels);
    expect(s.classes).toEqual(['ham', 'spam']);
    expect(Array.from(s.coef)).toEqual(Array.from(base.coef));
    expect(s.predict(X.slice(0, 5)).every((v) => v === 'ham' || v === 'spam')).toBe(true);
    const bools = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y.map((v) => v === 1));
    expect(bools.classes).toEqual([false, true]);
    expect(Array.from(bools.coef)).toEqual(Array.from(base.coef));
    // Labels 3/7 instead of 0/1: classes sorted, the same model.
    const nums = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y.map((v) => (v ? 7 : 3)));
    expect(nums.classes).toEqual([3, 7]);
    expect(Array.from(nums.coef)).toEqual(Array.from(base.coef));
  });

  it('integer sample weights equal repeated rows', () => {
    const r = rng(3);
    const w = X.map(() => Math.floor(r.uniform() * 3));
    w[0] = 2;
    const Xr: number[][] = [];
    const yr: number[] = [];
    X.forEach((row, i) => {
      for (let k = 0; k < w[i]; k++) {
        Xr.push(row);
        yr.push(y[i]);
      }
    });
    for (const standardize of [false, true]) {
      // The same objective needs the same alpha: weights are rescaled to sum to n, repeated rows are n' rows.
      const a = new LogisticRegression({ alpha: 0.01, l1Ratio: 0.7, standardize, tol: 1e-14, maxIter: 100000 }).fit(X, y, w);
      const b = new LogisticRegression({ alpha: 0.01, l1Ratio: 0.7, standardize, tol: 1e-14, maxIter: 100000 }).fit(Xr, yr);
      for (let j = 0; j < 8; j++) expect(a.coef[j]).toBeCloseTo(b.coef[j], 7);
      expect(a.intercept).toBeCloseTo(b.intercept, 7);
    }
  });

  it("C is scikit-learn's inverse penalty: alpha = 1/(n·C); giving both is an error", () => {
    const n = X.length;
    const a = new LogisticRegression({ C: 0.5, tol: 1e-12 }).fit(X, y);
    const b = new LogisticRegression({ alpha: 1 / (n * 0.5), tol: 1e-12 }).fit(X, y);
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.alphaUsed).toBe(1 / (n * 0.5));
    expect(() => new LogisticRegression({ C: 1, alpha: 1 })).toThrow(/either 'alpha' or 'C'/);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(RangeError);
  });

  it("classWeight 'balanced' and a map equal the matching sample weights", () => {
    const n = y.length;
    const ones = y.reduce((s, v) => s + v, 0);
    const w = y.map((v) => (v ? n / (2 * ones) : n / (2 * (n - ones))));
    const a = new LogisticRegression({ alpha: 0.01, classWeight: 'balanced', tol: 1e-12 }).fit(X, y);
    const b = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y, w);
    for (let j = 0; j < 8; j++) expect(a.coef[j]).toBeCloseTo(b.coef[j], 10);
    const c = new LogisticRegression({ alpha: 0.01, classWeight: { 1: 3 }, tol: 1e-12 }).fit(X, y);
    const d = new LogisticRegression({ alpha: 0.01, tol: 1e-12 }).fit(X, y, y.map((v) => (v ? 3 : 1)));
    expect(Array.from(c.coef)).toEqual(Array.from(d.coef));
    expect(() => new LogisticRegression({ classWeight: { 5: 2 } }).fit(X, y)).toThrow(/not a class/);
  });

  it('predict, predictProba, decisionFunction and score agree', () => {
    const m = new LogisticRegression({ alpha: 0.005 }).fit(X, y);
    const s = m.decisionFunction(X);
    const p = m.predictProba(X);
    const lab = m.predict(X);
    let hit = 0;
    for (let i = 0; i < X.length; i++) {
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-s[i])), 14);
      expect(lab[i]).toBe(s[i] > 0 ? 1 : 0);
      if (lab[i] === y[i]) hit++;
    }
    expect(m.score(X, y)).toBe(hit / X.length);
    expect(m.score(X, y)).toBeGreaterThan(0.6);
  });

  it('toJSON/fromJSON round trip', () => {
    const m = new LogisticRegression({ C: 2, l1Ratio: 0.5, classWeight: 'balanced' }).fit(X, y.map((v) => (v ? 'b' : 'a')));
    const r = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(Array.from(r.coef)).toEqual(Array.from(m.coef));
    expect(r.classes).toEqual(['a', 'b']);
    expect(r.predict(X)).toEqual(m.predict(X));
    expect(r.params.C).toBe(2);
    expect(() => LogisticRegression.fromJSON({ ...m.toJSON(), classes: ['a'] })).toThrow(/classes/);
  });

  it('alpha at or above alpha_max gives all-zero coefficients and the null intercept', () => {
    const m = new LogisticRegression({ alpha: 10 }).fit(X, y);
    expect(Array.from(m.coef).every((c) => c === 0)).toBe(true);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    expect(m.intercept).toBeCloseTo(Math.log(mean / (1 - mean)), 14);
  });

  it('positive and penaltyFactor', () => {
    const m = new LogisticRegression({ alpha: 0.005, positive: true, tol: 1e-12 }).fit(X, y);
    expect(Array.from(m.coef).every((c) => c >= 0)).toBe(true);
    const pf = [0, 1, 1, 1, 1, 1, 1, 1];
    const u = new LogisticRegression({ alpha: 1, penaltyFactor: pf, tol: 1e-12 }).fit(X, y);
    expect(u.coef[0]).not.toBe(0);
    expect(Array.from(u.coef.slice(1)).every((c) => c === 0)).toBe(true);
  });

  it('separable data: a tiny alpha warns that the coefficients diverge', () => {
    const Xs = [[0], [1], [2], [3], [4], [5]];
    const ys = [0, 0, 0, 1, 1, 1];
    const warnings: string[] = [];
    const m = new LogisticRegression({ alpha: 1e-8, onWarning: (w) => warnings.push(w), maxIter: 100000 }).fit(Xs, ys);
    expect(warnings.some((w) => /separable/.test(w))).toBe(true);
    expect(Number.isFinite(m.coef[0])).toBe(true);
    expect(m.score(Xs, ys)).toBe(1);
  });

  it('clear errors: one class, three classes, unknown labels, not fitted, mixed label types', () => {
    expect(() => new LogisticRegression().fit(X, y.map(() => 1))).toThrow(/only one class/);
    expect(() => new LogisticRegression().fit(X, y.map((v, i) => (i === 5 ? 2 : v)))).toThrow(/more than two classes/);
    expect(() => new LogisticRegression().fit(X, y.map((v, i) => (i === 5 ? 'x' : v)))).toThrow(TypeError);
    expect(() => new LogisticRegression().fit(X, y.map((v, i) => (i === 5 ? NaN : v)))).toThrow(TypeError);
    expect(() => new LogisticRegression().fit(X, y, y.map((v) => (v ? 0 : 1)))).toThrow(/zero total weight/);
    const m = new LogisticRegression().fit(X, y);
    expect(() => m.score(X, y.map((v, i) => (i === 3 ? 9 : v)))).toThrow(/neither class/);
    expect(() => new LogisticRegression().predict(X)).toThrow(NotFittedError);
    expect(() => m.predict([[1, 2]])).toThrow(/columns/);
    expect(() => new LogisticRegression({ l1Ratio: 2 } as never)).toThrow(RangeError);
    expect(() => new LogisticRegression({ aplha: 1 } as never)).toThrow(/unknown option/);
  });
});
