/**
 * kernels/nonzeroColumns (AS f64x2 pass and its JS twin): the same positions,
 * in increasing order, as a plain `x[j] !== 0` loop — −0 counts as zero, NaN
 * does not — for odd and even lengths and runs of zeros.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { WasmScope } from '../src/wasm/wasmCore.js';
import { nonzeroColumns } from '../src/kernels/nonzeroColumns.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

function wasmNonzeroColumns(x: Float64Array): number[] {
  const n = x.length;
  return WasmScope.run([n, Math.ceil(n / 2)], (scope) => {
    const px = scope.alloc(n);
    const pIdx = scope.alloc(Math.ceil(n / 2));
    scope.view(px, n).set(x);
    const m = scope.core.nonzeroColumns(px, n, pIdx);
    return Array.from(scope.viewI32(pIdx, m));
  });
}

describe('nonzeroColumns', () => {
  for (const n of [0, 1, 2, 3, 7, 64, 1001]) {
    it(`wasm = js = the plain loop (n = ${n})`, () => {
      const r = rng(n + 5).uniform;
      const x = Float64Array.from({ length: n }, () => {
        const u = r();
        return u < 0.6 ? 0 : u < 0.7 ? -0 : u < 0.72 ? NaN : u < 0.74 ? Number.MIN_VALUE : r() - 0.5;
      });
      const expected: number[] = [];
      for (let j = 0; j < n; j++) if (x[j] !== 0) expected.push(j);
      const idx = new Int32Array(n);
      const m = nonzeroColumns(x, n, idx);
      expect(Array.from(idx.subarray(0, m))).toEqual(expected);
      expect(wasmNonzeroColumns(x)).toEqual(expected);
    });
  }

  it('finds a lone nonzero at either end and none in all-zero input', () => {
    for (const x of [Float64Array.of(0, 0, 0, 0, 3), Float64Array.of(-2, 0, -0, 0), new Float64Array(6)]) {
      const expected: number[] = [];
      x.forEach((v, j) => v !== 0 && expected.push(j));
      expect(wasmNonzeroColumns(x)).toEqual(expected);
    }
  });
});
