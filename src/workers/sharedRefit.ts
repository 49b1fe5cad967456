/**
 * The refit of a shared cross-validation (workers/sharedFolds), done by the
 * workers themselves as they run out of folds instead of as one more task
 * after the last fold:
 *
 * - the worker that finds every fold done computes the choice (the same
 *   ElasticNetCV.chooseFromFolds the main thread runs, on the same errors,
 *   read from FoldShare.results) and refits at it on the data it already
 *   validated — the one-thread fit's `refit.fitChecked(M, y, sw)`;
 * - the first worker that runs out of folds while others still compute theirs
 *   would otherwise sit idle: it guesses the choice from the folds done so far
 *   and refits at the guess, speculatively. When the final choice equals the
 *   guess (same alpha and l1Ratio, hence the same refit, bit for bit), the
 *   worker with the final choice skips its refit.
 *
 * The main thread adopts a refit only if its alpha and l1Ratio are the ones
 * it chose itself (else it runs the refit as a task), so a wrong guess costs
 * time that was idle, never bits. Warnings of a refit are returned, not sent:
 * the main thread replays those of the refit it adopts, after the folds', as
 * fit orders them.
 */
import type { ElasticNetCV, CVFoldErrors } from '../selection/ElasticNetCV.js';
import { fittedFields } from './marshal.js';
import { CONTROL, type FoldShare } from './protocol.js';

/** A refit a folds task answers with. */
export interface SharedRefit {
  alpha: number;
  l1Ratio: number;
  fields: Record<string, unknown>;
  warnings: string[];
}

/**
 * After this worker's last fold: the refit it does (final or speculative),
 * or null. `chooser` makes a fresh model of the task's class with the given
 * onWarning (the refit inherits it).
 */
export function refitFromShare(share: FoldShare, errors: CVFoldErrors, chooser: (onWarning: (m: string) => void) => ElasticNetCV): SharedRefit | null {
  const c = share.control;
  const k = share.folds;
  if (Atomics.load(c, CONTROL.failed) !== 0) return null;
  if (errors.grids.length !== share.grids || errors.grids.some((g) => g.alphas.length !== share.gridLength)) return null;
  const done: number[] = [];
  for (let f = 0; f < k; f++) if (Atomics.load(c, CONTROL.done + f) === 1) done.push(f);
  const guessAt = share.results.length - 2;

  if (done.length === k) {
    if (Atomics.compareExchange(c, CONTROL.final, 0, 1) !== 0) return null;
    const warnings: string[] = [];
    const model = chooser((m) => warnings.push(m));
    const refit = model.chooseFromFolds(sharedErrors(share, errors, done));
    if (Atomics.load(c, CONTROL.guessReady) === 1 && Object.is(share.results[guessAt], model.alpha) && Object.is(share.results[guessAt + 1], model.l1Ratio)) {
      return null; // the speculative refit is this one
    }
    refit.fitChecked(errors.M, errors.y, errors.sw);
    return { alpha: model.alpha, l1Ratio: model.l1Ratio, fields: fittedFields(refit), warnings };
  }

  if (done.length === 0 || Atomics.compareExchange(c, CONTROL.guessing, 0, 1) !== 0) return null;
  const warnings: string[] = [];
  const model = chooser((m) => warnings.push(m));
  const refit = model.chooseFromFolds(sharedErrors(share, errors, done));
  share.results[guessAt] = model.alpha;
  share.results[guessAt + 1] = model.l1Ratio;
  Atomics.store(c, CONTROL.guessReady, 1);
  refit.fitChecked(errors.M, errors.y, errors.sw);
  return { alpha: model.alpha, l1Ratio: model.l1Ratio, fields: fittedFields(refit), warnings };
}

/** The held-out errors of the folds `which` (in that order), read from the share. */
function sharedErrors(share: FoldShare, errors: CVFoldErrors, which: number[]): Pick<CVFoldErrors, 'grids' | 'paths' | 'foldWeight' | 'k'> {
  const { results, gridLength: K, folds: k } = share;
  const n = which.length;
  const paths = errors.grids.map((_, g) => {
    const out = new Float64Array(K * n);
    for (let a = 0; a < K; a++) for (let t = 0; t < n; t++) out[a * n + t] = results[(g * K + a) * k + which[t]];
    return out;
  });
  return { grids: errors.grids, paths, foldWeight: Float64Array.from(which, (f) => errors.foldWeight[f]), k: n };
}
