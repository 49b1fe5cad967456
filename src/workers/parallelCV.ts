/**
 * Cross-validation spread over a pool: the folds of LassoCV and ElasticNetCV
 * (and the l1Ratio values of each fold: workers/sharedFolds) and of K-fold
 * RidgeCV go to several workers, each worker computing its part's held-out
 * errors exactly as the one-thread fit would (each fold's numbers, each
 * l1Ratio's, depend on that fold and l1Ratio alone — selection/crossValidation); the main
 * thread merges them, summarizes with the same code as fit (the chosen alpha,
 * mseMean, msePath…), and the refit at the chosen alpha is one a worker
 * already did (with shared memory, workers/sharedRefit) or runs as one more
 * task. Same bits as `fit`, as scikit-learn's `LassoCV(n_jobs)` and
 * `cv.glmnet(parallel = TRUE)` spread folds over cores.
 */
import type { MatrixInput } from '../io/matrix.js';
import type { LinearModel } from '../models/LinearModel.js';
import { ElasticNetCV, type CVFoldErrors } from '../selection/ElasticNetCV.js';
import { RidgeCV } from '../selection/RidgeCV.js';
import { foldsViaGram } from '../selection/crossValidation.js';
import { adoptFields, cloneableOptions, cloneableVector, packMatrix, packMatrixShared } from './marshal.js';
import type { Pool } from './Pool.js';
import type { FoldShare, PackedDesign } from './protocol.js';
import { canShareMemory, createFoldShare, failFoldShare } from './sharedFolds.js';
import type { SharedRefit } from './sharedRefit.js';
import type { ScratchLease } from './sharedScratch.js';

interface Hooks {
  signal: AbortSignal | null | undefined;
  onProgress: ((f: number) => void) | null;
  onWarning: ((m: string) => void) | null;
}

/** Share of the progress bar given to the refit (one fit among k paths). */
const REFIT_SHARE = 0.05;

/** Folds 0…k−1 in `m` contiguous groups of near-equal size. */
function groups(k: number, m: number): number[][] {
  const out: number[][] = [];
  let f = 0;
  for (let g = 0; g < m; g++) {
    const size = Math.floor(k / m) + (g < k % m ? 1 : 0);
    out.push(Array.from({ length: size }, () => f++));
  }
  return out;
}

/**
 * The number of folds when `model`'s fit can be split over `pool` (a
 * cross-validated model with K folds and a pool of 2 or more), else 0 — also
 * when the folds cannot be made (the one-task fit then reports the error in
 * fit's order).
 */
export function splittableFolds(model: object, pool: Pool, rows: number): number {
  if (pool.size < 2) return 0;
  try {
    if (model instanceof ElasticNetCV) return model.makeFolds(rows).k;
    if (model instanceof RidgeCV) return model.makeFolds(rows)?.k ?? 0;
  } catch {
    return 0;
  }
  return 0;
}

