/**
 * Regularization paths against real scikit-learn and R glmnet.
 *
 * Fixtures: test/fixtures/paths_{datasets,sklearn,glmnet}.json, written by
 * scripts/fixtures/paths.py (which runs scripts/fixtures/paths_glmnet.R); the
 * data sets are stored in the JSON (diabetes is read from data/diabetes.csv),
 * so this test needs neither Python nor R. On both backends, for every case:
 *
 * - the default alpha grid equals scikit-learn's `_alpha_grid` (1e-12
 *   relative) or glmnet's default lambda sequence (1e-10: glmnet builds it by
 *   repeated multiplication and extrapolates its first value);
 * - the coefficients and intercept at every alpha match the reference's
 *   per-alpha solutions to 1e-6, relative to the largest reference
 *   coefficient of that row (see `compareRows`); at alpha ≥ alpha_max the
 *   solution is exactly zero;
 * - the path without screening (strong rules off) gives the same answer;
 * - the WASM and JS backends are bit-identical.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, enetPath, type PathResult, type PathOptions } from '../src/index.js';
import { loadDiabetes } from './helpers/data.js';
import { fixture } from './helpers/fixtures.js';

interface Dataset {
  description: string;
  rows: number;
  cols: number;
  file?: string;
  X?: number[];
  y?: number[];
  sampleWeight?: number[];
  yUnitSd?: number[];
  yUnitSdWeighted?: number[];
  foldIds: number[];
}

interface SkPathCase {
  id: string;
  dataset: string;
  weighted: boolean;
  options: { l1Ratio: number; fitIntercept: boolean; positive: boolean; standardize: boolean; nAlphas?: number; eps?: number; alphas?: number[] };
  defaultGrid: boolean;
  alphas: number[];
  coefs: number[];
  intercepts: number[];
}

interface GlmnetPathCase {
  id: string;
  dataset: string;
  response: 'y' | 'yUnitSd' | 'yUnitSdWeighted';
  weighted: boolean;
  options: { l1Ratio: number; fitIntercept: boolean; standardize: true; penaltyFactor?: number[] };
  nlambda: number;
  lambdaMinRatio: number;
  defaultLambda: number[];
  lambda: number[];
  coefs: number[];
  intercepts: number[];
}


const datasets = fixture<{ datasets: Record<string, Dataset> }>('paths_datasets.json').datasets;
const sklearn = fixture<{ source: string; extra: { tall_positive_alpha_max: number }; cases: SkPathCase[] }>('paths_sklearn.json');
const glmnet = fixture<{ source: string; cases: GlmnetPathCase[] }>('paths_glmnet.json');

const backends = ['wasm', 'js'] as const;
type Backend = (typeof backends)[number];
const TOL = 1e-12;
const MAX_ITER = 1_000_000;
const COEF_RTOL = 1e-6;
const SK_GRID_RTOL = 1e-12;
const GLMNET_GRID_RTOL = 1e-10;
/** Strong rules on/off: both runs converge to the same optimum at tol 1e-12; they may differ only by rounding-level amounts. */
const SCREENING_RTOL = 1e-9;
/**
 * Row scale floor, as a fraction of the largest coefficient on the whole
 * reference path, for the rows at (or an ulp-level hair below) alpha_max.
 * alpha_max itself is only defined to ~1e-14 relative: the references sum
 * Xᵀy in other orders, scikit-learn's grid starts at 10^log10(alpha_max) and
 * glmnet extrapolates its first lambda, so a reference row at "alpha_max" may
 * hold ~1e-15 where ours is exactly 0, or the reverse (a coefficient grows
 * like alpha_max − alpha just below it). Those rows are zero to within
 * ~1e-13 of the path's scale; every other row is compared relative to its
 * own largest coefficient.
 */
const ROW_FLOOR = 1e-7;

interface Data {
  X: { data: Float64Array; rows: number; cols: number };
  y: Float64Array;
  sampleWeight: Float64Array | null;
}

