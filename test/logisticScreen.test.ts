/**
 * The logistic solver's integer screen of the features outside the working
 * set (assembly/solvers/logisticSolver.ts `screen`): on wide data, where most
 * features are decided by the truncation bound, every path point still
 * meets the KKT conditions and the duality-gap certificate, both backends
 * give the same bits, and columns of extreme scale (handled by the exact
 * powers of two the screen scales by) or of extreme range within the column
 * (whose truncated copy is mostly zero) change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, logisticPath } from '../src/index.js';
import { binaryProblem, logisticKkt } from './helpers/binary.js';

beforeAll(async () => {
  await ready();
});

/** Largest KKT violation relative to alpha (unit weights). */
function kktOverAlpha(X: number[][], y: number[], coef: Float64Array, b: number, alpha: number, l1Ratio: number): number {
  return logisticKkt(X, y, null, coef, b, alpha, l1Ratio) / alpha;
}

describe('logistic screen (wide data)', () => {
  const { X, y } = binaryProblem(40, 400, 21);

  for (const l1Ratio of [1, 0.6]) {
    it(`every point of a wide path is certified and meets KKT; backends bit-identical (l1Ratio ${l1Ratio})`, () => {
      const [w, j] = (['wasm', 'js'] as const).map((backend) =>
        logisticPath(X, y, { l1Ratio, nAlphas: 40, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
      expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
      expect(Array.from(w.dualGaps)).toEqual(Array.from(j.dualGaps));
      expect(w.converged).toBe(true);
      for (let k = 0; k < w.alphas.length; k += 3) {
        expect(kktOverAlpha(X, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], l1Ratio)).toBeLessThan(1e-4);
      }
    });
  }

  it('columns of very different scales (the screen divides each by an exact power of two): certified, KKT, same bits', () => {
    const scale = (jj: number): number => (jj === 5 ? 1e-6 : jj === 6 ? 1e6 : jj === 7 ? 3e-3 : 1);
    const Xs = X.map((row) => row.map((v, jj) => v * scale(jj)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 30, eps: 5e-2, tol: 1e-10, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(w.converged).toBe(true);
    expect(Array.from(w.coefs).some((c, t) => t % 400 === 6 && c !== 0)).toBe(true);
    for (let k = 0; k < w.alphas.length; k += 4) {
      expect(kktOverAlpha(Xs, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], 1)).toBeLessThan(1e-4);
    }
  });

  it('a column whose 16-bit copy is mostly zero (one entry 10⁴ times the rest): the bound sends it to the exact product; certified, KKT, same bits', () => {
    const Xs = X.map((row, i) => row.map((v, jj) => (jj === 3 ? (i === 0 ? 1e4 * v : v) : jj === 9 ? (i % 7 === 0 ? 5e3 : 1e-3 * v) : v)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 30, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(Array.from(w.dualGaps)).toEqual(Array.from(j.dualGaps));
    expect(w.converged).toBe(true);
    for (let k = 0; k < w.alphas.length; k += 4) {
      expect(kktOverAlpha(Xs, y, w.coefs.subarray(k * 400, (k + 1) * 400), w.intercepts[k], w.alphas[k], 1)).toBeLessThan(1e-4);
    }
  });

  it('a column below 1e-303 (its 16-bit scale is subnormal, no exact reciprocal): no trap, both backends the same bits', () => {
    const Xs = X.map((row) => row.map((v, jj) => (jj === 2 ? 1e-306 * v : v)));
    const [w, j] = (['wasm', 'js'] as const).map((backend) =>
      logisticPath(Xs, y, { nAlphas: 10, eps: 5e-2, tol: 1e-8, maxIter: 100000, backend, onWarning: () => {} }));
    expect(Array.from(w.coefs)).toEqual(Array.from(j.coefs));
    expect(w.converged).toBe(true);
    expect(Array.from(w.coefs).every((c, t) => t % 400 !== 2 || c === 0)).toBe(true);
  });
});
