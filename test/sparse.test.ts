import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, lassoPath, enetPath, LassoCV, ElasticNetCV, RidgeCV, type SparseInput } from '../src/index.js';
import { maxRelDiff, rng } from './helpers/data.js';
import { toCsc, toCsr } from './helpers/sparse.js';

beforeAll(async () => {
  await ready();
});

/** A random n×p matrix with about `density` nonzeros (some columns with large means, one constant, one empty). */
function sparseData(n: number, p: number, density: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => (r.uniform() < density ? r.normal() * 2 + (r.uniform() < 0.3 ? 5 : 0) : 0)));
  for (const row of X) row[p - 1] = 0; // an empty column
  for (const row of X) row[p - 2] = 3; // a constant (full) column
  const y = X.map((row) => 2 * row[0] - 1.5 * row[1] + row[2] + 0.5 * r.normal() + 1);
  return { X, y };
}

const tight = { tol: 1e-14, maxIter: 100000 };

describe.each(['wasm', 'js'] as const)('sparse X = dense X (%s backend)', (backend) => {
  const { X, y } = sparseData(60, 12, 0.25, 4);
  const w = X.map((_, i) => (i % 5 === 0 ? 0 : 0.5 + (i % 3)));
  const other = backend === 'wasm' ? 'js' : 'wasm';
  const cases: [string, (extra: object) => { fit(X: unknown, y: unknown, w?: unknown): { coef: Float64Array; intercept: number; predict(X: unknown): Float64Array; score(X: unknown, y: unknown): number } }][] = [
    ['Lasso', (e) => new Lasso({ alpha: 0.05, ...tight, ...e })],
    ['Lasso no intercept, positive', (e) => new Lasso({ alpha: 0.02, fitIntercept: false, positive: true, ...tight, ...e })],
    ['ElasticNet standardize', (e) => new ElasticNet({ alpha: 0.05, l1Ratio: 0.4, standardize: true, ...tight, ...e })],
    ['ElasticNet standardize, no intercept, penaltyFactor', (e) => new ElasticNet({ alpha: 0.05, standardize: true, fitIntercept: false, penaltyFactor: [0, ...new Array(11).fill(1)], ...tight, ...e })],
    ['Ridge', (e) => new Ridge({ alpha: 0.5, ...e })],
    ['Ridge standardize, penaltyFactor', (e) => new Ridge({ alpha: 0.5, standardize: true, penaltyFactor: [1, 2, ...new Array(10).fill(1)], ...e })],
    ['Ridge alpha = 0 (singular: an empty and a constant column)', (e) => new Ridge({ alpha: 0, onWarning: () => {}, ...e })],
    ['Ridge positive', (e) => new Ridge({ alpha: 0.5, positive: true, tol: 1e-12, maxIter: 100000, ...e })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: CSR and CSC give the dense fit to 1e-10, with and without sample weights; the backends agree bit for bit`, () => {
      for (const sw of [undefined, w]) {
        const dense = make({ backend }).fit(X, y, sw);
        const csr = make({ backend }).fit(toCsr(X), y, sw);
        const csc = make({ backend }).fit(toCsc(X), y, sw);
        expect(maxRelDiff(csr.coef, dense.coef)).toBeLessThan(1e-10);
        expect(Math.abs(csr.intercept - dense.intercept)).toBeLessThan(1e-10 * Math.max(1, Math.abs(dense.intercept)));
        expect(Array.from(csc.coef)).toEqual(Array.from(csr.coef));
        const twin = make({ backend: other }).fit(toCsr(X), y, sw);
        expect(Array.from(twin.coef)).toEqual(Array.from(csr.coef));
        expect(twin.intercept).toBe(csr.intercept);
        const pd = dense.predict(X);
        const ps = csr.predict(toCsr(X));
        expect(maxRelDiff(ps, pd)).toBeLessThan(1e-10);
        expect(csr.score(toCsc(X), y)).toBeCloseTo(dense.score(X, y), 10);
      }
    });
  }

  it('several targets with a sparse X (Ridge from one factorization, Lasso per target)', () => {
    const Y = y.map((v, i) => [v, X[i][3] - v, 2 * X[i][4]]);
    for (const make of [() => new Ridge({ alpha: 0.3, backend }), () => new Lasso({ alpha: 0.01, ...tight, backend })]) {
      const d = make().fit(X, Y, w);
      const s = make().fit(toCsr(X), Y, w);
      expect(maxRelDiff(s.coef, d.coef)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.intercepts, d.intercepts)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.predict(toCsc(X)), d.predict(X))).toBeLessThan(1e-10);
    }
  });
});

describe.each(['wasm', 'js'] as const)('sparse X in paths and cross-validation (%s backend)', (backend) => {
  const { X, y } = sparseData(80, 15, 0.2, 8);
  const w = X.map((_, i) => 0.5 + (i % 4));

  it('lassoPath and enetPath: every point of the path equals the dense one to 1e-10', () => {
    for (const run of [
      (A: unknown) => lassoPath(A as number[][], y, { nAlphas: 20, ...tight, backend }),
      (A: unknown) => enetPath(A as number[][], y, { nAlphas: 15, l1Ratio: 0.3, standardize: true, sampleWeight: w, ...tight, backend }),
    ]) {
      const d = run(X);
      const s = run(toCsc(X));
      expect(maxRelDiff(s.alphas, d.alphas)).toBeLessThan(1e-12);
      expect(maxRelDiff(s.coefs, d.coefs)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.intercepts, d.intercepts)).toBeLessThan(1e-10);
    }
  });

  it('LassoCV, ElasticNetCV and RidgeCV (cv: k) choose what the dense fit chooses, with the same errors', () => {
    const d = new LassoCV({ cv: 4, nAlphas: 20, ...tight, backend }).fit(X, y, w);
    const s = new LassoCV({ cv: 4, nAlphas: 20, ...tight, backend }).fit(toCsr(X), y, w);
    // Same grid point (the grid's alpha_max is computed on each form, equal to rounding).
    expect(Math.abs(s.alpha / d.alpha - 1)).toBeLessThan(1e-12);
    expect(maxRelDiff(s.mseMean, d.mseMean)).toBeLessThan(1e-9);
    expect(maxRelDiff(s.coef, d.coef)).toBeLessThan(1e-10);
    const de = new ElasticNetCV({ cv: 3, l1Ratio: [0.2, 0.9], nAlphas: 10, standardize: true, ...tight, backend }).fit(X, y);
    const se = new ElasticNetCV({ cv: 3, l1Ratio: [0.2, 0.9], nAlphas: 10, standardize: true, ...tight, backend }).fit(toCsc(X), y);
    expect(Math.abs(se.alpha / de.alpha - 1)).toBeLessThan(1e-12);
    expect(se.l1Ratio).toBe(de.l1Ratio);
    expect(maxRelDiff(se.mseMean, de.mseMean)).toBeLessThan(1e-9);
    const dr = new RidgeCV({ cv: 5, alphas: [0.01, 0.3, 10], backend }).fit(X, y, w);
    const sr = new RidgeCV({ cv: 5, alphas: [0.01, 0.3, 10], backend }).fit(toCsr(X), y, w);
    expect(sr.alpha).toBe(dr.alpha);
    expect(maxRelDiff(sr.mseMean, dr.mseMean)).toBeLessThan(1e-10);
    expect(maxRelDiff(sr.coef, dr.coef)).toBeLessThan(1e-10);
  });

  it('RidgeCV leave-one-out (n > p): the dense errors, alpha and coefficients to 1e-10, the same bits on both backends; n ≤ p asks for cv: k', () => {
    const other = backend === 'wasm' ? 'js' : 'wasm';
    const alphas = [0.001, 0.05, 1, 20];
    for (const opts of [
      {},
      { standardize: true },
      { fitIntercept: false },
      { penaltyFactor: Array.from({ length: 15 }, (_, j) => 0.5 + (j % 3)) },
    ]) {
      for (const sw of [undefined, w]) {
        const d = new RidgeCV({ alphas, ...opts, backend }).fit(X, y, sw);
        const s = new RidgeCV({ alphas, ...opts, backend }).fit(toCsc(X), y, sw);
        expect(maxRelDiff(s.mseMean, d.mseMean)).toBeLessThan(1e-10);
        expect(s.alpha).toBe(d.alpha);
        expect(maxRelDiff(s.coef, d.coef)).toBeLessThan(1e-10);
        const t = new RidgeCV({ alphas, ...opts, backend: other }).fit(toCsr(X), y, sw);
        expect(Array.from(t.mseMean)).toEqual(Array.from(s.mseMean));
      }
    }
    // Several targets share one decomposition: each target's errors are the bits of its own
    // leave-one-out (dense Gram and covariance forms, sparse), the choice their mean's.
    const y2 = y.map((v, i) => v * 0.5 + (i % 7));
    const Y = y.map((v, i) => [v, y2[i]]);
    for (const [A, Y1, sw] of [[X, Y, w], [toCsc(X), Y, w], [X.slice(0, 12), Y.slice(0, 12), undefined]] as const) {
      const m = new RidgeCV({ alphas, backend }).fit(A, Y1, sw);
      const [a, b] = [0, 1].map((t) => new RidgeCV({ alphas, backend }).fit(A, Y1.map((r) => r[t]), sw));
      expect(Array.from(m.mseMean)).toEqual(alphas.map((_, k) => (a.mseMean[k] + b.mseMean[k]) / 2));
    }
    const wide = sparseData(12, 15, 0.3, 3);
    expect(() => new RidgeCV({ backend }).fit(toCsr(wide.X), wide.y)).toThrow(/sparse X needs more rows than columns \(n = 12, p = 15\); pass cv: k/);
    const manyCols: SparseInput = { format: 'csc', indptr: new Int32Array(2502), indices: new Int32Array(0), data: new Float64Array(0), rows: 3000, cols: 2501 };
    expect(() => new RidgeCV({ backend }).fit(manyCols, new Float64Array(3000))).toThrow(/decomposes the dense p × p matrix X̃ᵀX̃, done up to 2000 features; X has 2501: pass cv: k/);
  });
});

describe('sparse paths on a text-like design (many features, few nonzeros per column)', () => {
  // 400×300 at 3 %: columns of ~12 nonzeros (the gather kernels' unrolled
  // loops and their tails), a path long enough for the gradient bounds to
  // settle most screened-out features and for the reference to be refreshed.
  const n = 400;
  const p = 300;
  const r = rng(21);
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) if (r.uniform() < 0.03) { indices.push(i); data.push(Math.abs(r.normal()) + 1); }
    indptr.push(indices.length);
  }
  const X: SparseInput = { format: 'csc', indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data), rows: n, cols: p };
  const dense = Array.from({ length: n }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) for (let t = indptr[j]; t < indptr[j + 1]; t++) dense[indices[t]][j] = data[t];
  const y = dense.map((row) => 3 * row[0] - 2 * row[10] + row[20] + 0.3 * r.normal());
  const w = y.map((_, i) => 0.5 + (i % 3));

  it('the backends agree bit for bit at every alpha (default tol, with and without weights), and each point is certified', () => {
    for (const sampleWeight of [undefined, w]) {
      const a = lassoPath(X, y, { nAlphas: 60, eps: 1e-3, sampleWeight, backend: 'wasm' });
      const b = lassoPath(X, y, { nAlphas: 60, eps: 1e-3, sampleWeight, backend: 'js' });
      expect(a.converged).toBe(true);
      expect(Array.from(a.coefs)).toEqual(Array.from(b.coefs));
      expect(Array.from(a.intercepts)).toEqual(Array.from(b.intercepts));
      expect(Array.from(a.nIters)).toEqual(Array.from(b.nIters));
      // Far down the path most features are in the model.
      let nz = 0;
      for (let j = 0; j < p; j++) if (a.coefs[59 * p + j] !== 0) nz++;
      expect(nz).toBeGreaterThan(p / 3);
    }
  });

  it('equals the dense path to 1e-10 at a tight tol', () => {
    for (const backend of ['wasm', 'js'] as const) {
      const s = lassoPath(X, y, { nAlphas: 30, eps: 1e-2, sampleWeight: w, ...tight, backend });
      const d = lassoPath(dense, y, { nAlphas: 30, eps: 1e-2, sampleWeight: w, ...tight, backend });
      expect(maxRelDiff(s.coefs, d.coefs)).toBeLessThan(1e-10);
      expect(maxRelDiff(s.intercepts, d.intercepts)).toBeLessThan(1e-10);
    }
  });
});

describe('sparse input is validated with where', () => {
  const base = (): SparseInput => toCsr([[1, 0, 2], [0, 3, 0], [4, 0, 5]]);
  const y = [1, 2, 3];
  it('refuses bad structure and values, naming the entry', () => {
    const bad = (patch: Partial<SparseInput>) => () => new Lasso().fit({ ...base(), ...patch }, y);
    expect(bad({ format: 'coo' as never })).toThrow(/X.format must be 'csr' or 'csc'/);
    expect(bad({ indptr: [0, 2, 3] })).toThrow(/X.indptr has length 3, but a CSR matrix with 3 rows needs 4/);
    expect(bad({ indices: [0, 2, 1, 0, 3] })).toThrow(/X.indices\[4\] \(row 2\) is 3, out of range: column indices run from 0 to 2/);
    expect(bad({ indices: [2, 0, 1, 0, 2] })).toThrow(/X.indices\[1\] \(row 0\) is column 0 after column 2: indices must be sorted/);
    expect(bad({ indices: [0, 0, 1, 0, 2] })).toThrow(/X.indices\[1\] \(row 0\) repeats column 0: duplicate entries/);
    expect(bad({ data: [1, 2, 3, NaN, 5] })).toThrow(/X at row 2, column 0 \(X.data\[3\]\) is NaN/);
    expect(bad({ indptr: [0, 2, 1, 5] })).toThrow(/non-decreasing/);
    expect(bad({ data: [1, 2, 3] })).toThrow(/X.data has length 3, but X.indptr\[3\] = 5/);
    expect(bad({ rows: 0 })).toThrow(/X.rows must be a positive integer/);
    expect(() => new Lasso().fit(base(), [1, 2])).toThrow(/y has length 2/);
    const m = new Lasso({ alpha: 0.01 }).fit(base(), y);
    expect(() => m.predict(toCsr([[1, 2]]))).toThrow(/X has 2 columns, but the model was fitted on 3/);
  });
  it('leaves the caller\'s arrays as they were', () => {
    const X = base();
    const copy = { indptr: Array.from(X.indptr), indices: Array.from(X.indices), data: Array.from(X.data) };
    new Ridge().fit(X, y);
    new Lasso({ alpha: 0.01, standardize: true }).fit(X, y, [1, 2, 3]);
    expect(Array.from(X.indptr)).toEqual(copy.indptr);
    expect(Array.from(X.indices)).toEqual(copy.indices);
    expect(Array.from(X.data)).toEqual(copy.data);
  });
});

describe.each(['wasm', 'js'] as const)('sparse Ridge by conjugate gradients (%s backend)', (backend) => {
  const { X, y } = sparseData(70, 14, 0.3, 12);
  const w = X.map((_, i) => 0.5 + (i % 3));
  const other = backend === 'wasm' ? 'js' : 'wasm';
  it("solver 'cg' gives the dense (Cholesky) answer to 1e-10, certified, the same bits on both backends", () => {
    for (const opts of [{ alpha: 0.5 }, { alpha: 2, standardize: true, penaltyFactor: [1, 3, ...new Array(12).fill(1)] }, { alpha: 0.1, fitIntercept: false }]) {
      for (const sw of [undefined, w]) {
        const dense = new Ridge({ ...opts, backend }).fit(X, y, sw);
        const cg = new Ridge({ ...opts, solver: 'cg', cgTol: 1e-13, backend }).fit(toCsr(X), y, sw);
        expect(cg.cgResidual).toBeLessThanOrEqual(1e-13);
        expect(maxRelDiff(cg.coef, dense.coef)).toBeLessThan(1e-10);
        expect(Math.abs(cg.intercept - dense.intercept)).toBeLessThan(1e-10 * Math.max(1, Math.abs(dense.intercept)));
        const twin = new Ridge({ ...opts, solver: 'cg', cgTol: 1e-13, backend: other }).fit(toCsr(X), y, sw);
        expect(Array.from(twin.coef)).toEqual(Array.from(cg.coef));
      }
    }
    const Y = y.map((v, i) => [v, X[i][5] + 1]);
    const dm = new Ridge({ alpha: 0.5, backend }).fit(X, Y, w);
    const cm = new Ridge({ alpha: 0.5, solver: 'cg', cgTol: 1e-13, backend }).fit(toCsc(X), Y, w);
    expect(maxRelDiff(cm.coef, dm.coef)).toBeLessThan(1e-10);
  });

  it("'auto' takes conjugate gradients above 2000 features (here p > n, where the dense fit uses the dual system); cg is refused for a dense X; maxIter warns", () => {
    const r = rng(3);
    const n = 40;
    const p = 2100;
    const rows = Array.from({ length: n }, () => Array.from({ length: p }, () => (r.uniform() < 0.01 ? r.normal() : 0)));
    const yy = rows.map((row) => row[0] + row[1] + r.normal());
    const dense = new Ridge({ alpha: 1, backend }).fit(rows, yy);
    const auto = new Ridge({ alpha: 1, cgTol: 1e-13, maxIter: 5000, backend }).fit(toCsr(rows), yy);
    expect(auto.cgResidual).toBeGreaterThan(0);
    expect(auto.cgResidual).toBeLessThanOrEqual(1e-13);
    expect(maxRelDiff(auto.coef, dense.coef)).toBeLessThan(1e-10);
    expect(() => new Ridge({ solver: 'cg', backend }).fit(X, y)).toThrow(/'cg' is for a sparse X/);
    const warn: string[] = [];
    new Ridge({ alpha: 1e-8, solver: 'cg', cgTol: 1e-15, maxIter: 2, backend, onWarning: (m) => warn.push(m) }).fit(toCsr(X), y);
    expect(warn[0]).toMatch(/^Ridge: conjugate gradients stopped after maxIter = 2 iterations/);
  });
});
