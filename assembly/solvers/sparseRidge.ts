import { choleskyFactor, choleskySolve } from "../linalg/cholesky";
import { minNormSolve } from "../linalg/minNormSolve";
import { positiveRows, sparseColumnConstant, weightTotal } from "./sparseColumns";

// Ridge on sparse (CSC) X: the normal equations (X̃ᵀX̃ + α·diag(pf)) W = X̃ᵀỸ
// of the implicitly centred, scaled and weighted design, with X̃ᵀX̃ formed from
// the nonzeros only — column j scattered (times vᵢ) into a dense n-vector,
// then a sparse dot with every later column — and the centring applied to the
// products: Σᵢvᵢ(Xᵢⱼ − mⱼ)(Xᵢₖ − mₖ) = Σ_nz vXⱼXₖ − mₖaⱼ − mⱼaₖ + V·mⱼmₖ with
// aⱼ = Σ_nz vᵢXᵢⱼ (glmnet's and scikit-learn's sparse Gram, which never centre
// the matrix either). Then the Cholesky solve of solvers/ridge.ts, and the
// minimum-norm solution (linalg/minNormSolve) if the system is singular.
// Y holds k centred, unweighted targets (n×k column-major); writes W[p·k].
// out[0] = 0 or the failing Cholesky pivot + 1, out[1] = eigenvalues dropped
// by the minimum-norm solution (−1 if the eigensolver failed).
// Workspace: tmp[n], colSum[p], G[p·p], diag, e, work[p], B[p·k].
// src/solvers/sparseRidge.ts is the JS twin.

export function formSystem(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, centred: bool, mean: usize, scale: usize,
  Y: usize, k: i32, alpha: f64, pf: usize, tmp: usize, colSum: usize, G: usize, B: usize,
): void {
  const V = weightTotal(sw, n);
  const positive = positiveRows(sw, n);
  for (let j = 0; j < p; j++) {
    let a: f64 = 0;
    for (let t = load<i32>(colPtr + (<usize>j << 2)); t < load<i32>(colPtr + (<usize>(j + 1) << 2)); t++) {
      const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
      a += v * load<f64>(vals + (<usize>t << 3));
    }
    // With an intercept a constant column is zero once centred (the dense design zeroes it): flag it with NaN.
    store<f64>(colSum + (<usize>j << 3), centred && sparseColumnConstant(colPtr, rowIdx, vals, sw, positive, j) ? NaN : a);
  }
  for (let i = 0; i < n; i++) store<f64>(tmp + (<usize>i << 3), 0.0);
  for (let j = 0; j < p; j++) {
    const aj = load<f64>(colSum + (<usize>j << 3));
    const mj = load<f64>(mean + (<usize>j << 3));
    const sj = load<f64>(scale + (<usize>j << 3));
    const cj = G + ((<usize>j * <usize>p) << 3);
    const ja = load<i32>(colPtr + (<usize>j << 2));
    const jb = load<i32>(colPtr + (<usize>(j + 1) << 2));
    for (let t = ja; t < jb; t++) {
      const i = load<i32>(rowIdx + (<usize>t << 2));
      const v: f64 = sw == 0 ? 1.0 : load<f64>(sw + (<usize>i << 3));
      store<f64>(tmp + (<usize>i << 3), v * load<f64>(vals + (<usize>t << 3)));
    }
    for (let q = j; q < p; q++) {
      const aq = load<f64>(colSum + (<usize>q << 3));
      let g: f64 = 0;
      if (!isNaN(aj) && !isNaN(aq)) {
        let s: f64 = 0;
        for (let t = load<i32>(colPtr + (<usize>q << 2)); t < load<i32>(colPtr + (<usize>(q + 1) << 2)); t++) {
          s += load<f64>(vals + (<usize>t << 3)) * load<f64>(tmp + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3));
        }
        const mq = load<f64>(mean + (<usize>q << 3));
        g = (s - mq * aj - mj * aq + V * mj * mq) / (sj * load<f64>(scale + (<usize>q << 3)));
      }
      store<f64>(cj + (<usize>q << 3), g);
    }
    const d = cj + (<usize>j << 3);
    store<f64>(d, load<f64>(d) + (pf == 0 ? alpha : alpha * load<f64>(pf + (<usize>j << 3))));
    for (let t = 0; t < k; t++) {
      const y = Y + ((<usize>t * <usize>n) << 3);
      let s: f64 = 0;
      if (!isNaN(aj)) {
        for (let q = ja; q < jb; q++) {
          const i = load<i32>(rowIdx + (<usize>q << 2));
          s += load<f64>(tmp + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
        }
        s = s / sj;
      }
      store<f64>(B + ((<usize>t * <usize>p + <usize>j) << 3), s);
    }
    for (let t = ja; t < jb; t++) store<f64>(tmp + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3), 0.0);
  }
}

export function sparseRidge(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, centred: bool, mean: usize, scale: usize,
  Y: usize, k: i32, alpha: f64, pf: usize,
  tmp: usize, colSum: usize, G: usize, diag: usize, e: usize, work: usize, B: usize, W: usize, out: usize,
): void {
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, Y, k, alpha, pf, tmp, colSum, G, B);
  memory.copy(W, B, (<usize>p * <usize>k) << 3);
  const info = choleskyFactor(G, p, diag);
  store<f64>(out, <f64>info);
  store<f64>(out, 0.0, 8);
  if (info == 0) {
    for (let t = 0; t < k; t++) choleskySolve(G, p, W + ((<usize>t * <usize>p) << 3));
    return;
  }
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, Y, k, alpha, pf, tmp, colSum, G, B);
  store<f64>(out, <f64>minNormSolve(G, p, B, k, diag, e, work, W), 8);
}
