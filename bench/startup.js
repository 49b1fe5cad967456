#!/usr/bin/env node
// Start-up cost: `node bench/startup.js [--runs 3]`.
//
// In fresh Node processes and fresh Chromium pages (Debian's /usr/bin/chromium
// through playwright-core; skipped when missing): the time to import the
// package, to `await ready()` (asynchronous compile + the warm-up steps), the
// longest stretch the thread was blocked meanwhile (Node: the event-loop delay
// monitor's maximum; Chromium: the longest 'longtask' entry, 0 when none
// exceeded 50 ms), and the first fits after ready(): Ridge on 10000×200 and
// Lasso on 2000×1000 (fresh Gaussian data). Medians over --runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;

// One measurement, as a self-contained module body for Node and the browser alike.
const MEASURE = (distUrl) => `
const t0 = performance.now();
const lib = await import(${JSON.stringify(distUrl)});
const tImport = performance.now() - t0;
const t1 = performance.now();
await lib.ready();
const tReady = performance.now() - t1;
function data(n, p, seed) {
  let s = seed;
  const X = new Float64Array(n * p);
  for (let k = 0; k < X.length; k++) { s = (s * 16807) % 2147483647; X[k] = s / 2147483647 - 0.5; }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = X[i * p] - 2 * X[i * p + 3] + 0.5 * X[i * p + 7];
  return { X: { data: X, rows: n, cols: p }, y };
}
const tall = data(10000, 200, 1);
const square = data(2000, 1000, 2);
let t = performance.now();
new lib.Ridge({ alpha: 1 }).fit(tall.X, tall.y);
const firstRidge = performance.now() - t;
t = performance.now();
new lib.Lasso({ alpha: 0.01 }).fit(square.X, square.y);
const firstLasso = performance.now() - t;
t = performance.now();
new lib.Ridge({ alpha: 1 }).fit(tall.X, tall.y);
const secondRidge = performance.now() - t;
const result = { tImport, tReady, firstRidge, secondRidge, firstLasso };
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function nodeRun() {
  const script = `import { monitorEventLoopDelay } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
${MEASURE(new URL('../dist/index.js', import.meta.url).href).replace('const tReady = performance.now() - t1;', 'const tReady = performance.now() - t1;\nh.disable();\nconst maxBlock = h.max / 1e6;')}
console.log(JSON.stringify({ ...result, maxBlock }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function chromiumRuns() {
  const exe = process.env.PENALIZED_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) return null;
  const { chromium } = await import('playwright-core');
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script type="module">
let longest = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); }).observe({ type: 'longtask', buffered: true });
${MEASURE('/dist/index.js')}
await new Promise((r) => setTimeout(r, 50));
window.result = { ...result, maxBlock: longest };
</script>`);
      return;
    }
    const file = `${root}${path.slice(1)}`;
    if (!path.startsWith('/dist/') || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: exe, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  const out = [];
  try {
    for (let k = 0; k < runs; k++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => window.result, undefined, { timeout: 60_000 });
      out.push(await page.evaluate(() => window.result));
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

function report(label, rs) {
  const f = (k) => median(rs.map((r) => r[k])).toFixed(1).padStart(8);
  console.log(`${label.padEnd(9)}${f('tImport')}${f('tReady')}${f('maxBlock')}${f('firstRidge')}${f('secondRidge')}${f('firstLasso')}`);
}

console.log(`penalized start-up — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores); medians of ${runs} fresh processes/pages, ms`);
console.log(`${''.padEnd(9)}${'import'.padStart(8)}${'ready()'.padStart(8)}${'block'.padStart(8)}${'ridge1'.padStart(8)}${'ridge2'.padStart(8)}${'lasso1'.padStart(8)}`);
report('node', Array.from({ length: runs }, nodeRun));
const ch = await chromiumRuns();
if (ch) report('chromium', ch);
else console.log('chromium: skipped (no /usr/bin/chromium)');
console.log('ridge1/lasso1: first Ridge 10000×200 and Lasso 2000×1000 after ready(); ridge2: the second Ridge; block: longest blocked stretch during import + ready()');
