/**
 * The full XᵀX of a cross-validation computed once by all its workers
 * instead of once by each: worker r computes the lower entries of the
 * columns [b_r, b_{r+1}) (kernels/gram `gramColumnRange`, whose every entry
 * has the bits of the whole product), writes them into a shared p×p matrix,
 * and waits (Atomics.wait) until every worker has written its columns; then
 * each copies the others' columns back. Needs shared memory (Node; browsers
 * only when cross-origin isolated).
 */
import type { GramShare } from '../backends/types.js';
import { CONTROL, type FoldShare } from './protocol.js';

/** Thrown by a worker that stopped because another worker of the same call failed (the other's error is the one reported). */
export class PeerFailed extends Error {
  constructor() {
    super('penalized: another worker of this cross-validation failed');
    this.name = 'PeerFailed';
  }
}

/**
 * Column boundaries b_0 = 0 ≤ … ≤ b_m = p splitting the lower triangle into
 * m near-equal parts (column j holds p − j entries); inner boundaries even,
 * as gramColumnRange needs.
 */
export function gramColumnSplit(p: number, m: number): number[] {
  const total = (p * (p + 1)) / 2;
  const b = [0];
  let j = 0;
  let area = 0;
  for (let r = 1; r < m; r++) {
    const goal = (total * r) / m;
    // Whole column pairs, up to the pair whose middle passes the goal.
    while (j + 2 <= p && area + ((p - j) + (p - j - 1)) / 2 <= goal) {
      area += (p - j) + (p - j - 1);
      j += 2;
    }
    b.push(Math.min(j, p));
  }
  b.push(p);
  return b;
}

/** This worker's part of the shared Gram matrix (share.gram, p×p). */
export function sharedGramShare(share: FoldShare, p: number): GramShare {
  const shared = share.gram!;
  const b = gramColumnSplit(p, share.workers);
  const j0 = b[share.rank];
  const j1 = b[share.rank + 1];
  return {
    j0,
    j1,
    exchange(G: Float64Array): void {
      shared.set(G.subarray(j0 * p, j1 * p), j0 * p);
      const c = share.control;
      const arrived = Atomics.add(c, CONTROL.arrived, 1) + 1;
      if (arrived === share.workers) Atomics.notify(c, CONTROL.arrived);
      for (;;) {
        if (Atomics.load(c, CONTROL.failed) !== 0) throw new PeerFailed();
        const v = Atomics.load(c, CONTROL.arrived);
        if (v >= share.workers) break;
        Atomics.wait(c, CONTROL.arrived, v);
      }
      G.set(shared.subarray(0, j0 * p), 0);
      G.set(shared.subarray(j1 * p, p * p), j1 * p);
    },
  };
}
