/**
 * Edge cases give the right answer, checked against exact math computed here
 * (closed forms, normal equations, alpha_max), not against the library.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge } from '../src/index.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';
import { alphaMax, kktViolation, minNormLeastSquares, normalEquations } from './helpers/exact.js';

const backends = ['wasm', 'js'] as const;

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function randomProblem(seed: number, n: number, p: number, noise = 0.3): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const beta = Array.from({ length: p }, (_, j) => (j % 3 === 2 ? 0 : r.normal() * 2));
  const y = X.map((row) => 1.5 + row.reduce((s, v, j) => s + v * beta[j], 0) + noise * r.normal());
  return { X, y };
}

const allFinite = (a: ArrayLike<number>): boolean => Array.from(a).every(Number.isFinite);

describe.each(backends)('edge cases (%s backend)', (backend) => {
  describe('constant columns get coefficient 0, never NaN', () => {
    const { X: X0, y } = randomProblem(11, 30, 3);
    // Columns 1 and 3 are constant (3 is a non-representable decimal whose mean is not exact).
    const X = X0.map((r) => [r[0], 7, r[1], 0.1, r[2]]);
    for (const standardize of [false, true]) {
      it(`Lasso, ElasticNet, Ridge (standardize: ${standardize})`, () => {
        const fits = [
          [new Lasso({ alpha: 0.05, standardize, tol: 1e-12, backend }), new Lasso({ alpha: 0.05, standardize, tol: 1e-12, backend })],
          [new ElasticNet({ alpha: 0.05, standardize, tol: 1e-12, backend }), new ElasticNet({ alpha: 0.05, standardize, tol: 1e-12, backend })],
          [new Ridge({ alpha: 0.5, standardize, backend }), new Ridge({ alpha: 0.5, standardize, backend })],
        ] as const;
        for (const [withConst, without] of fits) {
          withConst.fit(X, y);
          without.fit(X0, y);
          expect(withConst.coef[1]).toBe(0);
          expect(withConst.coef[3]).toBe(0);
          expect(allFinite(withConst.coef) && Number.isFinite(withConst.intercept)).toBe(true);
          // The other coefficients are those of the fit without the constant columns.
          const rest = [withConst.coef[0], withConst.coef[2], withConst.coef[4]];
          expect(maxRelDiff(rest, without.coef)).toBeLessThan(1e-9);
          expect(withConst.intercept).toBeCloseTo(without.intercept, 9);
        }
      });
    }

    it('a column constant on the rows of positive weight counts as constant', () => {
      // Rows 25… have weight 0; on the others column 1 is 0.1 (its weighted mean is not exactly 0.1).
      const Xw = X0.map((r, i) => [r[0], i < 25 ? 0.1 : 5 + i, r[1]]);
      const w = X0.map((_, i) => (i < 25 ? 1 : 0));
      for (const standardize of [false, true]) {
        const lasso = new Lasso({ alpha: 0, standardize, tol: 1e-12, backend }).fit(Xw, y, w);
        const ridge = new Ridge({ alpha: 1e-8, standardize, backend }).fit(Xw, y, w);
        expect(lasso.coef[1]).toBe(0);
        expect(ridge.coef[1]).toBe(0);
        // …and the others are least squares on the 25 weighted rows without that column.
        const ls = normalEquations(X0.slice(0, 25).map((r) => [r[0], r[1]]), y.slice(0, 25), 0, true)!;
        expect(maxRelDiff([lasso.coef[0], lasso.coef[2]], ls.coef)).toBeLessThan(1e-7);
        expect(maxRelDiff([ridge.coef[0], ridge.coef[2]], ls.coef)).toBeLessThan(1e-7);
      }
    });
  });

  describe('duplicated columns', () => {
    const { X: X0, y } = randomProblem(12, 40, 3);
    const X = X0.map((r) => [r[0], r[1], r[2], r[0]]); // column 3 duplicates column 0

    it('Lasso splits the coefficient without changing the fit (same sign, same sum, same predictions)', () => {
      const dup = new Lasso({ alpha: 0.05, tol: 1e-12, backend }).fit(X, y);
      const single = new Lasso({ alpha: 0.05, tol: 1e-12, backend }).fit(X0, y);
      expect(dup.coef[0] * dup.coef[3]).toBeGreaterThanOrEqual(0);
      expect(dup.coef[0] + dup.coef[3]).toBeCloseTo(single.coef[0], 7);
      expect(maxRelDiff([dup.coef[1], dup.coef[2]], [single.coef[1], single.coef[2]])).toBeLessThan(1e-7);
      expect(maxRelDiff(dup.predict(X), single.predict(X0))).toBeLessThan(1e-7);
    });

    it('ElasticNet and Ridge (strictly convex) give both copies the same coefficient', () => {
      const en = new ElasticNet({ alpha: 0.05, l1Ratio: 0.5, tol: 1e-14, maxIter: 100000, backend }).fit(X, y);
      expect(en.coef[0]).toBeCloseTo(en.coef[3], 6);
      const rd = new Ridge({ alpha: 2, backend }).fit(X, y);
      expect(rd.coef[0]).toBeCloseTo(rd.coef[3], 10);
      // Exact: w₀ = w₃ = u/√2 where u is the ridge coefficient of the column √2·x₀.
      const scaled = normalEquations(X0.map((r) => [Math.SQRT2 * r[0], r[1], r[2]]), y, 2, true)!;
      expect(maxRelDiff([rd.coef[0], rd.coef[1], rd.coef[2]], [scaled.coef[0] / Math.SQRT2, scaled.coef[1], scaled.coef[2]])).toBeLessThan(1e-10);
    });
  });

  describe('columns scaled by 1e8 and 1e-8', () => {
    const { X: X0, y } = randomProblem(13, 50, 3);
    const s = [1e8, 1e-8, 1];
    const X = X0.map((r) => r.map((v, j) => v * s[j]));

    it('with standardize, coefficients scale by 1/c and predictions are unchanged', () => {
      const pairs = [
        [new Lasso({ alpha: 0.05, standardize: true, tol: 1e-12, backend }), new Lasso({ alpha: 0.05, standardize: true, tol: 1e-12, backend })],
        [new ElasticNet({ alpha: 0.05, standardize: true, tol: 1e-12, backend }), new ElasticNet({ alpha: 0.05, standardize: true, tol: 1e-12, backend })],
        [new Ridge({ alpha: 3, standardize: true, backend }), new Ridge({ alpha: 3, standardize: true, backend })],
      ] as const;
      for (const [a, b] of pairs) {
        a.fit(X, y);
        b.fit(X0, y);
        expect(maxRelDiff(Array.from(a.coef, (c, j) => c * s[j]), b.coef)).toBeLessThan(1e-9);
        expect(a.intercept).toBeCloseTo(b.intercept, 8);
        expect(maxRelDiff(a.predict(X), b.predict(X0))).toBeLessThan(1e-9);
      }
    });

    it('without standardize, Ridge matches the normal equations and Lasso satisfies KKT', () => {
      const rd = new Ridge({ alpha: 1e-3, backend }).fit(X, y);
      const exact = normalEquations(X, y, 1e-3, true)!;
      // Compare on the scale of each column's contribution (coef·c), where all are O(1).
      expect(maxRelDiff(Array.from(rd.coef, (c, j) => c * s[j]), exact.coef.map((c, j) => c * s[j]))).toBeLessThan(1e-8);
      // (With a 1e8 column the duality gap has a rounding floor near 1e-11·||y||², so tol is 1e-10 here.)
      const la = new Lasso({ alpha: 0.01, tol: 1e-10, maxIter: 100000, backend }).fit(X, y);
      expect(la.converged).toBe(true);
      const k = kktViolation(X, y, la.coef, la.intercept, 0.01, 1, true);
      expect(k.coef).toBeLessThan(1e-6);
      expect(la.coef[1]).toBe(0); // a 1e-8 column cannot overcome alpha = 0.01
      expect(la.coef[0]).not.toBe(0);
    });
  });

  describe('one row, one column', () => {
    it('n = 1 with an intercept: nothing to explain, coefficients 0, intercept y', () => {
      for (const standardize of [false, true]) {
        for (const m of [new Lasso({ alpha: 0.1, standardize, backend }), new ElasticNet({ alpha: 0.1, standardize, backend }), new Ridge({ alpha: 0.5, standardize, backend })]) {
          m.fit([[2, -1]], [3]);
          expect(Array.from(m.coef)).toEqual([0, 0]);
          expect(m.intercept).toBe(3);
          expect(m.predict([[5, 5]])[0]).toBe(3);
        }
      }
    });

    it('n = 1, p = 1 without an intercept: the closed forms', () => {
      const x = 2;
      const y = 3;
      const a = 0.1;
      // Lasso: ½(y − xw)² + a|w|  →  w = S(xy, a)/x².
      expect(new Lasso({ alpha: a, fitIntercept: false, backend }).fit([[x]], [y]).coef[0]).toBeCloseTo((x * y - a) / (x * x), 14);
      // Elastic net: + ½a(1−r)w²  →  w = S(xy, a·r)/(x² + a(1−r)).
      expect(new ElasticNet({ alpha: a, l1Ratio: 0.3, fitIntercept: false, backend }).fit([[x]], [y]).coef[0]).toBeCloseTo(
        (x * y - a * 0.3) / (x * x + a * 0.7), 14);
      // Ridge: (y − xw)² + a w²  →  w = xy/(x² + a).
      expect(new Ridge({ alpha: a, fitIntercept: false, backend }).fit([[x]], [y]).coef[0]).toBeCloseTo((x * y) / (x * x + a), 14);
      // Lasso at alpha ≥ |xy|: exactly 0.
      expect(new Lasso({ alpha: 6, fitIntercept: false, backend }).fit([[x]], [y]).coef[0]).toBe(0);
    });

    it('p = 1 with many rows: the closed forms on centred data', () => {
      const r = rng(5);
      const xs = Array.from({ length: 25 }, () => r.normal());
      const ys = xs.map((v) => 2 * v + 1 + 0.5 * r.normal());
      const n = xs.length;
      const xm = xs.reduce((s, v) => s + v, 0) / n;
      const ym = ys.reduce((s, v) => s + v, 0) / n;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (xs[i] - xm) * (ys[i] - ym);
        sxx += (xs[i] - xm) ** 2;
      }
      const X = xs.map((v) => [v]);
      const la = new Lasso({ alpha: 0.2, tol: 1e-12, backend }).fit(X, ys);
      expect(la.coef[0]).toBeCloseTo((sxy / n - 0.2) / (sxx / n), 10);
      expect(la.intercept).toBeCloseTo(ym - xm * la.coef[0], 12);
      const rd = new Ridge({ alpha: 4, backend }).fit(X, ys);
      expect(rd.coef[0]).toBeCloseTo(sxy / (sxx + 4), 12);
    });

    it('p > n: Ridge solves the dual system exactly; Lasso satisfies KKT', () => {
      const { X, y } = randomProblem(14, 4, 9);
      const rd = new Ridge({ alpha: 0.7, backend }).fit(X, y);
      const exact = normalEquations(X, y, 0.7, true)!;
      expect(maxRelDiff(rd.coef, exact.coef)).toBeLessThan(1e-9);
      expect(rd.intercept).toBeCloseTo(exact.intercept, 9);
      const la = new Lasso({ alpha: 0.05, tol: 1e-12, maxIter: 100000, backend }).fit(X, y);
      expect(kktViolation(X, y, la.coef, la.intercept, 0.05, 1, true).coef).toBeLessThan(1e-6);
    });
  });

  describe('alpha ≥ alpha_max gives exactly zero coefficients', () => {
    it('at alpha_max exactly, on data where alpha_max is exact (dyadic, n = 16)', () => {
      const r = rng(21);
      const X = Array.from({ length: 16 }, () => Array.from({ length: 4 }, () => Math.round(r.normal() * 8)));
      const y = X.map((row) => row[0] - 2 * row[2] + Math.round(r.normal() * 4));
      for (const l1Ratio of [1, 0.5]) {
        const amax = alphaMax(X, y, l1Ratio);
        const m = new ElasticNet({ alpha: amax, l1Ratio, backend }).fit(X, y);
        expect(Array.from(m.coef)).toEqual([0, 0, 0, 0]);
        expect(m.intercept).toBe(y.reduce((s, v) => s + v, 0) / 16);
        expect(m.converged).toBe(true);
        // Just below alpha_max the strongest feature enters.
        const below = new ElasticNet({ alpha: amax * (1 - 1e-9), l1Ratio, backend }).fit(X, y);
        expect(Array.from(below.coef).some((c) => c !== 0)).toBe(true);
      }
    });

    it('at alpha_max computed here on random data, with and without standardize', () => {
      for (let seed = 0; seed < 20; seed++) {
        const { X, y } = randomProblem(100 + seed, 10 + seed, 1 + (seed % 5));
        for (const standardize of [false, true]) {
          for (const l1Ratio of [1, 0.3]) {
            const amax = alphaMax(X, y, l1Ratio, true, standardize);
            const m = new ElasticNet({ alpha: amax, l1Ratio, standardize, backend }).fit(X, y);
            expect(Array.from(m.coef).every((c) => c === 0), `seed ${seed} standardize ${standardize} l1Ratio ${l1Ratio}`).toBe(true);
            const below = new ElasticNet({ alpha: amax * (1 - 1e-6), l1Ratio, standardize, backend }).fit(X, y);
            expect(Array.from(below.coef).some((c) => c !== 0)).toBe(true);
          }
        }
      }
    });

    it('for huge alphas, up to the largest double (no NaN gap, converged)', () => {
      const { X, y } = randomProblem(15, 30, 4);
      for (const alpha of [1e10, 1e300, 1e308, Number.MAX_VALUE]) {
        for (const m of [new Lasso({ alpha, backend }), new ElasticNet({ alpha, l1Ratio: 0.5, backend })]) {
          m.fit(X, y);
          expect(Array.from(m.coef).every((c) => c === 0)).toBe(true);
          expect(m.converged).toBe(true);
          expect(m.dualGap).toBe(0);
        }
        // l1Ratio = 0 is ridge-like: tiny but finite coefficients, no NaN from alpha·n overflowing.
        const en0 = new ElasticNet({ alpha, l1Ratio: 0, backend }).fit(X, y);
        expect(allFinite(en0.coef) && en0.converged).toBe(true);
        expect(Math.max(...Array.from(en0.coef, Math.abs))).toBeLessThan(1e-6);
        const rd = new Ridge({ alpha, backend }).fit(X, y);
        expect(allFinite(rd.coef)).toBe(true);
        expect(Math.max(...Array.from(rd.coef, Math.abs))).toBeLessThan(1e-6);
      }
    });
  });

  describe('alpha = 0', () => {
    it('Lasso and ElasticNet on full-rank data equal least squares (normal equations)', () => {
      for (const [seed, n, p] of [[31, 40, 5], [32, 12, 3], [33, 200, 8]]) {
        const { X, y } = randomProblem(seed, n, p);
        const ls = normalEquations(X, y, 0, true)!;
        for (const m of [new Lasso({ alpha: 0, tol: 1e-14, maxIter: 100000, backend }), new ElasticNet({ alpha: 0, tol: 1e-14, maxIter: 100000, backend })]) {
          m.fit(X, y);
          expect(maxRelDiff(m.coef, ls.coef)).toBeLessThan(1e-7);
          expect(m.intercept).toBeCloseTo(ls.intercept, 6);
        }
        const nf = new Lasso({ alpha: 0, fitIntercept: false, tol: 1e-14, maxIter: 100000, backend }).fit(X, y);
        expect(maxRelDiff(nf.coef, normalEquations(X, y, 0, false)!.coef)).toBeLessThan(1e-7);
      }
    });

    it('Ridge on full-rank data equals least squares', () => {
      const { X, y } = randomProblem(34, 30, 6);
      const rd = new Ridge({ alpha: 0, backend }).fit(X, y);
      const ls = normalEquations(X, y, 0, true)!;
      expect(maxRelDiff(rd.coef, ls.coef)).toBeLessThan(1e-10);
      expect(rd.intercept).toBeCloseTo(ls.intercept, 10);
    });

    it('Ridge on singular XᵀX returns the minimum-norm least-squares solution (an SVD of X agrees) and warns, on every random rank-deficient design', () => {
      let trials = 0;
      for (let seed = 0; seed < 60; seed++) {
        const r = rng(1000 + seed);
        const n = [5, 30, 300][seed % 3];
        const p = 2 + (seed % 5);
        const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
        const a = r.normal();
        const b = r.normal();
        for (const row of X) {
          if (seed % 4 === 0) row[p - 1] = row[0]; // duplicate
          else if (seed % 4 === 1) row[p - 1] = 3 * row[0]; // scaled duplicate
          else if (seed % 4 === 2) row[p - 1] = a * row[0] + b * row[Math.min(1, p - 2)]; // combination
          else row[p - 1] = 4.2; // constant column, dependent on the intercept
        }
        const y = X.map((row) => row[0] + r.normal());
        const warnings: string[] = [];
        const fit = new Ridge({ alpha: 0, backend, onWarning: (m) => warnings.push(m) }).fit(X, y);
        const ref = minNormLeastSquares(X, y, true);
        expect(ref.rank).toBeLessThan(p);
        expect(maxRelDiff(fit.coef, ref.coef)).toBeLessThan(1e-9);
        expect(fit.intercept).toBeCloseTo(ref.intercept, 8);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/^Ridge: (XᵀX \+ alpha·I|XXᵀ \+ alpha·I \(the dual system used when p > n\)) is singular to working precision at (column|row) \d+ \(alpha = 0 and the columns are linearly dependent\); returned the minimum-norm least-squares solution/);
        trials++;
      }
      expect(trials).toBe(60);
      // p > n with alpha = 0: the dual system XXᵀ is singular when two rows are equal; X⁺y again.
      const { X, y } = randomProblem(35, 4, 8);
      X[3] = X[1].slice();
      const warnings: string[] = [];
      const dual = new Ridge({ alpha: 0, fitIntercept: false, backend, onWarning: (m) => warnings.push(m) }).fit(X, y);
      expect(warnings[0]).toMatch(/XXᵀ \+ alpha·I.*singular.*minimum-norm/);
      const ref = minNormLeastSquares(X, y, false);
      expect(maxRelDiff(dual.coef, ref.coef)).toBeLessThan(1e-9);
      // The library keeps working.
      expect(allFinite(new Ridge({ alpha: 1, backend }).fit(X, y).coef)).toBe(true);
    });
  });

  describe('hitting maxIter', () => {
    const { X, y } = loadDiabetes();

    it('returns the model with converged: false, the gap, and a warning through onWarning', () => {
      const warnings: string[] = [];
      const m = new Lasso({ alpha: 0.01, maxIter: 2, tol: 1e-12, backend, onWarning: (w) => warnings.push(w) }).fit(X, y);
      expect(m.converged).toBe(false);
      expect(m.nIter).toBe(2);
      expect(Number.isFinite(m.dualGap) && m.dualGap > 0).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Lasso: coordinate descent did not converge in maxIter = 2 sweeps \(duality gap \d\.\d{3}e[+-]\d+\)/);
      expect(allFinite(m.coef)).toBe(true);
      expect(m.predict(X).length).toBe(X.length);
      // The gap is honest: a converged fit has a much smaller one.
      const full = new Lasso({ alpha: 0.01, maxIter: 100000, tol: 1e-12, backend, onWarning: (w) => warnings.push(w) }).fit(X, y);
      expect(full.converged).toBe(true);
      expect(full.dualGap).toBeLessThan(m.dualGap);
      expect(warnings).toHaveLength(1);
    });

    it('warns through console.warn by default', () => {
      const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
      new ElasticNet({ alpha: 0.001, maxIter: 1, tol: 1e-12, backend }).fit(X, y);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0][0])).toMatch(/^penalized: ElasticNet: coordinate descent did not converge/);
      new ElasticNet({ alpha: 1, backend }).fit(X, y);
      expect(spy).toHaveBeenCalledTimes(1);
    });
  });

  describe('degenerate responses and overflowing data', () => {
    it('constant y: zero coefficients, intercept y, converged', () => {
      const { X } = randomProblem(16, 20, 3);
      const y = new Array(20).fill(2.5);
      for (const m of [new Lasso({ alpha: 0.1, backend }), new Lasso({ alpha: 0, backend }), new ElasticNet({ backend }), new Ridge({ backend })]) {
        m.fit(X, y);
        expect(Array.from(m.coef)).toEqual([0, 0, 0]);
        expect(m.intercept).toBe(2.5);
        expect(m.score(X, y)).toBe(1);
        if (m instanceof ElasticNet) expect(m.converged).toBe(true);
      }
    });

    it('values whose squares overflow give a clear RangeError naming the entry, not a wrong answer', () => {
      const { X, y } = randomProblem(17, 20, 3);
      const Xbig = X.map((r) => r.slice());
      Xbig[4][2] = 1e200;
      const ybig = y.slice();
      ybig[7] = -1e160;
      for (const m of [new Lasso({ alpha: 0.1, backend }), new ElasticNet({ backend }), new Ridge({ alpha: 1, backend })]) {
        expect(() => m.fit(Xbig, y)).toThrow(/X has an entry of magnitude 1\.000e\+200 at row 4, column 2: with 20 rows, sums of squares overflow.*rescale/);
        expect(() => m.fit(X, ybig)).toThrow(/y\[7\] has magnitude 1\.000e\+160/);
        expect(() => m.coef).toThrow(/not fitted/);
      }
      // Ridge uses weights as they are, so they count too (the elastic net rescales them to sum to n).
      const Xl = X.map((r) => r.map((v) => v * 1e100));
      const heavy = X.map(() => 1e200);
      expect(() => new Ridge({ backend }).fit(Xl, y, heavy)).toThrow(/^Ridge: X has an entry of magnitude .* with sample weights summing to 2\.000e\+201, sums of squares overflow .* rescale the data or the weights/);
      expect(allFinite(new Lasso({ alpha: 1e90, backend }).fit(Xl, y, heavy).coef)).toBe(true);
      // Large but safe magnitudes work: y·2⁴⁰⁰ with alpha·2⁴⁰⁰ scales the lasso exactly, and ridge is linear in y.
      const s = 2 ** 400;
      const la = new Lasso({ alpha: 0.1 * s, backend }).fit(X, y.map((v) => v * s));
      const laRef = new Lasso({ alpha: 0.1, backend }).fit(X, y);
      expect(maxRelDiff(Array.from(la.coef, (c) => c / s), laRef.coef)).toBeLessThan(1e-12);
      const rd = new Ridge({ alpha: 1, backend }).fit(X, y.map((v) => v * s));
      const rdRef = new Ridge({ alpha: 1, backend }).fit(X, y);
      expect(maxRelDiff(Array.from(rd.coef, (c) => c / s), rdRef.coef)).toBeLessThan(1e-12);
    });

    it('a fit whose result would not be finite is refused and leaves the model as it was', () => {
      class Probe extends Ridge {
        poke(coef: number[], intercept: number): void {
          this.state = { coef: Float64Array.from(coef), intercept };
        }
      }
      const m = new Probe({ backend }).fit([[1], [2], [4]], [1, 2, 3]);
      const before = m.coef[0];
      expect(() => m.poke([1, NaN], 0)).toThrow(/coefficient 1 came out as NaN.*overflowed/);
      expect(() => m.poke([1, 2], Infinity)).toThrow(/intercept came out as Infinity/);
      expect(m.coef[0]).toBe(before);
    });
  });
});
