/**
 * Nothing leaks, nothing is lost: the caller's arrays are never modified,
 * repeated fits keep WASM memory and RSS flat, a fit too large for 32-bit WASM
 * memory fails up front without reading the data, and any error — up front or
 * mid-fit, including a trap inside WebAssembly — leaves the library working.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, enetPath, lassoPath, LassoCV, ElasticNetCV, RidgeCV } from '../src/index.js';
import { WasmScope, checkWasmCapacity, getCore } from '../src/wasm/wasmCore.js';
import { loadDiabetes, rng } from './helpers/data.js';

const backends = ['wasm', 'js'] as const;

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A forced full GC, so that RSS readings are not dominated by garbage waiting to be collected. */
function forceGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Fingerprint of every bit of a value: numbers by their IEEE bits (so −0 and NaN payloads count), arrays and objects recursively. */
function fingerprint(v: unknown): string {
  if (typeof v === 'number') {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, v);
    return dv.getBigUint64(0).toString(16);
  }
  if (ArrayBuffer.isView(v)) return `T${(v as Float64Array).length}[${Array.from(v as Float64Array, fingerprint).join(',')}]`;
  if (Array.isArray(v)) return `A${v.length}[${v.map(fingerprint).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `O{${Object.keys(v).sort().map((k) => `${k}:${fingerprint((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return `${typeof v}:${String(v)}`;
}

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => row[0] - 2 * row[1 % p] + 0.5 * r.normal());
  return { X, y };
}

describe.each(backends)("the caller's arrays are never modified (%s backend)", (backend) => {
  const { X, y } = problem(1, 25, 4);
  // −0 and a non-canonical layout are part of the fingerprint too.
  X[3][1] = -0;
  const flat = { data: Float64Array.from(X.flat()), rows: 25, cols: 4 };
  const flatArray = { data: X.flat(), rows: 25, cols: 4 };
  const yTyped = Float64Array.from(y);
  const sw = Array.from({ length: 25 }, (_, i) => 0.5 + (i % 3));
  const swTyped = Float64Array.from(sw);
  const pf = [1, 0, 2, 1];
  const pfTyped = Float64Array.from(pf);
  const inputs = { X, flat, flatArray, y, yTyped, sw, swTyped, pf, pfTyped };

  it('by constructors, fit, predict, score, toJSON and fromJSON of every model', () => {
    const before = fingerprint(inputs);
    for (const standardize of [false, true]) {
      for (const fitIntercept of [true, false]) {
        const optsList = [
          { alpha: 0.05, standardize, fitIntercept, penaltyFactor: pf, backend },
          { alpha: 0.05, standardize, fitIntercept, penaltyFactor: pfTyped, backend },
        ];
        for (const opts of optsList) {
          const optsBefore = fingerprint(opts);
          const models = [new Lasso(opts), new ElasticNet({ ...opts, l1Ratio: 0.3 })];
          for (const m of models) {
            m.fit(X, y, sw);
            m.fit(flat, yTyped, swTyped);
            m.fit(flatArray, y);
            m.predict(X);
            m.predict(flat);
            m.score(flatArray, yTyped);
            const json = m.toJSON();
            const jsonBefore = fingerprint(json);
            const back = (m instanceof Lasso ? Lasso : ElasticNet).fromJSON(json);
            back.predict(X);
            expect(fingerprint(json)).toBe(jsonBefore);
            // The restored model owns its coefficients: changing the JSON afterwards changes nothing.
            const coef0 = back.coef[0];
            json.coef[0] = 1234;
            expect(back.coef[0]).toBe(coef0);
          }
          expect(fingerprint(opts)).toBe(optsBefore);
        }
        const ridgeOpts = { alpha: 0.5, standardize, fitIntercept, backend };
        const rd = new Ridge(ridgeOpts).fit(X, y, sw);
        rd.fit(flat, yTyped, swTyped);
        rd.predict(flatArray);
        rd.score(X, y);
        Ridge.fromJSON(JSON.stringify(rd.toJSON())).predict(flat);
      }
    }
    expect(fingerprint(inputs)).toBe(before);
  });

  it('by paths and cross-validation (enetPath, lassoPath, LassoCV, ElasticNetCV, RidgeCV)', () => {
    const alphas = [0.01, 0.5, 0.1];
    const foldIds = Array.from({ length: 25 }, (_, i) => i % 5);
    const more = { alphas, foldIds, l1Ratios: [0.2, 0.9] };
    const before = fingerprint({ inputs, more });
    const pathOpts = { alphas, sampleWeight: sw, penaltyFactor: pf, standardize: true, backend };
    const pathOptsBefore = fingerprint(pathOpts);
    enetPath(X, y, pathOpts);
    lassoPath(flat, yTyped, { nAlphas: 7, sampleWeight: swTyped, penaltyFactor: pfTyped, backend });
    expect(fingerprint(pathOpts)).toBe(pathOptsBefore);
    const cv = new LassoCV({ foldIds, alphas, backend }).fit(X, y, sw);
    cv.predict(flat);
    cv.score(X, y);
    new ElasticNetCV({ l1Ratio: more.l1Ratios, cv: 3, nAlphas: 5, penaltyFactor: pf, backend }).fit(flatArray, yTyped, swTyped).predict(X);
    new RidgeCV({ alphas, backend }).fit(X, y, sw).predict(flat);
    new RidgeCV({ alphas, foldIds, backend }).fit(flat, yTyped).score(flatArray, y);
    expect(fingerprint({ inputs, more })).toBe(before);
  });

  it('frozen inputs are accepted (nothing even tries to write to them)', () => {
    const deepFreeze = <T>(v: T): T => {
      if (Array.isArray(v)) v.forEach(deepFreeze);
      return Object.freeze(v);
    };
    const Xf = deepFreeze(X.map((r) => r.slice()));
    const yf = deepFreeze(y.slice());
    const swf = deepFreeze(sw.slice());
    const opts = Object.freeze({ alpha: 0.05, penaltyFactor: deepFreeze(pf.slice()), backend });
    const m = new Lasso(opts).fit(Xf, yf, swf);
    expect(m.predict(Xf)).toHaveLength(25);
    new Ridge(Object.freeze({ alpha: 1, backend })).fit(Xf, yf, swf).score(Xf, yf);
    const json = deepFreeze(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Lasso.fromJSON(json).coef).toEqual(m.coef);
  });
});

describe('10,000 consecutive fits keep WASM memory and RSS flat', () => {
  it('after a warm-up, linear memory never grows, nothing stays allocated, and RSS stays within a fixed bound', () => {
    // A few shapes, so the allocator sees blocks of different sizes come and go.
    const shapes = [problem(2, 60, 12), problem(3, 40, 20), problem(4, 80, 5), problem(5, 12, 30)];
    const fitOne = (k: number): void => {
      const { X, y } = shapes[k % shapes.length];
      switch (k % 4) {
        case 0: new Lasso({ alpha: 0.05, backend: 'wasm' }).fit(X, y); break;
        case 1: new ElasticNet({ alpha: 0.05, standardize: true, backend: 'wasm' }).fit(X, y); break;
        case 2: new Ridge({ alpha: 0.5, backend: 'wasm' }).fit(X, y).predict(X); break;
        default: new Lasso({ alpha: 0.02, precompute: true, backend: 'wasm' }).fit(X, y, X.map((_, i) => 1 + (i % 2)));
      }
      // Every 50th fit fails mid-fit (a pure ridge path's default grid is refused after the design was copied in),
      // and every 50th solves a singular ridge system (minimum-norm fallback, extra workspace).
      if (k % 50 === 0) expect(() => enetPath(X, y, { l1Ratio: 0, backend: 'wasm' })).toThrow(/l1Ratio > 0/);
      if (k % 50 === 25) new Ridge({ alpha: 0, backend: 'wasm', onWarning: () => {} }).fit(X.map((r) => [r[0], r[0]]), y);
    };
    const warmUp = 1000;
    const total = 10_000;
    for (let k = 0; k < warmUp; k++) fitOne(k);
    forceGc();
    const memAfterWarmUp = WasmScope.memoryBytes();
    const rssAfterWarmUp = process.memoryUsage().rss;
    for (let k = warmUp; k < total; k++) {
      fitOne(k);
      if (k % 97 === 0) expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    }
    forceGc();
    const rssGrowth = process.memoryUsage().rss - rssAfterWarmUp;
    expect(WasmScope.memoryBytes()).toBe(memAfterWarmUp);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    // A leak of even one design per fit (≥ 3 KB × 9,000) would exceed this.
    expect(rssGrowth).toBeLessThan(24 * 2 ** 20);
  });
});

/** { data, rows, cols } whose data claims a huge length and counts every value read (it holds no memory). */
function hugeFlat(rows: number, cols: number): { X: { data: ArrayLike<number>; rows: number; cols: number }; reads: () => number } {
  let reads = 0;
  const data = new Proxy({ length: rows * cols } as ArrayLike<number>, {
    get(target, key) {
      if (key === 'length') return target.length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads++;
        return 1;
      }
      return undefined;
    },
    has: (_t, key) => key === 'length',
  });
  return { X: { data, rows, cols }, reads: () => reads };
}

describe('a fit too large for 32-bit WASM memory', () => {
  const { X: dX, y: dy } = loadDiabetes();

  it('fails up front with a clear RangeError, without reading a single value, and the library keeps working', () => {
    const before = new Lasso({ alpha: 0.1, backend: 'wasm' }).fit(dX, dy);
    const memBefore = WasmScope.memoryBytes();
    for (const [rows, cols] of [[2 ** 16, 2 ** 14], [2 ** 14, 2 ** 13 + 1], [3e6, 1000]]) {
      const { X, reads } = hugeFlat(rows, cols);
      for (const make of [() => new Lasso({ backend: 'wasm' }), () => new ElasticNet({ backend: 'wasm' }), () => new Ridge({ backend: 'wasm' })]) {
        expect(() => make().fit(X, { length: rows } as ArrayLike<number>)).toThrow(
          /^problem too large for the WebAssembly backend: one buffer needs \d+\.\d\d GiB \(\d+ bytes\), more than the 1 GiB \(1073741760 bytes\) a 32-bit WASM allocation can hold; use backend: 'js'/,
        );
      }
      expect(reads()).toBe(0);
    }
    // number[][] whose rows are all one fake row: the shape is checked, the values are never read.
    const { X: fakeRow, reads } = hugeFlat(1, 2 ** 15);
    const rowsArr = new Proxy({ length: 2 ** 16 } as ArrayLike<ArrayLike<number>>, {
      get: (t, key) => (key === 'length' ? t.length : fakeRow.data),
    });
    expect(() => new Ridge({ backend: 'wasm' }).fit(rowsArr, { length: 2 ** 16 } as ArrayLike<number>)).toThrow(/too large for the WebAssembly backend/);
    expect(reads()).toBe(0);

    expect(WasmScope.memoryBytes()).toBe(memBefore);
    expect(WasmScope.liveAllocations().buffers).toBe(0);
    const after = new Lasso({ alpha: 0.1, backend: 'wasm' }).fit(dX, dy);
    expect(after.coef).toEqual(before.coef);
    expect(after.intercept).toBe(before.intercept);
  });

  it('the capacity check counts buffers in use, not the never-shrinking memory size', () => {
    const third = Math.floor((2 ** 30 - 2 ** 20) / 8); // just under 1 GiB each
    expect(() => checkWasmCapacity([third, third, third])).not.toThrow();
    expect(() => checkWasmCapacity([third, third, third, third, third])).toThrow(/it needs 5\.00 GiB of linear memory and 32-bit WASM memory is limited to 4 GiB/);
    // The largest c for which four buffers of c doubles fit when nothing is in use…
    const fits = (c: number): boolean => {
      try {
        checkWasmCapacity([c, c, c, c]);
        return true;
      } catch {
        return false;
      }
    };
    let lo = 1;
    let hi = 2 ** 27;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    expect(lo * 32).toBeGreaterThan(2 ** 32 - 2 ** 22); // (the limit really is about 4 GiB)
    // …no longer fits while 8000 bytes are held by a running fit, and fits again once they are freed.
    WasmScope.run([1000], (scope) => {
      scope.alloc(1000);
      expect(WasmScope.liveAllocations()).toEqual({ buffers: 1, bytes: 8000 });
      expect(() => checkWasmCapacity([lo, lo, lo, lo])).toThrow(/besides 8000 bytes in use/);
    });
    expect(fits(lo)).toBe(true);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    let ran = false;
    expect(() => WasmScope.run([2 ** 28], () => { ran = true; })).toThrow(/one buffer needs 2\.00 GiB/);
    expect(ran).toBe(false);
  });
});

describe('errors thrown mid-fit leave the library working', () => {
  const { X, y } = loadDiabetes();
  const reference = () => {
    const m = new ElasticNet({ alpha: 0.05, backend: 'wasm' }).fit(X, y);
    return { coef: Array.from(m.coef), intercept: m.intercept };
  };

  it('an exception from the data source leaves nothing allocated (each value is read once, while checked, before any WASM buffer)', () => {
    const ref = reference();
    const reads = new Map<number, number>();
    const data = new Proxy(X.flat(), {
      get(target, key, recv) {
        if (typeof key === 'string' && /^\d+$/.test(key)) {
          const k = Number(key);
          reads.set(k, (reads.get(k) ?? 0) + 1);
          if (k === 4000) throw new Error('data source went away');
        }
        return Reflect.get(target, key, recv);
      },
    });
    expect(() => new Lasso({ alpha: 0.1, backend: 'wasm' }).fit({ data, rows: X.length, cols: 10 }, y)).toThrow('data source went away');
    expect(Math.max(...reads.values())).toBe(1);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    expect(reference()).toEqual(ref);
  });

  it('a user callback that throws does not break later fits', () => {
    const ref = reference();
    const m = new Lasso({ alpha: 1e-4, maxIter: 1, backend: 'wasm', onWarning: () => { throw new Error('no warnings please'); } });
    expect(() => m.fit(X, y)).toThrow('no warnings please');
    expect(WasmScope.liveAllocations().buffers).toBe(0);
    expect(reference()).toEqual(ref);
  });

  it('a trap inside WebAssembly resets the core; the next fits give the same answers', () => {
    const ref = reference();
    expect(() => WasmScope.run([10], (scope) => {
      scope.alloc(10);
      throw new WebAssembly.RuntimeError('unreachable');
    })).toThrow(/^penalized: the WebAssembly core failed \(unreachable\); it has been reset and can be used again$/);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    expect(reference()).toEqual(ref);
  });

  it('running out of memory inside the allocator (memory.grow refused) is a clear RangeError; the core is reset and works', () => {
    const ref = reference();
    const core = getCore();
    const spy = vi.spyOn(core, 'allocF64').mockImplementationOnce(() => {
      throw new WebAssembly.RuntimeError('unreachable');
    });
    expect(() => new Ridge({ backend: 'wasm' }).fit(X, y)).toThrow(/^penalized: out of WebAssembly memory: the host refused to grow linear memory .*reset and can be used again/);
    expect(spy).toHaveBeenCalled();
    expect(getCore()).not.toBe(core);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    expect(reference()).toEqual(ref);
  });
});
