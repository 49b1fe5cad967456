/**
 * The library against real scikit-learn and R glmnet.
 *
 * The fixtures in test/fixtures/ are written by scripts/fixtures/generate.py
 * (`npm run fixtures`, which also runs scripts/fixtures/glmnet.R); they hold
 * the data sets themselves, so this test needs neither Python nor R. For every
 * case, on both backends, we fit with the public API at a tight tolerance and
 * check: coefficients, intercept and predictions against the reference, the
 * objective value of our solution against the reference's, the KKT conditions
 * at our solution, that the caller's arrays are untouched, and that the two
 * backends agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge } from '../src/index.js';
import { maxRelDiff } from './helpers/data.js';
import { enetObjective, kktCheck, ridgeObjective, type EnetProblem, type FlatDesign } from './helpers/kkt.js';
import { fixture } from './helpers/fixtures.js';

interface Dataset {
  description: string;
  rows: number;
  cols: number;
  X: number[];
  y: number[];
  sampleWeight?: number[];
  yUnitSd?: number[];
  yUnitSdWeighted?: number[];
  /** Groups of identical columns: the lasso only identifies the sum of their coefficients. */
  tiedColumns?: number[][];
}

interface Case {
  id: string;
  dataset: string;
  /** Which response of the data set (glmnet elastic-net cases use y scaled to unit sd; see generate.py). */
  response?: 'y' | 'yUnitSd' | 'yUnitSdWeighted';
  model: 'Lasso' | 'ElasticNet' | 'Ridge';
  params: {
    alpha: number;
    l1Ratio?: number;
    fitIntercept: boolean;
    positive?: boolean;
    standardize?: boolean;
    penaltyFactor?: number[];
  };
  weighted: boolean;
  coef: number[];
  intercept: number;
  objective: number;
}


const datasets = fixture<{ datasets: Record<string, Dataset> }>('datasets.json').datasets;
const sklearn = fixture<{ source: string; cases: Case[] }>('sklearn.json');
const glmnet = fixture<{ source: string; cases: Case[] }>('glmnet.json');

const backends = ['wasm', 'js'] as const;
const TOL = 1e-12;
/**
 * Stopping tolerance per data set where 1e-12 is below what floating point can
 * certify. In `scaled` (one column ×1e6, no standardization) that column's
 * coefficient is ~1e-6 and one ulp of it moves Xⱼᵀr by ~1e-9 of the penalty,
 * so the dual point is off by that much at the best representable iterate and
 * the duality gap cannot drop below ~1e-10·||y||² (scikit-learn's iterates sit
 * at the same floor; whether the gap rule sees it depends on the side of the
 * rounding). The answers are still checked at the usual tolerances.
 */
const TOL_BY_DATASET: Record<string, number> = { scaled: 1e-9 };
const MAX_ITER = 1_000_000;

/** Tolerances (see the task brief): scikit-learn answers 1e-6, glmnet's standardized answers 1e-5, objectives 1e-9. */
const COEF_RTOL = { sklearn: 1e-6, glmnet: 1e-5 };
const OBJ_RTOL = 1e-9;
/** KKT violations relative to each condition's natural size (kktCheck); our solutions on these fixtures stay below 3e-11. */
const KKT_RTOL = 1e-9;
const BACKEND_RTOL = 1e-10;

beforeAll(async () => {
  await ready();
});

function problemOf(c: Case): { design: FlatDesign; ds: Dataset } {
  const ds = datasets[c.dataset];
  const y = ds[c.response ?? 'y'];
  if (!y) throw new Error(`${c.id}: data set ${c.dataset} has no response ${c.response}`);
  return { ds, design: { X: ds.X, n: ds.rows, p: ds.cols, y, sampleWeight: c.weighted ? ds.sampleWeight : null } };
}

function enetProblem(c: Case): EnetProblem {
  return {
    alpha: c.params.alpha,
    l1Ratio: c.model === 'Lasso' ? 1 : (c.params.l1Ratio as number),
    fitIntercept: c.params.fitIntercept,
    standardize: c.params.standardize ?? false,
    positive: c.params.positive ?? false,
    penaltyFactor: c.params.penaltyFactor ?? null,
  };
}

/** Coefficients with each group of tied (identical) columns replaced by its sum, for the lasso, whose split is not unique. */
function identified(c: Case, ds: Dataset, coef: ArrayLike<number>): number[] {
  const out = Array.from(coef);
  if (c.model === 'Ridge' || c.model === 'ElasticNet' || !ds.tiedColumns) return out;
  for (const group of ds.tiedColumns) {
    out[group[0]] = group.reduce((acc, j) => acc + coef[j], 0);
    for (const j of group.slice(1)) out[j] = 0;
  }
  return out;
}

