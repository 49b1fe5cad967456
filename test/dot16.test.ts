// The logistic screen's exact integer dot product (kernels/dot16): the SIMD
// core kernel (instantiated raw from build/penalized.wasm) and its JS twin
// must both return the exact integer xᵀy (checked with BigInt), also at the
// extremes the kernel's no-overflow argument relies on (|x| = 32767 and
// |y| = 8191 everywhere, one sign), across whole 64-element blocks and
// every tail length.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dot16, DOT16_X_MAX, DOT16_Y_MAX } from '../src/kernels/dot16.js';
import { rng } from './helpers/data.js';
import { ROOT, ensureBuilt } from './browser/support.js';

let core: { memory: WebAssembly.Memory; allocF64(count: number): number; dot16Exact(x: number, y: number, n: number): number };

beforeAll(async () => {
  await ensureBuilt();
  const { instance } = await WebAssembly.instantiate(readFileSync(join(ROOT, 'build/penalized.wasm')), {
    env: { abort: () => { throw new Error('abort'); } },
  });
  core = instance.exports as unknown as typeof core;
});

function exact(x: Int16Array, y: Int16Array): bigint {
  let s = 0n;
  for (let i = 0; i < x.length; i++) s += BigInt(x[i]) * BigInt(y[i]);
  return s;
}

function wasmDot(x: Int16Array, y: Int16Array): number {
  const px = core.allocF64(Math.ceil(x.length / 4) + 1);
  const py = core.allocF64(Math.ceil(y.length / 4) + 1);
  // Odd offsets too: the columns of the screen's copy start at any even byte.
  const ox = px + 2 * (x.length % 3);
  const oy = py + 2 * (y.length % 2);
  new Int16Array(core.memory.buffer, ox, x.length).set(x);
  new Int16Array(core.memory.buffer, oy, y.length).set(y);
  return core.dot16Exact(ox, oy, x.length);
}

describe('dot16 (the logistic screen kernel)', () => {
  it('core and JS twin return the exact integer xᵀy at the overflow limits and on random data, every tail length', () => {
    const r = rng(16);
    for (const n of [0, 1, 7, 8, 15, 16, 63, 64, 65, 127, 128, 129, 200, 1000, 4097, 65536 + 33]) {
      for (const kind of ['max', 'min', 'mixed', 'random']) {
        const x = new Int16Array(n);
        const y = new Int16Array(n);
        for (let i = 0; i < n; i++) {
          if (kind === 'max') { x[i] = DOT16_X_MAX; y[i] = DOT16_Y_MAX; }
          else if (kind === 'min') { x[i] = -DOT16_X_MAX; y[i] = DOT16_Y_MAX; }
          else if (kind === 'mixed') { x[i] = i % 2 ? DOT16_X_MAX : -DOT16_X_MAX; y[i] = i % 3 ? -DOT16_Y_MAX : DOT16_Y_MAX; }
          else { x[i] = Math.trunc((2 * r.uniform() - 1) * DOT16_X_MAX); y[i] = Math.trunc((2 * r.uniform() - 1) * DOT16_Y_MAX); }
        }
        const want = exact(x, y);
        expect(BigInt(dot16(x, 0, y, 0, n)), `js ${kind} n=${n}`).toBe(want);
        expect(BigInt(wasmDot(x, y)), `wasm ${kind} n=${n}`).toBe(want);
      }
    }
  });
});
