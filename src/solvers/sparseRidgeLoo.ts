import { symmetricEigen } from '../linalg/symmetricEigen.js';
import { formSystem } from './sparseRidge.js';
import { finishBasis, interceptLeverage, traceFinite } from './ridgeLoo.js';

/**
 * Twin of assembly/solvers/sparseRidgeLoo.ts: the covariance-form leave-one-out
 * decomposition (X̃ᵀX̃ = VΛVᵀ, Z = X̃V, z = Zᵀỹ) of an implicitly centred,
 * scaled and weighted CSC X, for ridgeLooMse. Same operations, same order.
 * Writes yw = √v ⊙ y and lev; returns p, −1 (eigensolver) or −2 (overflow).
 */
export function sparseRidgeLooCovariance(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, sw: Float64Array | null, n: number, p: number, centred: boolean,
  mean: Float64Array, scale: Float64Array, y: Float64Array, yw: Float64Array,
  G: Float64Array, Z: Float64Array, lam: Float64Array, z: Float64Array, lev: Float64Array,
): number {
  const colSum = new Float64Array(p);
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, y, 1, 0, null, new Float64Array(n), colSum, G, new Float64Array(p));
  if (!traceFinite(G, p)) return -2;
  if (symmetricEigen(G, p, lam, new Float64Array(p), new Float64Array(p)) !== 0) return -1;
  for (let i = 0; i < n; i++) yw[i] = sw === null ? y[i] : Math.sqrt(sw[i]) * y[i];
  for (let k = 0; k < p; k++) {
    const zk = k * n;
    const vk = k * p;
    Z.fill(0, zk, zk + n);
    let c = 0;
    for (let j = 0; j < p; j++) {
      if (Number.isNaN(colSum[j])) continue;
      const u = G[vk + j] / scale[j];
      if (u === 0) continue;
      for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
        const o = zk + rowIdx[t];
        Z[o] = Z[o] + u * vals[t];
      }
      c += u * mean[j];
    }
    for (let i = 0; i < n; i++) {
      const d = Z[zk + i] - c;
      Z[zk + i] = sw === null ? d : Math.sqrt(sw[i]) * d;
    }
  }
  finishBasis(Z, yw, n, p, lam, z);
  interceptLeverage(lev, sw, n, centred);
  return p;
}
