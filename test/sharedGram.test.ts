// The shared Gram matrix of parallel cross-validation (workers/sharedGram):
// column ranges drawn from a shared counter, whichever worker computes them.
import { describe, expect, it } from 'vitest';
import { gramColumns, gramColumnRange } from '../src/kernels/gram.js';
import { createFoldShare, failFoldShare } from '../src/workers/sharedFolds.js';
import { GRAM_RANGES_PER_WORKER, PeerFailed, gramColumnSplit, sharedGramShare } from '../src/workers/sharedGram.js';

/** Column-major n×p design from a small LCG (entries in [−1, 1), varied column scales). */
function design(n: number, p: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const scale = 2 ** Math.round(6 * u() - 3);
    for (let i = 0; i < n; i++) X[j * n + i] = scale * (2 * u() - 1);
  }
  return X;
}

const take = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

describe('shared Gram matrix (workers/sharedGram)', () => {
  it.each([[5, 1, 2], [30, 7, 2], [301, 258, 2], [120, 65, 3]])(
    'n = %i, p = %i, %i workers: every worker ends with the bits of gramColumns, whichever computed which ranges', (n, p, m) => {
      const X = design(n, p, 17 * n + p);
      const whole = new Float64Array(p * p);
      gramColumns(X, n, p, whole);
      const shares = createFoldShare(take, m, 4, p, 1, 3);
      // Run one after the other, the first worker draws every range and the others none: their columns all come from the share.
      const taken: number[][] = [];
      const Gs = shares.map((share) => {
        const G = new Float64Array(p * p).fill(NaN);
        const mine: number[] = [];
        sharedGramShare(share, p).fill(() => G, (j0, j1) => {
          mine.push(j0, j1);
          gramColumnRange(X, n, p, j0, j1, G);
        });
        taken.push(mine);
        return G;
      });
      expect(taken[0][0]).toBe(0);
      expect(taken[0][taken[0].length - 1]).toBe(p);
      for (let r = 1; r < m; r++) expect(taken[r]).toEqual([]);
      for (const G of Gs) for (let j = 0; j < p; j++) for (let i = j; i < p; i++) expect(Object.is(G[j * p + i], whole[j * p + i])).toBe(true);
    });

  it('cuts the columns into even-bounded ranges, GRAM_RANGES_PER_WORKER per worker', () => {
    const b = gramColumnSplit(1000, 2 * GRAM_RANGES_PER_WORKER);
    expect(b.length).toBe(2 * GRAM_RANGES_PER_WORKER + 1);
    for (let r = 1; r < b.length - 1; r++) {
      expect(b[r] % 2).toBe(0);
      expect(b[r]).toBeGreaterThan(b[r - 1]);
    }
  });

  it('stops with PeerFailed once another worker failed, before computing anything', () => {
    const p = 12;
    const [share] = createFoldShare(take, 2, 3, p, 1, 3);
    failFoldShare(share);
    let called = 0;
    expect(() => sharedGramShare(share, p).fill(() => new Float64Array(p * p), () => { called++; })).toThrow(PeerFailed);
    expect(called).toBe(0);
  });
});
