/**
 * The folds of one cross-validation shared by m workers through shared
 * memory: one task per worker, each drawing the next fold from a shared
 * counter (Atomics.add) until none is left — so a worker whose folds ran
 * faster takes more of them — and, in covariance mode, computing its part of
 * the full Gram matrix (workers/sharedGram). Each fold's numbers depend on
 * that fold alone (selection/crossValidation), so whichever worker computes
 * it gives the one-thread bits.
 *
 * Failures: the worker that fails marks the share failed (the others stop
 * drawing folds, or stop waiting for the Gram) and its error says which fold
 * it was on, so the caller can report the first failing fold in fold order,
 * as the one-thread fit does (every fold before it was drawn earlier, so it
 * was computed or failed too).
 */
import type { FoldQueue } from '../selection/crossValidation.js';
import { CONTROL, type FoldShare } from './protocol.js';
import { sharedGramShare } from './sharedGram.js';

/** Whether shared memory can be handed to workers here (Node; browsers only when cross-origin isolated). */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

/**
 * Main thread: the shares of a cross-validation of k folds on m workers
 * (`gramColumns` = p in covariance mode, else 0; `grids` l1Ratio values of
 * `gridLength` alphas each), in buffers from `take`.
 */
export function createFoldShare(
  take: (bytes: number) => SharedArrayBuffer, m: number, k: number, gramColumns: number, grids: number, gridLength: number,
): FoldShare[] {
  const slots = CONTROL.done + k + grids * gridLength;
  const control = new Int32Array(take(slots * 4), 0, slots);
  control.fill(0);
  const gram = gramColumns > 0 ? new Float64Array(take(gramColumns * gramColumns * 8), 0, gramColumns * gramColumns) : null;
  const size = grids * gridLength * k + 2 * m;
  const results = new Float64Array(take(size * 8), 0, size);
  // The buffer may come from an earlier call: no fold in progress, no mean yet.
  results.fill(0, grids * gridLength * k);
  return Array.from({ length: m }, (_, rank) => ({ control, gram, results, gridLength, grids, rank, workers: m, folds: k }));
}

/** A timestamp comparable between the threads of a process (ms). */
export const now = (): number => performance.timeOrigin + performance.now();

/**
 * Where worker `rank` keeps in FoldShare.results the start time of the fold
 * it is computing (0: none) and, next, its mean fold time so far (0: none
 * done yet) — what tells an idle worker how long the others still need
 * (workers/sharedRefit). Timing only: no number of the fit depends on it.
 */
export function foldTimingSlot(share: FoldShare, rank: number): number {
  return share.grids * share.gridLength * share.folds + 2 * rank;
}

/**
 * Worker: the longest time another worker of the share still needs for the
 * fold it is on (ms; its mean fold time so far, else `fallback`, minus the
 * time since it started), or 0 when no other is on a fold.
 */
export function othersRemaining(share: FoldShare, fallback: number): number {
  let r = 0;
  const t = now();
  for (let w = 0; w < share.workers; w++) {
    if (w === share.rank) continue;
    const at = foldTimingSlot(share, w);
    const start = share.results[at];
    if (start > 0) r = Math.max(r, start + (share.results[at + 1] || fallback) - t);
  }
  return r;
}

/** Main thread: tells the workers of a share that one of them failed (they stop drawing folds and stop waiting). */
export function failFoldShare(share: FoldShare): void {
  Atomics.store(share.control, CONTROL.failed, 1);
  Atomics.notify(share.control, CONTROL.arrived);
}

/** Worker: the FoldQueue of this worker, plus the folds it took and the one it is on. */
export function foldQueueOf(share: FoldShare): FoldQueue & { taken: number[]; current: number; fail(): void } {
  const c = share.control;
  const timing = foldTimingSlot(share, share.rank);
  let spent = 0;
  let finished = 0;
  const q = {
    taken: [] as number[],
    current: -1,
    next(): number {
      if (Atomics.load(c, CONTROL.failed) !== 0) return -1;
      const f = Atomics.add(c, CONTROL.next, 1);
      if (f >= share.folds) return -1;
      q.taken.push(f);
      q.current = f;
      share.results[timing] = now();
      return f;
    },
    gramShare: (p: number) => (share.gram ? sharedGramShare(share, p) : null),
    done(f: number, paths: Float64Array[]): void {
      // Publish fold f's errors, then its flag (Atomics.store orders the writes before it).
      const { results, gridLength: K, folds: k } = share;
      if (paths.length !== share.grids) return;
      for (let g = 0; g < paths.length; g++) {
        if (paths[g].length !== K * k) return;
        for (let a = 0; a < K; a++) results[(g * K + a) * k + f] = paths[g][a * k + f];
      }
      Atomics.store(c, CONTROL.done + f, 1);
      // This worker's mean fold time so far, and no fold in progress.
      spent += now() - results[timing];
      results[timing + 1] = spent / ++finished;
      results[timing] = 0;
    },
    fail(): void {
      failFoldShare(share);
    },
  };
  return q;
}
