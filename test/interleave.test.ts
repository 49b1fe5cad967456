/**
 * Several models fitted in an interleaved order in one process give the same
 * results — bit for bit — as each fitted alone, also when failed fits, a reset
 * of the WASM core and re-entrant fits (from a warning callback) are mixed in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, enetPath } from '../src/index.js';
import { WasmScope } from '../src/wasm/wasmCore.js';
import { loadDiabetes, rng } from './helpers/data.js';

type Model = Lasso | ElasticNet | Ridge;
interface Job {
  name: string;
  make: () => Model;
  X: number[][];
  y: number[];
  w?: number[];
}

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal() * (1 + (seed % 3))));
  const y = X.map((row) => row.reduce((s, v, j) => s + (j % 2 ? -v : v) / (j + 1), 3) + r.normal());
  return { X, y };
}

const diabetes = loadDiabetes();
const quiet = (): void => {};

function jobs(): Job[] {
  const a = problem(1, 50, 8);
  const b = problem(2, 15, 30); // p > n
  const c = problem(3, 200, 4);
  const list: Job[] = [];
  for (const backend of ['wasm', 'js'] as const) {
    list.push(
      { name: `Lasso diabetes ${backend}`, make: () => new Lasso({ alpha: 0.2, backend }), ...diabetes },
      { name: `Lasso p>n ${backend}`, make: () => new Lasso({ alpha: 0.05, backend }), ...b },
      { name: `ElasticNet std precompute ${backend}`, make: () => new ElasticNet({ alpha: 0.03, l1Ratio: 0.4, standardize: true, precompute: true, backend }), ...a },
      { name: `ElasticNet positive pf weights ${backend}`, make: () => new ElasticNet({ alpha: 0.01, positive: true, penaltyFactor: [0, 1, 1, 2], backend }), ...c, w: c.X.map((_, i) => 1 + (i % 5)) },
      { name: `Ridge primal ${backend}`, make: () => new Ridge({ alpha: 1.5, backend }), ...a },
      { name: `Ridge dual std ${backend}`, make: () => new Ridge({ alpha: 0.3, standardize: true, backend }), ...b },
      { name: `Lasso maxIter-limited ${backend}`, make: () => new Lasso({ alpha: 1e-4, maxIter: 3, backend, onWarning: quiet }), ...diabetes },
    );
  }
  return list;
}

interface Snapshot {
  coef: number[];
  intercept: number;
  nIter?: number;
  dualGap?: number;
  converged?: boolean;
  pred: number[];
}

function snapshot(m: Model, X: number[][]): Snapshot {
  const s: Snapshot = { coef: Array.from(m.coef), intercept: m.intercept, pred: Array.from(m.predict(X.slice(0, 5))) };
  if (m instanceof ElasticNet) {
    s.nIter = m.nIter;
    s.dualGap = m.dualGap;
    s.converged = m.converged;
  }
  return s;
}

beforeAll(async () => {
  await ready();
});

describe('interleaved fits', () => {
  const all = jobs();
  const alone = new Map<string, Snapshot>();

  it('each job fitted alone (the reference)', () => {
    for (const j of all) alone.set(j.name, snapshot(j.make().fit(j.X, j.y, j.w), j.X));
    expect(alone.size).toBe(all.length);
  });

  it('round-robin and shuffled orders, refitting the same model objects, give identical results', () => {
    const models = all.map((j) => j.make());
    const r = rng(99);
    for (let round = 0; round < 5; round++) {
      const order = all.map((_, k) => k);
      if (round > 0) {
        for (let k = order.length - 1; k > 0; k--) {
          const t = Math.floor(r.uniform() * (k + 1));
          [order[k], order[t]] = [order[t], order[k]];
        }
      }
      for (const k of order) {
        const j = all[k];
        models[k].fit(j.X, j.y, j.w);
        expect(snapshot(models[k], j.X), `${j.name}, round ${round}`).toEqual(alone.get(j.name));
      }
    }
  });

  it('one model object refitted on different data each time carries nothing over', () => {
    const datasets = [diabetes, problem(4, 30, 6), problem(5, 10, 25), diabetes, problem(6, 60, 1)];
    for (const backend of ['wasm', 'js'] as const) {
      for (const make of [() => new ElasticNet({ alpha: 0.1, l1Ratio: 0.7, backend }), () => new Ridge({ alpha: 0.8, backend })]) {
        const fresh = datasets.map((d) => snapshot(make().fit(d.X, d.y), d.X));
        const reused = make();
        for (let round = 0; round < 2; round++) {
          datasets.forEach((d, k) => {
            reused.fit(d.X, d.y);
            expect(snapshot(reused, d.X)).toEqual(fresh[k]);
          });
        }
      }
    }
  });

  it('failed fits, a core reset and re-entrant fits in between change nothing', () => {
    const r = rng(7);
    const reentrant = new Map<string, Snapshot>();
    for (let step = 0; step < 3 * all.length; step++) {
      const j = all[Math.floor(r.uniform() * all.length)];
      switch (step % 5) {
        case 0: // a validation error
          expect(() => j.make().fit(j.X, j.y.slice(1))).toThrow(RangeError);
          break;
        case 1: // an error after the design is in WASM memory (the default grid of a pure ridge path is refused there)
          expect(() => enetPath(j.X, j.y, { l1Ratio: 0 })).toThrow(/l1Ratio > 0/);
          break;
        case 2: // a trap: the core is replaced by a fresh instance
          expect(() => WasmScope.run([4], (s) => {
            s.alloc(4);
            throw new WebAssembly.RuntimeError('unreachable');
          })).toThrow(/reset/);
          break;
        case 3: { // a fit started from inside another fit's warning callback
          const inner = all[(step * 7) % all.length];
          new Lasso({
            alpha: 1e-4,
            maxIter: 1,
            onWarning: () => reentrant.set(inner.name, snapshot(inner.make().fit(inner.X, inner.y, inner.w), inner.X)),
          }).fit(diabetes.X, diabetes.y);
          expect(reentrant.get(inner.name)).toEqual(alone.get(inner.name));
          break;
        }
        default:
          break;
      }
      expect(snapshot(j.make().fit(j.X, j.y, j.w), j.X), j.name).toEqual(alone.get(j.name));
      expect(WasmScope.liveAllocations().buffers).toBe(0);
    }
  });

  it('the two backends agree bit for bit on every job', () => {
    for (const j of all.filter((x) => x.name.endsWith('wasm'))) {
      expect(alone.get(j.name.replace(/wasm$/, 'js')), j.name).toEqual(alone.get(j.name));
    }
  });
});
