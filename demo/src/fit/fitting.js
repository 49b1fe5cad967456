// Every fit the page makes goes through this module, and every one of them is
// penalized's fitAsync (or a *PathAsync): the work runs in penalized's worker
// pool, so the page never freezes, reports progress and can be cancelled
// with an AbortSignal.
import {
  ElasticNetCV, LassoCV, Ridge, RidgeCV, enetPathAsync, lassoPathAsync,
} from 'penalized';

/** Penalties tried for ridge (its grid has no alpha_max: ridge never zeroes a coefficient). */
const RIDGE_GRID_SIZE = 40;

/**
 * Splits [0, 1] of progress into consecutive stages of given weights, so
 * several fits report one bar that never goes back.
 */
function stagedProgress(onProgress, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let last = 0;
  const starts = weights.map((_, k) => weights.slice(0, k).reduce((a, b) => a + b, 0) / total);
  return (stage) => (fraction) => {
    const v = Math.min(1, starts[stage] + (weights[stage] / total) * Math.min(1, Math.max(0, fraction)));
    if (v > last) {
      last = v;
      onProgress?.(v);
    }
  };
}

/**
 * Ridge penalties from weak to strong, decreasing like the lasso's grid. Ridge's
 * objective has no 1/n and, with standardized features, XᵀX has n on its
 * diagonal, so the grid is n·s² × 10^(3 … −4) with s² the mean column variance
 * (1 when standardized): from "almost all shrunk" to "almost least squares".
 */
export function ridgeGrid(d, standardize) {
  let s2 = 1;
  if (!standardize) {
    s2 = 0;
    for (const sd of d.colSd) s2 += sd * sd;
    s2 = s2 / d.cols || 1;
  }
  const scale = d.rows * s2;
  return Float64Array.from({ length: RIDGE_GRID_SIZE }, (_, k) => scale * 10 ** (3 - (7 * k) / (RIDGE_GRID_SIZE - 1)));
}

/** Mean and standard error over folds of an nAlphas × nFolds MSE table (glmnet's cvm and cvsd, equal fold weights). */
function foldStats(msePath, nAlphas, nFolds) {
  const mean = new Float64Array(nAlphas);
  const se = new Float64Array(nAlphas);
  for (let k = 0; k < nAlphas; k++) {
    let m = 0;
    for (let f = 0; f < nFolds; f++) m += msePath[k * nFolds + f];
    m /= nFolds;
    let v = 0;
    for (let f = 0; f < nFolds; f++) v += (msePath[k * nFolds + f] - m) ** 2;
    mean[k] = m;
    se[k] = Math.sqrt(v / nFolds / (nFolds - 1));
  }
  return { mean, se };
}

/** Index of the least mean error, and the largest alpha within one standard error of it. */
function chooseIndices(alphas, mean, se) {
  let iMin = 0;
  for (let k = 1; k < mean.length; k++) if (mean[k] < mean[iMin]) iMin = k;
  let i1se = iMin;
  for (let k = 0; k < mean.length; k++) if (mean[k] <= mean[iMin] + se[iMin] && alphas[k] > alphas[i1se]) i1se = k;
  return { indexMin: iMin, index1se: i1se };
}

const matrix = (d) => ({ data: d.X, rows: d.rows, cols: d.cols });

/** Lasso or elastic net: cross-validated alpha, then the coefficient path on all rows over the same grid. */
async function fitEnet(d, s, signal, progress) {
  const isLasso = s.model === 'lasso';
  const common = { standardize: s.standardize };
  const cv = isLasso
    ? new LassoCV({ ...common, cv: s.folds })
    : new ElasticNetCV({ ...common, cv: s.folds, l1Ratio: s.l1Ratio });
  await cv.fitAsync(matrix(d), d.y, null, { signal, onProgress: progress(0) });
  const pathOptions = { ...common, alphas: cv.alphas, signal };
  const path = isLasso
    ? await lassoPathAsync(matrix(d), d.y, pathOptions)
    : await enetPathAsync(matrix(d), d.y, { ...pathOptions, l1Ratio: s.l1Ratio });
  progress(1)(1);
  const indexMin = cv.alphas.indexOf(cv.alphaMin);
  const index1se = cv.alphas.indexOf(cv.alpha1se);
  return {
    kind: s.model,
    l1Ratio: isLasso ? 1 : s.l1Ratio,
    alphas: cv.alphas,
    coefs: path.coefs,
    intercepts: path.intercepts,
    mseMean: cv.mseMean,
    mseSe: cv.mseStd,
    indexMin,
    index1se,
    nFolds: cv.nFolds,
    model: cv,
  };
}

