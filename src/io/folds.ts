import { describeBad } from './matrix.js';

/** Validated cross-validation fold labels. */
export interface CheckedFolds {
  /** Fold of each row, 0 … nFolds − 1 (a copy of the caller's labels). */
  readonly ids: Int32Array;
  readonly nFolds: number;
  /** Number of rows in each fold (all ≥ 1). */
  readonly sizes: Int32Array;
}

/**
 * Validates user-given fold labels (`foldIds`, glmnet's `foldid`): one integer
 * per row, 0-based, folds numbered 0 … K − 1 with K ≥ 2, and every fold
 * holding at least one row (an empty fold would have nothing to validate on).
 * Labels are 0-based; glmnet's 1-based `foldid` leaves fold 0 empty and the
 * error says to subtract 1. Returns a copy; the caller's array is only read.
 */
export function checkFoldIds(foldIds: unknown, n: number, name = 'foldIds'): CheckedFolds {
  if (foldIds === null || typeof foldIds !== 'object' || typeof (foldIds as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of fold numbers (one integer per row), got ${foldIds === null ? 'null' : typeof foldIds}`);
  }
  const a = foldIds as ArrayLike<unknown>;
  if (a.length !== n) throw new RangeError(`${name} has length ${a.length}, but X has ${n} rows`);
  const ids = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
      const what = typeof v === 'number' && Number.isFinite(v) ? String(v) : describeBad(v);
      const msg = `${name}[${i}] is ${what}; fold numbers must be integers from 0 to ${n - 1} (0-based)`;
      throw typeof v === 'number' ? new RangeError(msg) : new TypeError(msg);
    }
    ids[i] = v;
    if (v > max) max = v;
  }
  const nFolds = max + 1;
  if (nFolds < 2) throw new RangeError(`${name} puts every row in fold 0; cross-validation needs at least 2 folds`);
  const sizes = new Int32Array(nFolds);
  for (let i = 0; i < n; i++) sizes[ids[i]]++;
  for (let k = 0; k < nFolds; k++) {
    if (sizes[k] === 0) {
      const hint = k === 0 ? ' (fold numbers are 0-based: subtract 1 from 1-based labels such as glmnet\'s foldid)' : '';
      throw new RangeError(`${name}: fold ${k} of 0…${max} is empty; every fold needs at least one row${hint}`);
    }
  }
  return { ids, nFolds, sizes };
}
