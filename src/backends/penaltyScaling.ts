/**
 * Per-feature ridge penalties α·pfⱼ by a change of variables: with columns
 * Xⱼ/√pfⱼ and coefficients √pfⱼ·wⱼ the penalty α·Σpfⱼwⱼ² becomes the plain
 * α·‖·‖², so the dual system and the leave-one-out decomposition, which only
 * know a scalar α, solve the weighted problem unchanged (the same device as
 * glmnet's penalty.factor for the lasso). It needs every pfⱼ > 0; with an
 * unpenalized feature the primal system α·diag(pf) is used instead.
 *
 * Both backends call these on their own copy of X — in a JS array or through a
 * view of WASM memory — so the scaled data, and every result, are the same bits.
 */

/** True when every factor is > 0 (the change of variables is defined). */
export function allPositive(pf: Float64Array): boolean {
  for (let j = 0; j < pf.length; j++) if (!(pf[j] > 0)) return false;
  return true;
}

/** dst[·, j] = src[·, j] / √pfⱼ for column-major n×p data (dst may be src). */
export function scaleColumnsByPenalty(src: Float64Array, dst: Float64Array, n: number, pf: Float64Array): void {
  for (let j = 0; j < pf.length; j++) {
    const r = Math.sqrt(pf[j]);
    const o = j * n;
    for (let i = 0; i < n; i++) dst[o + i] = src[o + i] / r;
  }
}

/** A sparse design's column scales for the same change of variables: out[j] = scale[j]·√pfⱼ (X̃ⱼ/√pfⱼ, never formed). */
export function looScales(scale: Float64Array, pf: Float64Array, out: Float64Array): void {
  for (let j = 0; j < pf.length; j++) out[j] = scale[j] * Math.sqrt(pf[j]);
}

/** Back from the scaled variables: wⱼ ← wⱼ / √pfⱼ. */
export function unscaleCoefficients(w: Float64Array, pf: Float64Array): void {
  for (let j = 0; j < pf.length; j++) w[j] = w[j] / Math.sqrt(pf[j]);
}
