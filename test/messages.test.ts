/**
 * Messages that say what happened (issue #13, item 5): a user's error thrown
 * from a callback is never taken for a WebAssembly crash (traps are recognised
 * by type), overflow is blamed as overflow by every entry point, and nAlphas /
 * alphas are bounded up front with messages that name them.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ready, Lasso, lassoPath, enetPath, LassoCV, ElasticNetCV, RidgeCV } from '../src/index.js';
import { CoreAbort, WasmScope, getCore } from '../src/wasm/wasmCore.js';
import { loadDiabetes } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const { X, y } = loadDiabetes();

describe("a user's error from a callback is the user's error", () => {
  it.each(['abort: not now', 'unreachable', 'Abort mission', 'unreachable state in my app'])(
    'an Error("%s") thrown from onProgress propagates as it is and the core is not reset',
    (message) => {
      const core = getCore();
      const mine = new Error(message);
      let thrown: unknown = null;
      try {
        lassoPath(X, y, { nAlphas: 5, onProgress: () => { throw mine; } });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBe(mine);
      expect(getCore()).toBe(core);
      expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    },
  );

  it('a real abort from the core (the env.abort import) is still recognised as a crash, and the core is reset', () => {
    const core = getCore();
    vi.spyOn(core, 'heldOutMse').mockImplementation(() => {
      throw new CoreAbort(0, 0, 12, 3);
    });
    expect(() => new LassoCV({ nAlphas: 3, cv: 3 }).fit(X, y)).toThrow(/^penalized: the WebAssembly core failed \(abort inside the WebAssembly core at line 12, column 3\); it has been reset/);
    expect(getCore()).not.toBe(core);
  });
});

describe.each(['wasm', 'js'] as const)('overflow is blamed as overflow (%s backend)', (backend) => {
  const big = X.map((r) => r.map((v) => v * 1e200));
  it.each([
    ['RidgeCV', () => new RidgeCV({ backend }).fit(big, y), () => new RidgeCV({ backend }).fit(X, y.map((v) => v * 1e200))],
    ['RidgeCV', () => new RidgeCV({ cv: 3, backend }).fit(big, y), () => new RidgeCV({ cv: 3, backend }).fit(X, y.map((v) => v * 1e200))],
    ['LassoCV', () => new LassoCV({ cv: 3, backend }).fit(big, y), () => new LassoCV({ cv: 3, backend }).fit(X, y.map((v) => v * 1e200))],
  ] as const)('%s with X or y × 1e200', (owner, withX, withY) => {
    expect(withX).toThrow(new RegExp(`^${owner}: X has an entry of magnitude .* sums of squares overflow double precision`));
    expect(withY).toThrow(new RegExp(`^${owner}: y\\[\\d+\\] has magnitude .* sums of squares overflow double precision`));
  });
});

describe('nAlphas and alphas are bounded up front', () => {
  it.each([
    ['lassoPath', (o: object) => lassoPath(X, y, o)],
    ['enetPath', (o: object) => enetPath(X, y, o)],
    ['LassoCV', (o: object) => new LassoCV(o).fit(X, y)],
    ['ElasticNetCV', (o: object) => new ElasticNetCV(o).fit(X, y)],
  ] as const)('%s: nAlphas 2²⁷ is refused at once, naming the option', (owner, run) => {
    const t0 = performance.now();
    expect(() => run({ nAlphas: 2 ** 27 })).toThrow(new RegExp(`^${owner}: option 'nAlphas' must be an integer from 1 to 16777216, got 134217728`));
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a grid whose coefficients would not fit is refused from its size, naming nAlphas or alphas', () => {
    const wide = { data: new Float64Array(4 * 100_000), rows: 4, cols: 100_000 };
    expect(() => lassoPath(wide, [1, 2, 3, 4], { nAlphas: 10_000 })).toThrow(
      /^lassoPath: option 'nAlphas' = 10000 alphas × 100000 features = 1000000000 path coefficients, more than the 268435456 \(2 GiB\) a path may hold; use fewer alphas/,
    );
    expect(() => lassoPath(wide, [1, 2, 3, 4], { alphas: new Array(5000).fill(1) })).toThrow(
      /^lassoPath: option 'alphas' = 5000 alphas × 100000 features = 500000000 path coefficients/,
    );
    expect(() => new LassoCV({ nAlphas: 10_000 }).fit(wide, [1, 2, 3, 4])).toThrow(/^LassoCV: option 'nAlphas' = 10000 alphas × 100000 features/);
    expect(() => new RidgeCV({ alphas: new Array(5000).fill(1), cv: 2 }).fit(wide, [1, 2, 3, 4])).toThrow(/^RidgeCV: option 'alphas' = 5000 alphas × 100000 features/);
    expect(() => new RidgeCV({ alphas: { length: 2 ** 25 } as ArrayLike<number> })).toThrow(/^RidgeCV: option 'alphas' has 33554432 entries, more than 16777216/);
  });
});
