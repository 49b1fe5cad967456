import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, RidgeCV, lassoPath, LassoCV } from '../src/index.js';
import { rng } from './helpers/data.js';
import { kktViolation } from './helpers/exact.js';

beforeAll(async () => {
  await ready();
});

function data(n: number, p: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal() * 2 + 1));
  const y = X.map((row) => row[0] - 0.5 * row[p - 1] + 0.3 * r.normal() + 4);
  return { X, y };
}

describe.each(['wasm', 'js'] as const)('scikit-learn input forms (%s backend)', (backend) => {
  const { X, y } = data(40, 5, 7);
  const ones = new Array(40).fill(1);
  const threes = new Array(40).fill(3);

  it('a scalar sampleWeight means every row has that weight', () => {
    for (const make of [() => new Lasso({ alpha: 0.1, backend }), () => new ElasticNet({ alpha: 0.1, backend })]) {
      const a = make().fit(X, y, 3);
      const b = make().fit(X, y, threes);
      const c = make().fit(X, y);
      expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
      expect(a.intercept).toBe(b.intercept);
      // Lasso rescales weights to sum to n: any constant weight is no weight.
      expect(Array.from(a.coef)).toEqual(Array.from(c.coef));
    }
    const r3 = new Ridge({ alpha: 2, backend }).fit(X, y, 3);
    const r3a = new Ridge({ alpha: 2, backend }).fit(X, y, threes);
    expect(Array.from(r3.coef)).toEqual(Array.from(r3a.coef));
    // Ridge uses weights as they are: weight 3 at alpha 3 is weight 1 at alpha 1.
    const r1 = new Ridge({ alpha: 1, backend }).fit(X, y, ones);
    const r33 = new Ridge({ alpha: 3, backend }).fit(X, y, 3);
    r1.coef.forEach((v, j) => expect(r33.coef[j]).toBeCloseTo(v, 12));
    const path = lassoPath(X, y, { nAlphas: 5, sampleWeight: 2, backend });
    const path2 = lassoPath(X, y, { nAlphas: 5, sampleWeight: new Array(40).fill(2), backend });
    expect(Array.from(path.coefs)).toEqual(Array.from(path2.coefs));
    const cv = new LassoCV({ cv: 3, nAlphas: 5, sampleWeight: 2, backend }).fit(X, y);
    expect(cv.alpha).toBeGreaterThan(0);
    const rcv = new RidgeCV({ sampleWeight: 3, backend }).fit(X, y);
    const rcv2 = new RidgeCV({ backend }).fit(X, y, threes);
    expect(rcv.alpha).toBe(rcv2.alpha);
  });

  it('a bad scalar sampleWeight is refused with what is wrong', () => {
    expect(() => new Lasso({ backend }).fit(X, y, -1)).toThrow(RangeError);
    expect(() => new Lasso({ backend }).fit(X, y, 0)).toThrow(/all zero/);
    expect(() => new Ridge({ backend }).fit(X, y, NaN)).toThrow(/finite/);
    expect(() => new Ridge({ backend }).fit(X, y, Infinity)).toThrow(RangeError);
  });

  it('RidgeCV takes a single alpha', () => {
    const cv = new RidgeCV({ alphas: 2.5, backend }).fit(X, y);
    expect(cv.alpha).toBe(2.5);
    expect(Array.from(cv.alphas)).toEqual([2.5]);
    const ridge = new Ridge({ alpha: 2.5, backend }).fit(X, y);
    expect(Array.from(cv.coef)).toEqual(Array.from(ridge.coef));
    expect(() => new RidgeCV({ alphas: 0 })).toThrow(RangeError);
    expect(() => new RidgeCV({ alphas: NaN })).toThrow(RangeError);
  });

  it('Float32Array X and y are widened exactly', () => {
    const X32 = X.map((r) => Float32Array.from(r));
    const y32 = Float32Array.from(y);
    const X64 = X32.map((r) => Array.from(r));
    const y64 = Array.from(y32);
    const flat32 = { data: Float32Array.from(X32.flatMap((r) => Array.from(r))), rows: 40, cols: 5 };
    for (const make of [() => new Lasso({ alpha: 0.05, backend }), () => new Ridge({ alpha: 1, backend })]) {
      const ref = make().fit(X64, y64);
      const a = make().fit(X32, y32);
      const b = make().fit(flat32, y32);
      expect(Array.from(a.coef)).toEqual(Array.from(ref.coef));
      expect(Array.from(b.coef)).toEqual(Array.from(ref.coef));
      expect(Array.from(a.predict(flat32))).toEqual(Array.from(ref.predict(X64)));
      expect(a.score(X32, y32)).toBe(ref.score(X64, y64));
    }
    const bad = Float32Array.from(flat32.data);
    bad[7] = NaN;
    expect(() => new Lasso({ backend }).fit({ data: bad, rows: 40, cols: 5 }, y32)).toThrow(/row 1, column 2/);
  });
});