export async function parallelCV(
  model: ElasticNetCV | RidgeCV, typeName: string, k: number, X: MatrixInput, y: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | null | undefined, pool: Pool, hooks: Hooks, lease: ScratchLease = pool.scratch.lease(),
): Promise<void> {
  const params = model.params as unknown as Record<string, unknown>;
  const { options, hooks: allHooks } = cloneableOptions(params);
  // No progress events (a message each) unless the caller listens.
  const hookNames = hooks.onProgress ? allHooks : allHooks.filter((h) => h !== 'onProgress');
  // Shared buffers from the pool's scratch (X may already be in one, packed by the caller on `lease`),
  // given back only when every task ended well.
  const take = lease.take;
  const shared = canShareMemory() ? packMatrixShared(X, take) : null;
  const sentY = cloneableVector(y);
  const sentW = cloneableVector(sampleWeight ?? null);

  // With shared memory, units drawn from shared counters (workers/sharedFolds):
  // ElasticNetCV/LassoCV's are one fold and one l1Ratio (as many workers as
  // units at most), the full Gram computed once by all workers; RidgeCV's
  // one fold and one alpha, but handed out by whole folds (a worker taking
  // some of a fold's alphas would form its XᵀX again, most of that fold's
  // work). Otherwise (no shared memory): contiguous groups of folds.
  const m = Math.min(pool.size, model instanceof ElasticNetCV && shared ? k * model.params.l1Ratio.length : k);
  let shares: FoldShare[] | null = null;
  if (shared && model instanceof ElasticNetCV) {
    const viaGram = !('format' in shared) && foldsViaGram(shared.rows, shared.cols, model.makeFolds(shared.rows), model.params.precompute);
    const o = model.params;
    shares = createFoldShare(take, m, k, viaGram ? shared.cols : 0, o.l1Ratio.length, o.alphas ? o.alphas.length : o.nAlphas);
  } else if (shared && model instanceof RidgeCV) {
    shares = createFoldShare(take, m, k, 0, model.params.alphas.length, 1, false);
  }
  const parts = shares ? null : groups(k, m);

  // Progress: with a share, each worker's fraction is of all units' work; else of its group's.
  const fractions = new Float64Array(m);
  let shown = 0;
  const report = (): void => {
    let s = 0;
    for (let i = 0; i < m; i++) s += parts ? (fractions[i] * parts[i].length) / k : fractions[i];
    const f = Math.min(1, s) * (1 - REFIT_SHARE);
    if (f > shown && hooks.onProgress) {
      shown = f;
      hooks.onProgress(f);
    }
  };

  const settled = await Promise.allSettled(Array.from({ length: m }, (_, i) => {
    let matrix: PackedDesign;
    let transfer: Transferable[] = [];
    if (shared) matrix = shared;
    else ({ matrix, transfer } = packMatrix(X));
    const share = shares ? shares[i] : null;
    return pool.run<FoldsResult>(
      { kind: 'folds', model: typeName, options, hooks: hookNames, X: matrix, y: sentY, sampleWeight: sentW, only: parts ? parts[i] : [], share },
      transfer,
      { signal: hooks.signal, onWarning: hooks.onWarning, onProgress: (f) => { fractions[i] = f; report(); } },
    ).catch((e: unknown) => {
      // Stop the other workers of a share when this one could not say where it failed (lost, aborted):
      // after a failing unit, the others still compute the units below it (workers/sharedFolds).
      if (share && !(typeof (e as { unit?: unknown } | null)?.unit === 'number' && (e as { unit: number }).unit >= 0)) failFoldShare(share);
      throw e;
    });
  }));
  const failed = firstFailure(settled);
  if (failed) throw failed.reason;
  const results = settled.map((r) => (r as PromiseFulfilledResult<FoldsResult>).value);

  let refit: LinearModel;
  if (model instanceof ElasticNetCV) {
    const first = results[0] as FoldsResult & CVFoldErrors;
    const G = first.grids.length;
    const paths = first.grids.map((g) => new Float64Array(g.alphas.length * k));
    // Each worker's units: fold f on grid c is unit f·G + c.
    for (const r of results) {
      const e = r as FoldsResult & CVFoldErrors;
      for (const u of r.units) {
        const f = Math.floor(u / G);
        const c = u - f * G;
        for (let a = 0; a < first.grids[c].alphas.length; a++) paths[c][a * k + f] = e.paths[c][a * k + f];
      }
    }
    refit = model.chooseFromFolds({ grids: first.grids, paths, foldWeight: first.foldWeight, k });
  } else {
    const K = (params.alphas as Float64Array).length;
    const msePath = new Float64Array(K * k);
    // Each worker's units: fold f at alpha a is unit f·K + a.
    for (const r of results) {
      const e = r as FoldsResult & { msePath: Float64Array };
      for (const u of r.units) {
        const f = Math.floor(u / K);
        const a = u - f * K;
        msePath[a * k + f] = e.msePath[a * k + f];
      }
    }
    refit = model.chooseFromFolds(msePath, k);
  }

  // The refit on all rows: one a worker already did at this very choice (workers/sharedRefit,
  // sharedRidgeRefit), or one more task.
  const done = results.flatMap((r) => r.refits ?? []).find((r) => Object.is(r.alpha, model.alpha) && (!(model instanceof ElasticNetCV) || Object.is(r.l1Ratio, model.l1Ratio)));
  let fields: Record<string, unknown>;
  if (done) {
    fields = done.fields;
    for (const w of done.warnings) hooks.onWarning?.(w);
  } else {
    // With the weights fit uses (given, or the option).
    const refitParams = (refit as unknown as { params: Record<string, unknown>; typeName: string });
    const sent = cloneableOptions(refitParams.params);
    const { matrix, transfer } = shared ? { matrix: shared, transfer: [] } : packMatrix(X);
    fields = await pool.run<Record<string, unknown>>(
      {
        kind: 'fit', model: refitParams.typeName, options: sent.options, hooks: sent.hooks, X: matrix, y: sentY,
        sampleWeight: cloneableVector(sampleWeight ?? params.sampleWeight ?? null),
      },
      transfer,
      { signal: hooks.signal, onWarning: hooks.onWarning },
    );
  }
  // Every worker is done with the shared buffers: the next call reuses them.
  lease.release();
  adoptFields(refit, fields);
  if (model instanceof ElasticNetCV) model.adoptRefit(refit as Parameters<ElasticNetCV['adoptRefit']>[0]);
  else model.adoptRefit(refit as Parameters<RidgeCV['adoptRefit']>[0]);
  hooks.onProgress?.(1);
}

/** What a folds task answers: its errors, the units it computed ((fold, l1Ratio), RidgeCV (fold, alpha)), and (shared folds) the refits it did. */
type FoldsResult = { units: number[]; refits?: SharedRefit[] } & Record<string, unknown>;

/**
 * The error to report: the one of the first failing unit (fold, l1Ratio) in
 * fit's order, errors from before any unit (−1) or without one (a lost
 * worker, an abort) first, in task order; a worker that only stopped because
 * another failed (PeerFailed) last. Null when no task failed. (Groups of
 * whole folds answer without a unit: each stops at its first failure, and
 * the groups are in fold order.)
 */
function firstFailure(settled: PromiseSettledResult<unknown>[]): { reason: unknown } | null {
  let best: { reason: unknown; rank: number } | null = null;
  for (const r of settled) {
    if (r.status !== 'rejected') continue;
    const e = (r.reason !== null && typeof r.reason === 'object' ? r.reason : {}) as { unit?: unknown; name?: unknown };
    const rank = e.name === 'PeerFailed' ? Infinity : typeof e.unit === 'number' ? e.unit : -1;
    if (!best || rank < best.rank) best = { reason: r.reason, rank };
  }
  for (const r of settled) if (r.status === 'rejected' && r.reason !== null && typeof r.reason === 'object') delete (r.reason as { unit?: number }).unit;
  return best && { reason: best.reason };
}
