#!/usr/bin/env node
// Off-thread and parallel fits: `node bench/parallel.js [--shape tall,square,wide] [--case lassoCV10,lassoCV5,ridgeCV5,enetCV5] [--max-time 3] [--min-samples 3] [--workers 2] [--ceiling] [--cores]`
// (`npm run bench` runs it after the one-thread suite when the lassoCV case is selected).
//
// For each shape, times the one-thread fit, fitAsync on a pool of 1 worker
// (the cost of going through a worker: packing X, transfer, the worker's
// fit, the fields back) and on a pool of m workers (cross-validation folds
// spread over the workers), and reports the speedup over the one-thread fit:
// the three variants run interleaved, round after round, and the speedup is
// the median of the per-round ratios (with their quartiles and range), so a
// slow phase of a shared VM hits both sides of each ratio. With --ceiling,
// one more variant runs m whole one-thread fits at once, each on a pool of its
// own: m × (1 worker) / (m fits at once) is what m threads of this machine
// give on this work when nothing has to be split or waited for — the ceiling
// the parallel speedup is measured against (below m when the cores slow each
// other down: shared caches and memory bandwidth, SMT siblings, the host).
// Every async result must equal the one-thread fit bit for bit. Also reports
// what a call sends: X packed once into a SharedArrayBuffer (Node) and read by
// every worker, or one transferred copy per task — and the process's peak RSS
// (worker threads included) after the one-thread, 1-worker and m-worker runs:
// what each worker's own WebAssembly memory adds. Peaks only grow, so run one
// shape at a time (--shape) for clean per-shape figures. With --cores (Linux,
// needs taskset), each round starts by timing the same short kernel pinned to
// each core in turn (bench/coreSpeed.js, run by bench/coreMonitor.js): the slowest core's on-CPU time over
// the fastest's, per round, shows when the cores themselves run at different
// speeds (a shared host), which caps the speedup whatever the split; the
// share of the pinned run spent waiting for its core shows other processes
// (which take more from 2 busy workers than from one thread). The check also
// runs after the last round, and the speedup is also given over the rounds
// whose checks before and after both found the cores alike (CORES_ALIKE).
import { cpus } from 'node:os';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SHAPES, SHAPE_NAMES, makeDataset, flat } from './datasets.js';
import { LASSO_TOL, PATH_N_ALPHAS, PATH_EPS, RIDGE_CV_ALPHAS } from './cases.js';

function parseArgs(argv) {
  const o = { shapes: SHAPE_NAMES, maxTime: 3, workers: 2, minSamples: 3, cases: null, ceiling: false, cores: false };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    if (argv[i] === '--shape' || argv[i] === '--shapes') o.shapes = v().split(',');
    else if (argv[i] === '--max-time') o.maxTime = Number(v());
    else if (argv[i] === '--workers') o.workers = Number(v());
    else if (argv[i] === '--min-samples') o.minSamples = Number(v());
    else if (argv[i] === '--case' || argv[i] === '--cases') o.cases = v().split(',');
    else if (argv[i] === '--ceiling') o.ceiling = true;
    else if (argv[i] === '--cores') o.cores = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  for (const s of o.shapes) if (!SHAPES[s]) throw new Error(`unknown shape ${s}`);
  for (const c of o.cases ?? []) if (!PARALLEL_CASES.some((k) => k.name === c)) throw new Error(`unknown case ${c} (${PARALLEL_CASES.map((k) => k.name).join(', ')})`);
  return o;
}

