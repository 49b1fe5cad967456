/**
 * Property-based tests (fast-check) on random small problems, both backends:
 * KKT conditions hold, the backends agree bit for bit, permuting columns
 * permutes the coefficients, scaling y scales the solution, shifting y moves
 * only the intercept, duplicating rows (or integer weights) changes nothing.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge } from '../src/index.js';
import { rng } from './helpers/data.js';
import { alphaMax, columnSd, kktViolation, normalEquations } from './helpers/exact.js';

beforeAll(async () => {
  await ready();
});

type Backend = 'wasm' | 'js';

interface Case {
  X: number[][];
  y: number[];
  n: number;
  p: number;
  standardize: boolean;
  fitIntercept: boolean;
  l1Ratio: number;
  /** alpha as a fraction of alpha_max, so that solutions are neither all zero nor unpenalized. */
  alphaFrac: number;
  backend: Backend;
}

/**
 * A small random regression problem: Gaussian columns of different scales, a
 * sparse signal, noise, an offset. `tall` problems (n ≥ p + 3) have a unique,
 * well-conditioned solution that coordinate descent reaches quickly; `any`
 * includes p > n, where the lasso near alpha → 0 can converge very slowly
 * (its iterates zig-zag between collinear columns) — there the properties are
 * stated for converged fits and for what is always exact (backends, ridge).
 */
const shapeArb = {
  tall: fc.integer({ min: 1, max: 6 }).chain((p) => fc.record({ p: fc.constant(p), n: fc.integer({ min: p + 3, max: 16 }) })),
  any: fc.record({ n: fc.integer({ min: 3, max: 14 }), p: fc.integer({ min: 1, max: 8 }) }),
};

const caseOf = (shape: keyof typeof shapeArb): fc.Arbitrary<Case> => fc
  .record({
    shape: shapeArb[shape],
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    noise: fc.double({ min: 0.05, max: 2, noNaN: true }),
    offset: fc.double({ min: -50, max: 50, noNaN: true }),
    standardize: fc.boolean(),
    fitIntercept: fc.boolean(),
    l1Ratio: fc.constantFrom(1, 0.8, 0.3),
    alphaFrac: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
    backend: fc.constantFrom<Backend>('wasm', 'js'),
  })
  .map(({ shape: { n, p }, seed, noise, offset, ...rest }) => {
    const r = rng(seed);
    const colScale = Array.from({ length: p }, () => Math.exp(2 * r.normal()));
    const X = Array.from({ length: n }, () => Array.from({ length: p }, (_, j) => r.normal() * colScale[j]));
    const beta = Array.from({ length: p }, (_, j) => (r.uniform() < 0.3 ? 0 : r.normal() / colScale[j]));
    const y = X.map((row) => offset + row.reduce((s, v, j) => s + v * beta[j], 0) + noise * r.normal());
    return { X, y, n, p, ...rest };
  });
const caseArb = caseOf('tall');
const anyCaseArb = caseOf('any');

// PROPERTY_RUNS=1000 npx vitest run test/properties.test.ts for a longer search.
const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) };

function alphaOf(c: Case): number {
  return Math.max(c.alphaFrac * alphaMax(c.X, c.y, c.l1Ratio, c.fitIntercept, c.standardize), 1e-12);
}

function enet(c: Case, alpha = alphaOf(c), backend = c.backend): ElasticNet {
  return new ElasticNet({
    alpha, l1Ratio: c.l1Ratio, standardize: c.standardize, fitIntercept: c.fitIntercept,
    tol: 1e-13, maxIter: 200_000, backend, onWarning: () => {},
  });
}

function ridge(c: Case, alpha = 10 * c.alphaFrac, backend = c.backend): Ridge {
  return new Ridge({ alpha, standardize: c.standardize, fitIntercept: c.fitIntercept, backend });
}

/** max|a − b| relative to max(|b|, floor). */
function rel(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let s = floor;
  let d = 0;
  for (let j = 0; j < b.length; j++) {
    s = Math.max(s, Math.abs(b[j]));
    d = Math.max(d, Math.abs(a[j] - b[j]));
  }
  return d / s;
}

/** Size of a "typical" coefficient of the problem: |y| spread over the columns' scales. */
function coefFloor(c: Case): number {
  const yMax = Math.max(...c.y.map(Math.abs));
  const xMax = Math.max(...c.X.flat().map(Math.abs));
  return (1e-3 * yMax) / Math.max(xMax, 1e-300);
}

