import { rng } from './data.js';

/** A binary problem with a sparse logistic signal; columns of different scales, some correlated. */
export function binaryProblem(n: number, p: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const beta = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? r.normal() : 0));
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    const row = Array.from({ length: p }, (_, j) => (0.5 * z + r.normal()) * (1 + j % 4) + (j % 5));
    let eta = 0.3;
    for (let j = 0; j < p; j++) eta += (beta[j] * (row[j] - (j % 5))) / (1 + j % 4);
    X.push(row);
    y.push(r.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { X, y };
}
