import type { Moments } from '../backends/chunkMoments.js';

export type { Moments };

/** Zero moments of q = p + 1 variables (no rows). */
export function emptyMoments(q: number): Moments {
  return { count: 0, weight: 0, mean: new Float64Array(q), C: new Float64Array(q * q) };
}

export function copyMoments(m: Moments): Moments {
  return { count: m.count, weight: m.weight, mean: m.mean.slice(), C: m.C.slice() };
}

/**
 * a ← a ∪ b: the pairwise update of Chan, Golub & LeVeque ("Updating formulae
 * and a pairwise algorithm for computing sample variances", 1979; weighted
 * form in their 1983 review, eq. 2.1): with δ = z̄_b − z̄_a and W = W_a + W_b,
 *   z̄ = z̄_a + δ·W_b/W,   C = C_a + C_b + (W_a·W_b/W)·δδᵀ.
 * Both co-moments are about their own means, so nothing cancels however large
 * the means are; merging pairwise keeps the rounding error growing with the
 * logarithm of the number of pieces.
 */
export function mergeMoments(a: Moments, b: Moments): void {
  a.count += b.count;
  if (!(b.weight > 0)) return;
  const q = a.mean.length;
  if (!(a.weight > 0)) {
    a.weight = b.weight;
    a.mean.set(b.mean);
    a.C.set(b.C);
    return;
  }
  const W = a.weight + b.weight;
  const f = (a.weight * b.weight) / W;
  const delta = new Float64Array(q);
  for (let j = 0; j < q; j++) delta[j] = b.mean[j] - a.mean[j];
  for (let j = 0; j < q; j++) {
    const dj = f * delta[j];
    const o = j * q;
    for (let k = 0; k < q; k++) a.C[o + k] = a.C[o + k] + b.C[o + k] + dj * delta[k];
  }
  const r = b.weight / W;
  for (let j = 0; j < q; j++) a.mean[j] = a.mean[j] + delta[j] * r;
  a.weight = W;
}

/** The moments of the union of the given pieces (merged as a balanced binary tree, pairwise). */
export function mergeAll(pieces: Moments[], q: number): Moments {
  if (pieces.length === 0) return emptyMoments(q);
  let level = pieces.map(copyMoments);
  while (level.length > 1) {
    const next: Moments[] = [];
    for (let i = 0; i < level.length; i += 2) {
      if (i + 1 < level.length) mergeMoments(level[i], level[i + 1]);
      next.push(level[i]);
    }
    level = next;
  }
  return level[0];
}
