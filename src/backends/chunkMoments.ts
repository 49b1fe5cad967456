import type { CheckedMatrix } from '../io/matrix.js';
import type { BackendName } from '../models/options.js';
import { standardizeDesign } from '../preprocess/standardize.js';
import { gramStats } from '../preprocess/foldGram.js';
import { WasmScope } from '../wasm/wasmCore.js';

/**
 * Weighted first and second moments of some rows of a chunk, about their own
 * mean: the building block of stats/SufficientStats. `mean` holds the p column
 * means then ȳ; `C` is the (p+1)×(p+1) co-moment Σᵢwᵢ(zᵢ − z̄)(zᵢ − z̄)ᵀ of
 * zᵢ = [xᵢ, yᵢ] (full symmetric, column-major). With `weight` 0 (no row of
 * positive weight) the moments are all zero.
 */
export interface Moments {
  count: number;
  weight: number;
  mean: Float64Array;
  C: Float64Array;
}

/**
 * The moments of rows `rows` (all rows when null) of M and y, computed by the
 * core's own kernels on the backend: preprocess/standardize centres the
 * columns on their weighted means and scales the rows by √wᵢ, and
 * preprocess/foldGram's `gramStats` forms ZᵀZ with the register-tiled Gram
 * (SYRK) kernel, Zᵀu and uᵀu in the same pass. The residual sums Σᵢ√wᵢZᵢⱼ it
 * also returns correct the rounding of the computed means (the "corrected
 * two-pass algorithm" of Chan, Golub & LeVeque 1983, eq. 1.7), so large
 * column means cost no precision.
 */
export function chunkMoments(
  backend: BackendName, M: CheckedMatrix, y: ArrayLike<number>, sw: Float64Array | null, rows: Int32Array | null,
): Moments {
  const m = rows ? rows.length : M.rows;
  const p = M.cols;
  const q = p + 1;
  const yy = new Float64Array(m);
  let swr: Float64Array | null = null;
  for (let k = 0; k < m; k++) yy[k] = y[rows ? rows[k] : k];
  let weight = m;
  if (sw) {
    swr = rows ? Float64Array.from(rows, (i) => sw[i]) : sw;
    weight = 0;
    for (let k = 0; k < m; k++) weight += swr[k];
  }
  const out: Moments = { count: m, weight, mean: new Float64Array(q), C: new Float64Array(q * q) };
  if (!(weight > 0)) {
    out.weight = 0;
    return out;
  }
  const G = new Float64Array(p * p);
  const c = new Float64Array(p);
  const sz = new Float64Array(p);
  const st = new Float64Array(3);
  const xMean = new Float64Array(p);
  let yMean: number;
  if (backend === 'js') {
    const X = new Float64Array(m * p);
    M.writeColumnMajor(X, 0, rows);
    yMean = standardizeDesign(X, yy, swr, m, p, true, false, xMean, new Float64Array(p));
    gramStats(X, yy, m, p, swr, G, c, sz, st);
  } else {
    yMean = WasmScope.run([m * p, m, swr ? m : 0, p, p, p * p, p, p, 3], (scope) => {
      const core = scope.core;
      const pX = scope.alloc(m * p);
      const pY = scope.alloc(m);
      const pW = swr ? scope.alloc(m) : 0;
      const pMean = scope.alloc(p);
      const pScale = scope.alloc(p);
      const pG = scope.alloc(p * p);
      const pc = scope.alloc(p);
      const psz = scope.alloc(p);
      const pst = scope.alloc(3);
      M.writeColumnMajor(scope.view(pX, m * p), 0, rows);
      scope.view(pY, m).set(yy);
      if (swr) scope.view(pW, m).set(swr);
      const ym = core.standardizeDesign(pX, pY, pW, m, p, 1, 0, pMean, pScale);
      core.gramStats(pX, pY, m, p, pW, pG, pc, psz, pst);
      xMean.set(scope.view(pMean, p));
      G.set(scope.view(pG, p * p));
      c.set(scope.view(pc, p));
      sz.set(scope.view(psz, p));
      st.set(scope.view(pst, 3));
      return ym;
    });
  }
  // Corrected means and co-moments: Σw(z − z̃) = sz, so z̄ = z̃ + sz/W and
  // C = Σw(z − z̃)(z − z̃)ᵀ − sz·szᵀ/W.
  const W = weight;
  const { mean, C } = out;
  const sy = st[1];
  for (let j = 0; j < p; j++) {
    mean[j] = xMean[j] + sz[j] / W;
    for (let k = 0; k < p; k++) C[j * q + k] = G[j * p + k] - (sz[j] * sz[k]) / W;
    const cxy = c[j] - (sz[j] * sy) / W;
    C[j * q + p] = cxy;
    C[p * q + j] = cxy;
  }
  mean[p] = yMean + sy / W;
  C[p * q + p] = st[0] - (sy * sy) / W;
  return out;
}