function predict(d: FlatDesign, coef: ArrayLike<number>, intercept: number): Float64Array {
  const out = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    let s = intercept;
    for (let j = 0; j < d.p; j++) s += d.X[i * d.p + j] * coef[j];
    out[i] = s;
  }
  return out;
}

/** The caller's inputs, in the form passed to fit (alternating between number[][] and flat typed arrays). */
function callerInputs(d: FlatDesign, k: number) {
  const flat = k % 2 === 1;
  const X = flat
    ? { data: Float64Array.from(d.X), rows: d.n, cols: d.p }
    : Array.from({ length: d.n }, (_, i) => Array.from(d.X).slice(i * d.p, (i + 1) * d.p));
  const y = flat ? Float64Array.from(d.y) : Array.from(d.y);
  const sw = d.sampleWeight ? (flat ? Float64Array.from(d.sampleWeight) : Array.from(d.sampleWeight)) : undefined;
  return { X, y, sw };
}

function snapshot(v: unknown): string {
  // JSON keeps every double exactly (shortest round-trip form) but loses -0; record it separately.
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && Object.is(x, -0) ? '-0' : ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x));
}

interface Fitted {
  coef: Float64Array;
  intercept: number;
}

function fitCase(c: Case, backend: 'wasm' | 'js', k: number): Fitted {
  const { design } = problemOf(c);
  const { X, y, sw } = callerInputs(design, k);
  const before = snapshot({ X, y, sw });
  let m: Fitted;
  if (c.model === 'Ridge') {
    m = new Ridge({ alpha: c.params.alpha, fitIntercept: c.params.fitIntercept, backend }).fit(X, y, sw);
  } else {
    const warnings: string[] = [];
    const common = {
      alpha: c.params.alpha,
      fitIntercept: c.params.fitIntercept,
      standardize: c.params.standardize ?? false,
      positive: c.params.positive ?? false,
      penaltyFactor: c.params.penaltyFactor ?? null,
      tol: TOL_BY_DATASET[c.dataset] ?? TOL,
      maxIter: MAX_ITER,
      backend,
      onWarning: (msg: string) => warnings.push(msg),
    };
    const model = c.model === 'Lasso' ? new Lasso(common) : new ElasticNet({ ...common, l1Ratio: c.params.l1Ratio });
    model.fit(X, y, sw);
    expect(warnings, `${c.id} (${backend}) warnings`).toEqual([]);
    expect(model.converged, `${c.id} (${backend}) converged`).toBe(true);
    m = model;
  }
  expect(snapshot({ X, y, sw }) === before, `${c.id} (${backend}): the caller's X, y and sampleWeight are unchanged`).toBe(true);
  return { coef: Float64Array.from(m.coef), intercept: m.intercept };
}

function checkAgainstReference(c: Case, source: 'sklearn' | 'glmnet', k: number): void {
  const { design, ds } = problemOf(c);
  const refPred = predict(design, c.coef, c.intercept);
  const rtol = COEF_RTOL[source];
  const objOf = (coef: ArrayLike<number>, b: number) =>
    c.model === 'Ridge' ? ridgeObjective(design, c.params.alpha, coef, b) : enetObjective(design, enetProblem(c), coef, b);

  // Our formula evaluated on the reference solution reproduces the objective the generator recorded.
  expect(Math.abs(objOf(c.coef, c.intercept) / c.objective - 1), `${c.id}: objective formula`).toBeLessThanOrEqual(1e-12);

  const fits = backends.map((backend) => fitCase(c, backend, k));
  fits.forEach((fit, b) => {
    const tag = `${c.id} (${backends[b]})`;
    const allZero = c.coef.every((v) => v === 0);
    if (allZero) {
      // Above alpha_max the answer is exactly zero, not merely small.
      expect(Array.from(fit.coef).every((v) => v === 0), `${tag}: all coefficients 0`).toBe(true);
    }
    const dCoef = maxRelDiff(identified(c, ds, fit.coef), identified(c, ds, c.coef));
    expect(dCoef, `${tag}: coef ${Array.from(fit.coef)} vs reference ${c.coef}`).toBeLessThanOrEqual(rtol);

    const pred = predict(design, fit.coef, fit.intercept);
    expect(maxRelDiff(pred, refPred), `${tag}: predictions`).toBeLessThanOrEqual(rtol);
    let scale = Math.abs(c.intercept);
    for (const v of refPred) scale = Math.max(scale, Math.abs(v));
    expect(Math.abs(fit.intercept - c.intercept) / Math.max(scale, 1e-12), `${tag}: intercept ${fit.intercept} vs ${c.intercept}`).toBeLessThanOrEqual(rtol);

    const obj = objOf(fit.coef, fit.intercept);
    expect(obj, `${tag}: objective`).toBeLessThanOrEqual(c.objective * (1 + OBJ_RTOL));
    expect(obj, `${tag}: objective`).toBeGreaterThanOrEqual(c.objective * (1 - OBJ_RTOL));

    if (c.model !== 'Ridge') {
      const kkt = kktCheck(design, enetProblem(c), fit.coef, fit.intercept);
      expect(kkt.worst, `${tag}: KKT — ${kkt.detail}`).toBeLessThanOrEqual(KKT_RTOL);
    }
  });
  const [w, j] = fits;
  expect(maxRelDiff(w.coef, j.coef), `${c.id}: wasm vs js coef`).toBeLessThanOrEqual(BACKEND_RTOL);
  expect(Math.abs(w.intercept - j.intercept), `${c.id}: wasm vs js intercept`).toBeLessThanOrEqual(
    BACKEND_RTOL * Math.max(Math.abs(j.intercept), 1e-12),
  );
}

