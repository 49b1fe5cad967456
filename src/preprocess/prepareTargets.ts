/**
 * Several targets prepared the way preprocess/standardize prepares the
 * design's own y — centred at the (weighted) mean with an intercept, then
 * multiplied by √wᵢ — with the same operations in the same order (sequential
 * sums, the same weight total), so that target t of a multi-target fit sees
 * the bits a single-target fit of that column would. Runs in JS for both
 * backends (the result is then copied into WASM memory), so it needs no twin.
 * Returns the n×k column-major data and the k means (0 without an intercept).
 */
export function prepareTargets(
  columns: ArrayLike<number>[], sw: Float64Array | null, fitIntercept: boolean, weighted = true,
): { data: Float64Array; means: Float64Array } {
  const k = columns.length;
  const n = columns[0].length;
  const data = new Float64Array(n * k);
  const means = new Float64Array(k);
  let wSum = n;
  if (sw) {
    wSum = 0;
    for (let i = 0; i < n; i++) wSum += sw[i];
  }
  for (let t = 0; t < k; t++) {
    const y = columns[t];
    const o = t * n;
    for (let i = 0; i < n; i++) data[o + i] = y[i];
    if (fitIntercept) {
      let s = 0;
      if (sw) for (let i = 0; i < n; i++) s += sw[i] * data[o + i];
      else for (let i = 0; i < n; i++) s += data[o + i];
      const mean = s / wSum;
      means[t] = mean;
      for (let i = 0; i < n; i++) data[o + i] = data[o + i] - mean;
    }
    if (sw && weighted) for (let i = 0; i < n; i++) data[o + i] = data[o + i] * Math.sqrt(sw[i]);
  }
  return { data, means };
}
