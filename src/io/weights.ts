import { checkVector } from './matrix.js';

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
  const a = checkVector(sw, n, name);
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
