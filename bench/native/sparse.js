#!/usr/bin/env node
// Sparse X: penalized (CSC, never densified) against scikit-learn on
// scipy.sparse and glmnet on a dgCMatrix, one thread, the same bytes.
//
//   node bench/native/sparse.js [--rows 100000] [--cols 20000] [--density 0.001] [--repeats 3] [--skip-native]
//
// The design is text-like: each entry nonzero with probability `density`
// (|N(0,1)| + 1, like term weights), y = X·w* + noise with 20 true features.
// Cases: the lasso path (100 alphas, eps 1e-3, tol 1e-4, the grid penalized
// computes, given to every tool) and 5-fold LassoCV on contiguous folds (the
// same grid). penalized runs both backends; every answer is checked with an
// independent duality gap on the sparse data before times are reported.
// Medians of `repeats` runs, in ms. CI does not run this (Python and R).

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = fileURLToPath(new URL('.', import.meta.url));
const OUT = `${here}out/sparse`;
const lib = await import('../../dist/index.js');

const o = { rows: 100000, cols: 20000, density: 0.001, repeats: 3, native: true };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = () => Number(process.argv[++i]);
  if (a === '--rows') o.rows = v();
  else if (a === '--cols') o.cols = v();
  else if (a === '--density') o.density = v();
  else if (a === '--repeats') o.repeats = v();
  else if (a === '--skip-native') o.native = false;
  else throw new Error(`unknown argument ${a}`);
}

/** mulberry32 */
function rng(seed) {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}

function makeData({ rows: n, cols: p, density }) {
  const r = rng(12);
  const indptr = new Int32Array(p + 1);
  const idx = [];
  const val = [];
  for (let j = 0; j < p; j++) {
    // Geometric gaps between nonzero rows: O(nnz) instead of O(n·p) draws.
    let i = -1;
    for (;;) {
      i += 1 + Math.floor(Math.log(1 - r.u()) / Math.log(1 - density));
      if (i >= n) break;
      idx.push(i);
      val.push(Math.abs(r.normal()) + 1);
    }
    indptr[j + 1] = idx.length;
  }
  const X = { format: 'csc', indptr, indices: Int32Array.from(idx), data: Float64Array.from(val), rows: n, cols: p };
  const y = new Float64Array(n);
  for (let k = 0; k < 20; k++) {
    const j = Math.floor((k * p) / 20);
    const w = (k % 2 ? -1 : 1) * (1 + k / 10);
    for (let t = indptr[j]; t < indptr[j + 1]; t++) y[X.indices[t]] += w * X.data[t];
  }
  for (let i = 0; i < n; i++) y[i] += 0.5 * r.normal();
  return { X, y };
}

/** Duality gap of the lasso (intercept profiled out) on the sparse data, objective scale. */
function lassoGap({ X, y }, coef, intercept, alpha) {
  const n = X.rows;
  const p = X.cols;
  const r = Float64Array.from(y, (v) => v - intercept);
  for (let j = 0; j < p; j++) {
    if (coef[j] === 0) continue;
    for (let t = X.indptr[j]; t < X.indptr[j + 1]; t++) r[X.indices[t]] -= X.data[t] * coef[j];
  }
  let rm = 0;
  for (let i = 0; i < n; i++) rm += r[i];
  rm /= n;
  for (let i = 0; i < n; i++) r[i] -= rm;
  let gmax = 0;
  let l1 = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let t = X.indptr[j]; t < X.indptr[j + 1]; t++) g += X.data[t] * r[X.indices[t]];
    gmax = Math.max(gmax, Math.abs(g));
    l1 += Math.abs(coef[j]);
  }
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i];
  ym /= n;
  let rr = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) { rr += r[i] * r[i]; ry += r[i] * (y[i] - ym); }
  const s = gmax > n * alpha ? (n * alpha) / gmax : 1;
  const primal = rr / (2 * n) + alpha * l1;
  return primal - (s * ry - 0.5 * s * s * rr) / n;
}

function median(a) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

function time(fn, repeats) {
  const ms = [];
  let out;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out };
}

await lib.ready();
const ds = makeData(o);
const nnz = ds.X.data.length;
console.log(`sparse ${o.rows}×${o.cols}, density ${o.density} (nnz ${nnz}), ${o.repeats} repeats, one thread`);
const grid = lib.lassoPath(ds.X, ds.y, { nAlphas: 100, eps: 1e-3, backend: 'js' }).alphas;
let yy = 0;
let ym = 0;
for (const v of ds.y) ym += v;
ym /= ds.y.length;
for (const v of ds.y) yy += (v - ym) ** 2;
const allowed = (1e-4 * yy) / o.rows;

const rows = [];
for (const backend of ['wasm', 'js']) {
  const path = time(() => lib.lassoPath(ds.X, ds.y, { alphas: grid, tol: 1e-4, backend }), o.repeats);
  let worst = 0;
  for (let k = 0; k < grid.length; k++) {
    const gap = lassoGap(ds, path.out.coefs.subarray(k * o.cols, (k + 1) * o.cols), path.out.intercepts[k], grid[k]);
    worst = Math.max(worst, gap / allowed);
  }
  rows.push({ tool: `penalized-${backend}`, case: 'lassoPath', ms: path.ms, check: `gap ≤ ${worst.toFixed(2)}× allowed` });
  const cv = time(() => new lib.LassoCV({ alphas: grid, cv: 5, tol: 1e-4, backend }).fit(ds.X, ds.y), o.repeats);
  rows.push({ tool: `penalized-${backend}`, case: 'lassoCV', ms: cv.ms, check: `alpha ${cv.out.alpha.toExponential(4)}` });
}

if (o.native) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/indptr.i32`, Buffer.from(ds.X.indptr.buffer));
  writeFileSync(`${OUT}/indices.i32`, Buffer.from(ds.X.indices.buffer));
  writeFileSync(`${OUT}/data.f64`, Buffer.from(ds.X.data.buffer));
  writeFileSync(`${OUT}/y.f64`, Buffer.from(ds.y.buffer));
  writeFileSync(`${OUT}/alphas.f64`, Buffer.from(grid.buffer));
  writeFileSync(`${OUT}/meta.json`, JSON.stringify({ n: o.rows, p: o.cols, repeats: o.repeats }));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  for (const [cmd, args] of [['/usr/bin/python3', [`${here}sparse_bench.py`, OUT]], ['Rscript', [`${here}sparse_bench.R`, OUT]]]) {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      console.log(`${cmd} failed or is missing: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    for (const line of r.stdout.trim().split('\n')) {
      const m = JSON.parse(line);
      let check = '';
      if (m.case === 'lassoPath') {
        const f64 = (file) => { const b = readFileSync(file); return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
        const coefs = f64(m.coefFile);
        const ints = f64(m.interceptFile);
        let worst = 0;
        for (let k = 0; k < grid.length; k++) worst = Math.max(worst, lassoGap(ds, coefs.subarray(k * o.cols, (k + 1) * o.cols), ints[k], grid[k]) / allowed);
        check = `gap ≤ ${worst.toFixed(2)}× allowed`;
      } else check = `alpha ${Number(m.alpha).toExponential(4)}`;
      rows.push({ tool: m.tool, case: m.case, ms: m.medianMs, check });
    }
  }
}

console.log('| case | tool | median ms | check |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.case} | ${r.tool} | ${r.ms.toPrecision(4)} | ${r.check} |`);