describe('singular ridge systems', () => {
  it('the minimum-norm solution is the same bits on both backends (primal, dual, penalty factors)', () => {
    const r = rng(3);
    const tall = Array.from({ length: 30 }, () => { const a = r.normal(); const b = r.normal(); return [a, b, a - b, 2 * a]; });
    const wide = Array.from({ length: 4 }, () => Array.from({ length: 9 }, () => r.normal()));
    wide[3] = wide[0].slice();
    const yT = tall.map((row) => row[0] + r.normal());
    const yW = wide.map(() => r.normal());
    for (const [X, y, opts] of [
      [tall, yT, {}], [tall, yT, { penaltyFactor: [1, 0, 2, 1] }], [tall, yT, { standardize: true }],
      [wide, yW, { fitIntercept: false }], [wide, yW, { fitIntercept: false, penaltyFactor: [1, 2, 3, 1, 1, 1, 1, 1, 1] }],
    ] as const) {
      const warn: string[] = [];
      const a = new Ridge({ alpha: 0, ...opts, backend: 'wasm', onWarning: (m) => warn.push(m) }).fit(X as number[][], y as number[]);
      const b = new Ridge({ alpha: 0, ...opts, backend: 'js', onWarning: (m) => warn.push(m) }).fit(X as number[][], y as number[]);
      expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
      expect(a.intercept).toBe(b.intercept);
      expect(warn).toHaveLength(2);
      expect(a.coef.every(Number.isFinite)).toBe(true);
    }
  });

  it('RidgeCV with cv: k solves a singular fold by its minimum-norm solution and warns', () => {
    const r = rng(5);
    const X = Array.from({ length: 20 }, () => { const a = r.normal(); return [a, a, r.normal()]; });
    const y = X.map((row) => row[0] + r.normal());
    const warn: string[] = [];
    const cv = new RidgeCV({ alphas: [1e-300, 1], cv: 4, onWarning: (m) => warn.push(m) }).fit(X, y);
    expect(warn.some((m) => /^fold \d: RidgeCV: .*minimum-norm/.test(m))).toBe(true);
    expect(cv.mseMean.every(Number.isFinite)).toBe(true);
  });
});

describe.each(['wasm', 'js'] as const)('Ridge({ positive: true }) (%s backend)', (backend) => {
  it('meets the KKT conditions of the bound-constrained ridge, agrees with an exact active-set solve, and twins are identical', () => {
    const r = rng(11);
    for (const [n, p] of [[60, 8], [15, 30]]) {
      const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
      const y = X.map((row) => row[0] - row[1] + 0.5 * row[2] - 0.7 * row[3] + 0.2 * r.normal());
      for (const alpha of [0.5, 5]) {
        const m = new Ridge({ alpha, positive: true, tol: 1e-10, maxIter: 100000, backend }).fit(X, y);
        expect(m.coef.every((v) => v >= 0)).toBe(true);
        expect(m.coef[1]).toBe(0);
        // Ridge ||r||² + α||w||² is the elastic net with l1Ratio 0 at alpha/n.
        const v = kktViolation(X, y, m.coef, m.intercept, alpha / n, 0, true, true);
        expect(v.coef).toBeLessThan(1e-8);
        expect(v.intercept).toBeLessThan(1e-10);
        expect(m.kktViolation).toBeLessThan(1e-10);
        // On the support S the solution is the unconstrained ridge of X_S.
        const S = Array.from(m.coef.keys()).filter((j) => m.coef[j] > 0);
        const sub = new Ridge({ alpha, backend }).fit(X.map((row) => S.map((j) => row[j])), y);
        S.forEach((j, k) => expect(m.coef[j]).toBeCloseTo(sub.coef[k], 8));
        const twin = new Ridge({ alpha, positive: true, tol: 1e-10, maxIter: 100000, backend: backend === 'js' ? 'wasm' : 'js' }).fit(X, y);
        expect(Array.from(twin.coef)).toEqual(Array.from(m.coef));
      }
    }
  });

  it('with nothing to constrain it is plain ridge; it warns when maxIter stops it uncertified', () => {
    const r = rng(12);
    const X = Array.from({ length: 50 }, () => Array.from({ length: 4 }, () => r.normal()));
    const y = X.map((row) => row[0] + row[1] + 2 * row[2] + row[3] + 0.1 * r.normal());
    const pos = new Ridge({ alpha: 1, positive: true, tol: 1e-12, maxIter: 100000, backend }).fit(X, y);
    const plain = new Ridge({ alpha: 1, backend }).fit(X, y);
    pos.coef.forEach((v, j) => expect(v).toBeCloseTo(plain.coef[j], 9));
    const warn: string[] = [];
    new Ridge({ alpha: 1e-6, positive: true, tol: 1e-14, maxIter: 1, backend, onWarning: (m) => warn.push(m) }).fit(X, y);
    expect(warn[0]).toMatch(/^Ridge: positive coordinate descent stopped after 1 sweeps with a KKT violation/);
  });
});