export const PARALLEL_CASES = [
  { name: 'lassoCV10', title: 'LassoCV, 10 folds', make: (lib) => new lib.LassoCV({ cv: 10, nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL }) },
  { name: 'lassoCV5', title: 'LassoCV, 5 folds', make: (lib) => new lib.LassoCV({ cv: 5, nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL }) },
  { name: 'ridgeCV5', title: `RidgeCV, 5 folds, ${RIDGE_CV_ALPHAS.length} alphas`, make: (lib) => new lib.RidgeCV({ cv: 5, alphas: RIDGE_CV_ALPHAS }) },
  // Only when asked for (--case enetCV5): the (fold, l1Ratio) units of parallel ElasticNetCV.
  { name: 'enetCV5', title: 'ElasticNetCV, 5 folds, l1Ratio 0.5 and 0.9', optIn: true, make: (lib) => new lib.ElasticNetCV({ cv: 5, l1Ratio: [0.5, 0.9], nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL }) },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function sameBits(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Interleaved timing: one untimed run of each variant, then rounds in which
 * every variant runs once (the order rotating from round to round), for ≥
 * minSamples rounds and while maxTime seconds per variant last. On a shared VM whose speed
 * drifts over seconds (other jobs, a host that slows down for a while), slow
 * and fast phases then hit every variant alike, and the ratio of two variants
 * is taken round by round (paired): their median is the speedup quoted, the
 * quartiles of the paired ratios its spread. `onFirst(i)` runs after variant
 * i's untimed run (the peak-RSS readings).
 */
async function timeInterleaved(variants, check, maxTime, minSamples, onFirst = () => {}, beforeRound = () => {}, afterRounds = () => {}) {
  for (let i = 0; i < variants.length; i++) {
    check(await variants[i]());
    onFirst(i);
  }
  const times = variants.map(() => []);
  // maxTime per variant, as bench/run.js budgets each benchmark.
  const end = performance.now() + maxTime * 1000 * variants.length;
  for (let round = 0; round < minSamples || (performance.now() < end && round < 50); round++) {
    await beforeRound();
    for (let t = 0; t < variants.length; t++) {
      const i = (round + t) % variants.length;
      const t0 = performance.now();
      const r = await variants[i]();
      times[i].push(performance.now() - t0);
      check(r);
    }
  }
  await afterRounds();
  return times;
}

/**
 * --cores: a round counts as one "with the cores alike" when the slowest
 * core's on-CPU time for the same kernel was within this factor of the
 * fastest's both before and after it (the host's state can change within a
 * round, so one check is not enough). On the test VM the cores were either
 * within ~5 % of each other or ~1.5× apart, for minutes at a time.
 */
const CORES_ALIKE = 1.1;

/** The q-quantile (0…1) of xs, linear between order statistics. */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
};

/**
 * --cores: bench/coreMonitor.js started once, in a process of its own (a
 * fork of this one would cost the next round a page fault per page it
 * writes: see there). `check()` resolves to the kernel of bench/coreSpeed.js
 * timed pinned to each core ({ ms, cpuMs, waitMs } per core), or null where
 * taskset is missing (not Linux) or fails.
 */
function startCoreMonitor() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./coreMonitor.js', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async check() {
      child.stdin.write('check\n');
      const { value, done } = await lines.next();
      return done ? null : JSON.parse(value);
    },
    close() {
      child.stdin.end();
    },
  };
}