function loadData(name: string, response: 'y' | 'yUnitSd' | 'yUnitSdWeighted' = 'y', weighted = false): Data {
  const d = datasets[name];
  let X: number[];
  let y: number[];
  if (d.file) {
    expect(d.file).toBe('data/diabetes.csv');
    const dia = loadDiabetes();
    X = dia.X.flat();
    y = dia.y;
  } else {
    X = d.X!;
    y = d.y!;
  }
  if (response !== 'y') y = d[response]!;
  expect(X.length).toBe(d.rows * d.cols);
  expect(y.length).toBe(d.rows);
  return {
    X: { data: Float64Array.from(X), rows: d.rows, cols: d.cols },
    y: Float64Array.from(y),
    sampleWeight: weighted ? Float64Array.from(d.sampleWeight!) : null,
  };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function maxElementRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return d;
}

/**
 * Row by row: ours vs the reference, relative to max(largest |reference
 * coefficient| of the row, ROW_FLOOR × largest on the path). Rows where the
 * reference is exactly zero and alpha ≥ our alpha_max must be exactly zero.
 * Intercepts are compared relative to the size of the fitted values they
 * shift (|b| + max_i |x_i·w|), since b = ȳ − x̄·w inherits the coefficients'
 * error scaled by the column means.
 */
function compareRows(
  label: string, data: Data, ours: PathResult, ref: { coefs: number[]; intercepts: number[] }, alphaMax: number,
  penaltyFactor?: number[],
): { worst: number; zeroRows: number } {
  const p = data.X.cols;
  const n = data.X.rows;
  const K = ref.intercepts.length;
  expect(ours.alphas.length, label).toBe(K);
  expect(ours.coefs.length, label).toBe(K * p);
  const pathScale = maxAbs(ref.coefs);
  let worst = 0;
  let zeroRows = 0;
  for (let k = 0; k < K; k++) {
    const refRow = ref.coefs.slice(k * p, (k + 1) * p);
    const row = ours.coefs.subarray(k * p, (k + 1) * p);
    const rowMax = maxAbs(refRow);
    if (ours.alphas[k] >= alphaMax) {
      zeroRows++;
      // every penalized coefficient (unpenalized ones, penalty factor 0, are fitted freely)
      const penalized = row.filter((_, j) => !penaltyFactor || penaltyFactor[j] !== 0);
      expect(maxAbs(penalized), `${label}: row ${k} (alpha ${ours.alphas[k]} ≥ alpha_max ${alphaMax}) must be exactly zero`).toBe(0);
    }
    const scale = Math.max(rowMax, ROW_FLOOR * pathScale, 1e-300);
    let d = 0;
    for (let j = 0; j < p; j++) d = Math.max(d, Math.abs(row[j] - refRow[j]) / scale);
    worst = Math.max(worst, d);
    expect(d, `${label}: coefficients at alpha[${k}] = ${ours.alphas[k]}`).toBeLessThan(COEF_RTOL);
    let fitScale = Math.abs(ref.intercepts[k]);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += data.X.data[i * p + j] * refRow[j];
      fitScale = Math.max(fitScale, Math.abs(s));
    }
    expect(Math.abs(ours.intercepts[k] - ref.intercepts[k]), `${label}: intercept at alpha[${k}]`).toBeLessThanOrEqual(
      COEF_RTOL * Math.max(fitScale, 1e-300),
    );
  }
  return { worst, zeroRows };
}

function expectSamePath(label: string, a: PathResult, b: PathResult): void {
  const p = a.nFeatures;
  const K = a.alphas.length;
  const scale = maxAbs(b.coefs);
  for (let k = 0; k < K; k++) {
    const ra = a.coefs.subarray(k * p, (k + 1) * p);
    const rb = b.coefs.subarray(k * p, (k + 1) * p);
    const s = Math.max(maxAbs(rb), ROW_FLOOR * scale, 1e-300);
    let d = 0;
    for (let j = 0; j < p; j++) d = Math.max(d, Math.abs(ra[j] - rb[j]) / s);
    expect(d, `${label}: screening on/off differ at alpha[${k}]`).toBeLessThan(SCREENING_RTOL);
  }
}

