/**
 * Fold assignments for cross-validation.
 *
 * - `kFoldIds(n, k)`: contiguous folds exactly like scikit-learn's `KFold(k)`
 *   without shuffling — the first n mod k folds get ⌊n/k⌋ + 1 rows, the rest
 *   ⌊n/k⌋, in row order — so the same data gives scikit-learn's folds.
 * - `shuffledFoldIds(n, k, seed)`: the same fold sizes over a Fisher–Yates
 *   permutation drawn from a seeded PRNG (reproducible, not numpy's stream).
 * - `checkFoldIds(ids, n)`: user-given fold labels (glmnet's `foldid`): any
 *   integers; the distinct labels, in increasing order, become folds 0..K−1.
 */

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
  if (foldIds === null || typeof foldIds !== 'object' || typeof (foldIds as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${owner}: option 'foldIds' must be an array of integer fold labels, one per row`);
  }
  const a = foldIds as ArrayLike<number>;
  if (a.length !== n) throw new RangeError(`${owner}: option 'foldIds' has length ${a.length}, but X has ${n} rows`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${owner}: option 'foldIds' must hold integers; entry ${i} is ${String(v)}`);
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo + 1 > n) throw new RangeError(`${owner}: option 'foldIds' labels span ${lo}..${hi}, more folds than rows; number folds consecutively`);
  const count = new Int32Array(hi - lo + 1);
  for (let i = 0; i < n; i++) count[a[i] - lo]++;
  for (let f = 0; f < count.length; f++) {
    if (count[f] === 0) throw new RangeError(`${owner}: option 'foldIds' has an empty fold: no row has label ${lo + f} (labels run from ${lo} to ${hi})`);
  }
  if (count.length < 2) throw new RangeError(`${owner}: option 'foldIds' defines ${count.length} fold; cross-validation needs at least 2`);
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = a[i] - lo;
  return { ids, k: count.length };
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
