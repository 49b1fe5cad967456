/**
 * Twin of assembly/solvers/strongRule.ts: the sequential strong rule
 * (Tibshirani et al. 2012, §2.2) that seeds the working set of the
 * elastic-net solver (the logistic solver's `refreshedStrongSet` fuses it with
 * its gradient refresh). Fills `inW` and `list`, returns the
 * working set's size. `pf` null means all factors 1.
 */
export function strongWorkingSet(
  p: number, coef: Float64Array, g: Float64Array, norm: Float64Array, pf: Float64Array | null, positive: boolean,
  l1Reg: number, l1Prev: number, inW: Int32Array, list: Int32Array,
): number {
  const strong = 2 * l1Reg - l1Prev;
  let nW = 0;
  for (let j = 0; j < p; j++) {
    let keep = false;
    if (norm[j] !== 0) {
      const f = pf === null ? 1 : pf[j];
      const gj = g[j];
      keep = coef[j] !== 0 || f === 0 || (positive ? gj : Math.abs(gj)) >= f * strong;
    }
    inW[j] = keep ? 1 : 0;
    if (keep) list[nW++] = j;
  }
  return nW;
}
