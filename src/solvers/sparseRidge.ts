import { choleskyFactor, choleskySolve } from '../linalg/cholesky.js';
import { minNormSolve } from '../linalg/minNormSolve.js';
import { positiveRows, sparseColumnConstant, weightTotal } from './sparseColumns.js';

/**
 * Twin of assembly/solvers/sparseRidge.ts: ridge on CSC X through the
 * normal equations of the implicitly centred/scaled/weighted design, formed
 * from the nonzeros; Cholesky, or the minimum-norm solution when singular.
 * Returns [info, dropped] as the AS kernel's out[0..1].
 */
export function formSystem(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, sw: Float64Array | null, n: number, p: number, centred: boolean,
  mean: Float64Array, scale: Float64Array, Y: Float64Array, k: number, alpha: number, pf: Float64Array | null,
  tmp: Float64Array, colSum: Float64Array, G: Float64Array, B: Float64Array,
): void {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  for (let j = 0; j < p; j++) {
    let a = 0;
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) a += (sw === null ? 1 : sw[rowIdx[t]]) * vals[t];
    colSum[j] = centred && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j) ? NaN : a;
  }
  tmp.fill(0, 0, n);
  for (let j = 0; j < p; j++) {
    const aj = colSum[j];
    const mj = mean[j];
    const sj = scale[j];
    const cj = j * p;
    const ja = colPtr[j];
    const jb = colPtr[j + 1];
    for (let t = ja; t < jb; t++) {
      const i = rowIdx[t];
      tmp[i] = (sw === null ? 1 : sw[i]) * vals[t];
    }
    for (let q = j; q < p; q++) {
      const aq = colSum[q];
      let g = 0;
      if (!Number.isNaN(aj) && !Number.isNaN(aq)) {
        let s = 0;
        for (let t = colPtr[q]; t < colPtr[q + 1]; t++) s += vals[t] * tmp[rowIdx[t]];
        const mq = mean[q];
        g = (s - mq * aj - mj * aq + V * mj * mq) / (sj * scale[q]);
      }
      G[cj + q] = g;
    }
    G[cj + j] = G[cj + j] + (pf === null ? alpha : alpha * pf[j]);
    for (let t = 0; t < k; t++) {
      const yo = t * n;
      let s = 0;
      if (!Number.isNaN(aj)) {
        for (let q = ja; q < jb; q++) {
          const i = rowIdx[q];
          s += tmp[i] * Y[yo + i];
        }
        s = s / sj;
      }
      B[t * p + j] = s;
    }
    for (let t = ja; t < jb; t++) tmp[rowIdx[t]] = 0;
  }
}

export function sparseRidge(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, sw: Float64Array | null, n: number, p: number, centred: boolean,
  mean: Float64Array, scale: Float64Array, Y: Float64Array, k: number, alpha: number, pf: Float64Array | null,
  W: Float64Array,
): [number, number] {
  const tmp = new Float64Array(n);
  const colSum = new Float64Array(p);
  const G = new Float64Array(p * p);
  const B = new Float64Array(p * k);
  const diag = new Float64Array(p);
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, Y, k, alpha, pf, tmp, colSum, G, B);
  W.set(B);
  const info = choleskyFactor(G, p, diag);
  if (info === 0) {
    for (let t = 0; t < k; t++) choleskySolve(G, p, W.subarray(t * p, (t + 1) * p));
    return [0, 0];
  }
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, Y, k, alpha, pf, tmp, colSum, G, B);
  return [info, minNormSolve(G, p, B, k, diag, new Float64Array(p), new Float64Array(p), W)];
}
