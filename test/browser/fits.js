// The fits the package and browser tests run, shared verbatim by three
// callers so they run the very same calls:
//   - the vitest process, on src/ (Node's reference answer);
//   - a child `node` process, on the installed npm tarball (test/package.test.ts);
//   - headless Chromium, on dist/ served as static files (test/browser.test.ts).
// Plain JavaScript with no imports, so a browser can load it as it is.

/**
 * One entry per fit: model class, options (the backend is added per run), and
 * how many leading rows of the data to use. `rows: 8` makes a wide problem
 * (n < p) so Ridge takes its dual (kernel) solve; `flat` passes X as a
 * { data, rows, cols } row-major matrix instead of an array of rows.
 */
export const FIT_SPECS = [
  { model: 'Lasso', options: { alpha: 0.5 }, rows: 120, flat: false },
  { model: 'Lasso', options: { alpha: 0.02, tol: 1e-10, maxIter: 100000 }, rows: 200, flat: true },
  { model: 'ElasticNet', options: { alpha: 0.05, l1Ratio: 0.6, standardize: true }, rows: 200, flat: false },
  { model: 'ElasticNet', options: { alpha: 0.3, l1Ratio: 0.2, positive: true }, rows: 150, flat: true },
  { model: 'Ridge', options: { alpha: 1.5 }, rows: 200, flat: false },
  { model: 'Ridge', options: { alpha: 0.7, standardize: true }, rows: 8, flat: true },
];

export const BACKENDS = ['wasm', 'js'];

/**
 * Runs every spec on every backend with the given module namespace
 * (`{ Lasso, ElasticNet, Ridge }`) and returns plain JSON-able results.
 * `ready()` must have resolved before (the wasm backend throws otherwise).
 */
export function runFits(api, X, y) {
  const out = [];
  for (const backend of BACKENDS) {
    for (const spec of FIT_SPECS) {
      const Xs = X.slice(0, spec.rows);
      const ys = y.slice(0, spec.rows);
      const cols = Xs[0].length;
      const input = spec.flat ? { data: Float64Array.from(Xs.flat()), rows: Xs.length, cols } : Xs;
      const Model = api[spec.model];
      const m = new Model({ ...spec.options, backend }).fit(input, ys);
      out.push({
        label: `${spec.model} ${JSON.stringify(spec.options)} rows=${spec.rows}${spec.flat ? ' flat' : ''} (${backend})`,
        coef: Array.from(m.coef),
        intercept: m.intercept,
        predictions: Array.from(m.predict(Xs.slice(0, 5))),
        score: m.score(input, ys),
      });
    }
  }
  return out;
}
