#!/usr/bin/env node
// penalized benchmark suite: `npm run bench` (builds first) or `node bench/run.js`.
//
//   node bench/run.js [--shape tall,square,wide] [--case lasso,ridge,...] [--backend wasm,js]
//                     [--max-time 3] [--min-samples 5] [--json out.json] [--list]
//
// Environment equivalents: BENCH_SHAPES, BENCH_CASES, BENCH_BACKENDS,
// BENCH_MAX_TIME, BENCH_MIN_SAMPLES. See bench/README.md.
//
// Every (case, shape, backend) runs in its own Node process, so WebAssembly
// memory (which only grows) and peak RSS belong to that case alone. Inside
// it, the first result is checked in full (objective against a tight solve or
// an optimality certificate, see bench/cases.js) before timing, and every
// timed result must reproduce it bit for bit — a benchmark that starts
// computing garbage fails loudly instead of reporting a time. The parent then
// checks that the WASM and JS backends returned identical coefficients.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CASES, CASE_NAMES } from './cases.js';
import { SHAPES, SHAPE_NAMES, makeDataset } from './datasets.js';
import { runParallel } from './parallel.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CACHE_DIR = `${here}native/out/cache/`;
const BACKENDS = ['wasm', 'js'];
const RESULT_TAG = '@@bench-result ';

function parseArgs(argv) {
  const env = process.env;
  const list = (v) => (v == null ? null : String(v).split(',').map((s) => s.trim()).filter(Boolean));
  const o = {
    shapes: list(env.BENCH_SHAPES),
    cases: list(env.BENCH_CASES),
    backends: list(env.BENCH_BACKENDS),
    maxTime: env.BENCH_MAX_TIME ? Number(env.BENCH_MAX_TIME) : 3,
    minSamples: env.BENCH_MIN_SAMPLES ? Number(env.BENCH_MIN_SAMPLES) : 5,
    json: null,
    list: false,
    child: null,
    prepare: null,
  };
  // A command-line flag replaces the environment's list; repeating it appends.
  const fromArgs = new Set();
  const add = (key, v) => {
    o[key] = [...(fromArgs.has(key) ? o[key] : []), ...list(v)];
    fromArgs.add(key);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => {
      if (inline != null) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--shape': case '--shapes': add('shapes', value()); break;
      case '--case': case '--cases': add('cases', value()); break;
      case '--backend': case '--backends': add('backends', value()); break;
      case '--max-time': o.maxTime = Number(value()); break;
      case '--min-samples': o.minSamples = Number(value()); break;
      case '--json': o.json = value(); break;
      case '--list': o.list = true; break;
      case '--child': o.child = [argv[++i], argv[++i], argv[++i]]; break;
      case '--prepare': o.prepare = [argv[++i], argv[++i]]; break;
      case '-h': case '--help':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
        break;
      default: throw new Error(`unknown argument ${a} (see --help)`);
    }
  }
  o.shapes ??= SHAPE_NAMES;
  o.cases ??= CASE_NAMES;
  o.backends ??= BACKENDS;
  for (const s of o.shapes) if (!SHAPES[s]) throw new Error(`unknown shape "${s}"; known: ${SHAPE_NAMES.join(', ')}`);
  for (const c of o.cases) if (!CASE_NAMES.includes(c)) throw new Error(`unknown case "${c}"; known: ${CASE_NAMES.join(', ')}`);
  for (const b of o.backends) if (!BACKENDS.includes(b)) throw new Error(`unknown backend "${b}"; known: ${BACKENDS.join(', ')}`);
  if (!(o.maxTime > 0)) throw new Error('--max-time must be a positive number of seconds');
  if (!(Number.isInteger(o.minSamples) && o.minSamples >= 1)) throw new Error('--min-samples must be a positive integer');
  return o;
}

