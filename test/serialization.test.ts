/**
 * Every estimator has the same validated JSON round trip (issue #13, item 7):
 * toJSON → JSON text → fromJSON gives a model with the same predictions, the
 * same fitted attributes and the same JSON again; tampered JSON (a string
 * version, a negative or infinite nIter, junk fields or params, a penaltyFactor
 * that does not match coef) is refused with a TypeError/RangeError that names
 * the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, LassoCV, ElasticNetCV, RidgeCV, type ModelJSON } from '../src/index.js';
import { loadDiabetes } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const { X, y } = loadDiabetes();
const pf = [1, 1, 2, 1, 0.5, 1, 1, 1, 1, 1];

interface Restorable {
  toJSON(): ModelJSON;
  predict(X: number[][]): Float64Array;
}
type Kind = [string, () => Restorable, (json: unknown) => Restorable, string[]];

const kinds: Kind[] = [
  ['Lasso', () => new Lasso({ alpha: 0.1, penaltyFactor: pf }).fit(X, y), (j) => Lasso.fromJSON(j), ['nIter', 'dualGap', 'converged', 'stopReason']],
  ['ElasticNet', () => new ElasticNet({ alpha: 0.05, l1Ratio: 0.3 }).fit(X, y), (j) => ElasticNet.fromJSON(j), ['nIter', 'dualGap', 'converged', 'stopReason']],
  ['Ridge', () => new Ridge({ alpha: 0.5, penaltyFactor: pf }).fit(X, y), (j) => Ridge.fromJSON(j), []],
  ['LassoCV', () => new LassoCV({ nAlphas: 8, cv: 3, penaltyFactor: pf }).fit(X, y), (j) => LassoCV.fromJSON(j),
    ['alpha', 'alphaMin', 'alpha1se', 'l1Ratio', 'alphas', 'mseMean', 'mseStd', 'msePath', 'nFolds', 'curves', 'nIter', 'dualGap', 'converged', 'stopReason']],
  ['ElasticNetCV', () => new ElasticNetCV({ nAlphas: 6, cv: 3, l1Ratio: [0.3, 0.9], rule: '1se' }).fit(X, y), (j) => ElasticNetCV.fromJSON(j),
    ['alpha', 'alphaMin', 'alpha1se', 'l1Ratio', 'alphas', 'mseMean', 'mseStd', 'msePath', 'nFolds', 'curves', 'nIter', 'dualGap', 'converged', 'stopReason']],
  ['RidgeCV', () => new RidgeCV({ alphas: [0.01, 0.1, 1, 10], cv: 4 }).fit(X, y), (j) => RidgeCV.fromJSON(j), ['alpha', 'alphas', 'mseMean', 'msePath', 'cvMode', 'nFolds']],
];

describe.each(kinds)('%s', (type, fit, fromJSON, attributes) => {
  it('round-trips through JSON text: same predictions, attributes and JSON', () => {
    const m = fit();
    const text = JSON.stringify(m);
    const json = JSON.parse(text) as ModelJSON;
    expect(json.type).toBe(type);
    expect(Object.keys(json).sort()).toEqual(['type', 'version', 'params', 'coef', 'intercept', ...(type.endsWith('CV') && type !== 'RidgeCV' ? ['alpha', 'alphaMin', 'alpha1se', 'l1Ratio', 'nFolds', 'curves', 'nIter', 'dualGap', 'converged', 'stopReason'] : type === 'RidgeCV' ? ['alpha', 'alphas', 'mseMean', 'msePath', 'cvMode', 'nFolds'] : type === 'Ridge' ? [] : ['nIter', 'dualGap', 'converged', 'stopReason'])].sort());
    const back = fromJSON(text);
    expect(back.constructor.name).toBe(type);
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
    for (const a of attributes) expect((back as unknown as Record<string, unknown>)[a], a).toEqual((m as unknown as Record<string, unknown>)[a]);
    expect(JSON.stringify(back)).toBe(text);
  });

  it('refuses tampered JSON, naming what is wrong', () => {
    const good = JSON.parse(JSON.stringify(fit())) as Record<string, unknown>;
    const refuse = (json: unknown, pattern: RegExp, Err: typeof TypeError | typeof RangeError = TypeError): void => {
      let err: unknown = null;
      try {
        fromJSON(json);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Err);
      expect((err as Error).message).toMatch(new RegExp(`^${type}\\.fromJSON: `));
      expect((err as Error).message).toMatch(pattern);
    };
    refuse({ ...good, version: '1' }, /unsupported format version "1" \(expected the number 1\)/);
    refuse({ ...good, junk: 1 }, /unknown field "junk"/);
    refuse({ ...good, params: { ...(good.params as object), junk: 1 } }, /"params": .*unknown option 'junk'/);
    refuse({ ...good, params: { ...(good.params as object), fitIntercept: 'yes' } }, /"params": .*'fitIntercept'/);
    if ('nIter' in good) {
      refuse({ ...good, nIter: -5 }, /"nIter" must be an integer from 0/);
      refuse({ ...good, nIter: Infinity }, /"nIter" must be an integer from 0/);
      refuse({ ...good, nIter: 1.5 }, /"nIter"/);
      refuse({ ...good, converged: 'yes' }, /"converged" must be true or false/);
      refuse({ ...good, dualGap: 'small' }, /"dualGap" must be a finite number/);
      refuse({ ...good, dualGap: Infinity }, /"dualGap" must be a finite number/);
      refuse({ ...good, stopReason: 'bored' }, /"stopReason" must be one of/);
    }
    if ((good.params as { penaltyFactor?: unknown }).penaltyFactor) {
      refuse({ ...good, params: { ...(good.params as object), penaltyFactor: [1, 2] } }, /"params.penaltyFactor" has 2 entries but "coef" has 10/);
    }
    if ('curves' in good) {
      refuse({ ...good, nFolds: 1 }, /"nFolds" must be an integer from 2/);
      refuse({ ...good, alpha: 123 }, /"alpha" must be the alpha its rule chose/);
      refuse({ ...good, curves: [] }, /"curves" must be a non-empty array/);
      const c0 = (good.curves as Record<string, unknown>[])[0];
      refuse({ ...good, curves: [{ ...c0, mseMean: [1] }] }, /"curves\[0\]\.mseMean" must be an array of \d+ finite numbers/);
    }
  });
});

describe('Ridge checks penaltyFactor against coef like Lasso does', () => {
  it('a length mismatch is refused', () => {
    const r = JSON.parse(JSON.stringify(new Ridge({ penaltyFactor: pf }).fit(X, y))) as Record<string, unknown>;
    expect(() => Ridge.fromJSON({ ...r, params: { ...(r.params as object), penaltyFactor: [1, 1, 1] } })).toThrow(
      /^Ridge\.fromJSON: "params.penaltyFactor" has 3 entries but "coef" has 10/,
    );
  });
});
