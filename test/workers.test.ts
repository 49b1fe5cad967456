// fitAsync, lassoPathAsync/enetPathAsync and pools on the built package
// (dist/, whose worker script is dist/worker.js) in Node's worker_threads:
// every async call must give the synchronous call's object, fields and bits;
// abort, progress, errors and the pool's lifetime are checked here too.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiabetes, rng } from './helpers/data.js';
import { ROOT, ensureBuilt } from './browser/support.js';
import { toCsc, toCsr } from './helpers/sparse.js';

type Api = typeof import('../src/index.js');
let P: Api;
let pool: import('../src/index.js').Pool;
const { X, y } = loadDiabetes();
const DIST = pathToFileURL(join(ROOT, 'dist/index.js')).href;

beforeAll(async () => {
  await ensureBuilt();
  P = (await import(/* @vite-ignore */ DIST)) as Api;
  await P.ready();
  pool = P.createPool({ size: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

/** Every own field, with typed arrays compared bit for bit (Object.is per element). */
function expectSameFields(got: object, want: object, what: string): void {
  const g = got as Record<string, unknown>;
  const w = want as Record<string, unknown>;
  expect(Object.keys(g).sort(), `${what}: fields`).toEqual(Object.keys(w).sort());
  for (const k of Object.keys(w)) {
    if (k === 'options') continue;
    expectSameValue(g[k], w[k], `${what}.${k}`);
  }
}

function expectSameValue(a: unknown, b: unknown, what: string): void {
  if (ArrayBuffer.isView(b)) {
    expect(Object.getPrototypeOf(a), `${what}: type`).toBe(Object.getPrototypeOf(b));
    const av = a as unknown as ArrayLike<number>;
    const bv = b as unknown as ArrayLike<number>;
    expect(av.length, `${what}: length`).toBe(bv.length);
    for (let i = 0; i < bv.length; i++) if (!Object.is(av[i], bv[i])) expect(av[i], `${what}[${i}]`).toBe(bv[i]);
  } else if (b !== null && typeof b === 'object') {
    expect(a !== null && typeof a === 'object', `${what}: object`).toBe(true);
    expect(Object.keys(a as object).sort(), `${what}: keys`).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(b)) expectSameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${what}.${k}`);
  } else {
    expect(Object.is(a, b), `${what}: ${String(a)} vs ${String(b)}`).toBe(true);
  }
}

function synthetic(n: number, p: number, seed: number): { X: { data: Float64Array; rows: number; cols: number }; y: Float64Array } {
  const r = rng(seed);
  const data = new Float64Array(n * p);
  for (let k = 0; k < data.length; k++) data[k] = r.normal();
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 0; j < 10; j++) s += (j % 2 ? -1 : 1) * data[i * p + j * 3];
    yy[i] = s + r.normal();
  }
  return { X: { data, rows: n, cols: p }, y: yy };
}

const W = X.map((_, i) => 0.5 + (i % 7) / 4);
const flatX = { data: Float64Array.from(X.flat()), rows: X.length, cols: X[0].length };

describe('fitAsync gives exactly what fit gives', () => {
  const cases: [string, Record<string, unknown>, boolean, boolean][] = [
    ['Lasso', { alpha: 0.1 }, false, false],
    ['Lasso', { alpha: 0.5, standardize: true, backend: 'js' }, true, true],
    ['ElasticNet', { alpha: 0.05, l1Ratio: 0.3, positive: true }, false, true],
    ['ElasticNet', { alpha: 0.2, penaltyFactor: [1, 0, 1, 1, 2, 1, 1, 1, 1, 1], precompute: true }, true, false],
    ['Ridge', { alpha: 2 }, false, false],
    ['Ridge', { alpha: 0.3, standardize: true }, true, true],
    ['LassoCV', { cv: 5 }, false, false],
    ['LassoCV', { cv: 4, rule: '1se', standardize: true, nAlphas: 30 }, true, true],
    ['ElasticNetCV', { l1Ratio: [0.2, 0.7, 1], cv: 3, nAlphas: 20 }, false, false],
    ['ElasticNetCV', { foldIds: X.map((_, i) => 1 + (i % 4)), nAlphas: 25, precompute: false }, true, true],
    ['RidgeCV', { alphas: [0.01, 0.1, 1, 10] }, false, false],
    ['RidgeCV', { alphas: [0.1, 1, 10], cv: 5 }, true, true],
  ];
  for (const [name, options, weighted, flat] of cases) {
    it(`${name} ${JSON.stringify(options).slice(0, 90)}${weighted ? ' weighted' : ''}${flat ? ' flat' : ''}`, async () => {
      const Model = (P as unknown as Record<string, new (o: unknown) => { fit(...a: unknown[]): object; fitAsync(...a: unknown[]): Promise<object> }>)[name];
      const input = flat ? flatX : X;
      const want = new Model(options).fit(input, y, weighted ? W : null);
      const model = new Model(options);
      const got = await model.fitAsync(input, y, weighted ? W : null, { pool });
      expect(got).toBe(model);
      expect(got).toBeInstanceOf(Model);
      expectSameFields(got, want, name);
    });
  }

  it('LogisticRegression (labels of any kind, C or alpha, class weights)', async () => {
    const med = [...y].sort((a, b) => a - b)[y.length >> 1];
    const labels = y.map((v) => (v > med ? 'high' : 'low'));
    for (const [options, weighted] of [
      [{ alpha: 0.01 }, false],
      [{ C: 0.5, l1Ratio: 0.5, standardize: true, classWeight: 'balanced' }, true],
    ] as const) {
      const want = new P.LogisticRegression(options).fit(X, labels, weighted ? W : null);
      const model = new P.LogisticRegression(options);
      const got = await model.fitAsync(X, labels, weighted ? W : null, { pool });
      expect(got).toBe(model);
      expectSameFields(got, want, `LogisticRegression ${JSON.stringify(options)}`);
      expect(got.classes).toEqual(['high', 'low']);
      expectSameValue(got.predictProba(X), want.predictProba(X), 'predictProba');
    }
  });

  it('lassoPathAsync and enetPathAsync give the PathResult of lassoPath and enetPath', async () => {
    expectSameValue(await P.lassoPathAsync(X, y, { pool }), P.lassoPath(X, y), 'lassoPath');
    const o = { l1Ratio: 0.4, nAlphas: 40, standardize: true, sampleWeight: W };
    expectSameValue(await P.enetPathAsync(flatX, y, { ...o, pool }), P.enetPath(flatX, y, o), 'enetPath');
  });

  it('the default pool is used when none is given, and X is never modified', async () => {
    const before = flatX.data.slice();
    const got = await new P.Lasso({ alpha: 0.3 }).fitAsync(flatX, y);
    expectSameFields(got, new P.Lasso({ alpha: 0.3 }).fit(flatX, y), 'Lasso (default pool)');
    expect(flatX.data.byteLength, 'the caller’s buffer was not transferred').toBe(before.byteLength);
    expectSameValue(flatX.data, before, 'X.data');
  });
});

/** A random n×p matrix with about `density` nonzeros (one constant column), and k targets. */
function sparseProblem(n: number, p: number, density: number, k: number, seed: number): { rows: number[][]; ys: number[][] } {
  const r = rng(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: p }, () => (r.uniform() < density ? r.normal() * 2 + (r.uniform() < 0.3 ? 3 : 0) : 0)));
  for (const row of rows) row[p - 1] = 1.5;
  const ys = rows.map((row) => Array.from({ length: k }, (_, t) => (t + 1) * row[t] - row[t + 2] + 0.5 * r.normal() + t));
  return { rows, ys };
}

describe('every input fit takes: sparse X, several targets, Float32Array, a scalar weight (both backends, one worker and two)', () => {
  const { rows: SX, ys: SY } = sparseProblem(150, 24, 0.25, 3, 21);
  const csr = toCsr(SX);
  const csc = toCsc(SX);
  const y1 = SY.map((t) => t[0]);
  const yFlat = { data: Float64Array.from(SY.flat()), rows: SY.length, cols: 3 };
  const f32X = { data: Float32Array.from(X.flat()), rows: X.length, cols: X[0].length };
  const f32y = Float32Array.from(y);
  const sw = SX.map((_, i) => 0.5 + (i % 5) / 3);
  type Case = [string, Record<string, unknown>, unknown, unknown, unknown];
  const cases: Case[] = [
    ['Lasso', { alpha: 0.05 }, csr, y1, null],
    ['Lasso', { alpha: 0.02, standardize: true }, csc, y1, sw],
    ['ElasticNet', { alpha: 0.05, l1Ratio: 0.5 }, csr, SY, 2.5],
    ['Lasso', { alpha: 0.05 }, SX, yFlat, null],
    ['Ridge', { alpha: 0.7 }, csr, SY, sw],
    ['Ridge', { alpha: 0.7, solver: 'cg', cgTol: 1e-12 }, csc, y1, 3],
    ['Ridge', { alpha: 1.5, standardize: true }, SX, SY, null],
    ['Lasso', { alpha: 0.1 }, f32X, f32y, null],
    ['Ridge', { alpha: 2 }, f32X, f32y, Float32Array.from(W)],
    ['Lasso', { alpha: 0.3 }, X, y, 0.25],
    ['LassoCV', { cv: 4, nAlphas: 25 }, csr, y1, null],
    ['LassoCV', { cv: 5, nAlphas: 20, standardize: true }, f32X, f32y, 2],
    ['ElasticNetCV', { l1Ratio: [0.4, 0.9], cv: 3, nAlphas: 15 }, csc, Float32Array.from(y1), sw],
    ['RidgeCV', { alphas: [0.1, 1, 10], cv: 4 }, csr, SY, 1.5],
    ['RidgeCV', { alphas: 3, cv: 3 }, csc, yFlat, null],
    ['RidgeCV', { alphas: [0.1, 1, 10] }, SX, SY, sw],
    ['LogisticRegression', { alpha: 0.01 }, f32X, Float32Array.from(y, (v) => (v > 140 ? 1 : 0)), 2],
    // No zero at all: nnz = rows × cols, so the sparse X's data alone looks like a dense { data, rows, cols }.
    ['Ridge', { alpha: 1 }, toCsr(X), X.map((r, i) => [y[i], r[0]]), null],
    ['RidgeCV', { alphas: [1, 10], cv: 3 }, toCsc(X), X.map((r, i) => [y[i], r[1]]), null],
  ];
  for (const backend of ['wasm', 'js'] as const) {
    for (const size of [1, 2]) {
      it(`${backend} backend, pool of ${size}`, async () => {
        const p = size === 2 ? pool : P.createPool({ size: 1 });
        try {
          for (const [name, options, cx, cy, cw] of cases) {
            const what = `${name} ${JSON.stringify(options)} X ${(cx as { format?: string }).format ?? (ArrayBuffer.isView((cx as { data?: unknown }).data) ? (cx as { data: object }).data.constructor.name : 'rows')}`;
            const Model = (P as unknown as Record<string, new (o: unknown) => { fit(...a: unknown[]): object; fitAsync(...a: unknown[]): Promise<object> }>)[name];
            const o = { ...options, backend };
            const want = new Model(o).fit(cx, cy, cw);
            const model = new Model(o);
            const got = await model.fitAsync(cx, cy, cw, { pool: p });
            expect(got, what).toBe(model);
            expectSameFields(got, want, what);
          }
          const po = { nAlphas: 20, backend };
          expectSameValue(await P.lassoPathAsync(csr, y1, { ...po, pool: p }), P.lassoPath(csr, y1, po), 'lassoPath CSR');
          const eo = { ...po, l1Ratio: 0.6, sampleWeight: 2, standardize: true };
          expectSameValue(await P.enetPathAsync(csc, Float32Array.from(y1), { ...eo, pool: p }), P.enetPath(csc, Float32Array.from(y1), eo), 'enetPath CSC');
          expectSameValue(await P.lassoPathAsync(f32X, f32y, { ...po, pool: p }), P.lassoPath(f32X, f32y, po), 'lassoPath Float32');
        } finally {
          if (p !== pool) await p.close();
        }
      }, 60_000);
    }
  }

  it('what travels: typed arrays in the transfer list (a 2-D y packed into one Float64Array), never arrays of rows', async () => {
    const p = P.createPool({ size: 1 });
    const sent: { task: Record<string, unknown>; transfer: unknown[]; y73: unknown }[] = [];
    const run = p.run.bind(p);
    p.run = ((task: Record<string, unknown>, transfer: unknown[], o: unknown) => {
      // Row 7, target 2 of a packed 2-D y, read before its buffer is transferred away.
      sent.push({ task, transfer, y73: (task.y as { data?: Float64Array }).data?.[3 * 7 + 2] });
      return run(task as never, transfer as never, o as never);
    }) as typeof p.run;
    try {
      await new P.Ridge({ alpha: 1 }).fitAsync(csr, SY, Float32Array.from(sw), { pool: p });
      const { task, transfer } = sent[0];
      const Xs = task.X as { indptr: Int32Array; indices: Int32Array; data: Float64Array; format: string };
      expect(Xs.format).toBe('csr');
      expect(Xs.indptr).toBeInstanceOf(Int32Array);
      expect(Xs.data).toBeInstanceOf(Float64Array);
      const Y = task.y as { data: Float64Array; rows: number; cols: number };
      expect(Y.data).toBeInstanceOf(Float64Array);
      expect([Y.rows, Y.cols]).toEqual([SY.length, 3]);
      expect(sent[0].y73).toBe(SY[7][2]);
      expect(Y.data.byteLength, 'transferred (detached here), not cloned').toBe(0);
      expect(task.sampleWeight).toBeInstanceOf(Float32Array);
      for (const a of [Xs.indptr, Xs.indices, Xs.data, Y.data, task.sampleWeight as Float32Array]) expect(transfer).toContain(a.buffer);
      await new P.Lasso({ alpha: 0.1 }).fitAsync(SX, yFlat, null, { pool: p });
      expect((sent[1].task.X as { data: unknown }).data).toBeInstanceOf(Float64Array);
      expect((sent[1].task.y as { data: unknown }).data).toBeInstanceOf(Float64Array);
    } finally {
      await p.close();
    }
  });

  it('the caller’s arrays are neither detached nor modified', async () => {
    const x = toCsr(SX);
    const yT = Float32Array.from(y1);
    const w = Float64Array.from(sw);
    const Y2 = { data: Float64Array.from(yFlat.data), rows: yFlat.rows, cols: 3 };
    const copies = [x.indptr, x.indices, x.data, yT, w, Y2.data].map((a) => (a as Float64Array).slice());
    await new P.Lasso({ alpha: 0.05 }).fitAsync(x, yT, w, { pool });
    await new P.Ridge({ alpha: 1 }).fitAsync(x, Y2, w, { pool });
    await new P.LassoCV({ cv: 3, nAlphas: 10 }).fitAsync(x, yT, w, { pool });
    await P.lassoPathAsync(x, yT, { nAlphas: 5, pool });
    [x.indptr, x.indices, x.data, yT, w, Y2.data].forEach((a, k) => expectSameValue(a, copies[k], `array ${k}`));
  });

  it('bad input of these kinds rejects with fit’s error, before any worker is started when X or a 2-D y is at fault', async () => {
    const fresh = P.createPool({ size: 2 });
    try {
      const unsorted = { ...toCsr([[1, 0, 2], [0, 3, 0], [4, 0, 5]]), indices: Int32Array.of(2, 0, 1, 0, 2) };
      const badValue = { ...toCsc([[1, 0], [0, 2], [3, 0]]), data: [1, Number.NaN, 3] };
      const ragged = [[1, 2], [3], [4, 5]];
      const early: [string, Record<string, unknown>, unknown, unknown, unknown][] = [
        ['Lasso', {}, unsorted, [1, 2, 3], null],
        ['Ridge', {}, badValue, [1, 2, 3], null],
        ['Ridge', {}, [[1, 0], [0, 2], [3, 1]], ragged, null],
        // X's values are read before y's (a flat Float64Array X is otherwise checked by the worker).
        ['Ridge', {}, { data: Float64Array.of(1, 0, Number.NaN, 2, 3, 1), rows: 3, cols: 2 }, ragged, null],
        ['Ridge', {}, [[1, 0], [0, 2], [3, 1]], { data: [1, 2, 3, 'x', 5, 6], rows: 3, cols: 2 }, null],
        ['LassoCV', { cv: 3 }, [[1, 0], [0, 2], [3, 1]], [[1, 2], [3, 4], [5, 6]], null],
        ['RidgeCV', { alphas: [1], cv: 3 }, unsorted, [1, 2, 3], null],
        ['LogisticRegression', {}, toCsr([[1, 0], [0, 2], [3, 1]]), [0, 1, 0], null],
        ['LogisticRegression', {}, toCsr([[1, 5], [4, 2], [3, 1]]), [0, 1, 0], null],
        ['Ridge', {}, toCsc([[1, 0], [0, 2], [3, 1]]), [[1, 2], [3, 4]], null],
        ['ElasticNet', {}, { data: Float32Array.of(1, 2, Number.NaN, 4, 5, 6), rows: 3, cols: 2 }, Float32Array.of(1, 2, 3), null],
      ];
      // 1-D y and weights are validated by the worker's fit (same code, same messages).
      const late: [string, Record<string, unknown>, unknown, unknown, unknown][] = [
        ['Lasso', {}, toCsr([[1, 0], [0, 2], [3, 1]]), [1, 2, 3], -1],
        ['Ridge', {}, [[1, 0], [0, 2], [3, 1]], Float32Array.of(1, Number.POSITIVE_INFINITY, 3), null],
        ['RidgeCV', { alphas: [1, 2], cv: 3 }, toCsc([[1, 0], [0, 2], [3, 1]]), [[1, 2], [3, 4], [5, 6]], [1, 1, Number.NaN]],
      ];
      for (const [list, started] of [[early, false], [late, true]] as const) {
        for (const [name, options, bx, by, bw] of list) {
          const Model = (P as unknown as Record<string, new (o: unknown) => { fit(...a: unknown[]): object; fitAsync(...a: unknown[]): Promise<object> }>)[name];
          let want: Error | null = null;
          try {
            new Model(options).fit(bx, by, bw);
          } catch (e) {
            want = e as Error;
          }
          expect(want, `${name}: fit refuses it`).not.toBeNull();
          const got = await new Model(options).fitAsync(bx, by, bw, { pool: fresh }).then(() => null, (e: Error) => e);
          expect(got?.constructor, `${name}: ${want!.message}`).toBe(want!.constructor);
          expect(got?.message).toBe(want!.message);
          if (!started) expect(fresh.workerCount, `${name}: refused on the calling thread (${want!.message})`).toBe(0);
        }
      }
      let want: Error | null = null;
      try {
        P.lassoPath(csr, SY);
      } catch (e) {
        want = e as Error;
      }
      await expect(P.lassoPathAsync(csr, SY as never, { pool: fresh })).rejects.toThrow(want!.message);
    } finally {
      await fresh.close();
    }
  });
});

describe('parallel cross-validation: folds spread over workers give the one-thread bits', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['LassoCV', { cv: 10 }, false],
    ['LassoCV', { cv: 7, shuffle: true, seed: 3, rule: '1se', precompute: false }, true],
    ['LassoCV', { foldIds: X.map((_, i) => (i * 7) % 5), standardize: true, nAlphas: 40 }, true],
    ['ElasticNetCV', { l1Ratio: [0.1, 0.5, 0.95], cv: 4, nAlphas: 30 }, true],
    // Fewer folds than workers: the (fold, l1Ratio) units still keep every worker busy.
    ['ElasticNetCV', { l1Ratio: [0.2, 0.6, 0.9, 1], cv: 2, nAlphas: 20 }, false],
    ['ElasticNetCV', { l1Ratio: [0.5, 0.25], cv: 5, nAlphas: 15, precompute: false, rule: '1se' }, true],
    ['LassoCV', { cv: 6, nAlphas: 25, backend: 'js' }, true],
    ['RidgeCV', { alphas: [0.01, 0.3, 3, 30], cv: 9 }, true],
    ['RidgeCV', { alphas: [0.1, 1, 10], foldIds: X.map((_, i) => i % 3), penaltyFactor: [1, 0, 1, 1, 1, 1, 1, 1, 1, 2] }, false],
    // Every fold's XᵀX kept across its alphas, folds drawn from the shared counter.
    ['RidgeCV', { alphas: [1e-3, 0.05, 0.5, 5, 50], cv: 3, standardize: true }, true],
  ];
  for (const size of [2, 3]) {
    for (const [name, options, weighted] of cases) {
      it(`${size} workers: ${name} ${JSON.stringify(options).slice(0, 80)}${weighted ? ' weighted' : ''}`, async () => {
        const p = P.createPool({ size });
        try {
          const Model = (P as unknown as Record<string, new (o: unknown) => { fit(...a: unknown[]): object; fitAsync(...a: unknown[]): Promise<object> }>)[name];
          const want = new Model(options).fit(X, y, weighted ? W : null);
          const seen: number[] = [];
          const got = await new Model(options).fitAsync(X, y, weighted ? W : null, { pool: p, onProgress: (f: number) => seen.push(f) });
          expectSameFields(got, want, name);
          expect(p.workerCount, 'the folds went to several workers').toBe(size);
          for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
          expect(seen[seen.length - 1]).toBe(1);
          expect(seen.filter((f) => f === 1).length).toBe(1);
        } finally {
          await p.close();
        }
      });
    }
  }

  it('calls one after another on one pool (shared buffers reused across shapes, Gram split or not) give the one-thread bits', async () => {
    const tall = synthetic(300, 41, 5); // n > p: the full Gram matrix is split over the workers
    const wide = synthetic(60, 90, 6); // n < p: no Gram matrix, folds only
    const runs: [Record<string, unknown>, { data: Float64Array; rows: number; cols: number } | number[][], ArrayLike<number>][] = [
      [{ cv: 5, nAlphas: 20 }, tall.X, tall.y], [{ cv: 6, nAlphas: 15 }, flatX, y], [{ cv: 4, nAlphas: 20 }, wide.X, wide.y],
      [{ cv: 3, nAlphas: 10, standardize: true }, tall.X, tall.y], [{ l1Ratio: [0.3, 0.9], cv: 5, nAlphas: 10 }, X, y],
      [{ l1Ratio: [0.3, 0.6, 0.9], cv: 3, nAlphas: 15 }, tall.X, tall.y], [{ l1Ratio: [0.7, 0.2], cv: 4, nAlphas: 15 }, wide.X, wide.y],
    ];
    const p3 = P.createPool({ size: 3 });
    try {
      for (const [o, XX, yy] of runs) {
        const Model = 'l1Ratio' in o ? P.ElasticNetCV : P.LassoCV;
        expectSameFields(await new Model(o).fitAsync(XX, yy, null, { pool: p3 }), new Model(o).fit(XX, yy), `${Model.name} ${JSON.stringify(o)}`);
      }
    } finally {
      await p3.close();
    }
  });

  it('RidgeCV with several targets: whole folds from the shared counter, the refit from a worker, fit’s bits', async () => {
    const Y = X.map((r, i) => [y[i], r[1] - r[2], 3 * r[5]]);
    const p3 = P.createPool({ size: 3 });
    try {
      for (const [o, w] of [[{ alphas: [1e-3, 0.1, 10, 1e3], cv: 5 }, null], [{ alphas: [0.5, 50], cv: 4, standardize: true }, W]] as const) {
        for (const on of [pool, p3]) {
          expectSameFields(await new P.RidgeCV(o).fitAsync(X, Y, w, { pool: on }), new P.RidgeCV(o).fit(X, Y, w), `RidgeCV ${JSON.stringify(o)} ×3 targets`);
        }
      }
    } finally {
      await p3.close();
    }
  });

  it('a fold that cannot be fitted fails as in fit, and weights given as an option reach the refit', async () => {
    type CV = { fit(...a: unknown[]): unknown; fitAsync(...a: unknown[]): Promise<unknown> };
    /** fit's error and fitAsync's on `on`, which must be the same error (class and message, no internal field left), naming `fold`. */
    const expectFitsError = async (make: () => CV, w: number[], on: import('../src/index.js').Pool, fold: RegExp): Promise<void> => {
      let want: Error | null = null;
      try {
        make().fit(X, y, w);
      } catch (e) {
        want = e as Error;
      }
      const got = await make().fitAsync(X, y, w, { pool: on }).then(() => null, (e: Error) => e);
      expect(want?.message).toMatch(fold);
      expect(got?.constructor).toBe(want!.constructor);
      expect(got?.message).toBe(want!.message);
      expect('unit' in (got as object)).toBe(false);
    };
    // Weight only on fold 2's rows (contiguous folds of 111, 111, 110, 110): its training rows weigh nothing.
    const sw = X.map((_, i) => (i >= 222 && i < 332 ? 1 : 0));
    await expectFitsError(() => new P.LassoCV({ cv: 4, nAlphas: 10 }), sw, pool, /fold 2/);
    // Also when each fold's l1Ratio values are units of their own (3 workers), fold 2 or fold 0 failing.
    const sw2 = X.map((_, i) => (i < 111 ? 1 : 0));
    const p3 = P.createPool({ size: 3 });
    try {
      for (const eo of [{ cv: 4, nAlphas: 10, l1Ratio: [0.4, 0.9, 1] }, { cv: 4, nAlphas: 10, l1Ratio: [0.4, 0.9], precompute: false }]) {
        await expectFitsError(() => new P.ElasticNetCV(eo), sw, p3, /fold 2/);
        await expectFitsError(() => new P.ElasticNetCV(eo), sw2, p3, /fold 0/);
      }
      // RidgeCV, whose units are (fold, alpha).
      await expectFitsError(() => new P.RidgeCV({ alphas: [0.1, 1, 10], cv: 4 }), sw, p3, /fold 2/);
      await expectFitsError(() => new P.RidgeCV({ alphas: [0.1, 1, 10], cv: 4 }), sw2, p3, /fold 0/);
    } finally {
      await p3.close();
    }
    const ro = { alphas: [0.1, 1], cv: 3, sampleWeight: W };
    expectSameFields(await new P.RidgeCV(ro).fitAsync(X, y, null, { pool }), new P.RidgeCV(ro).fit(X, y), 'RidgeCV weights option');
  });
});

describe('progress, warnings and errors', () => {
  it('onProgress is monotone, in [0, 1], and ends with exactly 1', async () => {
    const seen: number[] = [];
    await new P.LassoCV({ cv: 5 }).fitAsync(X, y, null, { pool, onProgress: (f: number) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(5);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.filter((f) => f === 1).length).toBe(1);
    const single: number[] = [];
    await new P.Ridge().fitAsync(X, y, null, { pool, onProgress: (f: number) => single.push(f) });
    expect(single).toEqual([1]);
    const path: number[] = [];
    await P.lassoPathAsync(X, y, { pool, nAlphas: 50, onProgress: (f: number) => path.push(f) });
    expect(path[path.length - 1]).toBe(1);
    for (let k = 1; k < path.length; k++) expect(path[k]).toBeGreaterThan(path[k - 1]);
  });

  it('warnings reach the model’s onWarning, as in fit', async () => {
    const sync: string[] = [];
    const async_: string[] = [];
    const want = new P.Lasso({ alpha: 0.001, maxIter: 2, onWarning: (m: string) => sync.push(m) }).fit(X, y);
    const got = await new P.Lasso({ alpha: 0.001, maxIter: 2, onWarning: (m: string) => async_.push(m) }).fitAsync(X, y, null, { pool });
    expect(async_).toEqual(sync);
    expect(sync.length).toBe(1);
    expectSameFields(got, want, 'Lasso (not converged)');
  });

  it('parallel LassoCV: the warnings of fit (its refit’s), those of a speculative refit at another alpha never', async () => {
    for (const o of [{ cv: 5, nAlphas: 8, maxIter: 3, tol: 1e-12 }, { cv: 4, nAlphas: 8, maxIter: 1, tol: 1e-12, precompute: false }]) {
      const sync: string[] = [];
      const async_: string[] = [];
      const want = new P.LassoCV({ ...o, onWarning: (m: string) => sync.push(m) }).fit(X, y);
      const got = await new P.LassoCV({ ...o, onWarning: (m: string) => async_.push(m) }).fitAsync(X, y, null, { pool });
      expectSameFields(got, want, 'LassoCV (not converged)');
      expect(sync.length).toBeGreaterThan(0);
      expect(async_).toEqual(sync);
    }
  });

  it('parallel RidgeCV: the warnings of fit (every singular fold’s, then the refit’s)', async () => {
    // A repeated column: XᵀX is singular, so a tiny alpha warns in every fold and, when chosen, in the refit.
    const Xd = X.map((row) => [...row, row[3]]);
    for (const alphas of [[1e-300], [1e-300, 1e3]]) {
      const sync: string[] = [];
      const async_: string[] = [];
      const want = new P.RidgeCV({ alphas, cv: 5, onWarning: (m: string) => sync.push(m) }).fit(Xd, y);
      const got = await new P.RidgeCV({ alphas, cv: 5, onWarning: (m: string) => async_.push(m) }).fitAsync(Xd, y, null, { pool });
      expectSameFields(got, want, 'RidgeCV (singular)');
      expect(sync.length).toBeGreaterThan(4);
      // The folds' warnings as the workers send them, the refit's after them.
      expect([...async_].sort()).toEqual([...sync].sort());
      expect(async_[async_.length - 1]).toBe(sync[sync.length - 1]);
    }
  });

  it('bad input rejects with the error fit throws (class and message), and the pool keeps working', async () => {
    const bad: [unknown, unknown, unknown][] = [
      [[[1, 2], [3, 'x']], [1, 2], null],
      [[[1, 2], [3]], [1, 2], null],
      [{ data: Float64Array.of(1, 2, NaN, 4), rows: 2, cols: 2 }, [1, 2], null],
      [X, y.slice(1), null],
      [X, y, X.map(() => -1)],
      [X, y.map((v, i) => (i === 3 ? NaN : v)), null],
    ];
    for (const [bx, by, bw] of bad) {
      let want: Error | null = null;
      try {
        new P.Lasso().fit(bx as number[][], by as number[], bw as number[] | null);
      } catch (e) {
        want = e as Error;
      }
      expect(want).not.toBeNull();
      const got = await new P.Lasso().fitAsync(bx as number[][], by as number[], bw as number[] | null, { pool }).then(() => null, (e: Error) => e);
      expect(got?.constructor).toBe(want!.constructor);
      expect(got?.message).toBe(want!.message);
    }
    const ok = await new P.Ridge({ alpha: 1 }).fitAsync(X, y, null, { pool });
    expectSameFields(ok, new P.Ridge({ alpha: 1 }).fit(X, y), 'Ridge after errors');
    await expect(new P.Lasso().fitAsync(X, y, null, { pool, signal: 'no' as unknown as AbortSignal })).rejects.toThrow(TypeError);
    expect(() => P.createPool({ size: 0 })).toThrow(RangeError);
  });
});

describe('abort', () => {
  it('aborting a long LassoCV rejects with an AbortError within 50 ms, and the next call is right', async () => {
    const { X: BX, y: by } = synthetic(1500, 600, 7);
    // One abort of a running LassoCV: the time from abort() to the rejection
    // handler (attached when the call is made, so nothing but the event loop
    // stands between them).
    const abortOnce = async (): Promise<number> => {
      const ac = new AbortController();
      let abortedAt = 0;
      let rejectedAt = 0;
      const job = new P.LassoCV({ cv: 10, nAlphas: 100 }).fitAsync(BX, by, null, {
        pool,
        signal: ac.signal,
        onProgress: (f: number) => {
          if (f > 0.05 && abortedAt === 0) {
            abortedAt = performance.now();
            ac.abort();
          }
        },
      }).then(() => null, (e: unknown) => { rejectedAt = performance.now(); return e; });
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 5000));
      const err = await Promise.race([job, timeout]);
      expect(err, 'the fit was still running when aborted').toBeInstanceOf(DOMException);
      expect((err as DOMException).name).toBe('AbortError');
      return rejectedAt - abortedAt;
    };
    // The latency is event-loop latency; on a loaded 2-core machine the OS can
    // deschedule this thread for longer than 50 ms, so up to three tries.
    let best = Infinity;
    for (let k = 0; k < 3 && best >= 50; k++) best = Math.min(best, await abortOnce());
    expect(best).toBeLessThan(50);
    const ac = new AbortController();
    ac.abort();
    // Already aborted: rejects before any work.
    await expect(new P.Lasso().fitAsync(X, y, null, { pool, signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    // The pool replaced the worker and answers right.
    const small = synthetic(300, 40, 8);
    const got = await new P.LassoCV({ cv: 3, nAlphas: 20 }).fitAsync(small.X, small.y, null, { pool });
    expectSameFields(got, new P.LassoCV({ cv: 3, nAlphas: 20 }).fit(small.X, small.y), 'LassoCV after abort');
  });

  it('a queued task aborted before it starts rejects at once and never runs', async () => {
    const one = P.createPool({ size: 1 });
    try {
      const { X: BX, y: by } = synthetic(800, 300, 9);
      const first = new P.LassoCV({ cv: 5, nAlphas: 30 }).fitAsync(BX, by, null, { pool: one });
      const ac = new AbortController();
      const second = new P.Lasso({ alpha: 0.1 }).fitAsync(X, y, null, { pool: one, signal: ac.signal });
      ac.abort();
      await expect(second).rejects.toMatchObject({ name: 'AbortError' });
      const m = await first;
      expect(m.alpha).toBeGreaterThan(0);
    } finally {
      await one.close();
    }
  });
});

describe('close()', () => {
  it('rejects the calls still running or queued with an AbortError, and the closed pool refuses new ones', async () => {
    const p = P.createPool({ size: 1 });
    const { X: BX, y: by } = synthetic(800, 300, 10);
    const running = new P.LassoCV({ cv: 5, nAlphas: 30 }).fitAsync(BX, by, null, { pool: p });
    const queued = new P.Ridge().fitAsync(X, y, null, { pool: p });
    const outcomes = Promise.all([running, queued].map((job) => job.then(() => null, (e: unknown) => e)));
    await new Promise((r) => setTimeout(r, 30));
    await p.close();
    for (const e of await outcomes) expect(e).toMatchObject({ name: 'AbortError' });
    expect(p.workerCount).toBe(0);
    await expect(new P.Ridge().fitAsync(X, y, null, { pool: p })).rejects.toThrow(/closed/);
  });
});

describe('pool lifetime (child node processes)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'penalized-workers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runScript(name: string, body: string): { status: number | null; stdout: string; stderr: string; ms: number } {
    const file = join(dir, name);
    writeFileSync(file, `import * as P from ${JSON.stringify(DIST)};\n${body}`);
    const t = performance.now();
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t };
  }

  it('a script that used fitAsync (default pool) and never closed anything exits by itself', () => {
    const r = runScript('noclose.mjs', `
const X = [[1, 2], [3, 4], [5, 7], [2, 2]];
const m = await new P.Lasso({ alpha: 0.01 }).fitAsync(X, [1, 2, 3, 1]);
const p = await P.lassoPathAsync(X, [1, 2, 3, 1], { nAlphas: 5 });
console.log(JSON.stringify({ coef: Array.from(m.coef), n: p.alphas.length }));
`);
    expect(r.stderr).toBe('');
    expect(r.status, 'exit status (null = killed by the 30 s timeout: the process hung)').toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(5);
  });

  it.runIf(process.platform === 'linux')('close() leaves no live worker threads (counted in /proc/self/task)', () => {
    const r = runScript('close.mjs', `
import { readdirSync } from 'node:fs';
const threads = () => readdirSync('/proc/self/task').length;
const before = threads();
const pool = P.createPool({ size: 2 });
const X = [[1, 2], [3, 4], [5, 7], [2, 2]];
await Promise.all([1, 2].map((a) => new P.Ridge({ alpha: a }).fitAsync(X, [1, 2, 3, 1], null, { pool })));
const busy = threads();
const count = pool.workerCount;
await pool.close();
console.log(JSON.stringify({ before, busy, after: threads(), count, countAfter: pool.workerCount }));
`);
    expect(r.status, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.count).toBe(2);
    expect(t.busy).toBeGreaterThanOrEqual(t.before + 2);
    expect(t.countAfter).toBe(0);
    expect(t.after).toBeLessThanOrEqual(t.before);
  });
});
