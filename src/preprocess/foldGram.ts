import { dot } from '../kernels/dot.js';
import { gramColumns, symmetrizeLower } from '../kernels/gram.js';

/**
 * Twin of assembly/preprocess/foldGram.ts (Gram downdating for
 * cross-validation; see there for the algebra). Same operations, same order.
 */

/** Full-data statistics: G = ZᵀZ (full symmetric), c = Zᵀu, sz[j] = Σᵢ√wᵢZᵢⱼ, stats = [uᵀu, Σᵢ√wᵢuᵢ, Σᵢwᵢ]. */
export function gramStats(
  Z: Float64Array, u: Float64Array, n: number, p: number, sw: Float64Array | null,
  G: Float64Array, c: Float64Array, sz: Float64Array, stats: Float64Array,
): void {
  gramColumns(Z, n, p, G);
  gramSideStats(Z, u, n, p, sw, G, c, sz, stats);
}

/** Twin of `gramSideStats`: gramStats once G's lower triangle is in place (symmetrizes G; c, sz, stats). */
export function gramSideStats(
  Z: Float64Array, u: Float64Array, n: number, p: number, sw: Float64Array | null,
  G: Float64Array, c: Float64Array, sz: Float64Array, stats: Float64Array,
): void {
  symmetrizeLower(G, p);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    c[j] = dot(Z, o, u, 0, n);
    let s = 0;
    if (sw === null) for (let i = 0; i < n; i++) s += Z[o + i];
    else for (let i = 0; i < n; i++) s += Math.sqrt(sw[i]) * Z[o + i];
    sz[j] = s;
  }
  let su = 0;
  let wAll = n;
  if (sw === null) {
    for (let i = 0; i < n; i++) su += u[i];
  } else {
    wAll = 0;
    for (let i = 0; i < n; i++) {
      const wi = sw[i];
      su += Math.sqrt(wi) * u[i];
      wAll += wi;
    }
  }
  stats[0] = dot(u, 0, u, 0, n);
  stats[1] = su;
  stats[2] = wAll;
}

/** The training-fold Gram design of one fold; workspace T[nT·(p+2)], GT[p·p]; out = [fold yᵀy, ε]. */
export function foldGram(
  Z: Float64Array, u: Float64Array, n: number, p: number, sw: Float64Array | null,
  G: Float64Array, c: Float64Array, sz: Float64Array, stats: Float64Array,
  test: Int32Array, nT: number, constant: Int32Array, fitIntercept: boolean, standardize: boolean,
  T: Float64Array, GT: Float64Array,
  GS: Float64Array, xtyS: Float64Array, shift: Float64Array, scale: Float64Array, out: Float64Array,
): void {
  const uT = p * nT;
  const rT = uT + nT;
  let wT = 0;
  for (let k = 0; k < nT; k++) {
    const i = test[k];
    const wi = sw === null ? 1 : sw[i];
    wT += wi;
    T[rT + k] = Math.sqrt(wi);
    T[uT + k] = u[i];
    for (let j = 0; j < p; j++) T[j * nT + k] = Z[j * n + i];
  }
  const wS = stats[2] - wT;
  const kappa = (n - nT) / wS;
  gramColumns(T, nT, p, GT);

  let tu = 0;
  for (let k = 0; k < nT; k++) tu += T[rT + k] * T[uT + k];
  const eps = (stats[1] - tu) / wS;
  let uuS = stats[0] - dot(T, uT, T, uT, nT);
  if (fitIntercept) uuS -= wS * eps * eps;

  for (let j = 0; j < p; j++) {
    const tj = j * nT;
    let tz = 0;
    for (let k = 0; k < nT; k++) tz += T[rT + k] * T[tj + k];
    const delta = (sz[j] - tz) / wS;
    shift[j] = delta;
    let s = 1;
    if (standardize && constant[j] === 0) {
      const rjj = G[j * p + j] - GT[j * p + j];
      s = Math.sqrt((rjj - wS * delta * delta) / wS);
      if (!(s > 0)) s = 1;
    }
    scale[j] = s;
  }

  for (let j = 0; j < p; j++) {
    const dj = shift[j];
    const sj = scale[j];
    const zeroJ = fitIntercept && constant[j] !== 0;
    for (let k = j; k < p; k++) {
      const o = j * p + k;
      let v = G[o] - GT[o];
      if (fitIntercept) v -= wS * dj * shift[k];
      if (zeroJ || (fitIntercept && constant[k] !== 0)) v = 0;
      GS[o] = (kappa * v) / (sj * scale[k]);
    }
    let x = c[j] - dot(T, j * nT, T, uT, nT);
    if (fitIntercept) x -= wS * dj * eps;
    if (zeroJ) x = 0;
    xtyS[j] = (kappa * x) / sj;
  }
  symmetrizeLower(GS, p);
  out[0] = kappa * uuS;
  out[1] = eps;
}
