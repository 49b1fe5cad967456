#!/usr/bin/env node
// penalized against the native references: scikit-learn (single-threaded
// OpenBLAS) and R glmnet, on the very same bytes.
//
//   node bench/native/run.js [--shape tall,...] [--case lasso,ridge,...] [--max-time 3] [--min-samples 5] [--ceiling] [--cores]
//
// 1. Writes every selected data set of bench/datasets.js to bench/native/out/
//    as raw little-endian f64 (X row-major n·p, then y) plus a JSON file with
//    the shape and the problem parameters (alphas, tolerances, the tight lasso
//    objective each fit is checked against).
// 2. Times scikit-learn (bench/native/sklearn_bench.py) and glmnet
//    (bench/native/glmnet_bench.R) with OPENBLAS_NUM_THREADS=1 (and
//    OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed, so OpenBLAS picks its own
//    kernel for this CPU); a missing Python, scikit-learn, R or glmnet is
//    reported and skipped.
// 3. Times penalized (both backends) with bench/run.js's suite.
// 4. Prints one table: medians, then penalized-wasm / best native and
//    penalized-wasm / penalized-js (time ratios: below 1 means wasm is faster).
// CI does not run this (it needs Python and R); see bench/README.md.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SHAPES, SHAPE_NAMES, makeDataset, alphaMax } from '../datasets.js';
import {
  CASES, CASE_NAMES, LASSO_TOL, LASSO_ALPHA_RATIO, RIDGE_ALPHA, PATH_N_ALPHAS, PATH_EPS, CV_FOLDS, RIDGE_CV_ALPHAS,
} from '../cases.js';
import { LOGISTIC_TOL, LOGISTIC_ALPHA_RATIO, LOGISTIC_N_ALPHAS, LOGISTIC_EPS, LOGISTIC_KKT_OK } from '../logisticCases.js';
import { runSuite } from '../run.js';
import { runParallel } from '../parallel.js';

/** The parallel comparison (bench/parallel.js): LassoCV with this many folds on this many workers/jobs/cores. */
const PARALLEL_CV_FOLDS = 10;
const PARALLEL_WORKERS = 2;

/** The native case a penalized case is compared with (a case that only changes penalized's output form names its twin). */
const nativeCaseOf = (c) => CASES.find((x) => x.name === c)?.nativeCase ?? c;

const here = fileURLToPath(new URL('.', import.meta.url));
const OUT = `${here}out`;

function parseArgs(argv) {
  const o = { shapes: SHAPE_NAMES, cases: CASE_NAMES, maxTime: 3, minSamples: 5, ceiling: false, cores: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--shape' || a === '--shapes') o.shapes = v().split(',');
    else if (a === '--case' || a === '--cases') o.cases = v().split(',');
    else if (a === '--max-time') o.maxTime = Number(v());
    else if (a === '--min-samples') o.minSamples = Number(v());
    else if (a === '--ceiling') o.ceiling = true; // bench/parallel.js --ceiling: also m whole one-thread fits at once
    else if (a === '--cores') o.cores = true; // bench/parallel.js --cores: each core's speed before and after every round (Linux, taskset)
    else throw new Error(`unknown argument ${a}`);
  }
  for (const s of o.shapes) if (!SHAPES[s]) throw new Error(`unknown shape "${s}"; known: ${SHAPE_NAMES.join(', ')}`);
  for (const c of o.cases) if (!CASE_NAMES.includes(c)) throw new Error(`unknown case "${c}"; known: ${CASE_NAMES.join(', ')}`);
  return o;
}

function nativeEnv() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

