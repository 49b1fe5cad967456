#!/usr/bin/env node
// One core's speed on penalized's kernels, for `bench/parallel.js --cores`: run
// pinned to a core (`taskset -c i node bench/coreSpeed.js`), it times a short
// lassoPath (the Gram matrix by the SYRK kernel, then coordinate descent — the
// work of a cross-validation fold) a few times and prints the median in ms.
// On a VM whose virtual cores share physical ones with other guests (SMT
// siblings, an oversubscribed host), the same work can take ~1.4× longer on
// one core than on the other for seconds at a time, with no run-queue wait
// inside the guest: a parallel speedup then cannot exceed 1 + fast/slow
// speed when the one-thread fit it is compared with ran on the fast core.
import { makeRng } from './datasets.js';

const lib = await import('../dist/index.js');
await lib.ready();
const n = 600;
const p = 300;
const rng = makeRng(5);
const data = new Float64Array(n * p);
for (let i = 0; i < data.length; i++) data[i] = rng.normal();
const y = Float64Array.from({ length: n }, (_, i) => data[i * p] - data[i * p + 7] + rng.normal());
const X = { data, rows: n, cols: p };
const run = () => lib.lassoPath(X, y, { nAlphas: 40, eps: 1e-3 });
run();
const times = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  run();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ ms: times[times.length >> 1] }));
