/**
 * Memory is given back (issue #13, item 4): after a fit whose workspace grew
 * WebAssembly memory past MEMORY_RELEASE_BYTES (256 MiB), the instance is
 * replaced by a fresh one from the compiled module, so memoryStats() is small
 * again once the big fit has returned; smaller fits keep (and reuse) their
 * instance; nested fits never lose their instance mid-way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, Ridge, lassoPath, memoryStats } from '../src/index.js';
import { MEMORY_RELEASE_BYTES, WasmScope, getCore } from '../src/wasm/wasmCore.js';
import { loadDiabetes } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

/** A flat n×p design (cheap deterministic values) and its response. */
function bigFlat(n: number, p: number): { X: { data: Float64Array; rows: number; cols: number }; y: Float64Array } {
  const data = new Float64Array(n * p);
  for (let k = 0; k < data.length; k++) data[k] = (k & 1023) / 1024 - 0.5;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = data[i * p] - 2 * data[i * p + 1] + (i & 15) / 16;
  return { X: { data, rows: n, cols: p }, y };
}

describe('WebAssembly memory is given back after a large fit', () => {
  const { X: dX, y: dy } = loadDiabetes();

  it('the threshold is 256 MiB', () => {
    expect(MEMORY_RELEASE_BYTES).toBe(256 * 2 ** 20);
  });

  it('a small fit keeps its instance and its memory', () => {
    new Lasso({ alpha: 0.1 }).fit(dX, dy);
    const core = getCore();
    const bytes = memoryStats().wasmMemoryBytes;
    new Ridge({ alpha: 0.1 }).fit(dX, dy);
    expect(getCore()).toBe(core);
    expect(memoryStats().wasmMemoryBytes).toBe(bytes);
    expect(bytes).toBeLessThan(MEMORY_RELEASE_BYTES);
  });

  /** A path on 267 MiB of X whose alphas zero every coefficient at once (cheap), recording the memory size while it runs. */
  function bigFit(): { peak: number; path: ReturnType<typeof lassoPath> } {
    const { X, y } = bigFlat(175_000, 200);
    let peak = 0;
    const path = lassoPath(X, y, {
      alphas: [1e9, 1e8], precompute: false,
      onProgress: () => { peak = Math.max(peak, memoryStats().wasmMemoryBytes); },
    });
    return { peak, path };
  }

  it('a fit that grew memory past it gives the memory back once the outermost fit returns, not under a running path', () => {
    const before = new Lasso({ alpha: 0.1 }).fit(dX, dy);
    const js = lassoPath(dX, dy, { nAlphas: 6, backend: 'js' });
    let calls = 0;
    let nestedPeak = 0;
    let afterNested = 0;
    const wasm = lassoPath(dX, dy, {
      nAlphas: 6,
      onProgress: () => {
        if (calls++ !== 2) return;
        nestedPeak = bigFit().peak;
        afterNested = memoryStats().wasmMemoryBytes;
      },
    });
    expect(calls).toBe(6);
    expect(nestedPeak).toBeGreaterThan(MEMORY_RELEASE_BYTES);
    // Still the big memory while the outer path runs on it…
    expect(afterNested).toBe(nestedPeak);
    // …with the right answers, and given back once the outer path returned.
    expect(Array.from(wasm.coefs)).toEqual(Array.from(js.coefs));
    expect(memoryStats().wasmMemoryBytes).toBeLessThan(16 * 2 ** 20);
    // The peak is still reported (bench/ reads it).
    expect(memoryStats().peakWasmMemoryBytes).toBe(nestedPeak);
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
    // The fresh instance gives the same bits.
    const after = new Lasso({ alpha: 0.1 }).fit(dX, dy);
    expect(Array.from(after.coef)).toEqual(Array.from(before.coef));
    expect(after.intercept).toBe(before.intercept);
  });
});
