// `npm start`: the main job on the bundled diabetes data (Efron, Hastie,
// Johnstone & Tibshirani 2004, "Least Angle Regression"; 442 patients, 10
// baseline variables, y = disease progression one year later).
//
// Fits lasso at a few alphas, an elastic net and a ridge on both backends
// (WebAssembly and pure JS), prints the coefficients side by side with R²,
// iterations and times, then chooses the lasso alpha by 10-fold
// cross-validation on a training split and reports test-set R² for the
// minimum-MSE alpha and the one-standard-error alpha.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ready, Lasso, ElasticNet, Ridge, LassoCV, lassoPath } from '../dist/index.js';

const csv = readFileSync(fileURLToPath(new URL('../data/diabetes.csv', import.meta.url)), 'utf8').trim().split('\n');
const names = csv[0].split(',').slice(0, -1);
const rows = csv.slice(1).map((line) => line.split(',').map(Number));
const X = rows.map((r) => r.slice(0, -1));
const y = rows.map((r) => r[r.length - 1]);
const n = X.length;
const p = names.length;

await ready();

/** Median wall time of `fn` over a few runs (after warm-up runs that let the JIT settle), in ms. */
function time(fn, runs = 7) {
  for (let k = 0; k < 3; k++) fn();
  const t = [];
  for (let k = 0; k < runs; k++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[runs >> 1];
}

const fmt = (v, w = 9) => (v === 0 ? '0' : Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? v.toExponential(2) : v.toFixed(3)).padStart(w);
const ms = (v) => `${v < 1 ? v.toFixed(3) : v.toFixed(2)} ms`;

// alpha_max for the lasso on standardized features: the smallest alpha with all coefficients zero.
const alphaMax = lassoPath(X, y, { nAlphas: 1, standardize: true }).alphas[0];
const models = [
  { label: 'lasso a=0.5·max', make: (backend) => new Lasso({ alpha: 0.5 * alphaMax, standardize: true, backend }) },
  { label: 'lasso a=0.1·max', make: (backend) => new Lasso({ alpha: 0.1 * alphaMax, standardize: true, backend }) },
  { label: 'lasso a=0.01·max', make: (backend) => new Lasso({ alpha: 0.01 * alphaMax, standardize: true, backend }) },
  { label: 'enet a=0.1 l1=0.5', make: (backend) => new ElasticNet({ alpha: 0.1, l1Ratio: 0.5, standardize: true, backend }) },
  { label: 'ridge a=10', make: (backend) => new Ridge({ alpha: 10, standardize: true, backend }) },
];

// Let the JIT settle on every code path first (sub-millisecond fits are
// otherwise timed on whichever tier the engine happens to be running).
for (let k = 0; k < 100; k++) for (const m of models) for (const b of ['wasm', 'js']) m.make(b).fit(X, y);

console.log(`penalized demo — diabetes data, n = ${n}, p = ${p}, features standardized (glmnet convention), alpha_max = ${alphaMax.toFixed(4)}\n`);
const fits = models.map((m) => {
  const wasm = m.make('wasm').fit(X, y);
  const js = m.make('js').fit(X, y);
  let same = true;
  for (let j = 0; j < p; j++) if (wasm.coef[j] !== js.coef[j]) same = false;
  return {
    ...m,
    wasm,
    same,
    tWasm: time(() => m.make('wasm').fit(X, y)),
    tJs: time(() => m.make('js').fit(X, y)),
  };
});

const col = 18;
console.log('feature'.padEnd(10) + fits.map((f) => f.label.padStart(col)).join(''));
for (let j = 0; j < p; j++) {
  console.log(names[j].padEnd(10) + fits.map((f) => fmt(f.wasm.coef[j], col)).join(''));
}
console.log('-'.repeat(10 + col * fits.length));
const line = (label, get) => console.log(label.padEnd(10) + fits.map((f) => String(get(f)).padStart(col)).join(''));
line('intercept', (f) => f.wasm.intercept.toFixed(3));
line('nonzero', (f) => Array.from(f.wasm.coef).filter((c) => c !== 0).length);
line('R²', (f) => f.wasm.score(X, y).toFixed(4));
line('iters', (f) => (f.wasm.nIter === undefined ? '(Cholesky)' : `${f.wasm.nIter}${f.wasm.converged ? '' : ' (!)'}`));
line('wasm', (f) => ms(f.tWasm));
line('js', (f) => ms(f.tJs));
line('js/wasm', (f) => `${(f.tJs / f.tWasm).toFixed(2)}×`);
line('backends', (f) => (f.same ? 'identical' : 'DIFFER'));

// Cross-validated lasso: choose alpha on a training split, score on held-out rows.
const nTrain = 342;
const Xtr = X.slice(0, nTrain);
const ytr = y.slice(0, nTrain);
const Xte = X.slice(nTrain);
const yte = y.slice(nTrain);
console.log(`\nLassoCV (10-fold, 100 alphas, standardized) on the first ${nTrain} rows; R² on the last ${n - nTrain}:`);
for (const backend of ['wasm', 'js']) {
  let cv;
  const t = time(() => {
    cv = new LassoCV({ cv: 10, standardize: true, backend }).fit(Xtr, ytr);
  }, 3);
  const oneSe = new Lasso({ alpha: cv.alpha1se, standardize: true, backend }).fit(Xtr, ytr);
  const kept = (m) => names.filter((_, j) => m.coef[j] !== 0).join(' ');
  console.log(`  ${backend.padEnd(4)}  ${ms(t).padStart(10)}`);
  console.log(`        alpha (min MSE) = ${cv.alpha.toFixed(4)}   test R² = ${cv.score(Xte, yte).toFixed(4)}   keeps: ${kept(cv)}`);
  console.log(`        alpha1se        = ${cv.alpha1se.toFixed(4)}   test R² = ${oneSe.score(Xte, yte).toFixed(4)}   keeps: ${kept(oneSe)}`);
}
