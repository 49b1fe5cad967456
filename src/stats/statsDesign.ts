import type { GramProblem } from '../backends/gramDesign.js';
import type { Moments } from './moments.js';

/**
 * The Gram problem a design prepared from rows would hold (backends'
 * withDesign + preprocess/standardize), built from moments instead:
 *
 * - with an intercept the columns are centred on their weighted means, so
 *   ZᵀZ is the co-moment C_xx itself (no cancellation, whatever the means);
 *   without one, the raw weighted sums C + W·z̄z̄ᵀ;
 * - `standardize`: column scales sⱼ = √(C_jj/W), glmnet's 1/n standard
 *   deviation about the weighted mean (1 for a constant column, C_jj = 0);
 * - `normalizeWeights` (lasso, elastic net): the weights are rescaled to sum
 *   to the row count n, as scikit-learn does, i.e. every sum is multiplied by
 *   κ = n/W; ridge uses the weights as they are (κ = 1).
 *
 * A column constant on these rows has C_jj = 0 exactly (SufficientStats
 * centres a constant chunk column exactly and merges equal means with δ = 0),
 * which is how the row-based preparation flags it.
 */
export function gramProblem(
  m: Moments, p: number, fitIntercept: boolean, standardize: boolean, normalizeWeights: boolean,
): GramProblem {
  const q = p + 1;
  const W = m.weight;
  const kappa = normalizeWeights ? m.count / W : 1;
  const xMean = new Float64Array(p);
  const xScale = new Float64Array(p).fill(1);
  if (standardize) {
    for (let j = 0; j < p; j++) {
      const cjj = m.C[j * q + j];
      const s = Math.sqrt(cjj / W);
      if (cjj > 0 && s > 0) xScale[j] = s;
    }
  }
  const raw = (a: number, b: number): number => {
    const c = m.C[a * q + b];
    return fitIntercept ? c : c + W * m.mean[a] * m.mean[b];
  };
  const G = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const v = (kappa * raw(j, k)) / (xScale[j] * xScale[k]);
      G[j * p + k] = v;
      G[k * p + j] = v;
    }
    xty[j] = (kappa * raw(j, p)) / xScale[j];
  }
  if (fitIntercept) for (let j = 0; j < p; j++) xMean[j] = m.mean[j];
  return {
    n: m.count, p, G, xty, yNorm2: kappa * raw(p, p), xMean, xScale, yMean: fitIntercept ? m.mean[p] : 0,
  };
}

/**
 * Weighted held-out mean squared error of K coefficient vectors (coefs K×p
 * row-major, X's scale) and intercepts on the rows summarized by `m`, from the
 * moments alone. With e = ȳ − b − x̄ᵀc, the residual of a row is
 * (yᵢ − ȳ) − (xᵢ − x̄)ᵀc + e, and the centred parts sum to zero, so
 *   Σwᵢrᵢ² = C_yy − 2cᵀC_xy + cᵀC_xx c + W·e²,
 * divided by W. Every term is about the fold's own means: no cancellation of
 * large raw sums. 0 when the rows have no weight (as the row-based kernel).
 */
export function heldOutMseFromMoments(m: Moments, p: number, coefs: Float64Array, intercepts: Float64Array): Float64Array {
  const q = p + 1;
  const K = intercepts.length;
  const out = new Float64Array(K);
  const W = m.weight;
  if (!(W > 0)) return out;
  const C = m.C;
  const Cc = new Float64Array(p);
  for (let k = 0; k < K; k++) {
    const o = k * p;
    let e = m.mean[p] - intercepts[k];
    let cxy = 0;
    Cc.fill(0);
    for (let j = 0; j < p; j++) {
      const cj = coefs[o + j];
      if (cj === 0) continue;
      e -= m.mean[j] * cj;
      cxy += cj * C[j * q + p];
      const col = j * q;
      for (let i = 0; i < p; i++) Cc[i] += C[col + i] * cj;
    }
    let quad = 0;
    for (let j = 0; j < p; j++) if (coefs[o + j] !== 0) quad += coefs[o + j] * Cc[j];
    const sse = C[p * q + p] - 2 * cxy + quad + W * e * e;
    out[k] = Math.max(sse, 0) / W;
  }
  return out;
}
