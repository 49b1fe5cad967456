/**
 * The folds of one cross-validation shared by m workers through shared
 * memory: one task per worker. The work comes in units of one fold and one
 * l1Ratio value (a grid), in fit's order fold-major (unit f·grids + g). A
 * worker takes the first fold no one has started (and its first grid),
 * prepares that fold's training design once and takes the fold's further
 * grids one by one from the fold's shared count (Atomics.add); with no fold
 * left to start, it takes a grid of the fold with the most grids left,
 * preparing that fold's design too — so the l1Ratio values of ElasticNetCV
 * spread over the workers as well, at the price of a second preparation of
 * a fold only for the units taken that way, at the end (unless the share
 * says otherwise: FoldShare.splitFolds). A worker whose units
 * ran faster takes more of them. In covariance mode each worker also
 * computes its part of the full Gram matrix (workers/sharedGram). Each unit's
 * numbers depend on that fold and grid alone (selection/crossValidation), so
 * whichever worker computes it gives the one-thread bits.
 *
 * Failures: the one-thread fit reports the first unit that fails in its
 * order. A worker that fails records its unit in CONTROL.failedUnit (the
 * lowest so far) and says so in its error; the others still compute every
 * unit below it (one of them may fail first in fit's order) and take none
 * above, so the caller can report the lowest failing unit, which is fit's.
 * A failure before any unit (e.g. in the shared Gram matrix), a lost worker
 * or an abort stops every worker at once (CONTROL.failed).
 */
import type { FoldQueue } from '../selection/crossValidation.js';
import { CONTROL, NO_FAILURE, type FoldShare } from './protocol.js';
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
  take: (bytes: number) => SharedArrayBuffer, m: number, k: number, gramColumns: number, grids: number, gridLength: number, splitFolds = true,
): FoldShare[] {
  const slots = CONTROL.done + 2 * k + grids * gridLength;
  const control = new Int32Array(take(slots * 4), 0, slots);
  control.fill(0);
  control[CONTROL.failedUnit] = NO_FAILURE;
  const gram = gramColumns > 0 ? new Float64Array(take(gramColumns * gramColumns * 8), 0, gramColumns * gramColumns) : null;
  const size = grids * gridLength * k + 2 * m;
  const results = new Float64Array(take(size * 8), 0, size);
  // The buffer may come from an earlier call: no fold in progress, no mean yet.
  results.fill(0, grids * gridLength * k);
  return Array.from({ length: m }, (_, rank) => ({ control, gram, results, gridLength, grids, splitFolds, rank, workers: m, folds: k }));
}

/** A timestamp comparable between the threads of a process (ms). */
export const now = (): number => performance.timeOrigin + performance.now();

/**
 * Where worker `rank` keeps in FoldShare.results the start time of the unit
 * (fold, grid) it is computing (0: none) and, next, its mean unit time so far
 * (0: none done yet) — what tells an idle worker how long the others still need
 * (workers/sharedRefit). Timing only: no number of the fit depends on it.
 */
export function foldTimingSlot(share: FoldShare, rank: number): number {
  return share.grids * share.gridLength * share.folds + 2 * rank;
}

/**
 * Worker: the longest time another worker of the share still needs for the
 * unit it is on (ms; its mean unit time so far, else `fallback`, minus the
 * time since it started), or 0 when no other is on a unit.
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

/**
 * Rows `row0 … row0 + rows − 1` of FoldShare.results (row c·gridLength + a:
 * l1Ratio c at alpha a; RidgeCV: alpha a) for the folds `which`, in that
 * order: a rows × which.length matrix, the errors a refit's choice reads.
 */
export function sharedFoldErrors(share: FoldShare, row0: number, rows: number, which: number[]): Float64Array {
  const { results, folds: k } = share;
  const n = which.length;
  const out = new Float64Array(rows * n);
  for (let a = 0; a < rows; a++) for (let t = 0; t < n; t++) out[a * n + t] = results[(row0 + a) * k + which[t]];
  return out;
}

/** Main thread: stops every worker of a share (one was lost, or the call aborted): no more units, no more waiting. */
export function failFoldShare(share: FoldShare): void {
  Atomics.store(share.control, CONTROL.failed, 1);
  Atomics.notify(share.control, CONTROL.arrived);
}

