/**
 * One validation path for every training entry point (issue #13, item 2):
 * fit of each model, the paths and the cross-validated models refuse a
 * problem too large for WebAssembly memory from its shape alone (no value
 * read), and refuse data whose sums of squares overflow with the same
 * RangeError as Lasso.fit, named after the entry point.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, lassoPath, enetPath, LassoCV, ElasticNetCV, RidgeCV } from '../src/index.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

type Backend = 'wasm' | 'js';
type Entry = [owner: string, run: (X: unknown, y: unknown, backend: Backend) => unknown];

const entries: Entry[] = [
  ['Lasso', (X, y, backend) => new Lasso({ alpha: 0.1, backend }).fit(X as number[][], y as number[])],
  ['ElasticNet', (X, y, backend) => new ElasticNet({ alpha: 0.1, backend }).fit(X as number[][], y as number[])],
  ['Ridge', (X, y, backend) => new Ridge({ backend }).fit(X as number[][], y as number[])],
  ['lassoPath', (X, y, backend) => lassoPath(X as number[][], y as number[], { nAlphas: 5, backend })],
  ['enetPath', (X, y, backend) => enetPath(X as number[][], y as number[], { nAlphas: 5, backend })],
  ['LassoCV', (X, y, backend) => new LassoCV({ nAlphas: 5, cv: 3, backend }).fit(X as number[][], y as number[])],
  ['ElasticNetCV', (X, y, backend) => new ElasticNetCV({ nAlphas: 5, cv: 3, backend }).fit(X as number[][], y as number[])],
  ['RidgeCV', (X, y, backend) => new RidgeCV({ backend }).fit(X as number[][], y as number[])],
  ['RidgeCV', (X, y, backend) => new RidgeCV({ cv: 3, backend }).fit(X as number[][], y as number[])],
];

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
  const y = X.map((row) => row[0] - 2 * row[1] + 0.5 * r.normal());
  return { X, y };
}

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

describe.each(['wasm', 'js'] as const)('every entry point checks magnitudes before any work (%s backend)', (backend) => {
  const { X, y } = problem(1, 30, 4);
  const lassoMessage = (): string => {
    try {
      new Lasso({ backend }).fit(X.map((r) => r.map((v) => v * 1e155)), y);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  it.each(entries)('%s refuses X × 1e155 and y × 1e155 with the message of Lasso.fit', (owner, run) => {
    const message = lassoMessage();
    expect(message).toMatch(/^Lasso: X has an entry of magnitude/);
    const bigX = X.map((r) => r.map((v) => v * 1e155));
    expect(() => run(bigX, y, backend)).toThrow(RangeError);
    expect(() => run(bigX, y, backend)).toThrow(message.replace(/^Lasso:/, `${owner}:`));
    expect(() => run(X, y.map((v) => v * 1e155), backend)).toThrow(new RegExp(`^${owner}: y\\[\\d+\\] has magnitude .* sums of squares overflow double precision`));
  });
});

describe('every entry point refuses a problem too large for WASM memory from its shape, reading no value', () => {
  it.each(entries)('%s: one buffer over 1 GiB', (_owner, run) => {
    const { X, reads } = hugeFlat(2 ** 16, 2 ** 14);
    expect(() => run(X, { length: 2 ** 16 }, 'wasm')).toThrow(
      /^problem too large for the WebAssembly backend: one buffer needs 8\.00 GiB \(8589934592 bytes\), more than the 1 GiB \(1073741760 bytes\)/,
    );
    expect(reads()).toBe(0);
  });

  it.each([
    ['Lasso', () => new Lasso({ precompute: true })],
    ['lassoPath', null],
    ['LassoCV', () => new LassoCV({ precompute: true })],
  ] as const)('%s: the workspace counts (a p×p Gram matrix over 1 GiB while X is small)', (owner, make) => {
    const { X, reads } = hugeFlat(16, 12000);
    const y = { length: 16 } as ArrayLike<number>;
    const run = make ? () => make().fit(X, y) : () => lassoPath(X, y, { precompute: true });
    expect(run, owner).toThrow(/^problem too large for the WebAssembly backend: one buffer needs 1\.07 GiB/);
    expect(reads()).toBe(0);
  });
});
