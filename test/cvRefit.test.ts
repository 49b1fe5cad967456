// Cross-validation's refit on the full data's design that the folds already
// hold in the core (ElasticNetCV.foldErrors' `then`, ElasticNet.fitPrepared):
// one copy of X serves the alpha grid, the Gram matrix of the folds and the
// refit when they are prepared alike (no standardizing, no weights). The
// refit must give fitChecked's bits — the one-thread fit's before this reuse —
// in every mode, kept design or not, and at any grid point (the speculative
// refits of workers/sharedRefit).
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV, Lasso } from '../src/index.js';
import type { ElasticNet } from '../src/models/ElasticNet.js';
import { loadDiabetes, rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

function expectSameFit(a: ElasticNet, b: ElasticNet): void {
  expect(sameBits(a.coef, b.coef)).toBe(true);
  expect(Object.is(a.intercept, b.intercept)).toBe(true);
  expect(a.nIter).toBe(b.nIter);
  expect(Object.is(a.dualGap, b.dualGap)).toBe(true);
  expect(a.stopReason).toBe(b.stopReason);
}

const { X: diabetes, y: dy } = loadDiabetes();
const r = rng(11);
const n = 150;
const p = 60;
const wideX = Array.from({ length: 60 }, () => Array.from({ length: 150 }, () => r.normal()));
const wideY = wideX.map((row) => row[0] - 2 * row[3] + r.normal());
const weights = Array.from({ length: diabetes.length }, () => 0.5 + r.uniform());
const tallX = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
const tallY = tallX.map((row) => row[1] + row[5] + r.normal());

describe('the refit on the design the folds hold', () => {
  const cases: [string, typeof LassoCV | typeof ElasticNetCV, Record<string, unknown>, number[][], number[], number[] | null][] = [
    ['Gram folds, kept design (diabetes)', LassoCV, { cv: 5, nAlphas: 30 }, diabetes, dy, null],
    ['Gram folds, kept design, js backend', LassoCV, { cv: 4, nAlphas: 20, backend: 'js' }, diabetes, dy, null],
    ['Gram folds, kept design, no intercept, positive', LassoCV, { cv: 4, nAlphas: 20, fitIntercept: false, positive: true }, tallX, tallY, null],
    ['Gram folds, kept design, elastic net', ElasticNetCV, { cv: 3, nAlphas: 15, l1Ratio: [0.3, 0.9] }, tallX, tallY, null],
    ['Gram folds, standardize (a design of its own)', LassoCV, { cv: 5, nAlphas: 20, standardize: true }, diabetes, dy, null],
    ['Gram folds, weights (a design of its own)', LassoCV, { cv: 5, nAlphas: 20 }, diabetes, dy, weights],
    ['Gram folds, alphas given', LassoCV, { cv: 5, alphas: [2, 1, 0.5, 0.1, 0.01] }, diabetes, dy, null],
    ['fold copies (n < p)', LassoCV, { cv: 4, nAlphas: 20 }, wideX, wideY, null],
    ['fold copies (precompute false)', LassoCV, { cv: 4, nAlphas: 20, precompute: false }, diabetes, dy, null],
  ];
  for (const [name, Model, o, X, y, w] of cases) {
    it(`${name}: fit's refit, and a refit at any grid point inside foldErrors, give fitChecked's bits`, () => {
      const cv = new Model(o);
      const fitted = new Model(o).fit(X, y, w);
      cv.foldErrors(X, y, w, null, null, 0, (errors) => {
        const chosen = cv.chooseFromFolds(errors);
        // The chosen refit, on the design still held (or not) …
        const a = cv.refitAt(cv.alpha, cv.l1Ratio);
        errors.refit(a);
        // … against fitChecked on the validated data (a fresh copy of X in the core).
        chosen.fitChecked(errors.M, errors.y, errors.sw);
        expectSameFit(a, chosen);
        expect(sameBits(fitted.coef, chosen.coef)).toBe(true);
        // A neighbour grid point, as a speculative refit would take.
        const alphas = cv.alphas;
        const other = alphas[Math.min(alphas.length - 1, alphas.indexOf(cv.alpha) + 1)];
        const b = cv.refitAt(other);
        errors.refit(b);
        const c = cv.refitAt(other);
        c.fitChecked(errors.M, errors.y, errors.sw);
        expectSameFit(b, c);
      });
    });
  }

  it('a refit asked for after foldErrors returned prepares its own design, with the same bits', () => {
    const cv = new LassoCV({ cv: 5, nAlphas: 20 });
    const errors = cv.foldErrors(diabetes, dy, null, null, null, 0);
    const chosen = cv.chooseFromFolds(errors);
    errors.refit(chosen);
    const direct = new Lasso({ alpha: cv.alpha }).fit(diabetes, dy);
    expectSameFit(chosen, direct);
  });

  it('LassoCV.fit equals a Lasso fitted at the chosen alpha, bit for bit', () => {
    for (const o of [{}, { standardize: true }, { precompute: false }]) {
      const cv = new LassoCV({ cv: 5, nAlphas: 25, ...o }).fit(tallX, tallY);
      expectSameFit(cv as unknown as ElasticNet, new Lasso({ alpha: cv.alpha, ...o }).fit(tallX, tallY));
    }
  });
});
