// The shared-memory parts of parallel cross-validation (src/workers/
// sharedFolds, sharedRefit), driven in one thread: folds drawn from the
// shared counter by two "workers" in turn, the speculative refit of the one
// that runs out of folds first, and the refit at the final choice — whose
// combination must give exactly the one-thread LassoCV.fit.
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV, ElasticNet } from '../src/index.js';
import { createFoldShare, foldQueueOf } from '../src/workers/sharedFolds.js';
import { refitFromShare } from '../src/workers/sharedRefit.js';
import { CONTROL, type FoldShare } from '../src/workers/protocol.js';
import { loadDiabetes } from './helpers/data.js';

const { X, y } = loadDiabetes();

beforeAll(async () => {
  await ready();
});

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
}

/** Folds computed by one "worker" of the share, at most `limit` of them, and the refit it then does. */
function work(Model: typeof LassoCV | typeof ElasticNetCV, o: Record<string, unknown>, share: FoldShare, limit: number) {
  const q = foldQueueOf(share);
  let taken = 0;
  const limited = { ...q, next: () => (taken++ < limit ? q.next() : -1), done: q.done, gramShare: () => null };
  const errors = new Model(o).foldErrors(X, y, null, limited, null, 0);
  const refit = refitFromShare(share, errors, (onWarning) => new Model({ ...o, onWarning }));
  return { errors, refit, taken: q.taken };
}

describe('shared folds and the refit of the worker that runs out of folds', () => {
  const cases: [typeof LassoCV | typeof ElasticNetCV, Record<string, unknown>][] = [
    [LassoCV, { cv: 5, nAlphas: 30 }],
    [LassoCV, { cv: 6, nAlphas: 20, precompute: false, rule: '1se' }],
    [ElasticNetCV, { cv: 4, nAlphas: 15, l1Ratio: [0.2, 0.8] }],
  ];
  for (const [Model, o] of cases) {
    for (const guess of ['as computed', 'wrong', 'right'] as const) {
      it(`${Model.name} ${JSON.stringify(o)}, guess ${guess}: the refit adopted is the one-thread fit's`, () => {
        const want = new Model(o).fit(X, y);
        const k = want.nFolds;
        const nL1 = Array.isArray(o.l1Ratio) ? o.l1Ratio.length : 1;
        const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, k, 0, nL1, o.nAlphas as number);
        // "Worker" 0 takes 2 folds and runs out while the others are still to do: it guesses.
        const a = work(Model, o, shares[0], 2);
        expect(a.taken).toEqual([0, 1]);
        expect(Atomics.load(shares[0].control, CONTROL.guessReady)).toBe(1);
        expect(a.refit).not.toBeNull();
        const guessAt = shares[0].results.length - 2;
        expect(shares[0].results[guessAt]).toBe(a.refit!.alpha);
        if (guess === 'wrong') shares[0].results[guessAt] = a.refit!.alpha * 2;
        if (guess === 'right') {
          shares[0].results[guessAt] = want.alpha;
          shares[0].results[guessAt + 1] = want.l1Ratio;
        }
        // "Worker" 1 takes the rest and finds every fold done: the final choice.
        const b = work(Model, o, shares[1], Infinity);
        expect(b.taken).toEqual(Array.from({ length: k - 2 }, (_, t) => t + 2));
        const finalMatchesGuess = Object.is(shares[0].results[guessAt], want.alpha) && Object.is(shares[0].results[guessAt + 1], want.l1Ratio);
        if (finalMatchesGuess) expect(b.refit).toBeNull();
        else {
          expect(b.refit).not.toBeNull();
          expect(b.refit!.alpha).toBe(want.alpha);
        }
        // What the main thread does: the refit whose alpha and l1Ratio are the final choice.
        const adopted = [a.refit, b.refit].find((r) => r && Object.is(r.alpha, want.alpha) && Object.is(r.l1Ratio, want.l1Ratio));
        if (guess === 'right' && !(Object.is(a.refit!.alpha, want.alpha) && Object.is(a.refit!.l1Ratio, want.l1Ratio))) {
          // The guess slot was made to lie: no refit at the final choice, so the main thread runs one as a task.
          expect(adopted).toBeUndefined();
          return;
        }
        expect(adopted, 'a refit at the final choice').toBeTruthy();
        const refit = Object.assign(new ElasticNet(), adopted!.fields);
        expect(sameBits(refit.coef, want.coef)).toBe(true);
        expect(Object.is(refit.intercept, want.intercept)).toBe(true);
        expect(refit.nIter).toBe(want.nIter);
        // Every fold's errors went through the share.
        for (let f = 0; f < k; f++) expect(Atomics.load(shares[0].control, CONTROL.done + f)).toBe(1);
      });
    }
  }

  it('a worker that finds the share failed takes no fold and does no refit', () => {
    const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, 5, 0, 1, 10);
    Atomics.store(shares[0].control, CONTROL.failed, 1);
    const { taken, refit } = work(LassoCV, { cv: 5, nAlphas: 10 }, shares[1], Infinity);
    expect(taken).toEqual([]);
    expect(refit).toBeNull();
  });
});
