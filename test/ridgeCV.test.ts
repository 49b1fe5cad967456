import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Ridge, RidgeCV } from '../src/index.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';

// RidgeCV against scikit-learn 1.2.1 (fixtures written by
// scripts/fixtures/ridgecv.py: RidgeCV's efficient LOO with store_cv_values,
// and GridSearchCV(Ridge, KFold(k), neg_mean_squared_error)), against a
// brute-force leave-one-out that really refits n times, and for its options,
// validation, progress reports and serialization — on both backends.

interface Case {
  name: string;
  form: string;
  rows: number;
  cols: number;
  X: number[];
  y: number[];
  sampleWeight: number[] | null;
  fitIntercept: boolean;
  standardize: boolean;
  alphas: number[];
  cv: number | null;
  alpha: number;
  mseMean: number[];
  msePath: number[] | null;
  coef: number[];
  intercept: number;
}

const fixtures = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/ridgecv.json', import.meta.url)), 'utf8'),
) as { sklearn: string; cases: Case[] };
const backends = ['wasm', 'js'] as const;

function fitCase(c: Case, backend: 'wasm' | 'js', extra: Record<string, unknown> = {}): RidgeCV {
  return new RidgeCV({ alphas: c.alphas, fitIntercept: c.fitIntercept, standardize: c.standardize, cv: c.cv, backend, ...extra })
    .fit({ data: c.X, rows: c.rows, cols: c.cols }, c.y, c.sampleWeight);
}

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < b.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]) / Math.abs(b[k]));
  return d;
}

beforeAll(async () => {
  await ready();
});

describe('fixtures', () => {
  it('cover LOO in both forms, with/without intercept, sample weights, standardize, and k-fold', () => {
    const cs = fixtures.cases;
    expect(fixtures.sklearn).toBe('1.2.1');
    expect(cs.some((c) => c.cv === null && c.rows > c.cols && c.fitIntercept)).toBe(true);
    expect(cs.some((c) => c.cv === null && c.rows <= c.cols && c.fitIntercept)).toBe(true);
    expect(cs.some((c) => c.cv === null && c.rows <= c.cols && !c.fitIntercept)).toBe(true);
    expect(cs.some((c) => c.cv === null && c.rows > c.cols && !c.fitIntercept)).toBe(true);
    expect(cs.some((c) => c.cv === null && c.sampleWeight !== null && c.rows > c.cols)).toBe(true);
    expect(cs.some((c) => c.cv === null && c.sampleWeight !== null && c.rows <= c.cols)).toBe(true);
    expect(cs.some((c) => c.cv === 5)).toBe(true);
    expect(cs.some((c) => c.standardize)).toBe(true);
  });
});

describe.each(backends)('RidgeCV vs scikit-learn (%s backend)', (backend) => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = fitCase(c, backend);
    // Chosen alpha is scikit-learn's alpha_.
    expect(m.alpha).toBe(c.alpha);
    expect(Array.from(m.alphas)).toEqual(c.alphas);
    // Per-alpha mean errors (LOO: mean of cv_values_; k-fold: mean test MSE).
    expect(maxRel(m.mseMean, c.mseMean)).toBeLessThanOrEqual(1e-8);
    expect(m.cvValues).toBe(m.mseMean);
    if (c.cv === null) {
      expect(m.cvMode).toBe('loo');
      expect(m.msePath).toBeNull();
      expect(m.nFolds).toBe(c.rows);
    } else {
      expect(m.cvMode).toBe('kfold');
      expect(m.nFolds).toBe(c.cv);
      expect(maxRel(m.msePath!, c.msePath!)).toBeLessThanOrEqual(1e-8);
    }
    // The refit is scikit-learn's coef_/intercept_ ...
    expect(maxRelDiff(m.coef, c.coef)).toBeLessThanOrEqual(1e-8);
    const yScale = Math.max(...c.y.map(Math.abs));
    expect(Math.abs(m.intercept - c.intercept)).toBeLessThanOrEqual(1e-8 * yScale);
    // ... and exactly a Ridge at the chosen alpha.
    const r = new Ridge({ alpha: m.alpha, fitIntercept: c.fitIntercept, standardize: c.standardize, backend })
      .fit({ data: c.X, rows: c.rows, cols: c.cols }, c.y, c.sampleWeight);
    expect(Array.from(m.coef)).toEqual(Array.from(r.coef));
    expect(m.intercept).toBe(r.intercept);
    const Xrows = { data: c.X, rows: c.rows, cols: c.cols };
    expect(Array.from(m.predict(Xrows))).toEqual(Array.from(r.predict(Xrows)));
    expect(m.score(Xrows, c.y)).toBe(r.score(Xrows, c.y));
  });
});

