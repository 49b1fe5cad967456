import { exp } from './exp.js';

/** The logistic function 1/(1 + e^(−s)) without overflow, on the shared exp port (same bits on every engine). */
export function sigmoid(s: number): number {
  if (s >= 0) return 1 / (1 + exp(-s));
  const e = exp(s);
  return e / (1 + e);
}
