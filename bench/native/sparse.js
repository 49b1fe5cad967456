#!/usr/bin/env node
// Sparse X: penalized (CSC, never densified) against scikit-learn on
// scipy.sparse and glmnet on a dgCMatrix, one thread, the same bytes.
//
//   node bench/native/sparse.js [--rows 100000] [--cols 20000] [--density 0.001] [--repeats 3]
//                               [--peer-timeout 300] [--skip-native]
//
// The design is text-like: each entry nonzero with probability `density`
// (|N(0,1)| + 1, like term weights), y = X·w* + noise with 20 true features.
// Cases: the lasso path (100 alphas, eps 1e-3, tol 1e-4, the grid penalized
// computes, given to every tool) and 5-fold LassoCV on contiguous folds (the
// same grid). penalized runs both backends. Every answer is checked with one
// independent duality gap on the sparse data (the lasso objective, intercept
// profiled out), against the allowance tol·||y − ȳ||²/n that penalized is held
// to: the worst point of the path, and for LassoCV the refit at the chosen
// alpha (glmnet's: the full-data path at lambda.min). A time marked * is for
// an answer looser than that allowance, as in bench/native/run.js's tables.
//
// Each native case runs in its own process under --peer-timeout seconds: a
// case that is cut off is reported as "> limit" (scikit-learn's sparse solver
// updates every row for the centring at each coordinate step, so at the full
// size its path alone runs for many minutes; its LassoCV, five such paths and
// a refit, is then not started). A case runs `repeats` times, but only once
// when a run takes longer than 30 s; medians in ms. CI does not run this.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = fileURLToPath(new URL('.', import.meta.url));
const OUT = `${here}out/sparse`;
const lib = await import('../../dist/index.js');

const o = { rows: 100000, cols: 20000, density: 0.001, repeats: 3, native: true, peerTimeout: 300 };
const started = performance.now();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = () => Number(process.argv[++i]);
  if (a === '--rows') o.rows = v();
  else if (a === '--cols') o.cols = v();
  else if (a === '--density') o.density = v();
  else if (a === '--repeats') o.repeats = v();
  else if (a === '--peer-timeout') o.peerTimeout = v();
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
    if (ms[k] > 30000) break;
  }
  return { ms: median(ms), runs: ms.length, out };
}

