/**
 * Coefficients of the prepared (centred, scaled) columns back on X's scale:
 * cⱼ = wⱼ / scaleⱼ, and with an intercept b = ȳ − Σⱼ meanⱼ·cⱼ — the inverse of
 * preprocess/standardize. Works in place on coefs[offset … offset+p); zeros are
 * skipped (they stay 0 and take nothing from b), which keeps sparse paths cheap.
 * Returns the intercept (0 without one).
 */
export function toOriginalScale(
  coefs: Float64Array, offset: number,
  d: { readonly xMean: Float64Array; readonly xScale: Float64Array; readonly yMean: number },
  fitIntercept: boolean,
): number {
  const { xMean, xScale } = d;
  let b = fitIntercept ? d.yMean : 0;
  for (let j = 0; j < xScale.length; j++) {
    const w = coefs[offset + j];
    if (w === 0) continue;
    const c = w / xScale[j];
    coefs[offset + j] = c;
    if (fitIntercept) b -= xMean[j] * c;
  }
  return b;
}

/**
 * toOriginalScale for coefficients read straight from a solver (`w`, the
 * prepared columns' scale, left unchanged; `nz`, the positions of its `count`
 * nonzeros in increasing order): the cⱼ = wⱼ / scaleⱼ are appended to `out`
 * as one row, and the intercept comes back — the same operations in the same
 * order as toOriginalScale, so the same bits.
 */
export function toOriginalScaleSparse(
  w: Float64Array, nz: Int32Array, count: number,
  d: { readonly xMean: Float64Array; readonly xScale: Float64Array; readonly yMean: number },
  fitIntercept: boolean,
  out: { push(j: number, v: number): void; endRow(): void },
): number {
  const { xMean, xScale } = d;
  let b = fitIntercept ? d.yMean : 0;
  for (let q = 0; q < count; q++) {
    const j = nz[q];
    const c = w[j] / xScale[j];
    out.push(j, c);
    if (fitIntercept) b -= xMean[j] * c;
  }
  out.endRow();
  return b;
}
