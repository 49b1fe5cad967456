/**
 * The refit of a shared cross-validation (workers/sharedFolds), done by the
 * workers themselves as they run out of folds instead of as one more task
 * after the last fold:
 *
 * - a worker that runs out of folds while others still compute theirs would
 *   otherwise sit idle: it guesses the choice from the folds done so far and
 *   refits speculatively — at the guess, then at its grid neighbours (the one
 *   with the lower partial mean first: with one fold to go, the final choice
 *   is most often the guess or next to it), up to SPECULATIVE_REFITS, looking
 *   before each one whether the last fold is in;
 * - the worker that finds every fold done computes the choice (the same
 *   ElasticNetCV.chooseFromFolds the main thread runs, on the same errors,
 *   read from FoldShare.results) and refits at it — unless a worker already
 *   took that very (alpha, l1Ratio): every refit is claimed in the share
 *   first (FoldShare.control, one slot per grid point), so none is done twice.
 *
 * Each refit is the one-thread fit's `refit.fitChecked(M, y, sw)` on the data
 * the worker already validated, for the model its choice would make: same
 * alpha and l1Ratio, same bits. The main thread adopts a refit only if its
 * alpha and l1Ratio are the ones it chose itself (else it runs the refit as a
 * task), so a wrong guess costs time that was idle, never bits. Warnings of a
 * refit are returned, not sent: the main thread replays those of the refit it
 * adopts, after the folds', as fit orders them.
 *
 * Tried and not kept (2026-12-02): with one fold of ten left, the guess was one
 * grid point off the final choice in every traced LassoCV({ cv: 10 }) on
 * 10000×200. Publishing each path point of the last fold to shared memory and
 * estimating its held-out errors near the guess made the guess right, but the
 * 2-worker fit was no faster (67.5 → 69.3 ms, medians of 20): a worker runs
 * out of folds when the last one has ~5 ms left, and evaluating the points
 * took about as long as waiting for the fold.
 */
import type { ElasticNetCV, CVFoldErrors } from '../selection/ElasticNetCV.js';
import type { ElasticNet } from '../models/ElasticNet.js';
import { fittedFields } from './marshal.js';
import { CONTROL, NO_FAILURE, type FoldShare } from './protocol.js';
import { doneSlot, foldTimingSlot, now, othersRemaining, sharedFoldErrors } from './sharedFolds.js';

/** A refit a folds task answers with. */
export interface SharedRefit {
  alpha: number;
  /** ElasticNetCV's (RidgeCV's refits have none). */
  l1Ratio?: number;
  fields: Record<string, unknown>;
  warnings: string[];
}

/**
 * Speculative refits per idle worker at most: the guess and its two grid
 * neighbours. A refit takes a fifth to a half of a fold on the bench shapes,
 * and one the final choice does not need can still be running when the last
 * fold ends, so the list stays short.
 */
export const SPECULATIVE_REFITS = 3;

/**
 * A further speculative refit starts only if the other workers' units still
 * need at least this fraction of a refit's time. With r the time they still
 * need and R a refit's: one at the final choice saves min(r, R) of wall time,
 * one started after the final choice's refit is already done costs R − r;
 * with one chance in three or so of each, it pays from r ≈ 0.6 R; r is
 * estimated from each worker's mean unit time so far, which a last unit
 * often exceeds, hence 0.4.
 */
const WORTH = 0.4;

/** Index of grid point (grid g, alpha a) among the claim slots of FoldShare.control. */
export function claimSlot(share: FoldShare, g: number, a: number): number {
  return CONTROL.done + 2 * share.folds + g * share.gridLength + a;
}

/**
 * After this worker's last fold: the refits it did — speculative ones, or
 * the one at the final choice (then that one only) — possibly none.
 * `chooser` makes a fresh model of the task's class with the given onWarning
 * (the refit inherits it).
 */
export function refitFromShare(share: FoldShare, errors: CVFoldErrors, chooser: (onWarning: (m: string) => void) => ElasticNetCV): SharedRefit[] {
  const c = share.control;
  const k = share.folds;
  if (errors.grids.length !== share.grids || errors.grids.some((g) => g.alphas.length !== share.gridLength)) return [];
  const mine: SharedRefit[] = [];
  let refitTime = 0;
  for (;;) {
    // A failure anywhere: the call fails, no refit is needed.
    if (Atomics.load(c, CONTROL.failed) !== 0 || Atomics.load(c, CONTROL.failedUnit) !== NO_FAILURE) return mine;
    const warnings: string[] = [];
    const model = chooser((m) => warnings.push(m));
    const done: number[] = [];
    // The folds whose every grid is done.
    for (let f = 0; f < k; f++) if (Atomics.load(c, doneSlot(share, f)) === share.grids) done.push(f);
    if (done.length === 0 || (done.length < k && mine.length >= SPECULATIVE_REFITS)) return mine;

    const refit = model.chooseFromFolds(sharedErrors(share, errors, done));
    const g = errors.grids.findIndex((grid) => Object.is(grid.l1Ratio, model.l1Ratio));
    const at = g < 0 ? -1 : errors.grids[g].alphas.indexOf(model.alpha);
    if (at < 0) return mine; // never: the choice is a grid point (an index of −1 would name another slot)

    if (done.length === k) {
      // The final choice: this worker's own refit at it, or claim and do it (another worker that claimed it returns it).
      const have = mine.find((r) => Object.is(r.alpha, model.alpha) && Object.is(r.l1Ratio, model.l1Ratio));
      if (have) return [have];
      if (Atomics.compareExchange(c, claimSlot(share, g, at), 0, 1) !== 0) return [];
      return [run(refit, errors, model.alpha, model.l1Ratio, warnings)];
    }

    // After the first: only while the others' folds are likely to outlast most of a refit
    // (one started just before the last fold ends delays the end if the final choice is already done).
    if (mine.length > 0 && othersRemaining(share, share.results[foldTimingSlot(share, share.rank) + 1]) < WORTH * refitTime) return mine;
    // Candidates: the guess, then its neighbours, the lower partial mean first.
    const mse = model.mseMean;
    const K = share.gridLength;
    const sides = [at - 1, at + 1].filter((a) => a >= 0 && a < K).sort((a, b) => mse[a] - mse[b] || a - b);
    const next = [at, ...sides].find((a) => Atomics.compareExchange(c, claimSlot(share, g, a), 0, 1) === 0);
    if (next === undefined) return mine;
    const alpha = errors.grids[g].alphas[next];
    const t0 = now();
    mine.push(run(next === at ? refit : model.refitAt(alpha), errors, alpha, model.l1Ratio, warnings));
    refitTime = now() - t0;
  }
}

function run(refit: ElasticNet, errors: CVFoldErrors, alpha: number, l1Ratio: number, warnings: string[]): SharedRefit {
  errors.refit(refit);
  return { alpha, l1Ratio, fields: fittedFields(refit), warnings };
}

/** The held-out errors of the folds `which` (in that order), read from the share. */
function sharedErrors(share: FoldShare, errors: CVFoldErrors, which: number[]): Pick<CVFoldErrors, 'grids' | 'paths' | 'foldWeight' | 'k'> {
  const K = share.gridLength;
  const paths = errors.grids.map((_, g) => sharedFoldErrors(share, g * K, K, which));
  return { grids: errors.grids, paths, foldWeight: Float64Array.from(which, (f) => errors.foldWeight[f]), k: which.length };
}
