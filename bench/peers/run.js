#!/usr/bin/env node
// Optional pure-JS peers on the bench data sets:
//   cd bench/peers && npm install && node run.js [--shape tall,wide] [--max-time 3]
// (needs a build of penalized: npm run build at the top level).
//
// ml-matrix: ridge by Cholesky on the normal equations, XᵀX + αI (n ≥ p) or
// the dual XXᵀ + αI (p > n), as penalized and scikit-learn's
// solver='cholesky' do; centring and the intercept included in the timed
// call. Every answer is checked with the same gradient certificate as
// penalized's (bench/datasets.js ridgeCertificate), and penalized (both
// backends) is timed in the same process for the ratios.
//
// Not included: scikitjs (its Ridge/Lasso are SGD on a TensorFlow.js dense
// layer with Adam, 1000 epochs of mini-batches: no exact solution to compare
// at equal accuracy, and minutes per fit at these sizes).

import { Matrix, CholeskyDecomposition } from 'ml-matrix';
import { SHAPES, SHAPE_NAMES, makeDataset, flat, ridgeCertificate } from '../datasets.js';
import { RIDGE_ALPHA } from '../cases.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const shapes = opt('--shape', SHAPE_NAMES.join(',')).split(',');
const maxTime = Number(opt('--max-time', '3')) * 1000;
for (const s of shapes) if (!SHAPES[s]) throw new Error(`unknown shape ${s}`);

const lib = await import('../../dist/index.js');
await lib.ready();

function timeIt(fn, minSamples = 3) {
  fn(); // warm-up (and WASM tier-up)
  const ts = [];
  const start = performance.now();
  while (ts.length < minSamples || (performance.now() - start < maxTime && ts.length < 50)) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[ts.length >> 1], samples: ts.length };
}

function mlMatrixRidge(X, y, alpha) {
  const n = X.rows;
  const p = X.columns;
  const xMean = X.mean('column');
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i];
  yMean /= n;
  const Xc = X.clone().subRowVector(xMean);
  const yc = Matrix.columnVector(Array.from(y, (v) => v - yMean));
  let w;
  if (n >= p) {
    const G = Xc.transpose().mmul(Xc);
    for (let j = 0; j < p; j++) G.set(j, j, G.get(j, j) + alpha);
    w = new CholeskyDecomposition(G).solve(Xc.transpose().mmul(yc));
  } else {
    const K = Xc.mmul(Xc.transpose());
    for (let i = 0; i < n; i++) K.set(i, i, K.get(i, i) + alpha);
    w = Xc.transpose().mmul(new CholeskyDecomposition(K).solve(yc));
  }
  const coef = Float64Array.from(w.getColumn(0));
  let b = yMean;
  for (let j = 0; j < p; j++) b -= xMean[j] * coef[j];
  return { coef, intercept: b };
}

console.log(`ridge, alpha = ${RIDGE_ALPHA}: median ms (certificate f/f*−1 bound)`);
console.log('shape    penalized-wasm   penalized-js      ml-matrix   ml-matrix/wasm');
for (const shape of shapes) {
  const ds = makeDataset(shape);
  const Xm = new Matrix(ds.n, ds.p);
  for (let i = 0; i < ds.n; i++) for (let j = 0; j < ds.p; j++) Xm.set(i, j, ds.X[i * ds.p + j]);
  const rows = {};
  const check = (name, coef) => {
    const c = ridgeCertificate(ds, coef, RIDGE_ALPHA);
    if (!(c.subOptBound <= 1e-9)) throw new Error(`${name} on ${shape}: not the ridge solution (certificate ${c.subOptBound})`);
    return c.subOptBound;
  };
  for (const backend of ['wasm', 'js']) {
    let m;
    const t = timeIt(() => { m = new lib.Ridge({ alpha: RIDGE_ALPHA, backend }).fit(flat(ds), ds.y); });
    rows[backend] = { ...t, cert: check(`penalized-${backend}`, m.coef) };
  }
  let r;
  const t = timeIt(() => { r = mlMatrixRidge(Xm, ds.y, RIDGE_ALPHA); }, 1);
  rows.ml = { ...t, cert: check('ml-matrix', r.coef) };
  const cell = (x) => `${x.median.toFixed(1).padStart(8)} (${x.cert.toExponential(0)})`;
  console.log(`${shape.padEnd(7)} ${cell(rows.wasm)} ${cell(rows.js)} ${cell(rows.ml)}   ${(rows.ml.median / rows.wasm.median).toFixed(1).padStart(8)}×`);
}
