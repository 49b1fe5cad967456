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

/**
 * Largest violation of the KKT conditions of
 * (1/n)Σwᵢℓᵢ + alpha(l1Ratio‖β‖₁ + ½(1 − l1Ratio)‖β‖²): with gⱼ = (1/n)Σwᵢxᵢⱼ(yᵢ − pᵢ) − alpha(1 − l1Ratio)βⱼ,
 * |gⱼ| ≤ alpha·l1Ratio where βⱼ = 0 and gⱼ = alpha·l1Ratio·sign(βⱼ) elsewhere; the intercept's Σwᵢ(yᵢ − pᵢ) = 0.
 */
export function logisticKkt(X: number[][], y01: number[], w: number[] | null, coef: Float64Array, b: number, alpha: number, l1Ratio: number): number {
  const n = X.length;
  const p = coef.length;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += w ? w[i] : 1;
  const res = X.map((row, i) => {
    let eta = b;
    for (let j = 0; j < p; j++) eta += row[j] * coef[j];
    return ((w ? w[i] : 1) * n / wSum) * (y01[i] - 1 / (1 + Math.exp(-eta)));
  });
  let worst = Math.abs(res.reduce((a, v) => a + v, 0)) / n;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += X[i][j] * res[i];
    g = g / n - alpha * (1 - l1Ratio) * coef[j];
    const v = coef[j] === 0 ? Math.max(0, Math.abs(g) - alpha * l1Ratio) : Math.abs(g - alpha * l1Ratio * Math.sign(coef[j]));
    worst = Math.max(worst, v);
  }
  return worst;
}
