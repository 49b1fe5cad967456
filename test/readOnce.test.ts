/**
 * Inputs and options are read the way they are documented (issue #13, item 8):
 * options from own keys only (inherited keys are neither read nor accepted), a
 * Map is refused rather than silently ignored, an array is always an array of
 * rows (even with data/rows/cols properties), and every value of every input
 * is read exactly once — a Proxy whose values change between reads cannot make
 * the check and the fit see different data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, Ridge, lassoPath, LassoCV, RidgeCV, ElasticNetCV } from '../src/index.js';
import { loadDiabetes } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const { X, y } = loadDiabetes();
const Xs = X.slice(0, 60);
const ys = y.slice(0, 60);

/** An array-like over `values` that counts reads per index and returns a different number on every later read. */
function counting(values: ArrayLike<number>): { proxy: ArrayLike<number>; maxReads: () => number } {
  const reads = new Map<number, number>();
  const proxy = new Proxy({ length: values.length } as ArrayLike<number>, {
    get(t, key) {
      if (key === 'length') return t.length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const i = Number(key);
        const c = (reads.get(i) ?? 0) + 1;
        reads.set(i, c);
        return c === 1 ? values[i] : NaN; // a second read would see NaN
      }
      return undefined;
    },
    has: (_t, key) => key === 'length' || (typeof key === 'string' && /^\d+$/.test(key) && Number(key) < values.length),
  });
  return { proxy, maxReads: () => Math.max(0, ...reads.values()) };
}

describe.each(['wasm', 'js'] as const)('each input value is read exactly once (%s backend)', (backend) => {
  it('flat X data, y, sampleWeight and penaltyFactor behind Proxies give the plain answer', () => {
    const data = counting(Xs.flat());
    const yy = counting(ys);
    const sw = counting(new Array(60).fill(1));
    const pf = counting(new Array(10).fill(1));
    const ref = new Lasso({ alpha: 0.1, backend, penaltyFactor: new Array(10).fill(1) }).fit(Xs, ys);
    const m = new Lasso({ alpha: 0.1, backend, penaltyFactor: pf.proxy }).fit({ data: data.proxy, rows: 60, cols: 10 }, yy.proxy, sw.proxy);
    expect(Array.from(m.coef)).toEqual(Array.from(ref.coef));
    for (const c of [data, yy, sw, pf]) expect(c.maxReads()).toBe(1);
  });

  it('rows behind Proxies (and the outer array) are read once, in every entry point', () => {
    const run = [
      (XX: ArrayLike<ArrayLike<number>>) => new Lasso({ alpha: 0.1, backend }).fit(XX, ys).coef,
      (XX: ArrayLike<ArrayLike<number>>) => lassoPath(XX, ys, { nAlphas: 4, backend }).coefs,
      (XX: ArrayLike<ArrayLike<number>>) => new LassoCV({ nAlphas: 4, cv: 3, backend }).fit(XX, ys).coef,
      (XX: ArrayLike<ArrayLike<number>>) => new RidgeCV({ backend }).fit(XX, ys).coef,
      (XX: ArrayLike<ArrayLike<number>>) => new RidgeCV({ cv: 3, backend }).fit(XX, ys).coef,
    ];
    for (const f of run) {
      const rows = Xs.map((r) => counting(r));
      let outerReads = 0;
      const outer = new Proxy(rows.map((r) => r.proxy), {
        get(t, key, recv) {
          if (typeof key === 'string' && /^\d+$/.test(key)) outerReads++;
          return Reflect.get(t, key, recv);
        },
      });
      const got = f(outer);
      expect(Array.from(got)).toEqual(Array.from(f(Xs)));
      expect(Math.max(...rows.map((r) => r.maxReads()))).toBe(1);
      expect(outerReads).toBe(60);
    }
  });

  it('foldIds behind a Proxy are read once', () => {
    const ids = counting(Array.from({ length: 60 }, (_, i) => i % 3));
    const m = new ElasticNetCV({ nAlphas: 4, foldIds: ids.proxy, backend }).fit(Xs, ys);
    expect(ids.maxReads()).toBe(1);
    const plain = new ElasticNetCV({ nAlphas: 4, foldIds: Array.from({ length: 60 }, (_, i) => i % 3), backend }).fit(Xs, ys);
    expect(Array.from(m.coef)).toEqual(Array.from(plain.coef));
  });
});

describe('options are own keys of a plain object', () => {
  it('inherited keys are not read', () => {
    const inherited = Object.create({ alpha: 1e6 }) as { alpha?: number };
    const m = new Lasso(inherited).fit(Xs, ys);
    expect(m.params.alpha).toBe(1); // the default, not the inherited 1e6
    expect(new Ridge(Object.create({ alpha: -1 }))).toBeInstanceOf(Ridge); // not read, so not refused either
  });

  it('a Map (or a Set) is refused, not silently ignored', () => {
    expect(() => new Lasso(new Map([['alpha', 5]]) as never)).toThrow(/^Lasso: options must be a plain object with option names as keys, got a Map; use Object\.fromEntries\(map\)/);
    expect(() => lassoPath(Xs, ys, new Map() as never)).toThrow(/^lassoPath: options must be a plain object .*got a Map/);
    expect(() => new RidgeCV(new Set() as never)).toThrow(/^RidgeCV: options must be a plain object .*got a Set/);
  });
});

describe('an array is always an array of rows', () => {
  it('an array that also has data/rows/cols properties is read as rows', () => {
    const arr = Xs.map((r) => r.slice()) as number[][] & { data?: unknown; rows?: number; cols?: number };
    arr.data = new Float64Array(4);
    arr.rows = 2;
    arr.cols = 2;
    const m = new Lasso({ alpha: 0.1 }).fit(arr, ys);
    expect(m.nFeatures).toBe(10);
    expect(Array.from(m.coef)).toEqual(Array.from(new Lasso({ alpha: 0.1 }).fit(Xs, ys).coef));
  });
});
