import { Lasso } from './models/Lasso.js';
import { Ridge } from './models/Ridge.js';
import { lassoPath } from './paths/enetPath.js';
import { LassoCV } from './selection/ElasticNetCV.js';
import { RidgeCV } from './selection/RidgeCV.js';

/**
 * The warm-up of the WASM core's hot kernels, as small separate steps.
 *
 * V8 (and other engines) first run WebAssembly with a quick baseline compiler
 * (Liftoff) and recompile a function with the optimizing one only once it has
 * run for a while; a first large fit in a fresh page or process then runs 3–4×
 * slower than later ones (113 ms instead of 30 ms for Ridge on 10000×200).
 * A few small fits move that cost into `ready()`. Each step is one small fit
 * (a few ms), so `ready()` can yield to the event loop between steps and never
 * blocks a page for long. The results are discarded; a failure here is not
 * the caller's problem and is ignored.
 */
export function warmUpSteps(): (() => void)[] {
  const n = 256;
  const p = 64;
  const data = new Float64Array(n * p);
  let s = 12345;
  for (let k = 0; k < data.length; k++) {
    s = (s * 16807) % 2147483647; // Park–Miller: deterministic, no dependency
    data[k] = s / 2147483647 - 0.5;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = data[i * p] - 2 * data[i * p + 1] + 0.1 * data[i * p + 2];
  const tall = { data, rows: n, cols: p };
  const wide = { data: data.subarray(0, 32 * p), rows: 32, cols: p };
  const quiet = { onWarning: () => {} };
  const steps = [
    () => new Lasso({ alpha: 0.01, ...quiet }).fit(tall, y),
    () => new Ridge({ alpha: 1 }).fit(tall, y),
    () => new Ridge({ alpha: 1 }).fit(wide, y.subarray(0, 32)),
    () => lassoPath(tall, y, { nAlphas: 20, ...quiet }),
    () => lassoPath(tall, y, { nAlphas: 20, precompute: false, ...quiet }),
    () => new LassoCV({ cv: 3, nAlphas: 10, ...quiet }).fit(tall, y),
    () => new RidgeCV({ alphas: [0.1, 1, 10] }).fit(tall, y),
  ];
  return steps.map((step) => () => {
    try {
      step();
    } catch {
      // Warming up is an optimization only.
    }
  });
}