describe('backends agree', () => {
  it('WASM and JS give bit-identical CV errors, choices and refits', () => {
    for (const c of fixtures.cases) {
      const [a, b] = backends.map((backend) => fitCase(c, backend));
      expect(Array.from(a.mseMean)).toEqual(Array.from(b.mseMean));
      if (a.msePath) expect(Array.from(a.msePath)).toEqual(Array.from(b.msePath!));
      expect(a.alpha).toBe(b.alpha);
      expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
      expect(a.intercept).toBe(b.intercept);
    }
  });
});

/** Leave-one-out by brute force: n Ridge fits, each without one row; returns (1/n)·Σ wᵢ(yᵢ − ŷ₋ᵢ)² per alpha. */
function bruteForceLoo(X: number[][], y: number[], sw: number[] | null, alphas: number[], fitIntercept: boolean, standardize: boolean): number[] {
  const n = X.length;
  return alphas.map((alpha) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const keep = [...Array(n).keys()].filter((k) => k !== i);
      const m = new Ridge({ alpha, fitIntercept, standardize, backend: 'js' }).fit(
        keep.map((k) => X[k]), keep.map((k) => y[k]), sw ? keep.map((k) => sw[k]) : null,
      );
      const r = y[i] - m.predict([X[i]])[0];
      s += (sw ? sw[i] : 1) * r * r;
    }
    return s / n;
  });
}

function divideByFullDataScale(X: number[][], sw: number[] | null): number[][] {
  const n = X.length;
  const w = sw ?? new Array(n).fill(1);
  const W = w.reduce((a, b) => a + b, 0);
  const scale = X[0].map((_, j) => {
    const mean = X.reduce((s, r, i) => s + w[i] * r[j], 0) / W;
    return Math.sqrt(X.reduce((s, r, i) => s + w[i] * (r[j] - mean) ** 2, 0) / W);
  });
  return X.map((r) => r.map((v, j) => v / scale[j]));
}

function randomProblem(seed: number, n: number, p: number): { X: number[][]; y: number[]; w: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row, i) => row.reduce((s, v, j) => s + v * (j % 3 === 0 ? 1.5 : -0.5), 3) + r.normal() + (i % 7 === 0 ? 4 : 0));
  const w = Array.from({ length: n }, () => 0.2 + 2 * r.uniform());
  return { X, y, w };
}

describe.each(backends)('efficient LOO equals brute-force leave-one-out refits (%s backend)', (backend) => {
  const alphas = [0.01, 0.3, 2, 50];
  it.each([
    ['n > p, intercept', 30, 5, true, false, false],
    ['n > p, no intercept, weights', 25, 4, false, true, false],
    ['n > p, intercept, weights, standardize', 28, 6, true, true, true],
    ['p > n, intercept', 12, 20, true, false, false],
    ['p > n, intercept, weights', 10, 16, true, true, false],
    ['p > n, no intercept', 9, 14, false, false, false],
    ['n = p + 1, intercept', 7, 6, true, false, false],
    ['n = 2, intercept', 2, 3, true, false, false],
  ] as const)('%s', (_label, n, p, fitIntercept, weighted, standardize) => {
    const { X, y, w } = randomProblem(n * 100 + p, n, p);
    const sw = weighted ? w : null;
    const m = new RidgeCV({ alphas, fitIntercept, standardize, backend }).fit(X, y, sw);
    // With standardize the column scales come from all rows (they are not
    // re-estimated without row i), so the brute force runs on X divided by
    // those full-data (weighted, 1/n) standard deviations.
    const Xb = standardize ? divideByFullDataScale(X, sw) : X;
    const brute = bruteForceLoo(Xb, y, sw, alphas, fitIntercept, false);
    expect(maxRel(m.mseMean, brute)).toBeLessThanOrEqual(1e-9);
  });
});

