/**
 * logisticPath and LogisticRegressionCV: path points equal cold single fits,
 * the default grid starts at alpha_max with all-zero coefficients, separable
 * data stop the default grid (with a warning), both backends agree bit for bit,
 * cross-validation picks from its curves as documented and explains bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LogisticRegression, LogisticRegressionCV, logisticPath, type SparseCoefs } from '../src/index.js';
import { binaryProblem } from './helpers/binary.js';

beforeAll(async () => {
  await ready();
});

describe('logisticPath', () => {
  const { X, y } = binaryProblem(150, 12, 11);
  const { X: Xsmall, y: ySmall } = binaryProblem(60, 5, 12);

  it('starts at alpha_max with zero coefficients; every point equals a cold single fit; backends bit-identical', () => {
    const [w, j] = (['wasm', 'js'] as const).map((backend) => logisticPath(X, y, { nAlphas: 20, eps: 1e-2, tol: 1e-12, maxIter: 100000, backend }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(Array.from(w.intercepts)).toEqual(Array.from(j.intercepts));
    expect(Array.from(w.coefs.subarray(0, 12)).every((c) => c === 0)).toBe(true);
    expect(Array.from(w.coefs.subarray(12, 24)).some((c) => c !== 0)).toBe(true);
    expect(w.alphas.length).toBe(20);
    expect(w.alphas[19] / w.alphas[0]).toBeCloseTo(1e-2, 12);
    for (const k of [3, 10, 19]) {
      const m = new LogisticRegression({ alpha: w.alphas[k], tol: 1e-12, maxIter: 100000 }).fit(X, y);
      for (let jj = 0; jj < 12; jj++) expect(w.coefs[k * 12 + jj]).toBeCloseTo(m.coef[jj], 7);
      expect(w.intercepts[k]).toBeCloseTo(m.intercept, 7);
    }
    for (let k = 1; k < 20; k++) expect(w.devRatios[k]).toBeGreaterThanOrEqual(w.devRatios[k - 1] - 1e-12);
    expect(w.classes).toEqual([0, 1]);
  });

  it('separable data: the default grid stops past 99.9% deviance explained and warns; explicit alphas are all solved', () => {
    const Xs = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 5]);
    const ys = Xs.map((r) => (r[0] >= 20 ? 'yes' : 'no'));
    const warnings: string[] = [];
    const r = logisticPath(Xs, ys, { nAlphas: 100, eps: 1e-6, onWarning: (m) => warnings.push(m), maxIter: 100000 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.alphas.length).toBeLessThan(100);
    expect(r.devRatios[r.devRatios.length - 1]).toBeGreaterThan(0.999);
    expect(warnings.some((m) => /separable/.test(m))).toBe(true);
    const warnings2: string[] = [];
    const r2 = logisticPath(Xs, ys, { alphas: [1e-1, 1e-3, 1e-5], onWarning: (m) => warnings2.push(m), maxIter: 100000 });
    expect(r2.alphas.length).toBe(3);
    expect(warnings2.some((m) => /separable/.test(m))).toBe(true);
  });

  it('sparseCoefs: the dense result\'s nonzeros as CSR, bit for bit, on both backends and on a path cut short', () => {
    const asDense = (c: SparseCoefs): number[] => {
      const d = new Array<number>(c.rows * c.cols).fill(0);
      for (let k = 0; k < c.rows; k++) {
        for (let t = c.indptr[k]; t < c.indptr[k + 1]; t++) {
          if (t > c.indptr[k]) expect(c.indices[t]).toBeGreaterThan(c.indices[t - 1]);
          expect(c.data[t]).not.toBe(0);
          d[k * c.cols + c.indices[t]] = c.data[t];
        }
      }
      return d;
    };
    const Xs = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 5, (i * 3) % 4]);
    const ys = Xs.map((r) => (r[0] >= 20 ? 1 : 0));
    const cases = [
      { X, y, opts: { nAlphas: 30, eps: 1e-2, l1Ratio: 0.7 } },
      { X, y, opts: { alphas: [0.2, 0.05, 0.01, 0.002] } },
      { X: Xs, y: ys, opts: { nAlphas: 100, eps: 1e-6, maxIter: 100000 } }, // stops early: separable
    ];
    for (const c of cases) {
      for (const backend of ['wasm', 'js'] as const) {
        const dense = logisticPath(c.X, c.y, { ...c.opts, backend, onWarning: () => {} });
        const sparse = logisticPath(c.X, c.y, { ...c.opts, backend, sparseCoefs: true, onWarning: () => {} });
        const p = dense.nFeatures;
        expect(sparse.coefs.format).toBe('csr');
        expect(sparse.coefs.rows).toBe(dense.alphas.length);
        expect(sparse.coefs.cols).toBe(p);
        expect(sparse.coefs.indptr.length).toBe(dense.alphas.length + 1);
        expect(sparse.coefs.indptr[0]).toBe(0);
        expect(sparse.coefs.indices.length).toBe(sparse.coefs.indptr[sparse.coefs.rows]);
        expect(sparse.coefs.data.length).toBe(sparse.coefs.indices.length);
        expect(asDense(sparse.coefs)).toEqual(Array.from(dense.coefs));
        expect(sparse.coefs.data.length).toBe(Array.from(dense.coefs).filter((v) => v !== 0).length);
        expect(Array.from(sparse.intercepts)).toEqual(Array.from(dense.intercepts));
        expect(Array.from(sparse.alphas)).toEqual(Array.from(dense.alphas));
        expect(Array.from(sparse.dualGaps)).toEqual(Array.from(dense.dualGaps));
        expect(sparse.stoppedEarly).toBe(dense.stoppedEarly);
      }
    }
    expect(logisticPath(Xs, ys, { nAlphas: 100, eps: 1e-6, maxIter: 100000, sparseCoefs: true, onWarning: () => {} }).stoppedEarly).toBe(true);
    expect(() => logisticPath(X, y, { sparseCoefs: 1 as never })).toThrow(/sparseCoefs/);
  });

  it('sparseCoefs: a path started from inside another one\'s onProgress leaves both results intact', () => {
    const opts = { nAlphas: 15, eps: 1e-2, sparseCoefs: true as const, onWarning: () => {} };
    const outer0 = logisticPath(X, y, opts);
    const inner0 = logisticPath(Xsmall, ySmall, opts);
    let inner: typeof inner0 | undefined;
    const outer = logisticPath(X, y, { ...opts, onProgress: (f) => { if (!inner && f > 0.5) inner = logisticPath(Xsmall, ySmall, opts); } });
    expect(inner).toBeDefined();
    for (const [a, b] of [[outer, outer0], [inner!, inner0]]) {
      expect(Array.from(a.coefs.indptr)).toEqual(Array.from(b.coefs.indptr));
      expect(Array.from(a.coefs.indices)).toEqual(Array.from(b.coefs.indices));
      expect(Array.from(a.coefs.data)).toEqual(Array.from(b.coefs.data));
    }
  });

  it('bad input: l1Ratio 0 without alphas, unknown options, one class', () => {
    expect(() => logisticPath(X, y, { l1Ratio: 0 })).toThrow(/alphas/);
    expect(() => logisticPath(X, y, { nAlpha: 3 } as never)).toThrow(/unknown option/);
    expect(() => logisticPath(X, y.map(() => 0))).toThrow(/only one class/);
  });
});

describe('LogisticRegressionCV', () => {
  const { X, y } = binaryProblem(160, 10, 21);

  it('chooses from its curves (best and 1-SE), refits at the choice, both backends identical', () => {
    const [a, b] = (['wasm', 'js'] as const).map((backend) =>
      new LogisticRegressionCV({ cv: 4, nAlphas: 15, l1Ratio: [0.5, 1], backend, tol: 1e-10 }).fit(X, y));
    expect(Array.from(a.scoreMean)).toEqual(Array.from(b.scoreMean));
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.curves.length).toBe(2);
    const k = Array.from(a.scoreMean).indexOf(Math.min(...a.scoreMean));
    expect(a.alphaBest).toBe(a.alphas[k]);
    expect(a.alpha).toBe(a.alphaBest);
    expect(a.alpha1se).toBeGreaterThanOrEqual(a.alphaBest);
    const best = Math.min(...a.curves.map((c) => c.scoreMean[c.indexBest]));
    expect(a.scoreMean[a.curves.find((c) => c.l1Ratio === a.l1Ratio)!.indexBest]).toBe(best);
    const refit = new LogisticRegression({ alpha: a.alpha, l1Ratio: a.l1Ratio, tol: 1e-10 }).fit(X, y);
    expect(Array.from(a.coef)).toEqual(Array.from(refit.coef));
    expect(a.nFolds).toBe(4);
    // Stratified: every fold holds both classes in nearly the training proportion.
    for (let f = 0; f < 4; f++) {
      const rows = y.filter((_, i) => a.foldIds[i] === f);
      expect(rows.some((v) => v === 1) && rows.some((v) => v === 0)).toBe(true);
    }
    const oneSe = new LogisticRegressionCV({ cv: 4, nAlphas: 15, rule: '1se', scoring: 'accuracy' }).fit(X, y);
    expect(oneSe.alpha).toBe(oneSe.alpha1se);
    expect(oneSe.alpha1se).toBeGreaterThanOrEqual(oneSe.alphaBest);
    const auc = new LogisticRegressionCV({ cv: 4, nAlphas: 15, scoring: 'auc' }).fit(X, y);
    expect(Math.max(...auc.scoreMean)).toBeGreaterThan(0.5);
    expect(auc.alphaBest).toBe(auc.alphas[Array.from(auc.scoreMean).indexOf(Math.max(...auc.scoreMean))]);
  });

  it('bad input: too many folds, a fold with one class, unknown scoring, not fitted', () => {
    expect(() => new LogisticRegressionCV({ cv: 200 }).fit(X, y)).toThrow(RangeError);
    const ids = y.map((v, i) => (v === 1 ? 0 : 1 + (i % 2)));
    expect(() => new LogisticRegressionCV({ foldIds: ids, nAlphas: 5 }).fit(X, y)).toThrow(/only one class/);
    expect(() => new LogisticRegressionCV({ scoring: 'f1' } as never)).toThrow(TypeError);
    expect(() => new LogisticRegressionCV().predict(X)).toThrow(/not fitted/);
  });
});