function writeData(shapes) {
  mkdirSync(OUT, { recursive: true });
  for (const shape of shapes) {
    const ds = makeDataset(shape);
    const amax = alphaMax(ds);
    const tightPath = `${OUT}/cache/tight-lasso-${shape}.json`;
    const tight = existsSync(tightPath) ? JSON.parse(readFileSync(tightPath, 'utf8')).value : null;
    writeFileSync(`${OUT}/${shape}.X.f64`, new Uint8Array(ds.X.buffer, ds.X.byteOffset, ds.X.byteLength));
    writeFileSync(`${OUT}/${shape}.y.f64`, new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
    writeFileSync(`${OUT}/${shape}.json`, JSON.stringify({
      shape, n: ds.n, p: ds.p, nnz: ds.nnz, seed: ds.seed, alphaMax: amax,
      lassoAlpha: LASSO_ALPHA_RATIO * amax, lassoTol: LASSO_TOL, lassoTightObjective: tight ? tight.objective : null,
      ridgeAlpha: RIDGE_ALPHA, pathNAlphas: PATH_N_ALPHAS, pathEps: PATH_EPS, cvFolds: CV_FOLDS, ridgeCvAlphas: RIDGE_CV_ALPHAS,
      parallelCvFolds: PARALLEL_CV_FOLDS, parallelWorkers: PARALLEL_WORKERS,
      logisticTol: LOGISTIC_TOL, logisticAlphaRatio: LOGISTIC_ALPHA_RATIO, logisticNAlphas: LOGISTIC_N_ALPHAS, logisticEps: LOGISTIC_EPS,
      logisticKktOk: LOGISTIC_KKT_OK,
    }, null, 1));
  }
}

/** Runs a native benchmark script; returns its records, or a reason it was skipped. */
function runNative(label, cmd, probeArgs, scriptArgs) {
  const probe = spawnSync(cmd, probeArgs, { encoding: 'utf8', env: nativeEnv() });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${cmd} not found` : (probe.stderr || '').trim().split('\n').pop();
    console.log(`${label}: skipped (${why})`);
    return { records: [], info: null };
  }
  console.log(`${label}: running…`);
  const r = spawnSync(cmd, scriptArgs, { encoding: 'utf8', env: nativeEnv(), maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.log(`${label}: FAILED (exit ${r.status})\n${r.stderr}`);
    return { records: [], info: null, failed: true };
  }
  const records = [];
  let info = null;
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const rec = JSON.parse(line);
    if (rec.info) info = rec.info;
    else records.push(rec);
  }
  for (const rec of records) {
    console.log(`  ${rec.tool.padEnd(Math.max(13, rec.tool.length + 1))}${rec.case.padEnd(Math.max(12, rec.case.length + 1))}${rec.shape.padEnd(7)}${rec.medianMs.toFixed(1).padStart(9)} ms  ${String(rec.samples).padStart(3)} samples  ${rec.accuracy}${!rec.ok ? '  ← CHECK FAILED' : rec.meetsTol ? '' : '  (looser than tol)'}`);
  }
  return { records, info };
}

const fmtMs = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtRatio = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`penalized vs native — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)\n`);

  // penalized first: it also computes and caches the tight lasso references the data files carry.
  console.log('penalized (bench/run.js):');
  const suite = await runSuite({ shapes: opts.shapes, cases: opts.cases, backends: ['wasm', 'js'], maxTime: opts.maxTime, minSamples: opts.minSamples }, (l) => console.log(`  ${l}`));
  writeData(opts.shapes);
  console.log(`\ndata written to ${OUT}/ (raw little-endian f64, X row-major)\n`);

  const parallelWanted = opts.cases.includes('lassoCV');
  let parallel = [];
  if (parallelWanted) {
    console.log(`penalized off-thread (bench/parallel.js, ${PARALLEL_WORKERS} workers):`);
    parallel = await runParallel({ shapes: opts.shapes, maxTime: opts.maxTime, minSamples: opts.minSamples, workers: PARALLEL_WORKERS, ceiling: opts.ceiling, cores: opts.cores }, (l) => console.log(`  ${l}`));
    console.log('');
  }
  const ownCases = [...new Set(opts.cases.map(nativeCaseOf))];
  const nativeCases = parallelWanted ? [...ownCases, 'lassoCV10', 'lassoCV10x2'] : ownCases;
  const common = [OUT, opts.shapes.join(','), nativeCases.join(','), String(opts.maxTime), String(opts.minSamples)];
  const py = process.env.PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const sk = runNative('scikit-learn', py, ['-c', 'import sklearn, numpy'], [`${here}sklearn_bench.py`, ...common]);
  if (sk.info) console.log(`  scikit-learn ${sk.info.version}, numpy ${sk.info.numpy}, BLAS ${JSON.stringify(sk.info.blas)}`);
  const gl = runNative('glmnet', 'Rscript', ['-e', 'suppressPackageStartupMessages(library(glmnet))'], [`${here}glmnet_bench.R`, ...common]);
  if (gl.info) console.log(`  glmnet ${gl.info.version}, ${gl.info.R}`);

  const natives = [...sk.records, ...gl.records];
  const rows = [];
  for (const shape of opts.shapes) {
    for (const c of opts.cases) {
      const pick = (b) => suite.results.find((r) => r.case === c && r.shape === shape && r.backend === b && !r.skipped);
      const w = pick('wasm');
      const j = pick('js');
      // scikit-learn, or for the logistic cases the fastest sane one of its solvers (saga, liblinear).
      const nc = nativeCaseOf(c);
      const skAll = natives.filter((r) => (r.tool === 'scikit-learn' || r.tool.startsWith('sklearn-')) && r.case === nc && r.shape === shape);
      const skOk = skAll.filter((r) => r.ok);
      const sk1 = (skOk.length ? skOk : skAll).reduce((a, b) => (a && a.medianMs <= b.medianMs ? a : b), null);
      const gl1 = natives.find((r) => r.tool === 'glmnet' && r.case === nc && r.shape === shape);
      // Best native among the answers at least as accurate as penalized's; failing that, among the sane ones (marked *).
      const sane = [sk1, gl1].filter((r) => r && r.ok);
      const accurate = sane.filter((r) => r.meetsTol);
      const pool = accurate.length ? accurate : sane;
      const best = pool.length ? pool.reduce((a, b) => (a.medianMs <= b.medianMs ? a : b)) : null;
      const mark = (r) => (r ? `${fmtMs(r.medianMs)}${!r.ok ? '!' : r.meetsTol ? '' : '*'}` : '—');
      rows.push({
        case: c, shape,
        wasm: w?.medianMs, js: j?.medianMs, sklearn: mark(sk1), glmnet: mark(gl1),
        best: best ? `${best.tool}${best.meetsTol ? '' : '*'}` : null, wasmOverBest: w && best ? w.medianMs / best.medianMs : null, wasmOverJs: w && j ? w.medianMs / j.medianMs : null,
        skipped: !w ? suite.results.find((r) => r.case === c && r.shape === shape && r.skipped)?.skipped : null,
      });
    }
  }
  console.log('\nmedian ms (one fit, each result checked); ratios are times: < 1 means penalized-wasm is faster');
  const head = ['case', 'shape', 'wasm', 'js', 'sklearn', 'glmnet', 'wasm/best native', 'wasm/js'];
  const widths = [18, 7, 9, 9, 9, 9, 24, 8];
  console.log(head.map((h, i) => (i < 2 ? h.padEnd(widths[i]) : h.padStart(widths[i]))).join(' '));
  for (const r of rows) {
    if (r.skipped) {
      console.log(`${r.case.padEnd(widths[0])} ${r.shape.padEnd(7)} skipped: ${r.skipped}`);
      continue;
    }
    const cells = [r.case, r.shape, fmtMs(r.wasm), fmtMs(r.js), r.sklearn, r.glmnet,
      r.best ? `${fmtRatio(r.wasmOverBest)} (${r.best})` : '—', fmtRatio(r.wasmOverJs)];
    console.log(cells.map((s, i) => (i < 2 ? String(s).padEnd(widths[i]) : String(s).padStart(widths[i]))).join(' '));
  }
  console.log('* less accurate than the tolerance penalized is held to (still sane); ! failed its sanity check (ignored)');

  if (parallelWanted) {
    console.log(`\nLassoCV, ${PARALLEL_CV_FOLDS} folds: one thread and ${PARALLEL_WORKERS} workers / n_jobs / doParallel cores (median ms; penalized's speedup = median of the paired one thread / ${PARALLEL_WORKERS} workers ratios of interleaved rounds, the natives' = one-thread median / parallel median)`);
    const ph = ['shape', 'penalized 1', `penalized ${PARALLEL_WORKERS}w`, 'speedup', 'sklearn 1', `sklearn ${PARALLEL_WORKERS}j`, 'speedup', 'glmnet 1', `glmnet ${PARALLEL_WORKERS}c`, 'speedup'];
    console.log(ph.map((h, i) => (i === 0 ? h.padEnd(7) : h.padStart(12))).join(' '));
    for (const shape of opts.shapes) {
      const pz = parallel.find((r) => r.case === 'lassoCV10' && r.shape === shape);
      const nat = (tool, c) => natives.find((r) => r.tool === tool && r.case === c && r.shape === shape && r.ok);
      const cells = [shape, fmtMs(pz?.syncMs), fmtMs(pz?.parallelMs), fmtRatio(pz ? pz.speedup : null)];
      for (const tool of ['scikit-learn', 'glmnet']) {
        const a = nat(tool, 'lassoCV10');
        const b = nat(tool, 'lassoCV10x2');
        cells.push(fmtMs(a?.medianMs), fmtMs(b?.medianMs), fmtRatio(a && b ? a.medianMs / b.medianMs : null));
      }
      console.log(cells.map((s, i) => (i === 0 ? String(s).padEnd(7) : String(s).padStart(12))).join(' '));
    }
    for (const r of parallel.filter((x) => x.case === 'lassoCV10')) {
      const ceiling = r.ceiling ? `; ceiling (${PARALLEL_WORKERS} whole fits at once) ${fmtRatio(r.ceiling)}` : '';
      const cores = r.coreRatio ? `; cores slowest/fastest ${fmtRatio(r.coreRatio)} (max ${fmtRatio(r.coreRatioMax)}), ${r.roundsCoresAlike ? `speedup ${fmtRatio(r.speedupCoresAlike)} over the ${r.roundsCoresAlike} rounds with the cores alike` : 'no round with the cores alike'}` : '';
      console.log(`penalized ${r.shape}: paired speedup quartiles ${fmtRatio(r.speedupQ1)}–${fmtRatio(r.speedupQ3)}, range ${fmtRatio(r.speedupMin)}–${fmtRatio(r.speedupMax)} over ${r.rounds} rounds${ceiling}${cores}`);
    }
  }
  writeFileSync(`${OUT}/results.json`, JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, penalized: suite.results, parallel, native: natives, rows }, null, 1));
  const failures = [...suite.failures, ...natives.filter((r) => !r.ok).map((r) => `${r.tool} ${r.case}/${r.shape} returned a wrong answer: ${r.accuracy}`)];
  if (sk.failed || gl.failed) failures.push('a native benchmark script failed');
  if (failures.length) {
    console.error(`\nproblems:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
