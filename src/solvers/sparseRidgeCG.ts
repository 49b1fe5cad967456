import { positiveRows, sparseColumnConstant, weightTotal } from './sparseColumns.js';

/**
 * Twin of assembly/solvers/sparseRidgeCG.ts: ridge on CSC X by conjugate
 * gradients on the normal equations, Jacobi-preconditioned, each product
 * X̃ᵀ(X̃d) from the nonzeros with the centring applied to the sums; stopped
 * when the true residual ||b − Aw|| is below tol·||b|| (certified). Writes
 * W (p×k); returns the final relative residual of each target.
 */
interface Cols {
  colPtr: Int32Array; rowIdx: Int32Array; vals: Float64Array; sw: Float64Array | null; n: number; p: number;
  mean: Float64Array; scaleInv: Float64Array; meanS: Float64Array; alpha: number; pf: Float64Array | null;
}

function normalProduct(c: Cols, x: Float64Array, q: Float64Array, out: Float64Array): void {
  const { colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf } = c;
  let s0 = 0;
  for (let j = 0; j < p; j++) s0 += meanS[j] * x[j];
  for (let i = 0; i < n; i++) q[i] = -s0;
  for (let j = 0; j < p; j++) {
    const u = x[j] * scaleInv[j];
    if (u === 0) continue;
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
      const i = rowIdx[t];
      q[i] = q[i] + vals[t] * u;
    }
  }
  let qSum = 0;
  for (let i = 0; i < n; i++) {
    if (sw !== null) q[i] = q[i] * sw[i];
    qSum += q[i];
  }
  for (let j = 0; j < p; j++) {
    const si = scaleInv[j];
    let s = 0;
    if (si !== 0) {
      for (let t = colPtr[j]; t < colPtr[j + 1]; t++) s += vals[t] * q[rowIdx[t]];
      s = (s - mean[j] * qSum) * si;
    }
    const f = pf === null ? 1 : pf[j];
    out[j] = s + alpha * f * x[j];
  }
}

function dotP(a: Float64Array, b: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += a[j] * b[j];
  return s;
}

function rightHandSide(c: Cols, Y: Float64Array, yo: number, q: Float64Array, b: Float64Array): void {
  const { colPtr, rowIdx, vals, sw, n, p, mean, scaleInv } = c;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const yv = (sw === null ? 1 : sw[i]) * Y[yo + i];
    q[i] = yv;
    ySum += yv;
  }
  for (let j = 0; j < p; j++) {
    const si = scaleInv[j];
    let s = 0;
    if (si !== 0) {
      for (let u = colPtr[j]; u < colPtr[j + 1]; u++) s += vals[u] * q[rowIdx[u]];
      s = (s - mean[j] * ySum) * si;
    }
    b[j] = s;
  }
}

function trueResidual(c: Cols, Y: Float64Array, yo: number, w: Float64Array, q: Float64Array, Ad: Float64Array, r: Float64Array): number {
  normalProduct(c, w, q, Ad);
  rightHandSide(c, Y, yo, q, r);
  for (let j = 0; j < c.p; j++) r[j] = r[j] - Ad[j];
  return Math.sqrt(dotP(r, r, c.p));
}

export function sparseRidgeCG(
  colPtr: Int32Array, rowIdx: Int32Array, vals: Float64Array, sw: Float64Array | null, n: number, p: number, centred: boolean,
  mean: Float64Array, scale: Float64Array, Y: Float64Array, k: number, alpha: number, pf: Float64Array | null,
  tol: number, maxIter: number, W: Float64Array,
): Float64Array {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  const scaleInv = new Float64Array(p);
  const meanS = new Float64Array(p);
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const zero = centred && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j);
    const si = zero ? 0 : 1 / scale[j];
    const m = mean[j];
    scaleInv[j] = si;
    meanS[j] = m * si;
    let ss = 0;
    let vIn = 0;
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
      const v = sw === null ? 1 : sw[rowIdx[t]];
      const e = vals[t] - m;
      ss += v * (e * e);
      vIn += v;
    }
    ss += m * m * (V - vIn);
    const f = pf === null ? 1 : pf[j];
    const dj = ss * si * si + alpha * f;
    diag[j] = dj > 0 ? dj : 1;
  }
  const c: Cols = { colPtr, rowIdx, vals, sw, n, p, mean, scaleInv, meanS, alpha, pf };
  const q = new Float64Array(n);
  const z = new Float64Array(p);
  const r = new Float64Array(p);
  const d = new Float64Array(p);
  const Ad = new Float64Array(p);
  const out = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    const w = W.subarray(t * p, (t + 1) * p);
    rightHandSide(c, Y, t * n, q, r);
    w.fill(0);
    const bNorm = Math.sqrt(dotP(r, r, p));
    let rel = 0;
    if (bNorm > 0) {
      for (let j = 0; j < p; j++) {
        z[j] = r[j] / diag[j];
        d[j] = z[j];
      }
      let rz = dotP(r, z, p);
      rel = 1;
      let certified = false;
      for (let it = 0; it < maxIter; it++) {
        normalProduct(c, d, q, Ad);
        const dAd = dotP(d, Ad, p);
        if (!(dAd > 0)) break;
        const a = rz / dAd;
        for (let j = 0; j < p; j++) {
          w[j] = w[j] + a * d[j];
          r[j] = r[j] - a * Ad[j];
        }
        if (Math.sqrt(dotP(r, r, p)) <= tol * bNorm) {
          rel = trueResidual(c, Y, t * n, w, q, Ad, r) / bNorm;
          if (rel <= tol) { certified = true; break; }
        }
        for (let j = 0; j < p; j++) z[j] = r[j] / diag[j];
        const rzNew = dotP(r, z, p);
        const beta = rzNew / rz;
        rz = rzNew;
        for (let j = 0; j < p; j++) d[j] = z[j] + beta * d[j];
      }
      if (!certified) rel = trueResidual(c, Y, t * n, w, q, Ad, r) / bNorm;
    }
    out[t] = rel;
  }
  return out;
}
