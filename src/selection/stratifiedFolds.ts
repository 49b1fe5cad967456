import type { Folds } from './folds.js';

/**
 * Stratified K-fold assignment exactly as scikit-learn's
 * `StratifiedKFold(k, shuffle=False)` (1.x): classes are numbered by first
 * appearance in y; the labels sorted by that number are dealt round-robin to
 * the folds (fold f gets sorted positions f, f + k, …), which fixes how many
 * rows of each class each fold receives; then the rows of each class, in row
 * order, fill fold 0 first, then fold 1, … So the same data give scikit-learn's folds.
 */
export function stratifiedFoldIds(y01: ArrayLike<number>, k: number, owner: string): Folds {
  const n = y01.length;
  // Class numbers by first appearance (scikit-learn's y_encoded).
  const first = y01[0];
  const enc = new Int32Array(n);
  let count0 = 0;
  for (let i = 0; i < n; i++) {
    enc[i] = y01[i] === first ? 0 : 1;
    if (enc[i] === 0) count0++;
  }
  const counts = [count0, n - count0];
  if (k > Math.max(counts[0], counts[1])) {
    throw new RangeError(`${owner}: option 'cv' = ${k} folds is more than the number of rows of each class (${counts[0]} and ${counts[1]})`);
  }
  // allocation[f][c]: rows of class c in fold f, from dealing the sorted labels round-robin.
  const alloc = [new Int32Array(k), new Int32Array(k)];
  for (let pos = 0; pos < n; pos++) alloc[pos < counts[0] ? 0 : 1][pos % k]++;
  const ids = new Int32Array(n);
  const next = [0, 0];
  const used = [0, 0];
  for (let i = 0; i < n; i++) {
    const c = enc[i];
    while (used[c] >= alloc[c][next[c]]) {
      next[c]++;
      used[c] = 0;
    }
    ids[i] = next[c];
    used[c]++;
  }
  return { ids, k };
}
