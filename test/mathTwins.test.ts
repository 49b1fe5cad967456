// The transcendentals that reach an answer (math/: log10 and exp10 of the
// alpha grid) are computed by the package itself, so every engine gives the
// same bits: the core's functions (assembly/math/, instantiated raw from
// build/penalized.wasm) and their JS twins (src/math/) must agree bit for bit,
// and stay within an ulp of the host's own functions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exp10 } from '../src/math/exp10.js';
import { log10 } from '../src/math/log10.js';
import { alphaGrid } from '../src/paths/alphaGrid.js';
import { rng } from './helpers/data.js';
import { ROOT, ensureBuilt } from './browser/support.js';

let core: { exp10(x: number): number; log10(x: number): number };

beforeAll(async () => {
  await ensureBuilt();
  const { instance } = await WebAssembly.instantiate(readFileSync(join(ROOT, 'build/penalized.wasm')), {
    env: { abort: () => { throw new Error('abort'); } },
  });
  core = instance.exports as unknown as typeof core;
});

const EPS = 2.220446049250313e-16;

/** Distance in ulps of the larger magnitude (normal range). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  return Math.abs(a - b) / (Math.max(Math.abs(a), Math.abs(b)) * EPS);
}

describe('math twins', () => {
  it('exp10: the core and its JS twin agree bit for bit, within 1 ulp of Math.pow(10, x)', () => {
    const r = rng(11);
    const xs = [0, -0, 1, 2, 22, 23, -1, -22, 0.5, -3, 308.25, 308.26, -307.5, -323.3, -324, 400, -400, NaN, Infinity, -Infinity, 1e-300, -1e-17];
    for (let k = 0; k < 50_000; k++) xs.push((r.uniform() - 0.5) * 600);
    for (let k = 0; k < 5000; k++) xs.push((r.uniform() - 0.5) * 1e-3);
    let worst = 0;
    for (const x of xs) {
      const a = core.exp10(x);
      const b = exp10(x);
      if (!Object.is(a, b)) expect(b, `exp10(${x}) JS vs core`).toBe(a);
      const want = Math.pow(10, x);
      if (Number.isFinite(want) && want > 2.3e-308) worst = Math.max(worst, ulps(b, want));
      else expect(Object.is(b, want) || (want < 2.3e-308 && Math.abs(b - want) <= 4e-323), `exp10(${x}) = ${b}, Math.pow gives ${want}`).toBe(true);
    }
    expect(worst).toBeLessThanOrEqual(1.5);
    for (let k = 0; k <= 22; k++) expect(exp10(k), `10^${k} is exact`).toBe(Number(`1e${k}`));
  });

  it('log10: the core and its JS twin agree bit for bit, within 1 ulp of Math.log10', () => {
    const r = rng(12);
    const xs = [1, 10, 100, 1e-3, 2, 0.5, 5e-324, 2.2e-308, 1.7976931348623157e308, 0, -0, -1, NaN, Infinity, -Infinity, 1 + EPS, 1 - EPS / 2];
    for (let k = 0; k < 50_000; k++) xs.push((0.5 + r.uniform()) * 2 ** Math.round((r.uniform() - 0.5) * 2000));
    let worst = 0;
    for (const x of xs) {
      const a = core.log10(x);
      const b = log10(x);
      if (!Object.is(a, b)) expect(b, `log10(${x}) JS vs core`).toBe(a);
      const want = Math.log10(x);
      if (Number.isFinite(want) && want !== 0) worst = Math.max(worst, ulps(b, want));
      else expect(Object.is(b, want), `log10(${x}) = ${b}, Math.log10 gives ${want}`).toBe(true);
    }
    expect(worst).toBeLessThanOrEqual(1);
    for (let k = -300; k <= 300; k += 7) expect(log10(Number(`1e${k}`)), `log10(1e${k})`).toBe(k);
  });

  it('alphaGrid: decreasing, from alpha_max exactly to eps·alpha_max (up to the rounding of its log10)', () => {
    for (const [amax, K, eps] of [[121.5972317093246 * 3, 100, 1e-3], [1e-10, 50, 1e-4], [3.5e200, 7, 0.5]] as const) {
      const g = alphaGrid(amax, K, eps);
      expect(g[0]).toBe(amax);
      for (let k = 1; k < K; k++) expect(g[k]).toBeLessThan(g[k - 1]);
      // 10^log10(v) loses |log10 v|·ln 10 ulps to the rounding of log10 v (numpy's logspace too).
      expect(ulps(g[K - 1], amax * eps)).toBeLessThanOrEqual(2 + 2.31 * Math.abs(Math.log10(amax * eps)) * 2);
    }
  });
});
