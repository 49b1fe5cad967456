/**
 * Centres of a cross-validation training fold from the full design's centres
 * and the fold's shifts (preprocess/foldGram): with an intercept, the fold's
 * column means are the full means plus δ and its y mean the full mean plus ε;
 * without one both are zero, as for any design prepared without an intercept.
 */
export function foldMeans(
  fitIntercept: boolean, xMean: Float64Array, yMean: number, shift: Float64Array, eps: number,
): { xMean: Float64Array; yMean: number } {
  const p = xMean.length;
  const m = new Float64Array(p);
  if (!fitIntercept) return { xMean: m, yMean: 0 };
  for (let j = 0; j < p; j++) m[j] = xMean[j] + shift[j];
  return { xMean: m, yMean: yMean + eps };
}
