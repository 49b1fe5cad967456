import { beforeAll, describe, expect, it } from 'vitest';
import {
  ready, SufficientStats, Lasso, ElasticNet, Ridge, LassoCV, ElasticNetCV, RidgeCV, lassoPath, enetPath,
} from '../src/index.js';
import { loadDiabetes, maxRelDiff, rng } from './helpers/data.js';

const backends = ['wasm', 'js'] as const;
/** Unscaled diabetes without an intercept does not converge in 1000 sweeps, on rows and on statistics alike. */
const quiet = (): void => {};

beforeAll(async () => {
  await ready();
});

interface Data { X: number[][]; y: number[]; w: number[] }

/** n×p Gaussian design with sparse truth, a constant column and optional large offsets. */
function synthetic(n: number, p: number, seed: number, offset = 0, yOffset = 0): Data {
  const r = rng(seed);
  const beta = Array.from({ length: p }, (_, j) => (j % 4 === 0 ? r.normal() * 2 : 0));
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, (_, j) => (j === 2 ? 3 : r.normal() * (1 + j / p)));
    let t = 0;
    for (let j = 0; j < p; j++) t += beta[j] * row[j];
    y.push(t + r.normal() + yOffset);
    X.push(row.map((v) => v + offset));
    w.push(i % 7 === 0 ? 0 : 0.5 + r.uniform());
  }
  return { X, y, w };
}

const diabetes = (() => {
  const d = loadDiabetes();
  return { X: d.X, y: d.y, w: d.y.map((_, i) => 1 + (i % 5) / 2) };
})();

/** Statistics of the rows in chunks of `chunk` rows (folds given per row, or none). */
function statsOf(d: Data, opts: { chunk?: number; folds?: number[]; nFolds?: number; weights?: boolean; backend?: 'wasm' | 'js' } = {}): SufficientStats {
  const p = d.X[0].length;
  const s = new SufficientStats({ nFeatures: p, nFolds: opts.nFolds ?? 1, backend: opts.backend ?? 'wasm' });
  const chunk = opts.chunk ?? d.X.length;
  for (let i = 0; i < d.X.length; i += chunk) {
    const j = Math.min(d.X.length, i + chunk);
    s.add(d.X.slice(i, j), d.y.slice(i, j), {
      sampleWeight: opts.weights ? d.w.slice(i, j) : null,
      foldIds: opts.folds ? opts.folds.slice(i, j) : null,
    });
  }
  return s;
}

const shapes: [string, () => Data][] = [
  ['diabetes 442×10', () => diabetes],
  ['tall 300×30 (a constant column)', () => synthetic(300, 30, 1)],
  ['wide 60×80', () => synthetic(60, 80, 2)],
];

