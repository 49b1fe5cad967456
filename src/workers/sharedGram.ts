/**
 * The full XᵀX of a cross-validation computed once by all its workers
 * instead of once by each: the lower triangle is cut into ranges of columns
 * of near-equal area (GRAM_RANGES_PER_WORKER per worker), and each worker
 * takes the next range from a shared counter (Atomics.add) until none is
 * left, computes it (kernels/gram `gramColumnRange`, whose every entry has
 * the bits of the whole product, however the columns are cut) and writes it
 * into a shared p×p matrix — so a worker on a slower core computes fewer
 * ranges instead of making the others wait for its half (timestamps in 2
 * workers on 2000×1000: with one fixed range each, both had the whole Gram
 * ~115 ms into the task; with ranges from the counter, ~70–85 ms, in runs
 * minutes apart on a VM whose cores' speeds drift).
 * Once every range is in (Atomics.wait), each copies the others' columns back.
 * Needs shared memory (Node; browsers only when cross-origin isolated).
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

/** Column ranges per worker: enough for the last one taken to be short, few enough for each to reuse its panels of X. */
export const GRAM_RANGES_PER_WORKER = 8;

/** This worker's side of the shared Gram matrix (share.gram, p×p). */
export function sharedGramShare(share: FoldShare, p: number): GramShare {
  const shared = share.gram!;
  const b = gramColumnSplit(p, share.workers * GRAM_RANGES_PER_WORKER);
  const ranges = b.length - 1;
  return {
    fill(G: () => Float64Array, columns: (j0: number, j1: number) => void): void {
      const c = share.control;
      const mine = new Uint8Array(ranges);
      for (;;) {
        if (Atomics.load(c, CONTROL.failed) !== 0) throw new PeerFailed();
        const t = Atomics.add(c, CONTROL.gramNext, 1);
        if (t >= ranges) break;
        mine[t] = 1;
        if (b[t + 1] > b[t]) {
          columns(b[t], b[t + 1]);
          shared.set(G().subarray(b[t] * p, b[t + 1] * p), b[t] * p);
        }
        // Atomics.add orders the columns' writes before the count; the last range wakes the waiting workers.
        if (Atomics.add(c, CONTROL.arrived, 1) + 1 === ranges) Atomics.notify(c, CONTROL.arrived);
      }
      for (;;) {
        if (Atomics.load(c, CONTROL.failed) !== 0) throw new PeerFailed();
        const v = Atomics.load(c, CONTROL.arrived);
        if (v >= ranges) break;
        Atomics.wait(c, CONTROL.arrived, v);
      }
      const g = G();
      for (let t = 0; t < ranges; t++) if (!mine[t] && b[t + 1] > b[t]) g.set(shared.subarray(b[t] * p, b[t + 1] * p), b[t] * p);
    },
  };
}