/** Paths per (backend, case, screening), kept for the backend bit-identity checks. */
const runs = new Map<string, PathResult>();

function run(key: string, data: Data, options: PathOptions): PathResult {
  const hit = runs.get(key);
  if (hit) return hit;
  const warnings: string[] = [];
  const r = enetPath(data.X, data.y, { ...options, sampleWeight: data.sampleWeight, onWarning: (m) => warnings.push(m) });
  expect(warnings, key).toEqual([]);
  expect(r.converged, key).toBe(true);
  runs.set(key, r);
  return r;
}

function skOptions(c: SkPathCase, backend: Backend): PathOptions {
  const { l1Ratio, fitIntercept, positive, standardize, nAlphas, eps, alphas } = c.options;
  return { l1Ratio, fitIntercept, positive, standardize, tol: TOL, maxIter: MAX_ITER, backend, ...(c.defaultGrid ? { nAlphas, eps } : { alphas }) };
}

function glOptions(c: GlmnetPathCase, backend: Backend): PathOptions {
  const { l1Ratio, fitIntercept, penaltyFactor } = c.options;
  return { l1Ratio, fitIntercept, standardize: true, penaltyFactor: penaltyFactor ?? null, tol: TOL, maxIter: MAX_ITER, backend };
}

/** Our alpha_max for these options: the one-point default grid. */
function ourAlphaMax(data: Data, options: PathOptions): number {
  const { alphas: _a, ...rest } = options;
  return enetPath(data.X, data.y, { ...rest, sampleWeight: data.sampleWeight, nAlphas: 1 }).alphas[0];
}

beforeAll(async () => {
  await ready();
});

describe('fixtures', () => {
  it('cover the cases the brief asks for', () => {
    const sk = sklearn.cases;
    expect(sklearn.source).toMatch(/^scikit-learn 1\.2/);
    expect(glmnet.source).toMatch(/^glmnet 4\.1/);
    expect(sk.some((c) => !c.options.fitIntercept)).toBe(true);
    expect(sk.some((c) => c.options.positive)).toBe(true);
    expect(sk.some((c) => c.weighted)).toBe(true);
    expect(sk.some((c) => c.options.l1Ratio === 0.5) && sk.some((c) => c.options.l1Ratio === 1)).toBe(true);
    expect(sk.some((c) => !c.defaultGrid)).toBe(true);
    expect(new Set(sk.map((c) => c.dataset)).size).toBeGreaterThanOrEqual(5);
    const gl = glmnet.cases;
    expect(gl.some((c) => c.options.penaltyFactor) && gl.some((c) => c.weighted) && gl.some((c) => !c.options.fitIntercept)).toBe(true);
    expect(gl.some((c) => c.options.l1Ratio < 1)).toBe(true);
    for (const name of Object.keys(datasets)) {
      const d = datasets[name];
      if (!d.file) expect(d.X!.length, name).toBe(d.rows * d.cols);
    }
    expect(datasets.wide.cols).toBeGreaterThan(datasets.wide.rows);
  });
});

describe.each(backends)('paths vs scikit-learn 1.2 (%s backend)', (backend) => {
  it.each(sklearn.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const data = loadData(c.dataset, 'y', c.weighted);
    const options = skOptions(c, backend);
    const ours = run(`${backend}/sk/${c.id}/screen`, data, options);
    const alphaMax = ourAlphaMax(data, options);
    if (c.defaultGrid) {
      expect(ours.alphas.length).toBe(c.alphas.length);
      expect(maxElementRelDiff(ours.alphas, c.alphas), 'alpha grid vs _alpha_grid').toBeLessThan(SK_GRID_RTOL);
      expect(ours.alphas[0]).toBe(alphaMax);
    } else {
      // explicit alphas come back sorted decreasing, exactly as given
      expect(Array.from(ours.alphas)).toEqual(c.alphas);
    }
    if (c.options.positive) {
      expect(Math.abs(alphaMax / sklearn.extra.tall_positive_alpha_max - 1), 'positive alpha_max = max(Xᵀy)/n').toBeLessThan(SK_GRID_RTOL);
    }
    const { zeroRows } = compareRows(c.id, data, ours, c, alphaMax);
    if (c.defaultGrid || c.alphas[0] > alphaMax) expect(zeroRows, 'the rows at alpha ≥ alpha_max are checked for exact zeros').toBeGreaterThan(0);
    const noScreen = run(`${backend}/sk/${c.id}/noscreen`, data, { ...options, screening: false });
    compareRows(`${c.id} (no screening)`, data, noScreen, c, alphaMax);
    expectSamePath(c.id, ours, noScreen);
  });
});