describe.each(backends)('fits from SufficientStats equal fits on the rows (%s backend)', (backend) => {
  describe.each(shapes)('%s', (_name, make) => {
    const variants = [
      { label: 'plain', weights: false, opts: {} },
      { label: 'weights + standardize', weights: true, opts: { standardize: true } },
      { label: 'penalty factors (one 0) + positive', weights: false, opts: { positive: true } , pf: true },
      { label: 'no intercept, weights', weights: true, opts: { fitIntercept: false } },
    ];
    it.each(variants)('Lasso, ElasticNet, Ridge: $label', ({ weights, opts, pf }) => {
      const d = make();
      const p = d.X[0].length;
      const penaltyFactor = pf ? Array.from({ length: p }, (_, j) => (j === 1 ? 0 : 1 + (j % 3))) : null;
      const s = statsOf(d, { chunk: 37, weights, backend });
      const sw = weights ? d.w : null;
      const models = [
        () => new Lasso({ alpha: 0.05, backend, penaltyFactor, onWarning: quiet, ...opts }),
        () => new ElasticNet({ alpha: 0.1, l1Ratio: 0.4, backend, penaltyFactor, onWarning: quiet, ...opts }),
        () => new Ridge({ alpha: 2, backend, penaltyFactor, fitIntercept: opts.fitIntercept, standardize: opts.standardize }),
      ];
      for (const make of models) {
        const a = make().fit(d.X, d.y, sw);
        const b = make().fitStats(s);
        expect(maxRelDiff(b.coef, a.coef)).toBeLessThan(1e-9);
        expect(Math.abs(b.intercept - a.intercept)).toBeLessThan(1e-9 * Math.max(1, Math.abs(a.intercept)));
      }
    });
  });

  it('lassoPath and enetPath from statistics equal the paths on the rows', () => {
    const d = synthetic(300, 30, 3);
    const s = statsOf(d, { chunk: 64, weights: true, backend });
    for (const std of [false, true]) {
      const a = lassoPath(d.X, d.y, { nAlphas: 30, standardize: std, sampleWeight: d.w, backend });
      const b = lassoPath(s, { nAlphas: 30, standardize: std, backend });
      expect(maxRelDiff(b.alphas, a.alphas)).toBeLessThan(1e-12);
      expect(maxRelDiff(b.coefs, a.coefs)).toBeLessThan(1e-9);
      expect(maxRelDiff(b.intercepts, a.intercepts)).toBeLessThan(1e-9);
      const e1 = enetPath(d.X, d.y, { l1Ratio: 0.7, nAlphas: 20, standardize: std, sampleWeight: d.w, backend });
      const e2 = enetPath(s, { l1Ratio: 0.7, nAlphas: 20, standardize: std, backend });
      expect(maxRelDiff(e2.coefs, e1.coefs)).toBeLessThan(1e-9);
    }
  });

  it.each([false, true])('LassoCV / ElasticNetCV over recorded folds = fit with the same foldIds (weights: %s)', (weights) => {
    const d = synthetic(400, 20, 4);
    const folds = d.y.map((_, i) => (i * 7) % 5);
    const s = statsOf(d, { chunk: 50, nFolds: 5, folds, weights, backend });
    const sw = weights ? d.w : null;
    const a = new LassoCV({ foldIds: folds, nAlphas: 25, standardize: true, backend }).fit(d.X, d.y, sw);
    const b = new LassoCV({ nAlphas: 25, standardize: true, backend }).fitStats(s);
    // The same grid point (alpha_max itself agrees to rounding).
    expect(b.alphas.indexOf(b.alpha)).toBe(a.alphas.indexOf(a.alpha));
    expect(b.alphas.indexOf(b.alpha1se)).toBe(a.alphas.indexOf(a.alpha1se));
    expect(Math.abs(b.alpha - a.alpha)).toBeLessThan(1e-12 * a.alpha);
    expect(maxRelDiff(b.alphas, a.alphas)).toBeLessThan(1e-12);
    expect(maxRelDiff(b.mseMean, a.mseMean)).toBeLessThan(1e-9);
    expect(maxRelDiff(b.msePath, a.msePath)).toBeLessThan(1e-9);
    expect(maxRelDiff(b.coef, a.coef)).toBeLessThan(1e-9);
    const e1 = new ElasticNetCV({ foldIds: folds, l1Ratio: [0.3, 0.9], nAlphas: 15, backend }).fit(d.X, d.y, sw);
    const e2 = new ElasticNetCV({ l1Ratio: [0.3, 0.9], nAlphas: 15, backend }).fitStats(s);
    expect(e2.l1Ratio).toBe(e1.l1Ratio);
    expect(e2.alphas.indexOf(e2.alpha)).toBe(e1.alphas.indexOf(e1.alpha));
    expect(maxRelDiff(e2.mseMean, e1.mseMean)).toBeLessThan(1e-9);
    expect(maxRelDiff(e2.coef, e1.coef)).toBeLessThan(1e-9);
  });

  it('RidgeCV cv: k over recorded folds = fit with the same foldIds', () => {
    const d = synthetic(200, 15, 5);
    const folds = d.y.map((_, i) => i % 4);
    const s = statsOf(d, { chunk: 33, nFolds: 4, folds, backend });
    const alphas = [0.01, 0.3, 3, 30, 300];
    const a = new RidgeCV({ alphas, foldIds: folds, standardize: true, backend }).fit(d.X, d.y);
    const b = new RidgeCV({ alphas, cv: 4, standardize: true, backend }).fitStats(s);
    expect(b.alpha).toBe(a.alpha);
    expect(maxRelDiff(b.mseMean, a.mseMean)).toBeLessThan(1e-9);
    expect(maxRelDiff(b.msePath!, a.msePath!)).toBeLessThan(1e-9);
    expect(maxRelDiff(b.coef, a.coef)).toBeLessThan(1e-9);
  });
});

