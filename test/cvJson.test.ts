// LassoCV / ElasticNetCV round-trip through toJSON → JSON text → fromJSON:
// same class, same chosen alpha and curves, same coefficients and predictions.
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV } from '../src/index.js';
import { loadDiabetes } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

describe('toJSON / fromJSON of the cross-validated enet models', () => {
  const { X, y } = loadDiabetes();

  it('LassoCV comes back with every field and the same predictions', () => {
    const m = new LassoCV({ cv: 5, standardize: true, nAlphas: 30 }).fit(X, y);
    const back = LassoCV.fromJSON(JSON.stringify(m.toJSON()));
    expect(back).toBeInstanceOf(LassoCV);
    for (const f of ['alpha', 'alphaMin', 'alpha1se', 'l1Ratio', 'nFolds', 'nIter', 'dualGap', 'converged'] as const) expect(back[f]).toBe(m[f]);
    for (const f of ['alphas', 'mseMean', 'mseStd', 'msePath', 'coef'] as const) expect(Array.from(back[f])).toEqual(Array.from(m[f]));
    expect(back.intercept).toBe(m.intercept);
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
    expect(back.params.standardize).toBe(true);
    expect(back.toJSON()).toEqual(m.toJSON());
  });

  it('ElasticNetCV keeps one curve per l1Ratio and the chosen one', () => {
    const m = new ElasticNetCV({ cv: 4, l1Ratio: [0.2, 0.9], nAlphas: 20 }).fit(X, y);
    const json = m.toJSON();
    expect(json.type).toBe('ElasticNetCV');
    const back = ElasticNetCV.fromJSON(json);
    expect(back.curves.length).toBe(2);
    expect(back.l1Ratio).toBe(m.l1Ratio);
    expect(Array.from(back.msePath)).toEqual(Array.from(m.msePath));
    expect(back.toJSON()).toEqual(json);
  });

  it('rejects JSON of another model or with broken fields, naming the field', () => {
    const json = new LassoCV({ cv: 3, nAlphas: 10 }).fit(X, y).toJSON();
    expect(() => ElasticNetCV.fromJSON(json)).toThrow(/describes a LassoCV, not a ElasticNetCV/);
    expect(() => LassoCV.fromJSON({ ...json, alpha: 12345 })).toThrow(/"alpha" must be one of the chosen curve's alphas/);
    const curves = json.curves as { mseMean: number[] }[];
    expect(() => LassoCV.fromJSON({ ...json, curves: [{ ...curves[0], mseMean: [1] }] })).toThrow(/"curves\[0\]\.mseMean" must be an array of 10 numbers/);
    expect(() => LassoCV.fromJSON({ ...json, nFolds: 1 })).toThrow(/"nFolds" must be an integer ≥ 2/);
  });
});