it('the glmnet path fixtures include unpenalized features (penalty factor 0), whose grid must match too', () => {
  expect(glmnet.cases.some((c) => c.options.penaltyFactor?.includes(0))).toBe(true);
});

describe.each(backends)('paths vs glmnet 4.1 (%s backend)', (backend) => {
  it.each(glmnet.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const data = loadData(c.dataset, c.response, c.weighted);
    const options = glOptions(c, backend);
    const pf = c.options.penaltyFactor;
    // The default grid: glmnet's lambda sequence (glmnet may stop its path early; compare what it returned).
    const grid = run(`${backend}/gl/${c.id}/grid`, data, { ...options, nAlphas: c.nlambda, eps: c.lambdaMinRatio });
    expect(grid.alphas.length).toBe(c.nlambda);
    // With unpenalized features (penalty factor 0) both glmnet and penalized take lambda_max
    // after fitting those features alone, so the grids agree there too.
    expect(maxElementRelDiff(grid.alphas.subarray(0, c.defaultLambda.length), c.defaultLambda), 'grid vs glmnet default lambda').toBeLessThan(
      GLMNET_GRID_RTOL,
    );
    const alphaMax = grid.alphas[0];
    // Coefficients at glmnet's own lambdas.
    const ours = run(`${backend}/gl/${c.id}/screen`, data, { ...options, alphas: c.lambda });
    const { zeroRows } = compareRows(c.id, data, ours, c, alphaMax, pf);
    if (c.lambda[0] >= alphaMax) expect(zeroRows).toBeGreaterThan(0);
    const noScreen = run(`${backend}/gl/${c.id}/noscreen`, data, { ...options, alphas: c.lambda, screening: false });
    compareRows(`${c.id} (no screening)`, data, noScreen, c, alphaMax, pf);
    expectSamePath(c.id, ours, noScreen);
  });
});

describe('WASM and JS paths are bit-identical', () => {
  it('every path above, with and without screening (reusing the runs above)', () => {
    const jobs: [string, Data, (b: Backend) => PathOptions][] = [];
    for (const c of sklearn.cases) {
      const data = loadData(c.dataset, 'y', c.weighted);
      jobs.push([`sk/${c.id}/screen`, data, (b) => skOptions(c, b)]);
      jobs.push([`sk/${c.id}/noscreen`, data, (b) => ({ ...skOptions(c, b), screening: false })]);
    }
    for (const c of glmnet.cases) {
      const data = loadData(c.dataset, c.response, c.weighted);
      jobs.push([`gl/${c.id}/grid`, data, (b) => ({ ...glOptions(c, b), nAlphas: c.nlambda, eps: c.lambdaMinRatio })]);
      jobs.push([`gl/${c.id}/screen`, data, (b) => ({ ...glOptions(c, b), alphas: c.lambda })]);
      jobs.push([`gl/${c.id}/noscreen`, data, (b) => ({ ...glOptions(c, b), alphas: c.lambda, screening: false })]);
    }
    for (const [key, data, options] of jobs) {
      const a = run(`wasm/${key}`, data, options('wasm'));
      const b = run(`js/${key}`, data, options('js'));
      expect(Array.from(b.alphas), key).toEqual(Array.from(a.alphas));
      expect(Array.from(b.coefs), key).toEqual(Array.from(a.coefs));
      expect(Array.from(b.intercepts), key).toEqual(Array.from(a.intercepts));
      expect(Array.from(b.nIters), key).toEqual(Array.from(a.nIters));
    }
  });
});
