/**
 * Fold assignments for cross-validation.
 *
 * - `kFoldIds(n, k)`: contiguous folds exactly like scikit-learn's `KFold(k)`
 *   without shuffling — the first n mod k folds get ⌊n/k⌋ + 1 rows, the rest
 *   ⌊n/k⌋, in row order — so the same data gives scikit-learn's folds.
 * - `shuffledFoldIds(n, k, seed)`: the same fold sizes over a Fisher–Yates
 *   permutation drawn from a seeded PRNG (reproducible, not numpy's stream).
 * - `checkFoldIds(ids, n)`: user-given fold labels (glmnet's `foldid`):
 *   consecutive integers lo…hi — 0-based or glmnet's 1-based alike — each
 *   label with at least one row; label lo + f becomes fold f.
 */

import { describeBad } from '../io/matrix.js';

export interface Folds {
  /** Fold index (0..k−1) of each row. */
  ids: Int32Array;
  k: number;
}

export function kFoldIds(n: number, k: number): Folds {
  const ids = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let i = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    for (let t = 0; t < size; t++) ids[i++] = f;
  }
  return { ids, k };
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG (T. Ettinger). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffledFoldIds(n: number, k: number, seed: number): Folds {
  const { ids } = kFoldIds(n, k);
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  return { ids, k };
}

export function checkFoldIds(foldIds: unknown, n: number, owner: string): Folds {
  const name = `${owner}: option 'foldIds'`;
  if (foldIds === null || typeof foldIds !== 'object' || typeof (foldIds as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of fold labels (one integer per row), got ${foldIds === null ? 'null' : typeof foldIds}`);
  }
  const a = foldIds as ArrayLike<unknown>;
  if (a.length !== n) throw new RangeError(`${name} has length ${a.length}, but X has ${n} rows`);
  let lo = Infinity;
  let hi = -Infinity;
  const labels = new Float64Array(n); // each label read once
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      const msg = `${name}[${i}] is ${typeof v === 'number' && Number.isFinite(v) ? String(v) : describeBad(v)}; fold labels must be integers`;
      throw typeof v === 'number' ? new RangeError(msg) : new TypeError(msg);
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    labels[i] = v;
  }
  if (lo === hi) throw new RangeError(`${name} puts every row in fold ${lo}; cross-validation needs at least 2 folds`);
  if (hi - lo + 1 > n) throw new RangeError(`${name} labels span ${lo}…${hi}, more folds than the ${n} rows; number the folds consecutively`);
  const sizes = new Int32Array(hi - lo + 1);
  for (let i = 0; i < n; i++) sizes[labels[i] - lo]++;
  for (let f = 0; f < sizes.length; f++) {
    if (sizes[f] === 0) {
      throw new RangeError(`${name}: fold ${lo + f} (of ${lo}…${hi}) is empty; every fold needs at least one row, and labels must be consecutive`);
    }
  }
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = labels[i] - lo;
  return { ids, k: sizes.length };
}

/** Row indices of the training part (ids ≠ f) and the test part (ids = f) of fold f. */
export function splitFold(folds: Folds, f: number): { train: Int32Array; test: Int32Array } {
  let nTest = 0;
  for (let i = 0; i < folds.ids.length; i++) if (folds.ids[i] === f) nTest++;
  const train = new Int32Array(folds.ids.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < folds.ids.length; i++) {
    if (folds.ids[i] === f) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Sum of a fold's training weights (its size without weights); a fold whose training weights are all zero cannot be fitted. */
export function checkTrainingWeights(sw: Float64Array | null, train: Int32Array, f: number, owner: string): number {
  if (!sw) return train.length;
  let s = 0;
  for (let i = 0; i < train.length; i++) s += sw[train[i]];
  if (!(s > 0)) throw new RangeError(`${owner}: fold ${f} leaves training rows whose sample weights are all zero`);
  return s;
}
