/**
 * One nAlphas × p buffer for the coefficient paths of cross-validation, kept
 * from one fit to the next (per thread: the main thread and each worker hold
 * their own). A path's coefficients are read once (the held-out errors) and
 * then overwritten by the next fold's, so one buffer serves every path of
 * every fold. Why keep it: a fresh 4 MB array (100 alphas × 5000 features)
 * costs its page faults on first touch, measured at 20–30 ms of CPU per fit on
 * the 2-core test VM — a third of a fold on 200 × 5000 — and each worker of a
 * parallel fit would pay them again. Buffers above KEEP_BYTES are not kept
 * (a large fit should not pin its memory), only reused within the fit.
 */

/** Largest buffer kept between fits (32 MiB). */
export const KEEP_BYTES = 32 * 2 ** 20;

let kept: Float64Array | null = null;

export interface PathScratch {
  /** A buffer of at least `length` entries (contents undefined), the same one while it is large enough. */
  get(length: number): Float64Array;
  /** Gives the buffer back for the next fit (call once, when done with it). */
  release(): void;
}

/**
 * The buffer for the folds of one fit. The kept buffer is taken, not shared,
 * until release(): a fit started from inside this one (say from a progress
 * callback) gets a buffer of its own.
 */
export function pathScratch(): PathScratch {
  let mine: Float64Array | null = null;
  return {
    get(length) {
      if (mine && mine.length >= length) return mine;
      if (kept && kept.length >= length) {
        mine = kept;
        kept = null;
      } else {
        mine = new Float64Array(length);
      }
      return mine;
    },
    release() {
      if (mine && mine.byteLength <= KEEP_BYTES && !(kept && kept.length >= mine.length)) kept = mine;
      mine = null;
    },
  };
}
