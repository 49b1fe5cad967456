// PreparedDesign.ridge's keepGram (K-fold RidgeCV solves a fold's design at
// every alpha): the design forms XᵀX (dual: XXᵀ of the penalty-scaled X)
// once and starts each solve from a copy (assembly/solvers/ridge.ts
// ridgePrimalGram / ridgeDualGram and their JS twins). Every solve must give
// the bits of a solve that forms it again, on both backends, primal and
// dual, with and without penalty factors and several targets, in any order
// of alphas, and when the penalty factors change between calls.
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { getBackend } from '../src/backends/index.js';
import { checkMatrix } from '../src/io/matrix.js';
import { prepareTargets } from '../src/preprocess/prepareTargets.js';
import type { RidgeSolution } from '../src/backends/types.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const sameBits = (a: ArrayLike<number> | null, b: ArrayLike<number> | null) =>
  a !== null && b !== null && a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

function expectSame(got: RidgeSolution, want: RidgeSolution, what: string): void {
  expect(sameBits(got.coef, want.coef), `${what}: coef`).toBe(true);
  expect(got.singular, `${what}: singular`).toEqual(want.singular);
}

describe('ridge with the Gram matrix kept across alphas', () => {
  const r = rng(21);
  const shapes: [string, number, number][] = [['primal (n > p)', 70, 13], ['dual (p > n)', 17, 40], ['square, odd', 33, 33]];
  for (const backend of ['wasm', 'js'] as const) {
    for (const [shape, n, p] of shapes) {
      it(`${backend}, ${shape}: every alpha (and a singular one) gives the bits of a fresh solve`, () => {
        const X = checkMatrix(Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal())));
        const y = Array.from({ length: n }, () => r.normal());
        const y2 = Array.from({ length: n }, () => r.normal());
        const pf = Float64Array.from({ length: p }, (_, j) => 0.5 + (j % 4) / 2);
        const pf0 = Float64Array.from({ length: p }, (_, j) => (j === 2 ? 0 : 1));
        const alphas = [10, 1e-300, 0.3, 3, 0.3];
        const opts = { fitIntercept: true, standardize: false, sampleWeight: null };
        const targets = { ...prepareTargets([Float64Array.from(y), Float64Array.from(y2)], null, true, true), k: 2 };
        const fresh = (a: number, penalty: Float64Array | null, t: typeof targets | null) =>
          getBackend(backend).withDesign(X, y, opts, (d) => d.ridge(a, penalty, t));
        getBackend(backend).withDesign(X, y, opts, (d) => {
          for (const penalty of [null, pf, pf0, null]) {
            for (const a of alphas) {
              expectSame(d.ridge(a, penalty, null, true), fresh(a, penalty, null), `alpha ${a}, ${penalty ? 'factors' : 'no factors'}`);
              expectSame(d.ridge(a, penalty, targets, true), fresh(a, penalty, targets), `alpha ${a}, two targets`);
            }
          }
        });
      });
    }
  }
});
