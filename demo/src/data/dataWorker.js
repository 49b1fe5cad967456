// The page's data lives here, off the main thread: CSV files are parsed by
// Papa Parse in this worker (streamed in chunks, so 100 000 × 100 is fine),
// the bundled sets are read from the build, and the design matrix X (flat,
// row-major Float64Array) is assembled here and transferred to the page.
//
// Protocol: { id, op, ...args } in, { id, ok: true, result } or
// { id, ok: false, error } out.
import Papa from 'papaparse';
import diabetesCsv from '../../../data/diabetes.csv?raw';
import longleyCsv from '../../../data/longley.csv?raw';
import { TableBuilder, tableFromCsvText, problemsOf } from './table.js';
import { syntheticTable } from './synthetic.js';

/** The current table: { names, nRows, columns, issues, raggedRows, raggedCount, truth? }. */
let table = null;
/** Rows used by the last design (after dropping rows with bad cells), or null for all. */
let usedRows = null;

function summary(t, extra = {}) {
  return {
    names: t.names,
    nRows: t.nRows,
    issues: t.issues,
    raggedRows: t.raggedRows,
    raggedCount: t.raggedCount,
    truth: t.truth ?? null,
    ...extra,
  };
}

function loadBuiltin({ name, size }) {
  if (name === 'diabetes') {
    table = tableFromCsvText(diabetesCsv);
    return summary(table, { target: table.names.length - 1 });
  }
  if (name === 'longley') {
    table = tableFromCsvText(longleyCsv);
    return summary(table, { target: table.names.indexOf('Employed') });
  }
  if (name === 'synthetic') {
    const s = syntheticTable(size);
    const nRows = s.columns[0].length;
    table = {
      names: s.names,
      nRows,
      columns: s.columns,
      issues: s.names.map(() => ({ missing: 0, text: 0, first: null })),
      raggedRows: [],
      raggedCount: 0,
      truth: s.truth,
    };
    return summary(table, { target: s.names.length - 1 });
  }
  throw new Error(`unknown data set ${name}`);
}

/** Streams a File (or a string) through Papa Parse into a numeric table. */
function parseCsv({ file, text }) {
  return new Promise((resolve, reject) => {
    let builder = null;
    let line = 0;
    let failed = null;
    Papa.parse(file ?? text, {
      skipEmptyLines: 'greedy',
      chunkSize: 1 << 22,
      chunk(results, parser) {
        try {
          for (const row of results.data) {
            line++;
            if (builder === null) {
              const names = row.map((s, j) => String(s).trim() || `column ${j + 1}`);
              if (names.length < 2) throw new Error('the first line must be a header with at least two column names, separated by commas');
              builder = new TableBuilder(names);
            } else {
              builder.addRow(row, line);
            }
          }
        } catch (e) {
          failed = e;
          parser.abort();
        }
      },
      complete() {
        if (failed) return reject(failed);
        if (builder === null || builder.nRows === 0) return reject(new Error('the file has no data rows under its header'));
        table = builder.finish();
        resolve(summary(table, { target: table.names.length - 1 }));
      },
      error(e) {
        reject(new Error(`could not read the file: ${e.message ?? e}`));
      },
    });
  });
}

/**
 * X (row-major, n × p) and y for the chosen target and feature columns.
 * With dropBadRows, rows with a missing or non-numeric cell in a chosen
 * column are left out; otherwise such cells are an error that names them.
 */
function design({ target, features, dropBadRows }) {
  if (!table) throw new Error('no data loaded');
  if (features.length === 0) throw new Error('choose at least one feature');
  if (features.includes(target)) throw new Error(`"${table.names[target]}" is the target; it cannot also be a feature`);
  const used = [target, ...features];
  const problems = problemsOf(table, used);
  let rows = null;
  if (problems.length > 0) {
    if (!dropBadRows) {
      return { problems };
    }
    const keep = [];
    for (let i = 0; i < table.nRows; i++) {
      let ok = true;
      for (const j of used) if (Number.isNaN(table.columns[j][i])) { ok = false; break; }
      if (ok) keep.push(i);
    }
    rows = Int32Array.from(keep);
  }
  const n = rows ? rows.length : table.nRows;
  const p = features.length;
  if (n < 3) throw new Error(`only ${n} rows have numbers in every chosen column; at least 3 are needed`);
  // When the page is cross-origin isolated (served with COOP/COEP headers, as
  // `npm run demo` does), X lives in shared memory: neither this transfer nor
  // any of penalized's worker calls copies it. Elsewhere it is transferred
  // here and copied once per fitAsync call.
  const shared = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  const X = shared ? new Float64Array(new SharedArrayBuffer(n * p * 8)) : new Float64Array(n * p);
  const y = new Float64Array(n);
  const cols = features.map((j) => table.columns[j]);
  const t = table.columns[target];
  for (let i = 0; i < n; i++) {
    const src = rows ? rows[i] : i;
    y[i] = t[src];
    const off = i * p;
    for (let j = 0; j < p; j++) X[off + j] = cols[j][src];
  }
  usedRows = rows;
  return {
    X, y, rows: n, cols: p,
    colSd: columnSd(X, n, p),
    yVar: variance(y),
    names: features.map((j) => table.names[j]),
    target: table.names[target],
    dropped: table.nRows - n,
    problems,
    truth: table.truth ? features.map((j) => (j < table.truth.length ? table.truth[j] : NaN)) : null,
  };
}

/** Per-column standard deviation (1/n) of X, for comparing coefficients across features. */
function columnSd(X, n, p) {
  const mean = new Float64Array(p);
  const ss = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += X[i * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const d = X[i * p + j] - mean[j];
      ss[j] += d * d;
    }
  }
  return Float64Array.from(ss, (s) => Math.sqrt(s / n));
}

function variance(y) {
  let m = 0;
  for (const v of y) m += v;
  m /= y.length;
  let s = 0;
  for (const v of y) s += (v - m) * (v - m);
  return s / y.length;
}

/** Pearson correlations among a few chosen feature columns (rows as in the last design). */
function correlations({ columns }) {
  const vecs = columns.map((j) => {
    const c = table.columns[j];
    return usedRows ? Float64Array.from(usedRows, (i) => c[i]) : c;
  });
  const n = vecs.length ? vecs[0].length : 0;
  const z = vecs.map((v) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += v[i];
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m);
    const sd = Math.sqrt(s) || 1;
    return Float64Array.from(v, (x) => (x - m) / sd);
  });
  const k = z.length;
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    r[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += z[a][i] * z[b][i];
      r[a * k + b] = r[b * k + a] = s;
    }
  }
  return { r, k };
}

const ops = { loadBuiltin, parseCsv, design, correlations };

self.onmessage = async ({ data }) => {
  const { id, op, ...args } = data;
  try {
    const result = await ops[op](args);
    const transfer = result && result.X ? [result.X.buffer, result.y.buffer].filter((b) => b instanceof ArrayBuffer) : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (e) {
    self.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