/** Ridge: K-fold RidgeCV over the grid, then one Ridge per grid alpha for the (shrinking, never zero) path. */
async function fitRidge(d, s, signal, progress) {
  const alphas = ridgeGrid(d, s.standardize);
  const cv = new RidgeCV({ alphas, cv: s.folds, standardize: s.standardize });
  await cv.fitAsync(matrix(d), d.y, null, { signal, onProgress: progress(0) });
  const { mean, se } = foldStats(cv.msePath, alphas.length, cv.nFolds);
  const { indexMin, index1se } = chooseIndices(alphas, mean, se);
  const p = d.cols;
  const coefs = new Float64Array(alphas.length * p);
  const intercepts = new Float64Array(alphas.length);
  let done = 0;
  const step = progress(1);
  await Promise.all(Array.from(alphas, async (alpha, k) => {
    const m = await new Ridge({ alpha, standardize: s.standardize }).fitAsync(matrix(d), d.y, null, { signal });
    coefs.set(m.coef, k * p);
    intercepts[k] = m.intercept;
    step(++done / alphas.length);
  }));
  return {
    kind: 'ridge',
    l1Ratio: 0,
    alphas,
    coefs,
    intercepts,
    mseMean: cv.mseMean,
    mseSe: se,
    indexMin: alphas.indexOf(cv.alpha),
    index1se,
    nFolds: cv.nFolds,
    model: cv,
  };
}

/**
 * Fits the chosen model on the design `d` ({ X, y, rows, cols, colSd }) with
 * settings `s` ({ model: 'lasso' | 'enet' | 'ridge', l1Ratio, standardize,
 * folds }), plus the lasso (K-fold CV) and the ridge (leave-one-out CV) of
 * the side-by-side comparison.
 * Resolves to { main, lasso, ridge }; rejects with an AbortError when
 * `signal` aborts.
 */
export async function fitWorkbench(d, s, { signal, onProgress } = {}) {
  const needLasso = s.model !== 'lasso';
  const needRidge = s.model !== 'ridge';
  const stage = stagedProgress(onProgress, [s.model === 'ridge' ? 3 : 4, 1, needLasso ? 2 : 0, needRidge ? 2 : 0]);
  const main = s.model === 'ridge' ? await fitRidge(d, s, signal, stage) : await fitEnet(d, s, signal, stage);
  const common = { standardize: s.standardize, cv: s.folds };
  let lasso = main.kind === 'lasso' ? main.model : null;
  if (!lasso) lasso = await new LassoCV(common).fitAsync(matrix(d), d.y, null, { signal, onProgress: stage(2) });
  let ridge = main.kind === 'ridge' ? main.model : null;
  // Ridge by efficient leave-one-out (one eigendecomposition for every alpha).
  if (!ridge) ridge = await new RidgeCV({ standardize: s.standardize, alphas: ridgeGrid(d, s.standardize) }).fitAsync(matrix(d), d.y, null, { signal, onProgress: stage(3) });
  onProgress?.(1);
  return { main, lasso, ridge };
}

let raceWorker = null;

/**
 * WASM against pure JS on the current data and model at `alpha`: both
 * backends warmed up, then timed alternately in a dedicated worker (so the
 * page stays responsive and the timing is the fit alone, not messaging).
 * Resolves to { wasmMs, jsMs, runs, identical, firstDifference }.
 */
export function raceBackends(d, s, alpha, { signal } = {}) {
  raceWorker ??= new Worker(new URL('./raceWorker.js', import.meta.url), { type: 'module', name: 'penalized-race' });
  const w = raceWorker;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      w.terminate();
      raceWorker = null;
      reject(new DOMException('The race was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    w.onmessage = ({ data }) => {
      signal?.removeEventListener('abort', onAbort);
      if (data.ok) resolve(data.result);
      else reject(new Error(data.error));
    };
    w.onerror = (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`the race worker failed: ${e.message}`));
    };
    w.postMessage({
      X: d.X, y: d.y, rows: d.rows, cols: d.cols,
      model: s.model, l1Ratio: s.l1Ratio, standardize: s.standardize, alpha,
    });
  });
}
