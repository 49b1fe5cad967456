// The shared-memory parts of parallel cross-validation (src/workers/
// sharedFolds, sharedRefit), driven in one thread: folds drawn from the
// shared counter by two "workers" in turn, the speculative refits of the one
// that runs out of folds first (claimed in the share, the guess's neighbours
// only while another worker looks busy), and the refit at the final choice
// — whose combination must give exactly the one-thread LassoCV.fit.
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, LassoCV, ElasticNetCV, ElasticNet, RidgeCV, Ridge } from '../src/index.js';
import type { RidgeFoldErrors } from '../src/selection/RidgeCV.js';
import { ridgeRefitFromShare } from '../src/workers/sharedRidgeRefit.js';
import { createFoldShare, doneSlot, foldQueueOf, foldTimingSlot, now, othersRemaining } from '../src/workers/sharedFolds.js';
import { claimSlot, refitFromShare, SPECULATIVE_REFITS, type SharedRefit } from '../src/workers/sharedRefit.js';
import { CONTROL, NO_FAILURE, type FoldShare } from '../src/workers/protocol.js';
import { loadDiabetes } from './helpers/data.js';

const { X, y } = loadDiabetes();

beforeAll(async () => {
  await ready();
});

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
}

/**
 * Units computed by one "worker" of the share — at most `limit` folds, and of
 * each at most `gridLimit` grids — and the refits it then does (`onChoose`
 * runs before each choice). `taken`: the folds of its units, in order, once each.
 */
function work(
  Model: typeof LassoCV | typeof ElasticNetCV, o: Record<string, unknown>, share: FoldShare, limit: number,
  onChoose: (call: number) => void = () => {}, gridLimit = Infinity,
) {
  const q = foldQueueOf(share);
  let taken = 0;
  let grids = 0;
  const limited = {
    ...q,
    next: () => {
      grids = 0;
      return taken++ < limit ? q.next() : -1;
    },
    grid: (f: number) => (grids++ < gridLimit ? q.grid(f) : -1),
    gramShare: () => null,
  };
  const errors = new Model(o).foldErrors(X, y, null, limited, null, 0);
  let calls = 0;
  const refits = refitFromShare(share, errors, (onWarning) => {
    onChoose(calls++);
    return new Model({ ...o, onWarning });
  });
  const G = share.grids;
  return { errors, refits, units: q.units, taken: [...new Set(q.units.map((u) => Math.floor(u / G)))] };
}

/** Makes "worker" `rank` of the share look busy on a fold for a long while yet (or idle: busy false). */
function looksBusy(share: FoldShare, rank: number, busy: boolean): void {
  const at = foldTimingSlot(share, rank);
  share.results[at] = busy ? now() + 1e7 : 0;
  share.results[at + 1] = busy ? 1 : 0;
}

/** The grid (l1Ratio index) and alpha index of a refit among a fitted model's curves. */
function gridPoint(m: InstanceType<typeof LassoCV>, r: SharedRefit): { g: number; at: number } {
  const g = m.curves.findIndex((c) => Object.is(c.l1Ratio, r.l1Ratio));
  return { g, at: Array.from(m.curves[g].alphas).indexOf(r.alpha) };
}

const sameChoice = (r: SharedRefit, m: { alpha: number; l1Ratio: number }) => Object.is(r.alpha, m.alpha) && Object.is(r.l1Ratio, m.l1Ratio);

function expectOneThreadRefit(adopted: SharedRefit | undefined, want: InstanceType<typeof LassoCV>): void {
  expect(adopted, 'a refit at the final choice').toBeTruthy();
  const refit = Object.assign(new ElasticNet(), adopted!.fields);
  expect(sameBits(refit.coef, want.coef)).toBe(true);
  expect(Object.is(refit.intercept, want.intercept)).toBe(true);
  expect(refit.nIter).toBe(want.nIter);
}

