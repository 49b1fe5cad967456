#!/usr/bin/env node
// One core's speed on penalized's kernels, for `bench/parallel.js --cores`: run
// pinned to a core (`taskset -c i node bench/coreSpeed.js`), it times a short
// lassoPath (the Gram matrix by the SYRK kernel, then coordinate descent — the
// work of a cross-validation fold) 15 times and prints the median wall time
// per run, and the mean wall time, on-CPU time and run-queue wait per run (ms;
// the last two from /proc/thread-self/schedstat, null where there is none): a
// core slower than the other shows in the CPU time, other processes on it in
// the wait.
// On a VM whose virtual cores share physical ones with other guests (SMT
// siblings, an oversubscribed host), the same work can take ~1.4× longer on
// one core than on the other for seconds at a time, with no run-queue wait
// inside the guest: a parallel speedup then cannot exceed 1 + fast/slow
// speed when the one-thread fit it is compared with ran on the fast core.
import { readFileSync } from 'node:fs';
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
/** [on-CPU ns, run-queue wait ns] of this thread, or null. */
const schedstat = () => {
  try {
    return readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').slice(0, 2).map(Number);
  } catch {
    return null;
  }
};
// The kernel updates a running thread's schedstat at scheduler ticks (every few ms):
// CPU time and wait are taken over all the runs together, per run.
const runs = 15;
const wall = [];
const s0 = schedstat();
const t0 = performance.now();
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  run();
  wall.push(performance.now() - t);
}
const total = performance.now() - t0;
const s1 = schedstat();
wall.sort((a, b) => a - b);
const per = (ns) => ns / 1e6 / runs;
console.log(JSON.stringify({ ms: wall[runs >> 1], meanMs: total / runs, cpuMs: s0 && s1 ? per(s1[0] - s0[0]) : null, waitMs: s0 && s1 ? per(s1[1] - s0[1]) : null }));
