import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV, lassoPath, Lasso } from '../src/index.js';
import { kFoldIds, checkFoldIds, shuffledFoldIds } from '../src/selection/folds.js';
import { loadDiabetes, maxRelDiff } from './helpers/data.js';

const backends = ['wasm', 'js'] as const;
const { X, y } = loadDiabetes();

beforeAll(async () => {
  await ready();
});

describe('folds', () => {
  it('kFoldIds matches scikit-learn KFold: contiguous, first n % k folds one larger', () => {
    const { ids, k } = kFoldIds(11, 3);
    expect(k).toBe(3);
    expect(Array.from(ids)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  });
  it('shuffled folds keep the sizes and are reproducible by seed', () => {
    const a = shuffledFoldIds(50, 4, 42).ids;
    const b = shuffledFoldIds(50, 4, 42).ids;
    const c = shuffledFoldIds(50, 4, 43).ids;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const count = [0, 0, 0, 0];
    for (const f of a) count[f]++;
    expect(count).toEqual([13, 13, 12, 12]);
  });
  it('foldIds: labels map to folds; empty folds and bad lengths are errors', () => {
    expect(Array.from(checkFoldIds([1, 2, 1, 2, 3], 5, 'T').ids)).toEqual([0, 1, 0, 1, 2]);
    expect(() => checkFoldIds([1, 1, 3, 3], 4, 'T')).toThrow(/fold 2 \(of 1…3\) is empty/);
    expect(() => checkFoldIds([1, 2], 3, 'T')).toThrow(/length 2.*3 rows/);
    expect(() => checkFoldIds([1, 1, 1], 3, 'T')).toThrow(/at least 2/);
  });
});

describe.each(backends)('LassoCV (%s backend)', (backend) => {
  it('MSE path equals held-out errors of per-fold paths computed independently; alpha is the argmin', () => {
    const k = 4;
    const cv = new LassoCV({ cv: k, nAlphas: 20, backend }).fit(X, y);
    const n = X.length;
    const { ids } = kFoldIds(n, k);
    expect(cv.msePath.length).toBe(20 * k);
    for (let f = 0; f < k; f++) {
      const tr = [...Array(n).keys()].filter((i) => ids[i] !== f);
      const te = [...Array(n).keys()].filter((i) => ids[i] === f);
      const path = lassoPath(tr.map((i) => X[i]), tr.map((i) => y[i]), { alphas: cv.alphas, backend });
      for (const a of [0, 7, 19]) {
        let sse = 0;
        for (const i of te) {
          let pred = path.intercepts[a];
          for (let j = 0; j < 10; j++) pred += X[i][j] * path.coefs[a * 10 + j];
          sse += (y[i] - pred) ** 2;
        }
        expect(cv.msePath[a * k + f]).toBeCloseTo(sse / te.length, 6);
      }
    }
    let best = 0;
    for (let a = 1; a < 20; a++) if (cv.mseMean[a] < cv.mseMean[best]) best = a;
    expect(cv.alpha).toBe(cv.alphas[best]);
    expect(cv.alphaMin).toBe(cv.alpha);
    // 1-SE rule: largest alpha within one standard error of the minimum.
    const bound = cv.mseMean[best] + cv.mseStd[best];
    const within = Array.from(cv.alphas).filter((_, a) => cv.mseMean[a] <= bound);
    expect(cv.alpha1se).toBe(Math.max(...within));
    expect(cv.alpha1se).toBeGreaterThanOrEqual(cv.alpha);
    // refit at the chosen alpha on all rows
    const m = new Lasso({ alpha: cv.alpha, backend }).fit(X, y);
    expect(maxRelDiff(cv.coef, m.coef)).toBeLessThan(1e-12);
  });

  it("rule '1se' refits at alpha1se; onProgress ends at 1", () => {
    const seen: number[] = [];
    const cv = new LassoCV({ cv: 3, nAlphas: 10, rule: '1se', backend, onProgress: (f) => seen.push(f) }).fit(X, y);
    expect(cv.alpha).toBe(cv.alpha1se);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('ElasticNetCV picks the best (l1Ratio, alpha) pair over several l1Ratios', () => {
    const cv = new ElasticNetCV({ l1Ratio: [0.2, 0.9], cv: 3, nAlphas: 15, backend }).fit(X, y);
    expect(cv.curves.length).toBe(2);
    const bestOf = (c: (typeof cv.curves)[0]) => Math.min(...c.mseMean);
    const winner = bestOf(cv.curves[0]) <= bestOf(cv.curves[1]) ? 0.2 : 0.9;
    expect(cv.l1Ratio).toBe(winner);
    expect(cv.predict(X).length).toBe(X.length);
  });

  it('rejects bad cv settings', () => {
    expect(() => new LassoCV({ cv: 1, backend })).toThrow(/cv/);
    expect(() => new LassoCV({ cv: 500, backend }).fit(X, y)).toThrow(/500 folds.*442 rows/);
    expect(() => new LassoCV({ foldIds: [1, 2], backend }).fit(X, y)).toThrow(/foldIds/);
  });
});

describe('CV backends agree', () => {
  it('identical curves on both backends', () => {
    const a = new LassoCV({ cv: 5, backend: 'wasm' }).fit(X, y);
    const b = new LassoCV({ cv: 5, backend: 'js' }).fit(X, y);
    expect(maxRelDiff(a.msePath, b.msePath)).toBeLessThanOrEqual(1e-10);
    expect(a.alpha).toBe(b.alpha);
  });
});

describe('cross-validation by Gram downdating', () => {
  it('fold Gram designs give the same CV curves as copying each training fold (weights, standardize, no intercept, constant-on-fold column)', () => {
    // Column 3 is constant on the rows of fold 0's complement … except in fold 0's test rows.
    const Xc = X.map((r, i) => [...r.slice(0, 3), i < 89 ? r[3] : 7.5, ...r.slice(4)]);
    const w = y.map((_, i) => 0.5 + ((i * 37) % 11) / 10);
    for (const backend of backends) {
      for (const opts of [
        { standardize: true },
        { standardize: false, fitIntercept: false },
        { standardize: true, sampleWeight: w },
        { standardize: true, fitIntercept: false, sampleWeight: w },
      ]) {
        const common = { cv: 5, nAlphas: 12, tol: 1e-12, maxIter: 100000, backend, ...opts };
        const viaGram = new LassoCV({ ...common, precompute: true }).fit(Xc, y);
        const viaCopy = new LassoCV({ ...common, precompute: false }).fit(Xc, y);
        expect(maxRelDiff(viaGram.msePath, viaCopy.msePath)).toBeLessThan(1e-8);
        expect(viaGram.alpha).toBe(viaCopy.alpha);
      }
    }
  });
});