describe('shared folds and the refits of the workers that run out of folds', () => {
  const cases: [typeof LassoCV | typeof ElasticNetCV, Record<string, unknown>][] = [
    [LassoCV, { cv: 5, nAlphas: 30 }],
    [LassoCV, { cv: 6, nAlphas: 20, precompute: false, rule: '1se' }],
    [ElasticNetCV, { cv: 4, nAlphas: 15, l1Ratio: [0.2, 0.8] }],
  ];
  for (const [Model, o] of cases) {
    for (const others of ['busy', 'idle'] as const) {
      it(`${Model.name} ${JSON.stringify(o)}, the others ${others}: speculative refits, then the final one only if none of them is it`, () => {
        const want = new Model(o).fit(X, y);
        const k = want.nFolds;
        const nL1 = Array.isArray(o.l1Ratio) ? o.l1Ratio.length : 1;
        const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, k, 0, nL1, o.nAlphas as number);
        looksBusy(shares[0], 1, others === 'busy');
        // "Worker" 0 takes 2 folds and runs out while the others are still to do: it speculates —
        // the guess and its neighbours while the other worker looks busy, the guess alone when not.
        const a = work(Model, o, shares[0], 2);
        expect(a.taken).toEqual([0, 1]);
        const guess = gridPoint(want, a.refits[0]);
        const neighbours = (guess.at > 0 ? 1 : 0) + (guess.at < (o.nAlphas as number) - 1 ? 1 : 0);
        expect(a.refits.length).toBe(others === 'busy' ? Math.min(SPECULATIVE_REFITS, 1 + neighbours) : 1);
        for (const r of a.refits.slice(1)) {
          expect(gridPoint(want, r).g).toBe(guess.g);
          expect(Math.abs(gridPoint(want, r).at - guess.at)).toBe(1);
        }
        // Different grid points, each claimed in the share.
        expect(new Set(a.refits.map((r) => `${r.alpha}/${r.l1Ratio}`)).size).toBe(a.refits.length);
        for (const r of a.refits) {
          const { g, at } = gridPoint(want, r);
          expect(Atomics.load(shares[0].control, claimSlot(shares[0], g, at))).toBe(1);
        }
        // Every speculative refit is the one-thread refit at its alpha.
        for (const r of a.refits) {
          const alone = new Model(o);
          const refit = Object.assign(new ElasticNet(), r.fields);
          const direct = alone.refitAt(r.alpha, r.l1Ratio).fit(X, y);
          expect(sameBits(refit.coef, direct.coef)).toBe(true);
        }
        // "Worker" 1 takes the rest and finds every fold done: the final choice, refitted only if no one claimed it.
        looksBusy(shares[0], 1, false);
        const b = work(Model, o, shares[1], Infinity);
        expect(b.taken).toEqual(Array.from({ length: k - 2 }, (_, t) => t + 2));
        const speculated = a.refits.some((r) => sameChoice(r, want));
        expect(b.refits.length).toBe(speculated ? 0 : 1);
        if (!speculated) expect(sameChoice(b.refits[0], want)).toBe(true);
        // What the main thread does: the refit whose alpha and l1Ratio are the final choice.
        expectOneThreadRefit([...a.refits, ...b.refits].find((r) => sameChoice(r, want)), want);
        // Every fold's errors went through the share.
        for (let f = 0; f < k; f++) expect(Atomics.load(shares[0].control, doneSlot(shares[0], f))).toBe(nL1);
        expect([...a.units, ...b.units].sort((u, v) => u - v)).toEqual(Array.from({ length: k * nL1 }, (_, u) => u));
      });
    }

    it(`${Model.name} ${JSON.stringify(o)}: the last fold ends while a worker speculates: the final refit once, no speculative one`, () => {
      const want = new Model(o).fit(X, y);
      const k = want.nFolds;
      const nL1 = Array.isArray(o.l1Ratio) ? o.l1Ratio.length : 1;
      const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, k, 0, nL1, o.nAlphas as number);
      looksBusy(shares[0], 1, true);
      let b: ReturnType<typeof work> | null = null;
      // Before its second refit, "worker" 1 computes every other fold (its own refits come after: none, all claimed or done).
      const a = work(Model, o, shares[0], 1, (call) => {
        if (call === 1) {
          looksBusy(shares[0], 1, false);
          b = work(Model, o, shares[1], Infinity);
        }
      });
      expect(b).not.toBeNull();
      // Worker 0 keeps only its refit at the final choice (if its guess was it), worker 1 refits only if the guess was not:
      // the final refit exactly once, and no speculative one.
      const guessRight = a.refits.length === 1;
      expect(a.refits.every((r) => sameChoice(r, want))).toBe(true);
      expect(b!.refits.length).toBe(guessRight ? 0 : 1);
      const all = [...a.refits, ...b!.refits];
      expect(all.length).toBe(1);
      expectOneThreadRefit(all[0], want);
    });
  }

  for (const precompute of ['auto', false] as const) {
    it(`ElasticNetCV, precompute ${precompute}: a worker with no fold left to start takes the l1Ratio values left of a fold in progress`, () => {
      const o = { cv: 4, nAlphas: 15, l1Ratio: [0.2, 0.5, 0.8], precompute };
      const want = new ElasticNetCV(o).fit(X, y);
      const k = 4;
      const G = 3;
      const K = 15;
      const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, k, 0, G, K);
      // "Worker" 0 starts fold 0 and computes its first l1Ratio only (as if still busy with it) …
      const a = work(ElasticNetCV, o, shares[0], 1, () => {}, 1);
      expect(a.units).toEqual([0]);
      expect(a.refits).toEqual([]);
      // … "worker" 1 starts folds 1–3, then takes fold 0's other l1Ratio values (preparing fold 0 too), in order.
      const b = work(ElasticNetCV, o, shares[1], Infinity);
      expect(b.units).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
      // Every unit's errors, as published in the share, are the one-thread fit's.
      for (let c = 0; c < G; c++) {
        const mse = want.curves[c].msePath;
        for (let at = 0; at < K; at++) {
          for (let f = 0; f < k; f++) {
            expect(Object.is(shares[0].results[(c * K + at) * k + f], mse[at * k + f]), `l1Ratio ${c}, alpha ${at}, fold ${f}`).toBe(true);
          }
        }
      }
      // And what each worker returns for its own units (what the main thread merges).
      for (const [who, units] of [[a, a.units], [b, b.units]] as const) {
        for (const u of units) {
          const f = Math.floor(u / G);
          const c = u % G;
          for (let at = 0; at < K; at++) expect(Object.is(who.errors.paths[c][at * k + f], want.curves[c].msePath[at * k + f])).toBe(true);
        }
      }
      // The worker that completed the last fold refits at the final choice.
      expect(b.refits.length).toBe(1);
      expectOneThreadRefit(b.refits[0], want);
    });
  }

  it('RidgeCV: units of one fold and one alpha, split between two workers (one taking the alphas left of the other’s fold, each forming that fold’s XᵀX once), give fit’s errors', () => {
    const alphas = [1e-3, 0.1, 1, 10, 100];
    const o = { alphas, cv: 3, standardize: true };
    const want = new RidgeCV(o).fit(X, y);
    const K = alphas.length;
    const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, 3, 0, K, 1);
    // "Worker" 0 starts fold 0 and solves two of its alphas; "worker" 1 then does folds 1 and 2 and fold 0's other alphas.
    const q0 = foldQueueOf(shares[0]);
    let n0 = 0;
    const a = new RidgeCV(o).foldErrors(X, y, null, { ...q0, next: () => (n0++ < 1 ? q0.next() : -1), grid: (f) => (n0 === 1 && q0.units.length < 2 ? q0.grid(f) : -1) }, null);
    const q1 = foldQueueOf(shares[1]);
    const b = new RidgeCV(o).foldErrors(X, y, null, q1, null);
    expect(q0.units).toEqual([0, 1]);
    expect(q1.units).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 2, 3, 4]);
    for (const [errors, units] of [[a.msePath, q0.units], [b.msePath, q1.units]] as const) {
      for (const u of units) {
        const f = Math.floor(u / K);
        const at = u % K;
        expect(Object.is(errors[at * 3 + f], want.msePath![at * 3 + f]), `fold ${f}, alpha ${at}`).toBe(true);
      }
    }
    // As parallelCV shares RidgeCV's folds (splitFolds false): the other worker takes whole folds only.
    const whole = createFoldShare((b) => new SharedArrayBuffer(b), 2, 3, 0, K, 1, false);
    const w0 = foldQueueOf(whole[0]);
    expect(w0.next()).toBe(0);
    expect(w0.grid(0)).toBe(0);
    const w1 = foldQueueOf(whole[1]);
    const got: number[] = [];
    for (let f = w1.next(); f >= 0; f = w1.next()) for (let g = w1.grid(f); g >= 0; g = w1.grid(f)) got.push(f * K + g);
    expect(got).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(w0.grid(0)).toBe(1);
  });

  it('RidgeCV: the worker that runs out of folds refits at the choice of the folds done, the last one at the final choice unless taken; each refit is fit’s', () => {
    for (const o of [{ alphas: [1e-3, 0.1, 1, 10, 100], cv: 3 }, { alphas: [1e4, 0.01, 100, 1], cv: 4, standardize: true }]) {
      const want = new RidgeCV(o).fit(X, y);
      const K = o.alphas.length;
      const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, o.cv, 0, K, 1, false);
      const refits = (share: FoldShare) => (e: RidgeFoldErrors) => ridgeRefitFromShare(share, e, (onWarning) => new RidgeCV({ ...o, onWarning }));
      // "Worker" 0 computes fold 0 and runs out while the other folds are still to do: one speculative refit.
      const q0 = foldQueueOf(shares[0]);
      let n0 = 0;
      const a = new RidgeCV(o).foldErrors(X, y, null, { ...q0, next: () => (n0++ < 1 ? q0.next() : -1) }, null, refits(shares[0]));
      expect(a.length).toBe(1);
      expect(Atomics.load(shares[0].control, claimSlot(shares[0], o.alphas.indexOf(a[0].alpha), 0))).toBe(1);
      // "Worker" 1 does the rest and refits at the final choice only if that is not the speculative one.
      const b = new RidgeCV(o).foldErrors(X, y, null, foldQueueOf(shares[1]), null, refits(shares[1]));
      const guessRight = Object.is(a[0].alpha, want.alpha);
      expect(b.length).toBe(guessRight ? 0 : 1);
      // Every refit is the one-thread Ridge fit at its alpha; the one at the final choice is RidgeCV.fit's.
      for (const r of [...a, ...b]) {
        const got = Object.assign(new Ridge(), r.fields);
        const direct = new Ridge({ alpha: r.alpha, standardize: o.standardize ?? false }).fit(X, y);
        expect(sameBits(got.coef, direct.coef)).toBe(true);
        expect(Object.is(got.intercept, direct.intercept)).toBe(true);
      }
      const adopted = Object.assign(new Ridge(), [...a, ...b].find((r) => Object.is(r.alpha, want.alpha))!.fields);
      expect(sameBits(adopted.coef, want.coef)).toBe(true);
      expect(Object.is(adopted.intercept, want.intercept)).toBe(true);
      // One worker doing every fold refits at the final choice; none when another worker claimed it.
      for (const taken of [false, true]) {
        const [alone] = createFoldShare((bytes) => new SharedArrayBuffer(bytes), 1, o.cv, 0, K, 1, false);
        if (taken) Atomics.store(alone.control, claimSlot(alone, o.alphas.indexOf(want.alpha), 0), 1);
        const c = new RidgeCV(o).foldErrors(X, y, null, foldQueueOf(alone), null, refits(alone));
        expect(c.length).toBe(taken ? 0 : 1);
        if (!taken) expect(sameBits(Object.assign(new Ridge(), c[0].fields).coef, want.coef)).toBe(true);
      }
    }
  });

  it('a failing unit: the units below it are still handed out, none above; the lowest failure wins', () => {
    const G = 2;
    const shares = createFoldShare((b) => new SharedArrayBuffer(b), 3, 4, 0, G, 5);
    // "Worker" 0 fails on unit 5 (fold 2, second l1Ratio).
    const w0 = foldQueueOf(shares[0]);
    w0.current = 5;
    w0.fail();
    expect(Atomics.load(shares[0].control, CONTROL.failedUnit)).toBe(5);
    expect(Atomics.load(shares[0].control, CONTROL.failed)).toBe(0);
    // Another worker still gets units 0–4 (fold-major), and then none.
    const w1 = foldQueueOf(shares[1]);
    const got: number[] = [];
    for (let f = w1.next(); f >= 0; f = w1.next()) for (let g = w1.grid(f); g >= 0; g = w1.grid(f)) got.push(f * G + g);
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(w1.current).toBe(4 * G);
    // A failure further on does not raise it; one below lowers it.
    const w2 = foldQueueOf(shares[2]);
    w2.current = 6;
    w2.fail();
    expect(Atomics.load(shares[0].control, CONTROL.failedUnit)).toBe(5);
    w2.current = 1;
    w2.fail();
    expect(Atomics.load(shares[0].control, CONTROL.failedUnit)).toBe(1);
    // A failure before any unit stops every worker at once.
    const fresh = createFoldShare((b) => new SharedArrayBuffer(b), 2, 4, 0, G, 5);
    foldQueueOf(fresh[0]).fail();
    expect(Atomics.load(fresh[0].control, CONTROL.failed)).toBe(1);
    expect(foldQueueOf(fresh[1]).next()).toBe(-1);
  });

  it('a worker that finds the share failed takes no fold and does no refit', () => {
    const shares = createFoldShare((b) => new SharedArrayBuffer(b), 2, 5, 0, 1, 10);
    Atomics.store(shares[0].control, CONTROL.failed, 1);
    const { taken, refits } = work(LassoCV, { cv: 5, nAlphas: 10 }, shares[1], Infinity);
    expect(taken).toEqual([]);
    expect(refits).toEqual([]);
  });

  it('the fold timing slots: a worker on a fold is expected to need its mean fold time minus the time spent', () => {
    const [share] = createFoldShare((b) => new SharedArrayBuffer(b), 3, 4, 0, 1, 5);
    expect(othersRemaining(share, 50)).toBe(0);
    const t = now();
    share.results[foldTimingSlot(share, 1)] = t;
    share.results[foldTimingSlot(share, 1) + 1] = 1e6;
    const r = othersRemaining(share, 50);
    expect(r).toBeGreaterThan(1e6 - 1000);
    expect(r).toBeLessThanOrEqual(1e6);
    // No mean yet: the fallback; this worker's own slot is never counted.
    share.results[foldTimingSlot(share, 1) + 1] = 0;
    share.results[foldTimingSlot(share, 0)] = t;
    share.results[foldTimingSlot(share, 0) + 1] = 1e9;
    expect(othersRemaining(share, 5e5)).toBeGreaterThan(5e5 - 1000);
    expect(othersRemaining(share, 5e5)).toBeLessThanOrEqual(5e5);
    // A share made in buffers an earlier call left dirty starts with no fold in progress.
    const dirty = (bytes: number) => {
      const b = new SharedArrayBuffer(bytes);
      new Uint8Array(b).fill(0x41);
      return b;
    };
    const [again] = createFoldShare(dirty, 3, 4, 0, 1, 5);
    expect(othersRemaining(again, 50)).toBe(0);
    const clean = new Array(again.control.length).fill(0);
    clean[CONTROL.failedUnit] = NO_FAILURE;
    expect(Array.from(again.control)).toEqual(clean);
  });
});