describe(`scikit-learn references (${sklearn.source})`, () => {
  it('covers every data set with Lasso, ElasticNet and Ridge, with and without intercept and weights', () => {
    for (const name of Object.keys(datasets)) {
      for (const model of ['Lasso', 'ElasticNet', 'Ridge']) {
        for (const fitIntercept of [true, false]) {
          expect(sklearn.cases.some((c) => c.dataset === name && c.model === model && c.params.fitIntercept === fitIntercept), `${name} ${model} ${fitIntercept}`).toBe(true);
        }
      }
    }
    for (const model of ['Lasso', 'ElasticNet', 'Ridge']) expect(sklearn.cases.some((c) => c.model === model && c.weighted)).toBe(true);
    expect(sklearn.cases.some((c) => c.params.positive)).toBe(true);
    expect(sklearn.cases.some((c) => c.coef.every((v) => v === 0))).toBe(true);
  });

  it.each(sklearn.cases.map((c, k) => [c.id, c, k] as const))('%s', (_id, c, k) => {
    checkAgainstReference(c, 'sklearn', k);
  });
});

describe(`glmnet references (${glmnet.source}, standardize = TRUE)`, () => {
  it.each(glmnet.cases.map((c, k) => [c.id, c, k] as const))('%s', (_id, c, k) => {
    checkAgainstReference(c, 'glmnet', k);
  });
});

describe('the KKT check can fail', () => {
  const lassoCase = sklearn.cases.find((c) => c.id === 'diabetes/lasso/0.1amax/int') as Case;
  const { design } = problemOf(lassoCase);
  const problem = enetProblem(lassoCase);

  it('accepts the scikit-learn solution', () => {
    expect(kktCheck(design, problem, lassoCase.coef, lassoCase.intercept).worst).toBeLessThanOrEqual(KKT_RTOL);
  });

  it('rejects a slightly perturbed nonzero coefficient, a spurious nonzero and a shifted intercept', () => {
    const j = lassoCase.coef.findIndex((v) => v !== 0);
    const z = lassoCase.coef.findIndex((v) => v === 0);
    const bumped = lassoCase.coef.slice();
    bumped[j] *= 1 + 1e-4;
    expect(kktCheck(design, problem, bumped, lassoCase.intercept).worst).toBeGreaterThan(KKT_RTOL);
    const spurious = lassoCase.coef.slice();
    spurious[z] = 1e-3;
    expect(kktCheck(design, problem, spurious, lassoCase.intercept).worst).toBeGreaterThan(KKT_RTOL);
    expect(kktCheck(design, problem, lassoCase.coef, lassoCase.intercept + 1e-3).worst).toBeGreaterThan(KKT_RTOL);
  });

  it('rejects a negative coefficient under positive = true', () => {
    const pos = sklearn.cases.find((c) => c.params.positive) as Case;
    const { design: d } = problemOf(pos);
    const neg = pos.coef.slice();
    neg[neg.findIndex((v) => v === 0)] = -1e-9;
    expect(kktCheck(d, enetProblem(pos), neg, pos.intercept).worst).toBeGreaterThan(KKT_RTOL);
  });
});
