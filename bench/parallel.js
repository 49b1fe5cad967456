#!/usr/bin/env node
// Off-thread and parallel fits: `node bench/parallel.js [--shape tall,square,wide] [--max-time 3] [--workers 2]`
// (`npm run bench` runs it after the one-thread suite when the lassoCV case is selected).
//
// For each shape, times the one-thread fit, fitAsync on a pool of 1 worker
// (the cost of going through a worker: packing X, transfer, the worker's
// fit, the fields back) and on a pool of m workers (cross-validation folds
// spread over the workers), and reports the speedup over the one-thread fit.
// Every async result must equal the one-thread fit bit for bit. Also reports
// what a call sends: X packed once into a SharedArrayBuffer (Node) and read by
// every worker, or one transferred copy per task — and the process's peak RSS
// (worker threads included) after the one-thread, 1-worker and m-worker runs:
// what each worker's own WebAssembly memory adds. Peaks only grow, so run one
// shape at a time (--shape) for clean per-shape figures.
import { cpus } from 'node:os';
import { SHAPES, SHAPE_NAMES, makeDataset, flat } from './datasets.js';
import { LASSO_TOL, PATH_N_ALPHAS, PATH_EPS, RIDGE_CV_ALPHAS } from './cases.js';

function parseArgs(argv) {
  const o = { shapes: SHAPE_NAMES, maxTime: 3, workers: 2, minSamples: 3 };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    if (argv[i] === '--shape' || argv[i] === '--shapes') o.shapes = v().split(',');
    else if (argv[i] === '--max-time') o.maxTime = Number(v());
    else if (argv[i] === '--workers') o.workers = Number(v());
    else if (argv[i] === '--min-samples') o.minSamples = Number(v());
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  for (const s of o.shapes) if (!SHAPES[s]) throw new Error(`unknown shape ${s}`);
  return o;
}

export const PARALLEL_CASES = [
  { name: 'lassoCV10', title: 'LassoCV, 10 folds', make: (lib) => new lib.LassoCV({ cv: 10, nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL }) },
  { name: 'lassoCV5', title: 'LassoCV, 5 folds', make: (lib) => new lib.LassoCV({ cv: 5, nAlphas: PATH_N_ALPHAS, eps: PATH_EPS, tol: LASSO_TOL }) },
  { name: 'ridgeCV5', title: `RidgeCV, 5 folds, ${RIDGE_CV_ALPHAS.length} alphas`, make: (lib) => new lib.RidgeCV({ cv: 5, alphas: RIDGE_CV_ALPHAS }) },
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

/** Median ms of `fn` (async allowed) over ≥ minSamples runs within maxTime seconds, after one untimed run. */
async function timeIt(fn, check, maxTime, minSamples) {
  check(await fn());
  const t = [];
  const end = performance.now() + maxTime * 1000;
  while (t.length < minSamples || (performance.now() < end && t.length < 50)) {
    const t0 = performance.now();
    const r = await fn();
    t.push(performance.now() - t0);
    check(r);
  }
  return { ms: median(t), samples: t.length };
}

export async function runParallel(opts, log = console.log) {
  const lib = await import('../dist/index.js');
  await lib.ready();
  const one = lib.createPool({ size: 1 });
  const many = lib.createPool({ size: opts.workers });
  const results = [];
  try {
    for (const shape of opts.shapes) {
      const ds = makeDataset(shape);
      const X = flat(ds);
      for (const c of PARALLEL_CASES) {
        const ref = c.make(lib).fit(X, ds.y);
        const check = (m) => {
          if (!sameBits(m.coef, ref.coef) || !Object.is(m.alpha, ref.alpha) || !sameBits(m.mseMean, ref.mseMean)) {
            throw new Error(`${c.name}/${shape}: an async fit differs from the one-thread fit`);
          }
        };
        // Peak RSS of this process (worker threads included) after each stage: what the workers add.
        const peak = () => process.resourceUsage().maxRSS * 1024;
        const sync = await timeIt(() => c.make(lib).fit(X, ds.y), check, opts.maxTime, opts.minSamples);
        const rssSync = peak();
        const w1 = await timeIt(() => c.make(lib).fitAsync(X, ds.y, null, { pool: one }), check, opts.maxTime, opts.minSamples);
        const rssOne = peak();
        const wm = await timeIt(() => c.make(lib).fitAsync(X, ds.y, null, { pool: many }), check, opts.maxTime, opts.minSamples);
        const rssMany = peak();
        const r = {
          case: c.name, shape, n: ds.n, p: ds.p, syncMs: sync.ms, oneWorkerMs: w1.ms, workers: opts.workers, parallelMs: wm.ms, speedup: sync.ms / wm.ms,
          xBytes: ds.n * ds.p * 8, peakRssSync: rssSync, peakRssOneWorker: rssOne, peakRssWorkers: rssMany,
        };
        results.push(r);
        const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
        const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
        log(`${c.name.padEnd(10)}${shape.padEnd(7)} one thread ${f(sync.ms).padStart(6)} ms   1 worker ${f(w1.ms).padStart(6)} ms   ${opts.workers} workers ${f(wm.ms).padStart(6)} ms   speedup ${r.speedup.toFixed(2)}×   bit-identical   X ${(r.xBytes / 2 ** 20).toFixed(1)} MiB shared once   peak RSS ${mib(rssSync)} → ${mib(rssOne)} → ${mib(rssMany)}`);
      }
    }
  } finally {
    await one.close();
    await many.close();
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