describe.each(backends)('options and behaviour (%s backend)', (backend) => {
  const { X, y } = loadDiabetes();

  it('keeps the alphas in the given order and picks the first of tied minima', () => {
    const m = new RidgeCV({ alphas: [10, 0.1, 1, 0.1], backend }).fit(X, y);
    expect(Array.from(m.alphas)).toEqual([10, 0.1, 1, 0.1]);
    expect(m.mseMean[1]).toBe(m.mseMean[3]);
    const best = Math.min(...m.mseMean);
    expect(m.alpha).toBe([10, 0.1, 1, 0.1][m.mseMean.indexOf(best)]);
    expect(m.mseMean.indexOf(best)).toBe(1);
  });

  it('uses scikit-learn\'s default alphas (0.1, 1, 10)', () => {
    const m = new RidgeCV({ backend }).fit(X, y);
    expect(Array.from(m.alphas)).toEqual([0.1, 1, 10]);
  });

  it('foldIds equal to contiguous KFold labels give exactly the cv: k answer', () => {
    const n = X.length;
    const k = 5;
    const ids = Array.from({ length: n }, (_, i) => {
      const base = Math.floor(n / k);
      const extra = n % k;
      const cut = extra * (base + 1);
      return i < cut ? Math.floor(i / (base + 1)) : extra + Math.floor((i - cut) / base);
    });
    const a = new RidgeCV({ alphas: [0.01, 0.1, 1, 10], cv: k, backend }).fit(X, y);
    const b = new RidgeCV({ alphas: [0.01, 0.1, 1, 10], foldIds: ids, backend }).fit(X, y);
    expect(Array.from(b.mseMean)).toEqual(Array.from(a.mseMean));
    expect(b.nFolds).toBe(k);
    expect(() => new RidgeCV({ alphas: [1], foldIds: ids, cv: 3, backend }).fit(X, y)).toThrow(/'cv' = 3 disagrees with option 'foldIds'/);
  });

  it('reports progress with increasing fractions ending at exactly 1 (LOO and k-fold)', () => {
    for (const cv of [null, 4]) {
      const seen: number[] = [];
      new RidgeCV({ alphas: [0.1, 1, 10, 100], cv, backend, onProgress: (f) => seen.push(f) }).fit(X, y);
      expect(seen.length).toBe(cv === null ? 4 + 2 : 4 * 4 + 1);
      for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
      expect(seen[0]).toBeGreaterThan(0);
      expect(seen[seen.length - 1]).toBe(1);
    }
  });

  it('round-trips through JSON', () => {
    for (const cv of [null, 3]) {
      const m = new RidgeCV({ alphas: [0.05, 0.5, 5], cv, backend }).fit(X, y);
      const back = RidgeCV.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(back.alpha).toBe(m.alpha);
      expect(Array.from(back.alphas)).toEqual(Array.from(m.alphas));
      expect(Array.from(back.mseMean)).toEqual(Array.from(m.mseMean));
      expect(back.msePath === null ? null : Array.from(back.msePath)).toEqual(m.msePath === null ? null : Array.from(m.msePath));
      expect(back.cvMode).toBe(m.cvMode);
      expect(back.nFolds).toBe(m.nFolds);
      expect(Array.from(back.predict(X.slice(0, 20)))).toEqual(Array.from(m.predict(X.slice(0, 20))));
      expect(back.params.backend).toBe(backend);
    }
    const ridgeJson = new Ridge({ backend }).fit(X, y).toJSON();
    expect(() => RidgeCV.fromJSON(ridgeJson)).toThrow(TypeError);
  });

  it('does not modify the caller\'s arrays', () => {
    const Xc = X.slice(0, 60).map((r) => r.slice());
    const yc = y.slice(0, 60);
    const w = Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const alphas = [0.5, 5];
    const snapshot = JSON.stringify([Xc, yc, w, alphas]);
    new RidgeCV({ alphas, backend }).fit(Xc, yc, w);
    new RidgeCV({ alphas, cv: 3, backend }).fit(Xc, yc, w);
    expect(JSON.stringify([Xc, yc, w, alphas])).toBe(snapshot);
  });

  it('refuses data whose Gram matrix overflows with a RangeError, not NaN', () => {
    const big = [[1e200, 2e200], [3e200, -1e200], [-2e200, 5e199], [4e199, 1e200]];
    expect(() => new RidgeCV({ alphas: [1], backend }).fit(big, [1, 2, 3, 4])).toThrow(RangeError);
  });
});

