import { symmetricEigen } from "../linalg/symmetricEigen";
import { formSystem } from "./sparseRidge";
import { finishBasis, interceptLeverage, traceFinite } from "./ridgeLoo";

// Efficient leave-one-out ridge for a sparse (CSC) X, covariance form (n > p):
// the decomposition of solvers/ridgeLoo's `ridgeLooCovariance` — X̃ᵀX̃ = VΛVᵀ,
// Z = X̃V, z = Zᵀỹ — for the implicitly centred, scaled and weighted design
// X̃ⱼ = √v ⊙ (Xⱼ − mⱼ)/sⱼ, without forming X̃: X̃ᵀX̃ from the nonzeros with
// the centring applied to the products (solvers/sparseRidge's formSystem,
// scikit-learn's `_RidgeGCV._compute_covariance` for sparse X does the same),
// and each column of Z as √v ⊙ (Σⱼ Vⱼₖ Xⱼ/sⱼ − Σⱼ Vⱼₖ mⱼ/sⱼ), a sparse
// combination of columns less one constant. ridgeLooMse then gives every
// alpha's errors from (Z, Λ, z, ỹ) as for a dense X. Penalty factors enter as
// scales sⱼ·√pfⱼ (the caller's), the change of variables of
// backends/penaltyScaling.
//
// y: centred, unweighted (n); writes yw = √v ⊙ y (the prepared ỹ) and lev.
// Workspace: tmp[n], colSum[p], G[p·p] (left holding V), B[p], e, work[p].
// Returns p, −1 (eigensolver did not converge) or −2 (X̃ᵀX̃ overflowed).
// src/solvers/sparseRidgeLoo.ts is the JS twin.
export function sparseRidgeLooCovariance(
  colPtr: usize, rowIdx: usize, vals: usize, sw: usize, n: i32, p: i32, centred: bool, mean: usize, scale: usize,
  y: usize, yw: usize, tmp: usize, colSum: usize, G: usize, Z: usize, lam: usize, z: usize, lev: usize,
  B: usize, e: usize, work: usize,
): i32 {
  // X̃ᵀX̃ in G's lower triangle (column-major), what symmetricEigen reads.
  formSystem(colPtr, rowIdx, vals, sw, n, p, centred, mean, scale, y, 1, 0.0, 0, tmp, colSum, G, B);
  if (!traceFinite(G, p)) return -2;
  if (symmetricEigen(G, p, lam, e, work) != 0) return -1;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yw + o, sw == 0 ? load<f64>(y + o) : Math.sqrt(load<f64>(sw + o)) * load<f64>(y + o));
  }
  for (let k = 0; k < p; k++) {
    const zk = Z + ((<usize>k * <usize>n) << 3);
    const vk = G + ((<usize>k * <usize>p) << 3);
    memory.fill(zk, 0, <usize>n << 3);
    let c: f64 = 0;
    for (let j = 0; j < p; j++) {
      // A constant column is zero once centred (formSystem flagged it with NaN).
      if (isNaN(load<f64>(colSum + (<usize>j << 3)))) continue;
      const u = load<f64>(vk + (<usize>j << 3)) / load<f64>(scale + (<usize>j << 3));
      if (u == 0) continue;
      const a = load<i32>(colPtr + (<usize>j << 2));
      const b = load<i32>(colPtr + (<usize>(j + 1) << 2));
      for (let t = a; t < b; t++) {
        const o = zk + (<usize>load<i32>(rowIdx + (<usize>t << 2)) << 3);
        store<f64>(o, load<f64>(o) + u * load<f64>(vals + (<usize>t << 3)));
      }
      c += u * load<f64>(mean + (<usize>j << 3));
    }
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      const d = load<f64>(zk + o) - c;
      store<f64>(zk + o, sw == 0 ? d : Math.sqrt(load<f64>(sw + o)) * d);
    }
  }
  finishBasis(Z, yw, n, p, lam, z);
  interceptLeverage(lev, sw, n, centred);
  return p;
}
