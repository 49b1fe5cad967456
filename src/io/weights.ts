import { checkVector } from './matrix.js';

/**
 * Validates sample weights (length n, finite, ≥ 0, not all zero) and returns
 * a copy, multiplied so they sum to `sumTo` when given (scikit-learn rescales
 * elastic-net weights to sum to n_samples; ridge uses them as they are).
 */
export function checkSampleWeight(sw: unknown, n: number, sumTo: number | null, name = 'sampleWeight'): Float64Array {
  const a = checkVector(sw, n, name);
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v < 0) throw new RangeError(`${name} must be ≥ 0; entry ${i} is ${v}`);
    out[i] = v;
    sum += v;
  }
  if (!(sum > 0)) throw new RangeError(`${name} is all zero: at least one row needs a positive weight`);
  if (sumTo !== null) {
    const f = sumTo / sum;
    for (let i = 0; i < n; i++) out[i] *= f;
  }
  return out;
}
