import { checkSampleWeight } from '../io/weights.js';
import { classMultipliers, type ClassWeight, type Classes } from './binaryLabels.js';
import { fmt } from './options.js';

/**
 * The row weights of a logistic fit: sample weights (or ones) times the class
 * weights, rescaled to sum to n (the objective's (1/n)Σwᵢℓᵢ, glmnet's
 * convention). Both classes must keep some positive weight.
 */
export function logisticWeights(
  sampleWeight: unknown, classWeight: ClassWeight | null, classes: Classes, y01: Float64Array, owner: string,
): Float64Array {
  const n = y01.length;
  const sw = sampleWeight == null ? null : checkSampleWeight(sampleWeight, n, null);
  const [c0, c1] = classMultipliers(classWeight, classes, y01, owner);
  const w = new Float64Array(n);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const wi = (sw ? sw[i] : 1) * (y01[i] !== 0 ? c1 : c0);
    w[i] = wi;
    if (y01[i] !== 0) s1 += wi;
    else s0 += wi;
  }
  if (!(s0 > 0) || !(s1 > 0)) {
    const c = s0 > 0 ? classes[1] : classes[0];
    throw new RangeError(`${owner}: class ${fmt(c)} has zero total weight (sample or class weights), which leaves only one class to fit`);
  }
  // Rescale to sum n through the largest weight (huge or tiny weights alike; see io/weights).
  let max = 0;
  for (let i = 0; i < n; i++) if (w[i] > max) max = w[i];
  let rel = 0;
  for (let i = 0; i < n; i++) rel += w[i] / max;
  const f = n / rel;
  for (let i = 0; i < n; i++) w[i] = (w[i] / max) * f;
  return w;
}