export async function runParallel(opts, log = console.log) {
  const lib = await import('../dist/index.js');
  await lib.ready();
  const one = lib.createPool({ size: 1 });
  const many = lib.createPool({ size: opts.workers });
  // --ceiling: m pools of one worker each, for m independent fits at once.
  const singles = opts.ceiling ? Array.from({ length: opts.workers }, () => lib.createPool({ size: 1 })) : [];
  const monitor = opts.cores ? startCoreMonitor() : null;
  const results = [];
  try {
    for (const shape of opts.shapes) {
      const ds = makeDataset(shape);
      const X = flat(ds);
      for (const c of PARALLEL_CASES.filter((k) => (opts.cases ? opts.cases.includes(k.name) : !k.optIn))) {
        const ref = c.make(lib).fit(X, ds.y);
        const check = (m) => {
          if (!sameBits(m.coef, ref.coef) || !Object.is(m.alpha, ref.alpha) || !sameBits(m.mseMean, ref.mseMean)) {
            throw new Error(`${c.name}/${shape}: an async fit differs from the one-thread fit`);
          }
        };
        // Peak RSS of this process (worker threads included) after each variant's first run: what the workers add.
        const peak = () => process.resourceUsage().maxRSS * 1024;
        const rss = [];
        const variants = [() => c.make(lib).fit(X, ds.y), () => c.make(lib).fitAsync(X, ds.y, null, { pool: one }), () => c.make(lib).fitAsync(X, ds.y, null, { pool: many })];
        if (opts.ceiling) variants.push(async () => (await Promise.all(singles.map((pool) => c.make(lib).fitAsync(X, ds.y, null, { pool })))).reduce((_, m) => (check(m), m)));
        // Slowest core / fastest core (on-CPU time where known) and the largest share of waiting, before each round (--cores).
        const coreRatios = [];
        const coreWaits = [];
        const beforeRound = async () => {
          const per = monitor ? await monitor.check() : null;
          if (!per) return;
          const speed = per.map((c) => c.cpuMs ?? c.ms);
          coreRatios.push(Math.max(...speed) / Math.min(...speed));
          coreWaits.push(Math.max(...per.map((c) => (c.waitMs ?? 0) / c.meanMs)));
        };
        // And once after the last round: round i lies between checks i and i + 1.
        const [sync, w1, wm, apart] = await timeInterleaved(variants, check, opts.maxTime, opts.minSamples, (i) => { rss[i] = peak(); }, beforeRound, beforeRound);
        // Speedup: one thread / m workers in each round, then the median and quartiles of those ratios.
        const ratios = sync.map((t, i) => t / wm[i]);
        // And over the same fit on 1 worker, both sides in worker threads: pinned to one core (taskset), the
        // one-thread fit and the 1-worker fit take the same time, but unpinned on the test VM the 1-worker fit
        // was most often the slower one, by up to 20 % (the main thread and a worker land on unequal cores).
        const workerRatios = w1.map((t, i) => t / wm[i]);
        const [rssSync, rssOne, rssMany] = rss;
        const r = {
          case: c.name, shape, n: ds.n, p: ds.p, syncMs: median(sync), oneWorkerMs: median(w1), workers: opts.workers, parallelMs: median(wm),
          speedup: median(ratios), speedupOverOneWorker: median(workerRatios), speedupQ1: quantile(ratios, 0.25), speedupQ3: quantile(ratios, 0.75), speedupMin: Math.min(...ratios), speedupMax: Math.max(...ratios), rounds: ratios.length,
          xBytes: ds.n * ds.p * 8, peakRssSync: rssSync, peakRssOneWorker: rssOne, peakRssWorkers: rssMany,
        };
        if (apart) {
          // m whole fits at once against one fit on one worker, paired by round.
          r.independentMs = median(apart);
          r.ceiling = median(w1.map((t, i) => (opts.workers * t) / apart[i]));
        }
        if (coreRatios.length) {
          r.coreRatio = median(coreRatios);
          r.coreRatioMax = Math.max(...coreRatios);
          r.coreWait = median(coreWaits);
          // The speedup where the machine gave m equal cores: what the split itself achieves.
          const alike = ratios.filter((_, i) => Math.max(coreRatios[i], coreRatios[i + 1] ?? Infinity) <= CORES_ALIKE);
          r.roundsCoresAlike = alike.length;
          r.speedupCoresAlike = alike.length ? median(alike) : null;
        }
        results.push(r);
        const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
        const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
        const ceiling = apart ? `   ceiling ${r.ceiling.toFixed(2)}× (${opts.workers} whole fits at once ${f(r.independentMs)} ms)` : '';
        const alike = r.roundsCoresAlike ? `; speedup ${r.speedupCoresAlike.toFixed(2)}× over the ${r.roundsCoresAlike} rounds with the cores alike (≤ ${CORES_ALIKE}× before and after)` : '; no round with the cores alike';
        const cores = r.coreRatio ? `   cores slowest/fastest ${r.coreRatio.toFixed(2)}× (max ${r.coreRatioMax.toFixed(2)}×), waiting for a core ${(100 * r.coreWait).toFixed(0)} %${alike}` : '';
        log(`${c.name.padEnd(10)}${shape.padEnd(7)} one thread ${f(r.syncMs).padStart(6)} ms   1 worker ${f(r.oneWorkerMs).padStart(6)} ms   ${opts.workers} workers ${f(r.parallelMs).padStart(6)} ms   speedup ${r.speedup.toFixed(2)}× (quartiles ${r.speedupQ1.toFixed(2)}–${r.speedupQ3.toFixed(2)}, range ${r.speedupMin.toFixed(2)}–${r.speedupMax.toFixed(2)}, ${r.rounds} paired rounds; over 1 worker ${r.speedupOverOneWorker.toFixed(2)}×)${ceiling}${cores}   bit-identical   X ${(r.xBytes / 2 ** 20).toFixed(1)} MiB shared once   peak RSS ${mib(rssSync)} → ${mib(rssOne)} → ${mib(rssMany)}`);
      }
    }
  } finally {
    await one.close();
    await many.close();
    for (const pool of singles) await pool.close();
    monitor?.close();
  }
  return results;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`penalized off-thread fits — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)`);
  runParallel(opts).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