describe('properties of the elastic net (Lasso when l1Ratio = 1)', () => {
  const kktHolds = (c: Case): boolean => {
    const alpha = alphaOf(c);
    const m = enet(c, alpha).fit(c.X, c.y);
    if (!m.converged) return false;
    const s = c.standardize ? columnSd(c.X) : undefined;
    const k = kktViolation(c.X, c.y, m.coef, m.intercept, alpha, c.l1Ratio, c.fitIntercept, false, s);
    expect(k.coef).toBeLessThan(1e-5);
    expect(k.intercept).toBeLessThan(1e-9);
    return true;
  };

  it('KKT conditions hold at the solution (tall problems always converge)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(kktHolds(c)).toBe(true);
      }),
      runs,
    );
  });

  it('KKT conditions hold whenever a fit reports convergence, also for p > n', () => {
    let converged = 0;
    fc.assert(fc.property(anyCaseArb, (c) => { if (kktHolds(c)) converged++; }), runs);
    expect(converged).toBeGreaterThan(runs.numRuns / 2);
  });

  it('the two backends agree bit for bit', () => {
    fc.assert(
      fc.property(anyCaseArb, (c) => {
        const a = enet(c, alphaOf(c), 'wasm').fit(c.X, c.y);
        const b = enet(c, alphaOf(c), 'js').fit(c.X, c.y);
        expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
        expect([a.intercept, a.nIter, a.dualGap, a.converged]).toEqual([b.intercept, b.nIter, b.dualGap, b.converged]);
        const ra = ridge(c, undefined, 'wasm').fit(c.X, c.y);
        const rb = ridge(c, undefined, 'js').fit(c.X, c.y);
        expect(Array.from(ra.coef)).toEqual(Array.from(rb.coef));
        expect(ra.intercept).toBe(rb.intercept);
      }),
      runs,
    );
  });

  it('permuting the columns permutes the coefficients', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (c, permSeed) => {
        const r = rng(permSeed);
        const perm = Array.from({ length: c.p }, (_, j) => j);
        for (let k = c.p - 1; k > 0; k--) {
          const t = Math.floor(r.uniform() * (k + 1));
          [perm[k], perm[t]] = [perm[t], perm[k]];
        }
        const Xp = c.X.map((row) => perm.map((j) => row[j]));
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y);
        const b = enet(c, alpha).fit(Xp, c.y);
        expect(rel(perm.map((j) => a.coef[j]), b.coef, coefFloor(c))).toBeLessThan(1e-5);
        const ra = ridge(c).fit(c.X, c.y);
        const rb = ridge(c).fit(Xp, c.y);
        expect(rel(perm.map((j) => ra.coef[j]), rb.coef, coefFloor(c))).toBeLessThan(1e-8);
      }),
      runs,
    );
  });

  // Scaling y by c scales w and b by c when the L1 strength alpha·l1Ratio is scaled by |c| and the L2
  // strength alpha·(1 − l1Ratio) is kept: (1/2n)||cy − X·cw||² + |c|λ₁||cw||₁ + ½λ₂||cw||² = c²·(the original).
  // For the lasso that is "alpha scaled by |c|"; for the elastic net alpha and l1Ratio both change.
  it('scaling y by c scales coefficients and intercept by c (L1 strength by |c|, L2 strength and ridge alpha unchanged)', () => {
    fc.assert(
      fc.property(caseArb, fc.oneof(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -100, max: -0.01, noNaN: true })), (c, k) => {
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y);
        const l1 = Math.abs(k) * alpha * c.l1Ratio;
        const l2 = alpha * (1 - c.l1Ratio);
        const b = enet({ ...c, l1Ratio: Math.min(1, l1 / (l1 + l2)) }, l1 + l2).fit(c.X, c.y.map((v) => v * k));
        const floor = coefFloor(c) * Math.abs(k);
        expect(rel(b.coef, Array.from(a.coef, (v) => v * k), floor)).toBeLessThan(1e-5);
        expect(Math.abs(b.intercept - a.intercept * k)).toBeLessThanOrEqual(1e-6 * Math.max(...c.y.map((v) => Math.abs(v * k))));
        const ra = ridge(c).fit(c.X, c.y);
        const rb = ridge(c).fit(c.X, c.y.map((v) => v * k));
        expect(rel(rb.coef, Array.from(ra.coef, (v) => v * k), floor)).toBeLessThan(1e-9);
      }),
      runs,
    );
  });

  it('Lasso: scaling y and alpha by a power of two scales the solution exactly (every operation is exact)', () => {
    fc.assert(
      fc.property(caseArb.map((c) => ({ ...c, l1Ratio: 1 })), fc.integer({ min: -30, max: 30 }), (c, e) => {
        const k = 2 ** e;
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y);
        const b = enet(c, alpha * k).fit(c.X, c.y.map((v) => v * k));
        expect(Array.from(b.coef)).toEqual(Array.from(a.coef, (v) => v * k));
        expect(b.intercept).toBe(a.intercept * k);
        expect(b.nIter).toBe(a.nIter);
      }),
      runs,
    );
  });

  it('adding a constant to y changes only the intercept', () => {
    fc.assert(
      fc.property(caseArb.filter((c) => c.fitIntercept), fc.double({ min: -1000, max: 1000, noNaN: true }), (c, shift) => {
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y);
        const b = enet(c, alpha).fit(c.X, c.y.map((v) => v + shift));
        const yScale = Math.max(...c.y.map(Math.abs)) + Math.abs(shift);
        expect(rel(b.coef, a.coef, coefFloor(c))).toBeLessThan(1e-5 * (1 + Math.abs(shift) / Math.max(...c.y.map(Math.abs))));
        expect(Math.abs(b.intercept - (a.intercept + shift))).toBeLessThan(1e-6 * yScale);
        const ra = ridge(c).fit(c.X, c.y);
        const rb = ridge(c).fit(c.X, c.y.map((v) => v + shift));
        expect(rel(rb.coef, ra.coef, coefFloor(c))).toBeLessThan(1e-9 * (1 + Math.abs(shift)));
        expect(Math.abs(rb.intercept - (ra.intercept + shift))).toBeLessThan(1e-9 * yScale);
      }),
      runs,
    );
  });

  it('duplicating every row leaves the lasso and elastic net unchanged (ridge: equals alpha/2)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const X2 = [...c.X, ...c.X];
        const y2 = [...c.y, ...c.y];
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y);
        const b = enet(c, alpha).fit(X2, y2);
        expect(rel(b.coef, a.coef, coefFloor(c))).toBeLessThan(1e-5);
        expect(Math.abs(b.intercept - a.intercept)).toBeLessThan(1e-6 * Math.max(...c.y.map(Math.abs)));
        // Ridge's loss is a sum, not a mean: two copies of each row weigh like alpha / 2 on one copy.
        const ra = ridge(c, 4 * c.alphaFrac).fit(c.X, c.y);
        const rb = ridge(c, 8 * c.alphaFrac).fit(X2, y2);
        expect(rel(rb.coef, ra.coef, coefFloor(c))).toBeLessThan(1e-9);
      }),
      runs,
    );
  });

  it('integer sample weights equal repeating rows; weight 0 equals dropping the row', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 }), (c, wAll) => {
        // Keep the weighted problem tall: at least p + 3 rows of positive weight.
        const w = wAll.slice(0, c.n).map((v, i) => (i < c.p + 3 ? Math.max(v, 1) : v));
        const Xr: number[][] = [];
        const yr: number[] = [];
        w.forEach((k, i) => {
          for (let t = 0; t < k; t++) {
            Xr.push(c.X[i]);
            yr.push(c.y[i]);
          }
        });
        const alpha = alphaOf(c);
        const a = enet(c, alpha).fit(c.X, c.y, w);
        const b = enet(c, alpha).fit(Xr, yr);
        expect(rel(a.coef, b.coef, coefFloor(c))).toBeLessThan(1e-5);
        const ra = ridge(c).fit(c.X, c.y, w);
        const rb = ridge(c).fit(Xr, yr);
        expect(rel(ra.coef, rb.coef, coefFloor(c))).toBeLessThan(1e-8);
        expect(Math.abs(ra.intercept - rb.intercept)).toBeLessThan(1e-8 * Math.max(...c.y.map(Math.abs)));
      }),
      runs,
    );
  });
});

describe('properties of ridge', () => {
  it('satisfies its normal equations (KKT) on every problem, including p > n', () => {
    fc.assert(
      fc.property(anyCaseArb, (c) => {
        const alpha = 10 * c.alphaFrac;
        const m = ridge(c, alpha).fit(c.X, c.y);
        // Standardize penalizes the standardized coefficients: alpha·sⱼ²·wⱼ² on the original scale.
        const s = c.standardize ? columnSd(c.X) : c.X[0].map(() => 1);
        const exact = normalEquations(c.X.map((r) => r.map((v, j) => v / s[j])), c.y, alpha, c.fitIntercept);
        expect(exact).not.toBeNull();
        if (exact === null) return;
        expect(rel(m.coef, exact.coef.map((v, j) => v / s[j]), coefFloor(c))).toBeLessThan(1e-8);
        expect(Math.abs(m.intercept - exact.intercept)).toBeLessThan(1e-8 * Math.max(...c.y.map(Math.abs)));
      }),
      runs,
    );
  });
});
