/**
 * LogisticRegressionCV's held-out scoring kernel (assembly/kernels/heldOutLogistic
 * and its twin src/kernels/heldOutLogistic): both backends give the same bits,
 * equal to the JS scoring of the same decision values (classificationScore),
 * and close to a plain reference written with Math.log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { getLogisticBackend } from '../src/backends/logisticBackends.js';
import { classificationScore, pathHeldOutScores } from '../src/selection/classificationScores.js';
import { rng } from './helpers/data.js';
import { SparseRows } from '../src/paths/sparseRows.js';

beforeAll(async () => {
  await ready();
});

function problem(seed: number, nT: number, p: number, K: number) {
  const r = rng(seed).uniform;
  const XT = Float64Array.from({ length: nT * p }, () => 2 * r() - 1);
  const coefs = new Float64Array(K * p);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < p; j++) {
      const u = r();
      // zeros (and a negative zero) mixed with coefficients large enough to saturate the sigmoid
      coefs[k * p + j] = u < 0.4 ? 0 : u < 0.45 ? -0 : (r() - 0.5) * (k + 1) * 4;
    }
  }
  const intercepts = Float64Array.from({ length: K }, (_, k) => (k % 3 === 0 ? 40 * (r() - 0.5) : r() - 0.5));
  const y = Float64Array.from({ length: nT }, () => (r() < 0.5 ? 1 : 0));
  const w = Float64Array.from({ length: nT }, () => 0.25 + r());
  return { XT, coefs, intercepts, y, w };
}

/** The decision values and deviance written out plainly (engine's Math.log, no clipping shortcuts). */
function referenceDeviance(XT: Float64Array, nT: number, p: number, coefs: Float64Array, b: number, k: number, y: Float64Array, w: Float64Array): number {
  let dev = 0;
  let ws = 0;
  for (let t = 0; t < nT; t++) {
    let s = b;
    for (let j = 0; j < p; j++) s += XT[j * nT + t] * coefs[k * p + j];
    const pr = Math.min(1 - 1e-5, Math.max(1e-5, 1 / (1 + Math.exp(-s))));
    dev += w[t] * -2 * (y[t] !== 0 ? Math.log(pr) : Math.log(1 - pr));
    ws += w[t];
  }
  return dev / ws;
}

describe('held-out logistic scores', () => {
  for (const [nT, p, K] of [[37, 23, 9], [1, 5, 3], [64, 3, 4]]) {
    it(`wasm = js = classificationScore, bit for bit (nT = ${nT}, p = ${p}, K = ${K})`, () => {
      const { XT, coefs, intercepts, y, w } = problem(nT * 1000 + p, nT, p, K);
      for (const scoring of ['deviance', 'accuracy'] as const) {
        const a = getLogisticBackend('wasm').heldOutScores(XT, y, w, p, SparseRows.fromDense(coefs, K, p), intercepts, scoring);
        const b = getLogisticBackend('js').heldOutScores(XT, y, w, p, SparseRows.fromDense(coefs, K, p), intercepts, scoring);
        const c = pathHeldOutScores(scoring, XT, p, coefs, intercepts, y, w);
        expect(a.length).toBe(K);
        for (let k = 0; k < K; k++) {
          expect(Object.is(a[k], b[k])).toBe(true);
          expect(Object.is(a[k], c[k])).toBe(true);
          expect(Number.isFinite(a[k])).toBe(true);
        }
        if (scoring === 'deviance') {
          for (let k = 0; k < K; k++) {
            const ref = referenceDeviance(XT, nT, p, coefs, intercepts[k], k, y, w);
            expect(Math.abs(a[k] - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
          }
        } else {
          for (let k = 0; k < K; k++) expect(a[k] >= 0 && a[k] <= 1).toBe(true);
        }
      }
    });
  }

  it('a path point with every coefficient zero scores its intercept alone', () => {
    const nT = 10;
    const p = 4;
    const XT = Float64Array.from({ length: nT * p }, (_, i) => i - 20);
    const coefs = new Float64Array(2 * p);
    const intercepts = Float64Array.of(0.3, -0.7);
    const y = Float64Array.from({ length: nT }, (_, t) => t % 2);
    const w = new Float64Array(nT).fill(1);
    const got = getLogisticBackend('wasm').heldOutScores(XT, y, w, p, SparseRows.fromDense(coefs, 2, p), intercepts, 'deviance');
    for (let k = 0; k < 2; k++) expect(got[k]).toBe(classificationScore('deviance', new Float64Array(nT).fill(intercepts[k]), y, w));
  });
});