describe('validation', () => {
  const X = [[1, 2], [3, 1], [0, 5], [2, 2], [4, 0]];
  const y = [1, 2, 3, 4, 5];

  it('rejects bad alphas naming the option', () => {
    expect(() => new RidgeCV({ alphas: [] })).toThrow(RangeError);
    expect(() => new RidgeCV({ alphas: [] })).toThrow(/'alphas' is empty/);
    expect(() => new RidgeCV({ alphas: [1, 0] })).toThrow(/'alphas'.*entry 1 is 0/);
    expect(() => new RidgeCV({ alphas: [-1] })).toThrow(RangeError);
    expect(() => new RidgeCV({ alphas: [1, NaN] })).toThrow(/'alphas'.*entry 1 is NaN/);
    expect(() => new RidgeCV({ alphas: [Infinity] })).toThrow(RangeError);
    expect(() => new RidgeCV({ alphas: ['1'] as unknown as number[] })).toThrow(TypeError);
    expect(() => new RidgeCV({ alphas: '1' as unknown as number[] })).toThrow(TypeError);
    expect(() => new RidgeCV({ alphas: -1 })).toThrow(/'alphas'.*entry 0 is -1/);
    expect(() => new RidgeCV({ alphas: null as unknown as number[] })).toThrow(/'alphas'/);
  });

  it('rejects bad cv, foldIds, onProgress and unknown options', () => {
    expect(() => new RidgeCV({ cv: 1 })).toThrow(/'cv'.*integer ≥ 2/);
    expect(() => new RidgeCV({ cv: 0 })).toThrow(RangeError);
    expect(() => new RidgeCV({ cv: 2.5 })).toThrow(/'cv'/);
    expect(() => new RidgeCV({ cv: 'loo' as unknown as number })).toThrow(/'cv'/);
    expect(() => new RidgeCV({ cv: 6 }).fit(X, y)).toThrow(/'cv' = 6 folds is more than the 5 rows/);
    expect(() => new RidgeCV({ foldIds: 3 as unknown as number[] })).toThrow(/'foldIds'/);
    expect(() => new RidgeCV({ foldIds: [0, 0, 0, 0, 0] }).fit(X, y)).toThrow(/'foldIds'/);
    expect(() => new RidgeCV({ foldIds: [0, 1, 0] }).fit(X, y)).toThrow(/'foldIds' has length 3/);
    expect(() => new RidgeCV({ onProgress: 5 as unknown as () => void })).toThrow(/'onProgress'/);
    expect(() => new RidgeCV({ alpha: 1 } as unknown as object)).toThrow(/unknown option 'alpha'/);
  });

  it('needs two rows for leave-one-out and a fitted model before use', () => {
    expect(() => new RidgeCV().fit([[1, 2]], [3])).toThrow(/at least 2 rows/);
    const m = new RidgeCV();
    expect(() => m.coef).toThrow(/not fitted/);
    expect(() => m.predict(X)).toThrow(/not fitted/);
  });

  it('rejects a fold whose training rows all have zero weight', () => {
    const w = [0, 0, 1, 1, 1];
    expect(() => new RidgeCV({ foldIds: [0, 0, 1, 1, 1] }).fit(X, y, w)).toThrow(/fold 1 leaves training rows whose sample weights are all zero/);
  });
});
