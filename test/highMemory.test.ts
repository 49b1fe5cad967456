/**
 * Buffers above 2 GiB of linear memory. Pointers are unsigned 32-bit byte
 * offsets; a pointer at or above 2³¹ used to come back from the core as a
 * negative number and crash the first view onto it (issue #13, item 1). Here a
 * live filler allocation pushes the next buffers to the 2 GiB boundary (one
 * buffer straddles it) or above it, and small fits of every kind must then give
 * the JS backend's bits. The filler is never written, so the operating system
 * commits almost none of it: the test needs address space, not 2 GiB of RAM.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, lassoPath, LassoCV, RidgeCV } from '../src/index.js';
import { WasmScope, getCore } from '../src/wasm/wasmCore.js';
import { rng } from './helpers/data.js';

const GiB2 = 2 ** 31;
/** Largest f64 count of one allocation (the allocator's 1 GiB block limit, minus headers). */
const MAX_COUNT = (2 ** 30 - 64) / 8;

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => row[0] - 2 * row[1 % p] + 0.5 * r.normal());
  return { X, y };
}

/**
 * Runs `body` while live filler buffers occupy linear memory up to about
 * `target`, so the next allocations start there. Records every allocation the
 * body makes (start and end byte, unsigned) through a spy on the core's
 * allocator.
 */
function withFillerUpTo(target: number, body: () => void): { start: number; end: number }[] {
  const seen: { start: number; end: number }[] = [];
  WasmScope.run([], (scope) => {
    let next = scope.alloc(1) >>> 0;
    for (let guard = 0; next < target - 4096 && guard < 16; guard++) {
      const count = Math.min(MAX_COUNT, Math.floor((target - next) / 8) - 16);
      scope.alloc(count);
      next = scope.alloc(1) >>> 0;
    }
    expect(next).toBeGreaterThan(target - 4096);
    expect(next).toBeLessThan(target + 4096);
    const core = getCore();
    const alloc = core.allocF64.bind(core);
    vi.spyOn(core, 'allocF64').mockImplementation((count: number) => {
      const ptr = alloc(count);
      seen.push({ start: ptr >>> 0, end: (ptr >>> 0) + count * 8 });
      return ptr;
    });
    body();
  });
  return seen;
}

function expectSame(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(Array.from(a)).toEqual(Array.from(b));
}

describe('buffers at and above 2 GiB of WebAssembly memory', () => {
  it('a fit whose X straddles the 2 GiB boundary gives the JS backend\'s bits', () => {
    const { X, y } = problem(1, 200, 40); // X is 64 000 bytes
    const js = new Lasso({ alpha: 0.05, backend: 'js' }).fit(X, y);
    let wasm: Lasso | null = null;
    const seen = withFillerUpTo(GiB2 - 16 * 1024, () => {
      wasm = new Lasso({ alpha: 0.05 }).fit(X, y);
    });
    expect(seen.some((b) => b.start < GiB2 && b.end > GiB2), 'one buffer straddles 2 GiB').toBe(true);
    expectSame(wasm!.coef, js.coef);
    expect(wasm!.intercept).toBe(js.intercept);
  });

  it('every kind of fit with all its buffers above 2 GiB gives the JS backend\'s bits', () => {
    const tall = problem(2, 120, 12);
    const wide = problem(3, 30, 60);
    const pf = Array.from({ length: 12 }, (_, j) => 0.5 + (j % 4));
    const fits = (backend: 'wasm' | 'js'): number[][] => {
      const out: number[][] = [];
      const m1 = new Lasso({ alpha: 0.02, backend }).fit(tall.X, tall.y);
      out.push([...m1.coef, m1.intercept]);
      const m2 = new ElasticNet({ alpha: 0.02, l1Ratio: 0.7, precompute: true, penaltyFactor: pf, backend }).fit(tall.X, tall.y);
      out.push([...m2.coef, m2.intercept]);
      const path = lassoPath(tall.X, tall.y, { nAlphas: 8, backend });
      out.push([...path.coefs, ...path.intercepts]);
      const cv = new LassoCV({ nAlphas: 6, cv: 3, backend }).fit(tall.X, tall.y);
      out.push([...cv.mseMean, ...cv.coef, cv.intercept]);
      const r1 = new Ridge({ alpha: 0.5, penaltyFactor: pf, backend }).fit(tall.X, tall.y);
      out.push([...r1.coef, r1.intercept]);
      const r2 = new Ridge({ alpha: 0.5, backend }).fit(wide.X, wide.y);
      out.push([...r2.coef, r2.intercept]);
      for (const data of [tall, wide]) {
        const loo = new RidgeCV({ alphas: [0.1, 1, 10], backend }).fit(data.X, data.y);
        out.push([...loo.mseMean, ...loo.coef, loo.intercept]);
      }
      const kf = new RidgeCV({ alphas: [0.1, 1, 10], cv: 3, backend }).fit(tall.X, tall.y);
      out.push([...kf.mseMean, ...kf.coef, kf.intercept]);
      return out;
    };
    const js = fits('js');
    let wasm: number[][] = [];
    const seen = withFillerUpTo(GiB2 + 2 ** 20, () => {
      wasm = fits('wasm');
    });
    expect(seen.length).toBeGreaterThan(50);
    for (const b of seen) expect(b.start).toBeGreaterThanOrEqual(GiB2);
    expect(wasm.length).toBe(js.length);
    wasm.forEach((w, k) => expectSame(w, js[k]));
  });
});
