import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { scanFloat64Wasm } from '../src/wasm/wasmCore.js';
import { checkMatrix } from '../src/io/matrix.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

/** The plain left-to-right loop the SIMD kernel must agree with. */
function reference(d: Float64Array): { bad: number; big: number; at: number } {
  let big = 0;
  let at = 0;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) return { bad: k, big, at };
    if (Math.abs(d[k]) > big) {
      big = Math.abs(d[k]);
      at = k;
    }
  }
  return { bad: -1, big, at };
}

describe('SIMD value scan (kernels/scanValues)', () => {
  it('finds the first non-finite entry and the first largest |v| exactly as a plain loop, across chunks and odd tails', () => {
    const r = rng(5);
    for (const size of [1, 2, 3, 17, 131072, 131073, 300001]) {
      const d = new Float64Array(size);
      for (let k = 0; k < size; k++) d[k] = r.normal();
      const res = scanFloat64Wasm(d)!;
      expect(res.bad).toBe(-1);
      expect(res.big).toBe(reference(d).big);
      expect(res.at).toBe(reference(d).at);
      // a tie: the first position wins
      d[size - 1] = -res.big;
      expect(scanFloat64Wasm(d)!.at).toBe(reference(d).at);
      for (const bad of [NaN, Infinity, -Infinity]) {
        for (const pos of [0, size >> 1, size - 1]) {
          const e = d.slice();
          e[pos] = bad;
          if (pos + 1 < size) e[size - 1] = NaN; // a later one must not win
          expect(scanFloat64Wasm(e)!.bad).toBe(reference(e).bad);
        }
      }
    }
  });

  it('checkMatrix reports the first NaN of a Float64Array by row and column', () => {
    const d = new Float64Array(30 * 7).fill(1);
    d[4 * 7 + 5] = NaN;
    d[9 * 7 + 1] = NaN;
    expect(() => checkMatrix({ data: d, rows: 30, cols: 7 })).toThrow(/row 4, column 5/);
  });
});
