import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, RidgeCV } from '../src/index.js';
import { maxRelDiff, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

/** n×p design and k targets (as rows of k and as columns). */
function data(n: number, p: number, k: number, seed: number): { X: number[][]; Y: number[][]; cols: number[][] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal() * 2 + 1));
  const B = Array.from({ length: k }, (_, t) => Array.from({ length: p }, (_, j) => (j % (t + 2) === 0 ? r.normal() : 0)));
  const Y = X.map((row) => B.map((b, t) => row.reduce((s, v, j) => s + v * b[j], t) + 0.3 * r.normal()));
  const cols = B.map((_, t) => Y.map((row) => row[t]));
  return { X, Y, cols };
}

type Model = { fit(X: unknown, y: unknown, w?: unknown): Model; coef: Float64Array; intercept: number; intercepts: Float64Array; predict(X: unknown): Float64Array; score(X: unknown, y: unknown): number; nTargets: number; multiTarget: boolean; toJSON(): unknown };

describe.each(['wasm', 'js'] as const)('several targets (%s backend)', (backend) => {
  const makers: [string, (extra?: object) => Model][] = [
    ['Lasso', (e) => new Lasso({ alpha: 0.05, backend, ...e }) as unknown as Model],
    ['ElasticNet', (e) => new ElasticNet({ alpha: 0.05, l1Ratio: 0.3, standardize: true, backend, ...e }) as unknown as Model],
    ['Ridge', (e) => new Ridge({ alpha: 0.7, backend, ...e }) as unknown as Model],
    ['Ridge standardize + penaltyFactor', (e) => new Ridge({ alpha: 0.7, standardize: true, penaltyFactor: [1, 0, 2, 1, 1], backend, ...e }) as unknown as Model],
    ['Ridge positive', (e) => new Ridge({ alpha: 0.7, positive: true, tol: 1e-10, maxIter: 100000, backend, ...e }) as unknown as Model],
  ];

  for (const [name, make] of makers) {
    it(`${name}: a fit on an n×k y equals k fits of one target, in every input form of y`, () => {
      const { X, Y, cols } = data(40, 5, 3, 21);
      const w = X.map((_, i) => 0.5 + (i % 3));
      for (const sw of [undefined, w]) {
        const multi = make().fit(X, Y, sw);
        const flat = make().fit(X, { data: Float64Array.from(Y.flat()), rows: 40, cols: 3 }, sw);
        expect(multi.nTargets).toBe(3);
        expect(multi.multiTarget).toBe(true);
        expect(multi.coef.length).toBe(15);
        expect(Array.from(flat.coef)).toEqual(Array.from(multi.coef));
        const pred = multi.predict(X);
        expect(pred.length).toBe(40 * 3);
        cols.forEach((y, t) => {
          const one = make().fit(X, y, sw);
          expect(maxRelDiff(multi.coef.subarray(t * 5, t * 5 + 5), one.coef)).toBeLessThan(1e-13);
          expect(multi.intercepts[t]).toBeCloseTo(one.intercept, 11);
          const p1 = one.predict(X);
          for (let i = 0; i < 40; i++) expect(pred[i * 3 + t]).toBeCloseTo(p1[i], 10);
        });
        const r2 = cols.reduce((s, y, t) => s + make().fit(X, y, sw).score(X, y), 0) / 3;
        expect(multi.score(X, Y)).toBeCloseTo(r2, 10);
      }
    });
  }

  it('a 2-D y with one column stays 2-D; intercept then points to intercepts; JSON keeps every target', () => {
    const { X, cols } = data(30, 4, 1, 5);
    const m = new Ridge({ alpha: 1, backend }).fit(X, cols[0].map((v) => [v]));
    expect(m.multiTarget).toBe(true);
    expect(m.nTargets).toBe(1);
    expect(() => m.intercept).toThrow(/intercepts/);
    const m2 = new Lasso({ alpha: 0.01, backend }).fit(X, data(30, 4, 2, 5).Y);
    const back = Lasso.fromJSON(JSON.parse(JSON.stringify(m2.toJSON())));
    expect(Array.from(back.intercepts)).toEqual(Array.from(m2.intercepts));
    expect(Array.from(back.predict(X))).toEqual(Array.from(m2.predict(X)));
    const r = Ridge.fromJSON(m.toJSON());
    expect(r.nTargets).toBe(1);
    expect(r.multiTarget).toBe(true);
  });

  it('Ridge on p > n (dual system) and on a singular system: all targets at once equal one at a time', () => {
    const wide = data(8, 20, 3, 9);
    const a = new Ridge({ alpha: 0.5, backend }).fit(wide.X, wide.Y);
    wide.cols.forEach((y, t) => {
      const one = new Ridge({ alpha: 0.5, backend }).fit(wide.X, y);
      expect(maxRelDiff(a.coef.subarray(t * 20, t * 20 + 20), one.coef)).toBeLessThan(1e-13);
    });
    const sing = data(25, 3, 2, 10);
    const Xs = sing.X.map((row) => [...row, row[0] - row[1]]);
    const warn: string[] = [];
    const b = new Ridge({ alpha: 0, backend, onWarning: (m) => warn.push(m) }).fit(Xs, sing.Y);
    expect(warn).toHaveLength(1);
    sing.cols.forEach((y, t) => {
      const one = new Ridge({ alpha: 0, backend, onWarning: () => {} }).fit(Xs, y);
      expect(maxRelDiff(b.coef.subarray(t * 4, t * 4 + 4), one.coef)).toBeLessThan(1e-12);
    });
  });

  it('RidgeCV picks one alpha for all targets by the mean error over targets (leave-one-out and k-fold)', () => {
    const { X, Y, cols } = data(40, 5, 2, 13);
    const alphas = [0.01, 1, 100];
    for (const cv of [null, 4]) {
      const m = new RidgeCV({ alphas, cv, backend }).fit(X, Y);
      const singles = cols.map((y) => new RidgeCV({ alphas, cv, backend }).fit(X, y));
      const mean = alphas.map((_, a) => (singles[0].mseMean[a] + singles[1].mseMean[a]) / 2);
      mean.forEach((v, a) => expect(m.mseMean[a]).toBeCloseTo(v, 12));
      const best = alphas[mean.indexOf(Math.min(...mean))];
      expect(m.alpha).toBe(best);
      const refit = new Ridge({ alpha: best, backend }).fit(X, Y);
      expect(Array.from(m.coef)).toEqual(Array.from(refit.coef));
      expect(Array.from(m.intercepts)).toEqual(Array.from(refit.intercepts));
    }
  });

  it('bad 2-D y is refused with where', () => {
    const { X, Y } = data(10, 3, 2, 1);
    const ragged = Y.map((r) => r.slice());
    ragged[4] = [1];
    expect(() => new Ridge({ backend }).fit(X, ragged)).toThrow(/y is ragged: row 4 has 1 targets, row 0 has 2/);
    const nan = Y.map((r) => r.slice());
    nan[6][1] = NaN;
    expect(() => new Lasso({ backend }).fit(X, nan)).toThrow(/y at row 6, target 1 is NaN/);
    expect(() => new Lasso({ backend }).fit(X, Y.slice(1))).toThrow(/y has 9 rows, but X has 10/);
    expect(() => new Ridge({ backend }).fit(X, { data: new Float64Array(20), rows: 10, cols: 3 })).toThrow(/length 20/);
    const m = new Ridge({ backend }).fit(X, Y);
    expect(() => m.score(X, Y.map((r) => r[0]))).toThrow(/2 targets/);
  });
});
