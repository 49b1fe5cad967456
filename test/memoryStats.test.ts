import { beforeAll, describe, expect, it } from 'vitest';
import { ready, memoryStats, Ridge } from '../src/index.js';

beforeAll(async () => {
  await ready();
});

describe('memoryStats', () => {
  it('reports the WASM linear memory, which holds at least the design of the last fit', () => {
    const n = 300;
    const p = 40;
    const data = new Float64Array(n * p);
    for (let k = 0; k < data.length; k++) data[k] = Math.sin(k * 0.7) + (k % 7);
    const y = Array.from({ length: n }, (_, i) => Math.cos(i));
    new Ridge({ alpha: 1, backend: 'wasm' }).fit({ data, rows: n, cols: p }, y);
    const { wasmMemoryBytes } = memoryStats();
    expect(wasmMemoryBytes % 65536).toBe(0);
    expect(wasmMemoryBytes).toBeGreaterThanOrEqual(8 * n * p);
  });
});
