// The logistic function 1/(1 + e^(−s)) without overflow, on the shared exp
// port — twin of src/math/sigmoid.ts, same operations in the same order.
import { exp } from "./exp";

export function sigmoid(s: f64): f64 {
  if (s >= 0) return 1 / (1 + exp(-s));
  const e = exp(s);
  return e / (1 + e);
}
