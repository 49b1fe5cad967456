import { checkVector } from './matrix.js';

/** Sample weights as given to fit or as an option: an array (one per row), a single number (every row), or nothing. */
export type SampleWeightInput = ArrayLike<number> | number | null;

/** n copies of a scalar weight, which must be finite (its sign is checked with the array's). */
function scalarWeights(v: number, n: number, name: string): Float64Array {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} is ${v}; a scalar weight must be a finite number ≥ 0`);
  return new Float64Array(n).fill(v);
}

/** The option check of a `sampleWeight` option: null, a number or an array; values are checked at fit time against X. */
export function sampleWeightOption(v: unknown, name: string, owner: string): unknown {
  if (v === null || typeof v === 'number') return v;
  if (typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${owner}: option '${name}' must be an array of weights (one per row) or a single number, got ${typeof v}`);
  }
  return v;
}

/**
 * Validates sample weights (length n, finite, ≥ 0, not all zero) and returns
 * a copy. With `sumTo`, the copy is rescaled to sum to `sumTo` (scikit-learn
 * rescales elastic-net weights to sum to n_samples, which makes the fit
 * invariant to the weights' overall scale); the rescaling goes through the
 * largest weight first so that huge weights (whose plain sum would overflow to
 * Infinity) and tiny ones (whose sum would lose precision to subnormals) both
 * work. Without `sumTo` (ridge uses weights as they are) the sum must be finite.
 */
export function checkSampleWeight(sw: unknown, n: number, sumTo: number | null, name = 'sampleWeight'): Float64Array {
  // A single number means every row has that weight (scikit-learn's scalar sample_weight).
  const a = typeof sw === 'number' ? scalarWeights(sw, n, name) : checkVector(sw, n, name);
  const out = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v < 0) throw new RangeError(`${name} must be ≥ 0; ${name}[${i}] is ${v}`);
    out[i] = v;
    if (v > max) max = v;
  }
  if (!(max > 0)) throw new RangeError(`${name} is all zero: at least one row needs a positive weight`);
  if (sumTo === null) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += out[i];
    if (!Number.isFinite(sum)) throw new RangeError(`${name} sums to Infinity (the weights are too large); rescale them`);
    return out;
  }
  let rel = 0;
  for (let i = 0; i < n; i++) rel += out[i] / max;
  const f = sumTo / rel;
  for (let i = 0; i < n; i++) out[i] = (out[i] / max) * f;
  return out;
}
