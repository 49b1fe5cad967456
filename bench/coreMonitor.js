#!/usr/bin/env node
// The core-speed check of `bench/parallel.js --cores`, as a process of its own
// that the benchmark starts once and asks over a pipe: for each line read on
// stdin it runs bench/coreSpeed.js pinned to each core in turn (taskset) and
// writes one line, the JSON array of their results (null where taskset is
// missing or fails).
//
// Why not spawn them from the benchmark itself: spawning a child forks the
// spawning process, which marks all its writable memory copy-on-write, so
// the next fit takes a page fault on every page it writes again. On the test
// VM (~20 µs a fault), a 2-worker LassoCV on `wide` took ~4 500 more minor
// faults and ~25 % longer in the round after such a check (345 → 430 ms,
// 1.79× → 1.44–1.54× over the one-thread fit, whose memory is mostly read),
// which the old check then blamed on the cores. Forking this small process
// instead leaves the benchmark's memory alone.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./coreSpeed.js', import.meta.url));

function check() {
  const out = [];
  for (let c = 0; c < cpus().length; c++) {
    const r = spawnSync('taskset', ['-c', String(c), process.execPath, script], { encoding: 'utf8' });
    if (r.status !== 0) return null;
    out.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  return out;
}

createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`${JSON.stringify(check())}\n`));