/** Slot of FoldShare.control counting fold f's grids done (all done: the fold's errors are in FoldShare.results). */
export function doneSlot(share: FoldShare, f: number): number {
  return CONTROL.done + f;
}

/** Slot of FoldShare.control counting fold f's grids taken (may run past `grids`: a take past the end is no take). */
function takenSlot(share: FoldShare, f: number): number {
  return CONTROL.done + share.folds + f;
}

/** Worker: the FoldQueue of this worker, plus the units (f·grids + g) it took and the one it is on. */
export function foldQueueOf(share: FoldShare): FoldQueue & { units: number[]; current: number; fail(): void } {
  const c = share.control;
  const G = share.grids;
  const k = share.folds;
  const timing = foldTimingSlot(share, share.rank);
  let spent = 0;
  let finished = 0;
  // The grid taken with the fold `next` returned, handed out by the first `grid` call.
  let pending = -1;
  /** Whether unit u is still to be computed: no stop, and no failure at or below it. */
  const needed = (u: number): boolean => Atomics.load(c, CONTROL.failed) === 0 && u < Atomics.load(c, CONTROL.failedUnit);
  const start = (f: number, g: number): void => {
    q.current = f * G + g;
    q.units.push(q.current);
    share.results[timing] = now();
  };
  const q = {
    units: [] as number[],
    current: -1,
    next(): number {
      pending = -1;
      if (Atomics.load(c, CONTROL.failed) !== 0) {
        q.current = k * G;
        return -1;
      }
      // A fold no one has started, in fit's order: its first grid goes with it.
      for (let f = 0; f < k; f++) {
        if (Atomics.load(c, takenSlot(share, f)) !== 0) continue;
        if (!needed(f * G)) break;
        if (Atomics.compareExchange(c, takenSlot(share, f), 0, 1) === 0) {
          start(f, 0);
          pending = 0;
          return f;
        }
      }
      // None: a grid of the fold with the most grids left (the first such fold), whose design this worker prepares too.
      // Each pass takes one grid or finds none left, so this ends.
      while (share.splitFolds) {
        let best = -1;
        let left = 0;
        for (let f = 0; f < k; f++) {
          const l = G - Atomics.load(c, takenSlot(share, f));
          if (l > left) {
            best = f;
            left = l;
          }
        }
        if (best < 0) break;
        const g = Atomics.add(c, takenSlot(share, best), 1);
        if (g >= G || !needed(best * G + g)) continue;
        start(best, g);
        pending = g;
        return best;
      }
      // No unit left: what follows (the refits) comes after every unit in fit's order.
      q.current = k * G;
      return -1;
    },
    grid(f: number): number {
      if (pending >= 0) {
        const g = pending;
        pending = -1;
        return g;
      }
      if (Atomics.load(c, takenSlot(share, f)) >= G) return -1;
      const g = Atomics.add(c, takenSlot(share, f), 1);
      if (g >= G || !needed(f * G + g)) return -1;
      start(f, g);
      return g;
    },
    gramShare: (p: number) => (share.gram ? sharedGramShare(share, p) : null),
    done(f: number, g: number, paths: Float64Array[]): void {
      // Publish the errors of fold f on grid g, then count them (Atomics.add orders the writes before it).
      const { results, gridLength: K } = share;
      // Never short of a grid's length (the share is sized from the options); if it were, the fold would
      // never count as done: no refit from the share, the main thread then runs it as a task.
      if (paths.length !== G || paths[g].length !== K * k) return;
      for (let a = 0; a < K; a++) results[(g * K + a) * k + f] = paths[g][a * k + f];
      Atomics.add(c, doneSlot(share, f), 1);
      // This worker's mean unit time so far, and no unit in progress.
      spent += now() - results[timing];
      results[timing + 1] = spent / ++finished;
      results[timing] = 0;
    },
    /** Records the failure of the unit this worker is on (before any: every worker stops). */
    fail(): void {
      if (q.current < 0) {
        failFoldShare(share);
        return;
      }
      // The lowest failing unit wins.
      for (let v = Atomics.load(c, CONTROL.failedUnit); q.current < v; v = Atomics.load(c, CONTROL.failedUnit)) {
        if (Atomics.compareExchange(c, CONTROL.failedUnit, v, q.current) === v) break;
      }
    },
  };
  return q;
}