async function loadLib() {
  const lib = await import('../dist/index.js');
  await lib.ready();
  return lib;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function sameBits(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function digest(f64) {
  return createHash('sha256').update(new Uint8Array(f64.buffer, f64.byteOffset, f64.byteLength)).digest('hex').slice(0, 16);
}

/** Key of a data set's contents, so a cached reference can never be used for other data. */
function datasetKey(ds) {
  return digest(ds.y) + digest(ds.X.subarray(0, Math.min(ds.X.length, 4096)));
}

function cachePath(caseName, shape) {
  return `${CACHE_DIR}tight-${caseName}-${shape}.json`;
}

function readTight(c, ds) {
  if (!c.tight) return null;
  const path = cachePath(c.name, ds.name);
  if (!existsSync(path)) return undefined;
  const cached = JSON.parse(readFileSync(path, 'utf8'));
  return cached.key === datasetKey(ds) ? cached.value : undefined;
}

// ---- child: --prepare <case> <shape> computes and caches the tight reference.
async function prepare([caseName, shape]) {
  const c = CASES.find((k) => k.name === caseName);
  const ds = makeDataset(shape);
  if (readTight(c, ds) !== undefined) return;
  const lib = await loadLib();
  const t0 = performance.now();
  const value = c.tight(lib, ds);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cachePath(caseName, shape), JSON.stringify({ key: datasetKey(ds), value }, null, 1));
  console.error(`  tight reference for ${caseName}/${shape} computed in ${((performance.now() - t0) / 1000).toFixed(1)} s (cached in ${cachePath(caseName, shape).slice(here.length - 6)})`);
}

// ---- child: --child <case> <shape> <backend> runs one benchmark and prints one JSON line.
async function child([caseName, shape, backend], opts) {
  const c = CASES.find((k) => k.name === caseName);
  const ds = makeDataset(shape);
  const lib = await loadLib();
  const out = { case: caseName, shape, backend };
  const avail = c.available(lib);
  if (avail !== true) {
    process.stdout.write(RESULT_TAG + JSON.stringify({ ...out, skipped: avail }) + '\n');
    return;
  }
  const tight = readTight(c, ds);
  if (tight === undefined) throw new Error(`no tight reference for ${caseName}/${shape}; run without --child`);
  const rssBaseline = process.memoryUsage().rss;
  const { run, fingerprint, assess } = c.setup(lib, ds, backend, tight);

  // Full check of one result before any timing.
  const t0 = performance.now();
  const first = run();
  const firstMs = performance.now() - t0;
  const verdict = assess(first);
  if (!verdict.ok) {
    throw new Error(`${caseName}/${shape}/${backend} computes a wrong answer: ${verdict.problems.join('; ')}`);
  }
  const reference = Float64Array.from(fingerprint(first));

  const { default: Benchmark } = await import('benchmark');
  Benchmark.support.decompilation = false; // call fn() as written: it closes over module state
  let checked = 0;
  const bench = new Benchmark(`${caseName}/${shape}/${backend}`, () => {
    const r = run();
    if (!sameBits(fingerprint(r), reference)) {
      throw new Error(`${caseName}/${shape}/${backend}: a timed run returned different coefficients than the verified one`);
    }
    checked++;
  }, { minSamples: opts.minSamples, maxTime: opts.maxTime, initCount: 1, delay: 0 });
  bench.run({ async: false });
  if (bench.error) throw bench.error;
  if (checked === 0) throw new Error('no timed run was checked');

  const sample = bench.stats.sample;
  const mem = typeof lib.memoryStats === 'function' ? lib.memoryStats() : null;
  process.stdout.write(RESULT_TAG + JSON.stringify({
    ...out,
    medianMs: median(sample) * 1000,
    meanMs: bench.stats.mean * 1000,
    rme: bench.stats.rme,
    samples: sample.length,
    runs: checked + 1,
    firstMs,
    accuracy: verdict.accuracy,
    metrics: verdict.metrics,
    digest: digest(reference),
    // The peak: after a fit past 256 MiB the core's memory is given back (memoryStats' wasmMemoryBytes is small again).
    wasmMemoryBytes: mem ? (mem.peakWasmMemoryBytes ?? mem.wasmMemoryBytes) : null,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes: rssBaseline,
  }) + '\n');
}

// ---- parent
function spawnChild(args) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26,
  });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith(RESULT_TAG));
  if (r.status !== 0) {
    process.stdout.write(r.stdout || '');
    throw new Error(`benchmark process ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
  }
  return line ? JSON.parse(line.slice(RESULT_TAG.length)) : null;
}

const mib = (b) => (b == null ? '—' : `${(b / 2 ** 20).toFixed(1)} MiB`);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pad = (s, w) => String(s).padEnd(w);
/** A case name column: 10 wide, or one space after a longer name. */
const caseCol = (c) => pad(c, Math.max(10, c.length + 1));
const padl = (s, w) => String(s).padStart(w);

/** Runs the selected cases; returns the result records (also used by bench/native). */
export async function runSuite(opts, log = console.log) {
  const results = [];
  const failures = [];
  const lib = await loadLib();
  for (const shape of opts.shapes) {
    const { n, p } = SHAPES[shape];
    for (const caseName of opts.cases) {
      const c = CASES.find((k) => k.name === caseName);
      const avail = c.available(lib);
      if (avail !== true) {
        log(`${caseCol(caseName)}${pad(shape, 7)} skipped: ${avail}`);
        results.push({ case: caseName, shape, skipped: avail });
        continue;
      }
      if (c.tight) spawnChild(['--prepare', caseName, shape]);
      const rows = [];
      for (const backend of opts.backends) {
        // A case may shorten its JS-backend run on large data (one verified run and one timed sample,
        // said in the log line): the twin's CV on `tall` takes minutes per fit.
        const short = backend === 'js' && typeof c.shortJs === 'function' && c.shortJs(SHAPES[shape]);
        let r;
        try {
          r = spawnChild(['--child', caseName, shape, backend, '--max-time', String(short ? 0.001 : opts.maxTime), '--min-samples', String(short ? 1 : opts.minSamples)]);
        } catch (e) {
          failures.push(e.message);
          log(`${caseCol(caseName)}${pad(shape, 7)}${pad(backend, 5)} FAILED`);
          continue;
        }
        r.n = n;
        r.p = p;
        rows.push(r);
        results.push(r);
        if (short) r.shortened = true;
        log(`${caseCol(caseName)}${pad(shape, 7)}${pad(backend, 5)}${padl(ms(r.medianMs), 9)} ms ±${r.rme.toFixed(1).padStart(4)}% ${padl(r.samples, 3)} samples  wasm mem ${padl(mib(r.wasmMemoryBytes), 10)}  peak RSS ${padl(mib(r.peakRssBytes), 10)}  ${r.accuracy}${short ? '  (JS run shortened for this case: 1 timed sample)' : ''}`);
      }
      const w = rows.find((r) => r.backend === 'wasm');
      const j = rows.find((r) => r.backend === 'js');
      if (w && j) {
        const same = w.digest === j.digest;
        log(`${' '.repeat(22)}js/wasm = ${(j.medianMs / w.medianMs).toFixed(2)}×, results ${same ? 'bit-identical' : 'DIFFER between backends'}`);
        if (!same) failures.push(`${caseName}/${shape}: the WASM and JS backends returned different coefficients (${w.digest} vs ${j.digest})`);
      }
    }
  }
  return { results, failures };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.prepare) return prepare(opts.prepare);
  if (opts.child) return child(opts.child, opts);
  if (opts.list) {
    const lib = await loadLib();
    console.log('shapes:');
    for (const [k, s] of Object.entries(SHAPES)) console.log(`  ${pad(k, 8)}${s.n} × ${s.p}, ${s.nnz} nonzero coefficients, seed ${s.seed}`);
    console.log('cases:');
    for (const c of CASES) {
      const a = c.available(lib);
      console.log(`  ${caseCol(c.name)}${c.title}${a === true ? '' : `  [skipped: ${a}]`}`);
    }
    return;
  }
  console.log(`penalized benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${mib(totalmem())} RAM`);
  console.log(`median of ≥${opts.minSamples} samples, ≤${opts.maxTime} s per benchmark; each result checked (see bench/README.md)\n`);
  const { results, failures } = await runSuite(opts);
  // Off-thread and parallel cross-validation (bench/parallel.js), with the LassoCV case.
  let parallel = [];
  if (opts.cases.includes('lassoCV') && opts.backends.includes('wasm')) {
    console.log('\noff the main thread (bench/parallel.js): one-thread fit, fitAsync on 1 worker and on 2 workers');
    try {
      parallel = await runParallel({ shapes: opts.shapes, maxTime: opts.maxTime, minSamples: Math.min(opts.minSamples, 3), workers: 2 });
    } catch (e) {
      failures.push(`parallel: ${e.message}`);
    }
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, results, parallel }, null, 1));
  if (failures.length) {
    console.error(`\n${failures.length} benchmark(s) FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
