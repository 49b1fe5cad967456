/**
 * RidgeCV's refit in a shared cross-validation (workers/sharedFolds), done by
 * the workers as they run out of folds, as workers/sharedRefit does for
 * ElasticNetCV — instead of one more task after the last fold, which on the
 * bench shapes is about half a fold of work that nothing else overlaps:
 *
 * - a worker that runs out of folds while others still compute theirs refits
 *   once, at the alpha the folds done so far choose (RidgeCV's alphas are
 *   few and far apart, so that is most often the final choice);
 * - the worker that finds every fold done chooses (the same
 *   RidgeCV.chooseFromFolds the main thread runs, on the same errors, read
 *   from FoldShare.results) and refits at that alpha, unless a worker already
 *   took it: each refit is claimed in the share first (one slot per alpha),
 *   so none is done twice.
 *
 * Each refit is the one-thread fit's `refit.fitTargets(M, columns, multi, sw)`
 * on the data this worker validated: same alpha, same bits. The main thread
 * adopts a refit only if its alpha is the one it chose (else it runs the
 * refit as a task). A choice or a refit that throws here is left alone: the
 * main thread meets the same error where fit does.
 */
import type { RidgeCV, RidgeFoldErrors } from '../selection/RidgeCV.js';
import { fittedFields } from './marshal.js';
import { CONTROL, NO_FAILURE, type FoldShare } from './protocol.js';
import { doneSlot, sharedFoldErrors } from './sharedFolds.js';
import { claimSlot, type SharedRefit } from './sharedRefit.js';

/**
 * After this worker's last fold: the refit it did at the final choice (then
 * that one only), or the speculative one, or none. The share's grids are the
 * alphas (one alpha each); `chooser` makes a fresh RidgeCV of the task's
 * options with the given onWarning (the refit inherits it).
 */
export function ridgeRefitFromShare(share: FoldShare, errors: RidgeFoldErrors, chooser: (onWarning: (m: string) => void) => RidgeCV): SharedRefit[] {
  const c = share.control;
  const k = share.folds;
  const K = share.grids;
  const mine: SharedRefit[] = [];
  for (;;) {
    // A failure anywhere: the call fails, no refit is needed.
    if (Atomics.load(c, CONTROL.failed) !== 0 || Atomics.load(c, CONTROL.failedUnit) !== NO_FAILURE) return mine;
    // The folds whose every alpha is done.
    const done: number[] = [];
    for (let f = 0; f < k; f++) if (Atomics.load(c, doneSlot(share, f)) === K) done.push(f);
    const final = done.length === k;
    if (done.length === 0 || (!final && mine.length > 0)) return mine;

    const warnings: string[] = [];
    const model = chooser((m) => warnings.push(m));
    const alphas = model.params.alphas;
    if (alphas.length !== K) return mine; // never: the share is sized from the same options
    let refit;
    try {
      // RidgeCV's msePath (nAlphas × done.length): each alpha is a grid of one.
      refit = model.chooseFromFolds(sharedFoldErrors(share, 0, K, done), done.length);
    } catch {
      return final ? [] : mine;
    }
    const at = alphas.indexOf(model.alpha);
    if (final) {
      const have = mine.find((r) => Object.is(r.alpha, model.alpha));
      if (have) return [have];
    }
    // Taken by another worker: it returns it (final), or its guess was this one too (speculative).
    if (at < 0 || Atomics.compareExchange(c, claimSlot(share, at, 0), 0, 1) !== 0) return final ? [] : mine;
    try {
      errors.refit(refit);
    } catch {
      return final ? [] : mine;
    }
    const r = { alpha: model.alpha, fields: fittedFields(refit), warnings };
    if (final) return [r];
    mine.push(r);
  }
}