const f64 = (file) => {
  const b = readFileSync(file);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

await lib.ready();
const ds = makeData(o);
const nnz = ds.X.data.length;
console.log(`sparse ${o.rows}×${o.cols}, density ${o.density} (nnz ${nnz}), up to ${o.repeats} repeats, one thread, native cases limited to ${o.peerTimeout} s`);
const grid = lib.lassoPath(ds.X, ds.y, { nAlphas: 100, eps: 1e-3, backend: 'js' }).alphas;
let yy = 0;
let ym = 0;
for (const v of ds.y) ym += v;
ym /= ds.y.length;
for (const v of ds.y) yy += (v - ym) ** 2;
const allowed = (1e-4 * yy) / o.rows;

/** Worst gap/allowed over the K solutions (alpha-major coefs) at alphas[0..K). */
function worstGap(coefs, ints, alphas) {
  let worst = 0;
  for (let k = 0; k < alphas.length; k++) worst = Math.max(worst, lassoGap(ds, coefs.subarray(k * o.cols, (k + 1) * o.cols), ints[k], alphas[k]) / allowed);
  return worst;
}

const rows = [];
const record = (tool, kase, ms, runs, gapRatio, alpha) => rows.push({
  tool, case: kase, ms, runs, gapRatio, meetsTol: gapRatio <= 1,
  check: `gap ≤ ${gapRatio.toFixed(2)}× allowed${alpha != null ? `, alpha ${alpha.toExponential(4)} (grid index ${grid.indexOf(alpha)})` : ''}`,
});
for (const backend of ['wasm', 'js']) {
  const path = time(() => lib.lassoPath(ds.X, ds.y, { alphas: grid, tol: 1e-4, backend }), o.repeats);
  record(`penalized-${backend}`, 'lassoPath', path.ms, path.runs, worstGap(path.out.coefs, path.out.intercepts, grid));
  const cv = time(() => new lib.LassoCV({ alphas: grid, cv: 5, tol: 1e-4, backend }).fit(ds.X, ds.y), o.repeats);
  const m = cv.out;
  record(`penalized-${backend}`, 'lassoCV', cv.ms, cv.runs, worstGap(m.coef, [m.intercept], [m.alpha]), m.alpha);
}

if (o.native) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/indptr.i32`, Buffer.from(ds.X.indptr.buffer));
  writeFileSync(`${OUT}/indices.i32`, Buffer.from(ds.X.indices.buffer));
  writeFileSync(`${OUT}/data.f64`, Buffer.from(ds.X.data.buffer));
  writeFileSync(`${OUT}/y.f64`, Buffer.from(ds.y.buffer));
  writeFileSync(`${OUT}/alphas.f64`, Buffer.from(grid.buffer));
  writeFileSync(`${OUT}/meta.json`, JSON.stringify({ n: o.rows, p: o.cols, repeats: o.repeats, nAlphas: grid.length }));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  for (const [tool, cmd, script] of [['scikit-learn', '/usr/bin/python3', 'sparse_bench.py'], ['glmnet', 'Rscript', 'sparse_bench.R']]) {
    let pathCutOff = false;
    for (const kase of ['lassoPath', 'lassoCV']) {
      if (kase === 'lassoCV' && pathCutOff) {
        rows.push({ tool, case: kase, ms: null, note: 'not started: its path already exceeded the limit (LassoCV runs five fold paths and a refit)' });
        continue;
      }
      const t0 = performance.now();
      const r = spawnSync(cmd, [`${here}${script}`, OUT, kase], { env, encoding: 'utf8', maxBuffer: 1 << 26, timeout: o.peerTimeout * 1000 });
      if (r.error?.code === 'ETIMEDOUT' || r.signal) {
        rows.push({ tool, case: kase, ms: null, note: `> ${o.peerTimeout} s: cut off (one run not finished)` });
        if (kase === 'lassoPath') pathCutOff = true;
        continue;
      }
      if (r.status !== 0) {
        console.log(`${tool} ${kase} failed or is missing: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      const m = JSON.parse(r.stdout.trim().split('\n').pop());
      const coefs = f64(m.coefFile);
      const ints = f64(m.interceptFile);
      const gapRatio = kase === 'lassoPath' ? worstGap(coefs, ints, grid) : worstGap(coefs, ints, [m.alpha]);
      record(`${tool} ${m.version}`, kase, m.medianMs, m.runs, gapRatio, kase === 'lassoCV' ? m.alpha : null);
      console.log(`  ${tool} ${kase}: ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);
    }
  }
}

const fmt = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log('\n| case | tool | median ms | runs | check |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  if (r.ms == null) console.log(`| ${r.case} | ${r.tool} | — | — | ${r.note} |`);
  else console.log(`| ${r.case} | ${r.tool} | ${fmt(r.ms)}${r.meetsTol ? '' : '*'} | ${r.runs} | ${r.check} |`);
}
console.log('\n| case | penalized-wasm | penalized-js | scikit-learn | glmnet | wasm / best native | wasm / fastest native |');
console.log('|---|---|---|---|---|---|---|');
for (const kase of ['lassoPath', 'lassoCV']) {
  const of = (prefix) => rows.find((r) => r.case === kase && r.tool.startsWith(prefix));
  const cell = (r) => (!r ? '—' : r.ms == null ? r.note.split(':')[0] : `${fmt(r.ms)}${r.meetsTol ? '' : '*'}`);
  const w = of('penalized-wasm');
  const natives = [of('scikit-learn'), of('glmnet')].filter((r) => r && r.ms != null);
  // The best native among the answers as accurate as penalized's; failing that, among all (marked *).
  const accurate = natives.filter((r) => r.meetsTol);
  const pool = accurate.length ? accurate : natives;
  const best = pool.length ? pool.reduce((a, b) => (a.ms <= b.ms ? a : b)) : null;
  const fastest = natives.length ? natives.reduce((a, b) => (a.ms <= b.ms ? a : b)) : null;
  const ratio = (r) => (w && r ? `${(w.ms / r.ms).toFixed(2)}× (${r.tool.split(' ')[0]}${r.meetsTol ? '' : '*'})` : '—');
  console.log(`| ${kase} | ${cell(w)} | ${cell(of('penalized-js'))} | ${cell(of('scikit-learn'))} | ${cell(of('glmnet'))} | ${ratio(best)} | ${ratio(fastest)} |`);
}
console.log('* looser than the allowance tol·||y − ȳ||²/n penalized is held to. Best native: the fastest answer at least as accurate');
console.log('as penalized\'s (failing that, the fastest); ratios < 1: penalized-wasm is faster. "> limit": cut off by --peer-timeout.');
console.log(`bench took ${((performance.now() - started) / 60000).toFixed(1)} min`);
