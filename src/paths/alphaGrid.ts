import { exp10 } from '../math/exp10.js';
import { log10 } from '../math/log10.js';

/**
 * The default grid of penalties for a path: `nAlphas` values, log-spaced and
 * decreasing from alpha_max down to eps·alpha_max — scikit-learn's
 * `_alpha_grid` and glmnet's `lambda.min.ratio` construction (Friedman,
 * Hastie & Tibshirani 2010, §2.5).
 *
 * alpha_max = max_j |X̃ⱼᵀỹ| / (n·l1Ratio·pfⱼ) on the prepared (centred,
 * scaled, weighted) data is the smallest alpha at which every penalized
 * coefficient is zero; the grid starts exactly there, so the first solution is
 * exactly zero. The other points follow numpy's `logspace`
 * (10^(log10(eps·alpha_max) + k·step)), with the package's own log10 and
 * exp10 (math/, twins of the core's), so every engine gives the same grid.
 */

export function alphaGrid(alphaMax: number, nAlphas: number, eps: number): Float64Array {
  const out = new Float64Array(nAlphas);
  if (!(alphaMax > 2.220446049250313e-16)) {
    // y is (numerically) unrelated to X: every alpha gives w = 0; keep a valid, positive grid.
    out.fill(Math.max(alphaMax, 1e-15));
    return out;
  }
  out[0] = alphaMax;
  if (nAlphas === 1) return out;
  const start = log10(alphaMax * eps);
  const stop = log10(alphaMax);
  const step = (stop - start) / (nAlphas - 1);
  // k = nAlphas − 1 would be out[0]: it stays alphaMax exactly (exp10(log10(·)) can round below it).
  for (let k = 1; k < nAlphas - 1; k++) out[nAlphas - 1 - k] = exp10(start + k * step);
  out[nAlphas - 1] = exp10(start);
  return out;
}
