/**
 * Cross-validation keeps one coefficient buffer from fit to fit
 * (selection/pathScratch): consecutive fits of other shapes, and a fit started
 * from inside another's progress callback, give the bits of a fit alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV } from '../src/index.js';
import { KEEP_BYTES, pathScratch } from '../src/selection/pathScratch.js';
import { loadDiabetes, rng } from './helpers/data.js';

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => row.reduce((s, v, j) => s + (j % 3 === 0 ? v / (j + 1) : 0), 1) + r.normal());
  return { X, y };
}

const bits = (m: LassoCV): number[] => [...m.coef, m.intercept, m.alpha, ...m.mseMean, ...m.msePath];

beforeAll(async () => {
  await ready();
});

describe('pathScratch', () => {
  it('hands out one buffer while large enough, a larger one past it, and a taken buffer to no one else', () => {
    const a = pathScratch();
    const b1 = a.get(100);
    expect(b1.length).toBeGreaterThanOrEqual(100);
    expect(a.get(50)).toBe(b1);
    const b2 = a.get(1000);
    expect(b2.length).toBeGreaterThanOrEqual(1000);
    // While a holds its buffer, another fit gets a different one.
    const b = pathScratch();
    expect(b.get(10)).not.toBe(b2);
    b.release();
    a.release();
    // After release the next fit reuses a's buffer (the larger of the two kept).
    const c = pathScratch();
    expect(c.get(500)).toBe(b2);
    c.release();
    // Buffers past KEEP_BYTES are not kept.
    const d = pathScratch();
    const big = d.get(KEEP_BYTES / 8 + 1);
    d.release();
    const e = pathScratch();
    expect(e.get(KEEP_BYTES / 8 + 1)).not.toBe(big);
    e.release();
  });

  for (const backend of ['wasm', 'js'] as const) {
    it(`LassoCV fits of other shapes in turn, and one nested in another's progress callback, keep their bits (${backend})`, () => {
      const a = problem(11, 60, 40);
      const b = problem(12, 40, 90);
      const { X, y } = loadDiabetes();
      const make = (o: Record<string, unknown> = {}) => new LassoCV({ cv: 4, nAlphas: 30, backend, ...o });
      const aloneA = bits(make().fit(a.X, a.y));
      const aloneB = bits(make().fit(b.X, b.y));
      const aloneD = bits(make().fit(X, y));
      // Interleaved: each equals its fit alone.
      expect(bits(make().fit(b.X, b.y))).toEqual(aloneB);
      expect(bits(make().fit(a.X, a.y))).toEqual(aloneA);
      expect(bits(make().fit(X, y))).toEqual(aloneD);
      // Nested: a fit on other data from inside the outer fit's progress callback (mid-path).
      let nested = 0;
      const outer = make({
        onProgress: () => {
          if (nested++ % 7 === 3) expect(bits(make().fit(b.X, b.y))).toEqual(aloneB);
        },
      }).fit(a.X, a.y);
      expect(nested).toBeGreaterThan(10);
      expect(bits(outer)).toEqual(aloneA);
      // ElasticNetCV: several grids through one buffer.
      const e1 = new ElasticNetCV({ cv: 3, nAlphas: 15, l1Ratio: [0.3, 0.9], backend }).fit(a.X, a.y);
      const e2 = new ElasticNetCV({ cv: 3, nAlphas: 15, l1Ratio: [0.3, 0.9], backend }).fit(a.X, a.y);
      expect([...e2.coef, ...e2.curves.flatMap((c) => [...c.msePath])]).toEqual([...e1.coef, ...e1.curves.flatMap((c) => [...c.msePath])]);
    });
  }
});
