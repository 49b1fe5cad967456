// The WASM-vs-JS race, in its own worker: the same single fit on both
// backends, warmed up first (so neither is timed on baseline JIT code), then
// timed alternately; medians are reported, and the two answers are compared
// bit for bit. Timing the synchronous fit here measures the fit itself, not
// the messaging of the worker pool.
import { ready, Lasso, ElasticNet, Ridge } from 'penalized';

const WARM_RUNS = 3;
const MAX_RUNS = 9;
const MIN_RUNS = 3;
/** Stop adding runs once both backends have used this much time (ms). */
const BUDGET_MS = 6000;

function make(msg, backend) {
  const common = { alpha: msg.alpha, standardize: msg.standardize, backend };
  if (msg.model === 'ridge') return new Ridge(common);
  if (msg.model === 'enet') return new ElasticNet({ ...common, l1Ratio: msg.l1Ratio });
  return new Lasso(common);
}

const median = (t) => {
  const s = [...t].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** First coefficient whose bits differ (Object.is also tells 0 from −0), or null. */
function firstDifference(a, b) {
  for (let j = 0; j < a.coef.length; j++) if (!Object.is(a.coef[j], b.coef[j])) return { index: j, wasm: a.coef[j], js: b.coef[j] };
  if (!Object.is(a.intercept, b.intercept)) return { index: -1, wasm: a.intercept, js: b.intercept };
  return null;
}

self.onmessage = async ({ data: msg }) => {
  try {
    await ready();
    const X = { data: msg.X, rows: msg.rows, cols: msg.cols };
    const fit = (backend) => make(msg, backend).fit(X, msg.y);
    for (let k = 0; k < WARM_RUNS; k++) {
      fit('wasm');
      fit('js');
    }
    const times = { wasm: [], js: [] };
    let last = {};
    const started = performance.now();
    for (let k = 0; k < MAX_RUNS; k++) {
      for (const backend of k % 2 ? ['js', 'wasm'] : ['wasm', 'js']) {
        const t0 = performance.now();
        last[backend] = fit(backend);
        times[backend].push(performance.now() - t0);
      }
      if (k + 1 >= MIN_RUNS && performance.now() - started > BUDGET_MS) break;
    }
    const diff = firstDifference(last.wasm, last.js);
    self.postMessage({
      ok: true,
      result: {
        wasmMs: median(times.wasm),
        jsMs: median(times.js),
        runs: times.wasm.length,
        identical: diff === null,
        firstDifference: diff,
        p: msg.cols,
      },
    });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