describe('SufficientStats accumulation', () => {
  it('one chunk = many chunks = merged halves = JSON round trip; both backends bit-identical', () => {
    const d = synthetic(250, 12, 6);
    const folds = d.y.map((_, i) => i % 3);
    const one = statsOf(d, { nFolds: 3, folds, weights: true });
    const many = statsOf(d, { chunk: 9, nFolds: 3, folds, weights: true });
    const h = 120;
    const first = statsOf({ X: d.X.slice(0, h), y: d.y.slice(0, h), w: d.w.slice(0, h) }, { nFolds: 3, folds: folds.slice(0, h), weights: true });
    const second = statsOf({ X: d.X.slice(h), y: d.y.slice(h), w: d.w.slice(h) }, { nFolds: 3, folds: folds.slice(h), weights: true });
    const merged = first.merge(second);
    const back = SufficientStats.fromJSON(JSON.stringify(merged.toJSON()));
    const ref = one.toJSON();
    for (const other of [many, merged, back]) {
      const o = other.toJSON();
      expect(o.weighted).toBe(true);
      for (let f = 0; f < 3; f++) {
        expect(o.folds[f].count).toBe(ref.folds[f].count);
        expect(maxRelDiff(o.folds[f].mean, ref.folds[f].mean)).toBeLessThan(1e-13);
        expect(maxRelDiff(o.folds[f].comoment, ref.folds[f].comoment)).toBeLessThan(1e-12);
      }
    }
    expect(back.toJSON()).toEqual(merged.toJSON());
    const js = statsOf(d, { chunk: 9, nFolds: 3, folds, weights: true, backend: 'js' });
    expect(js.toJSON()).toEqual(many.toJSON());
    expect(one.count).toBe(250);
  });

  it('large means: columns ~1e6 with unit spread and y ~1e8 give the answers of centred data', () => {
    const c = synthetic(500, 8, 7);
    const big = synthetic(500, 8, 7, 1e6, 1e8);
    const sc = statsOf(c, { chunk: 40 });
    const sb = statsOf(big, { chunk: 40 });
    const a = new Lasso({ alpha: 0.02 }).fitStats(sc);
    const b = new Lasso({ alpha: 0.02 }).fitStats(sb);
    // The shifted data were rounded when 1e6 was added, so compare at that level (1e6·eps ≈ 2e-10 per entry).
    expect(maxRelDiff(b.coef, a.coef)).toBeLessThan(1e-8);
    const r1 = new Ridge({ alpha: 1 }).fitStats(sc);
    const r2 = new Ridge({ alpha: 1 }).fitStats(sb);
    expect(maxRelDiff(r2.coef, r1.coef)).toBeLessThan(1e-8);
    // Raw (uncentred) sums would lose everything: XᵀX ~ 5e14 per entry, spread ~ 5e2.
    const q = 9;
    const C = sb.moments().C;
    const Cc = sc.moments().C;
    for (let j = 0; j < q; j++) expect(Math.abs(C[j * q + j] - Cc[j * q + j])).toBeLessThan(1e-7 * Cc[j * q + j] + 1e-12);
  });

  it('bad input: a clear error and the statistics unchanged', () => {
    const d = synthetic(40, 5, 8);
    const s = statsOf(d, { nFolds: 2, folds: d.y.map((_, i) => i % 2) });
    const before = JSON.stringify(s.toJSON());
    expect(() => s.add(d.X.map((r) => r.slice(0, 4)), d.y, { foldIds: d.y.map(() => 0) })).toThrow(/X has 4 columns.*nFeatures = 5/);
    expect(() => s.add(d.X, d.y, { foldIds: d.y.map((_, i) => (i === 7 ? 2 : 0)) })).toThrow(/foldIds\[7\] is 2.*0…1/);
    expect(() => s.add(d.X, d.y)).toThrow(/needs foldIds/);
    expect(() => s.add(d.X, d.y.slice(1), { foldIds: d.y.map(() => 0) })).toThrow(RangeError);
    expect(() => s.add(d.X, d.y, { foldIds: d.y.map(() => 0), sampleWeight: d.y.map((_, i) => (i === 3 ? -1 : 1)) })).toThrow(/sampleWeight\[3\] is -1/);
    const bad = d.X.map((r) => r.slice());
    bad[5][2] = NaN;
    expect(() => s.add(bad, d.y, { foldIds: d.y.map(() => 0) })).toThrow(/row 5, column 2/);
    expect(() => s.merge(new SufficientStats({ nFeatures: 4, nFolds: 2 }))).toThrow(/nFeatures = 4.*5/);
    expect(() => s.merge(new SufficientStats({ nFeatures: 5, nFolds: 3 }))).toThrow(/nFolds = 3.*2/);
    expect(JSON.stringify(s.toJSON())).toBe(before);
    expect(() => new SufficientStats({} as never)).toThrow(/nFeatures/);
    expect(() => new Lasso().fitStats(new SufficientStats({ nFeatures: 3 }))).toThrow(/no rows/);
    expect(() => new LassoCV().fitStats(statsOf(d))).toThrow(/nFolds ≥ 2/);
    expect(() => new Lasso({ penaltyFactor: [1, 2] }).fitStats(s)).toThrow(/penaltyFactor/);
  });

  it('fits from the same statistics are bit-identical on the two backends', () => {
    const d = synthetic(300, 12, 10);
    const folds = d.y.map((_, i) => i % 5);
    const s = statsOf(d, { chunk: 64, nFolds: 5, folds, weights: true });
    const same = (a: ArrayLike<number>, b: ArrayLike<number>): void => expect(Array.from(a)).toEqual(Array.from(b));
    const cv = (backend: 'wasm' | 'js') => new LassoCV({ nAlphas: 20, standardize: true, backend }).fitStats(s);
    const [w, j] = [cv('wasm'), cv('js')];
    same(w.mseMean, j.mseMean);
    same(w.coef, j.coef);
    const r = (backend: 'wasm' | 'js') => new RidgeCV({ alphas: [0.1, 1, 10], cv: 5, backend }).fitStats(s);
    same(r('wasm').mseMean, r('js').mseMean);
    same(r('wasm').coef, r('js').coef);
    same(enetPath(s, { nAlphas: 10, backend: 'wasm' }).coefs, enetPath(s, { nAlphas: 10, backend: 'js' }).coefs);
  });

  it('fitted models predict and serialize as usual', () => {
    const d = synthetic(120, 6, 9);
    const m = new Lasso({ alpha: 0.1 }).fitStats(statsOf(d));
    const again = Lasso.fromJSON(m.toJSON());
    expect(Array.from(again.predict(d.X))).toEqual(Array.from(m.predict(d.X)));
    expect(m.score(d.X, d.y)).toBeGreaterThan(0.5);
    const folds = d.y.map((_, i) => i % 3);
    const s3 = statsOf(d, { nFolds: 3, folds });
    const cv = new LassoCV({ nAlphas: 10 }).fitStats(s3);
    const cvBack = LassoCV.fromJSON(JSON.parse(JSON.stringify(cv.toJSON())));
    expect(cvBack.alpha).toBe(cv.alpha);
    expect(Array.from(cvBack.predict(d.X))).toEqual(Array.from(cv.predict(d.X)));
    const r = new RidgeCV({ cv: 3 }).fitStats(s3);
    const rBack = RidgeCV.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(rBack.alpha).toBe(r.alpha);
    expect(Array.from(rBack.coef)).toEqual(Array.from(r.coef));
  });
});
