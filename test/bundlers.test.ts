// The package bundled into an app as users do it, then run in headless
// Chromium from a sub-path (test/vite.test.ts does the same for Vite):
// - webpack 5 with its defaults (production mode; only the app's folder and
//   where to write are given) must find and bundle the worker through
//   `new Worker(new URL('./worker.js', import.meta.url))`;
// - esbuild does not follow `new URL(…, import.meta.url)` (evanw/esbuild#312),
//   so the README's setup is tested: format 'esm' and the package's
//   dist/worker.js as a second entry point named `worker`.
// In each built app fitAsync must run in a worker the bundler emitted and give
// Node's bits — also for a sparse X, a Float32Array y with a scalar weight and
// several targets.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiabetes } from './helpers/data.js';
import { toCsr } from './helpers/sparse.js';
import { bits } from './browser/bits.js';
import { launchChromium, startStaticServer, type StaticServer } from './browser/chromium.js';
import { ensureBuilt, makeAppDir } from './browser/support.js';

const SUB_PATH = '/shop/tools/regression/';

/** The app: its entry is src/index.js (webpack's default entry). */
const APP = `import { Lasso, LassoCV, Ridge, RidgeCV, createPool } from 'penalized';
import { bits } from './bits.js';
window.appTest = async (X, y) => {
  const pool = createPool({ size: 2 });
  const lasso = await new Lasso({ alpha: 0.1 }).fitAsync(X, y, null, { pool });
  const cv = await new LassoCV({ cv: 5 }).fitAsync(X, y, null, { pool });
  const workers = pool.workerCount;
  await pool.close();
  return { lasso: bits(lasso), cv: bits(cv), workers };
};
// The other input forms: a sparse X (typed arrays), a Float32Array y with a scalar weight, several targets.
window.appInputs = async (csr, y1, Y) => {
  const pool = createPool({ size: 2 });
  const X = { ...csr, indptr: Int32Array.from(csr.indptr), indices: Int32Array.from(csr.indices), data: Float64Array.from(csr.data) };
  const lasso = await new Lasso({ alpha: 0.05 }).fitAsync(X, Float32Array.from(y1), 2, { pool });
  const ridge = await new Ridge({ alpha: 0.7 }).fitAsync(X, Y, null, { pool });
  const cv = await new RidgeCV({ alphas: [0.1, 1, 10], cv: 4 }).fitAsync(X, Y, null, { pool });
  await pool.close();
  return { lasso: bits(lasso), ridge: bits(ridge), cv: bits(cv) };
};
window.appLoaded = true;
`;

let browser: Browser | null = null;
const dirs: string[] = [];
const servers: StaticServer[] = [];

beforeAll(async () => {
  await ensureBuilt();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh app folder with the package installed and the app's source in src/. */
function appDir(prefix: string): string {
  const dir = makeAppDir(prefix, 'src/bits.js');
  dirs.push(dir);
  writeFileSync(join(dir, 'src/index.js'), APP);
  return dir;
}

/** Serves `out` (plus an index.html loading `script`) under SUB_PATH. */
async function serve(out: string, script: string): Promise<StaticServer> {
  writeFileSync(join(out, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">${script}</head><body></body></html>\n`);
  const server = await startStaticServer([[SUB_PATH, out]]);
  servers.push(server);
  return server;
}

/**
 * Loads the built app and checks it: fitAsync runs in two workers started from
 * scripts the build emitted under the sub-path, and every result has Node's bits.
 */
async function checkApp(server: StaticServer, outFiles: string[]): Promise<void> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  const workerUrls: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('worker', (w) => workerUrls.push(w.url()));
  try {
    await page.goto(`${server.origin}${SUB_PATH}index.html`);
    await page.waitForFunction(() => 'appLoaded' in window, undefined, { timeout: 20_000 }).catch((e: Error) => {
      throw new Error(`the page did not load: ${e.message}\n404s: ${server.notFound.join(', ')}\n${errors.join('\n')}`);
    });
    const { X, y } = loadDiabetes();
    const got = (await page.evaluate(([X, y]) => (window as any).appTest(X, y), [X, y] as const)) as { lasso: unknown; cv: unknown; workers: number };
    const src = await import('../src/index.js');
    await src.ready();
    expect(errors).toEqual([]);
    expect(server.notFound).toEqual([]);
    expect(got.workers).toBe(2);
    expect(workerUrls.length).toBe(2);
    for (const u of workerUrls) {
      const path = new URL(u).pathname;
      expect(path.startsWith(SUB_PATH), `worker script ${u}`).toBe(true);
      expect(outFiles).toContain(path.slice(SUB_PATH.length));
    }
    expect(got.lasso).toEqual(bits(new src.Lasso({ alpha: 0.1 }).fit(X, y)));
    expect(got.cv).toEqual(bits(new src.LassoCV({ cv: 5 }).fit(X, y)));

    // A third of the entries zero.
    const rows = X.map((r, i) => r.map((v, j) => ((i + j) % 3 === 0 ? 0 : v)));
    const csr = toCsr(rows);
    const Y = rows.map((r, i) => [y[i], 0.5 * y[i] + 100 * r[2]]);
    const plain = { ...csr, indptr: Array.from(csr.indptr), indices: Array.from(csr.indices), data: Array.from(csr.data) };
    const more = (await page.evaluate(([c, y1, Y]) => (window as any).appInputs(c, y1, Y), [plain, y, Y] as const)) as Record<string, unknown>;
    expect(errors).toEqual([]);
    expect(more.lasso).toEqual(bits(new src.Lasso({ alpha: 0.05 }).fit(csr, Float32Array.from(y), 2)));
    expect(more.ridge).toEqual(bits(new src.Ridge({ alpha: 0.7 }).fit(csr, Y)));
    expect(more.cv).toEqual(bits(new src.RidgeCV({ alphas: [0.1, 1, 10], cv: 4 }).fit(csr, Y)));
  } finally {
    await page.close();
  }
}

/** webpack's Node API, run once (compiler.run, then close). */
async function runWebpack(config: object): Promise<{ errors: string[]; warnings: string[] }> {
  const { default: webpack } = await import('webpack');
  const compiler = webpack(config as never);
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) => {
    compiler.run((err, s) => (err || !s ? reject(err ?? new Error('webpack gave no stats')) : resolve(s)));
  });
  await new Promise<void>((resolve, reject) => compiler.close((err) => (err ? reject(err) : resolve())));
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  const text = (list: { message: string }[] | undefined) => (list ?? []).map((e) => e.message);
  return { errors: text(json.errors), warnings: text(json.warnings) };
}

describe('a webpack 5 build with default settings', () => {
  let out = '';
  let outFiles: string[] = [];
  let warnings: string[] = [];
  let server: StaticServer;

  beforeAll(async () => {
    const dir = appDir('penalized-webpack-');
    out = join(dir, 'dist');
    const r = await runWebpack({ mode: 'production', context: dir, output: { path: out } });
    if (r.errors.length) throw new Error(`webpack failed:\n${r.errors.join('\n\n')}`);
    warnings = r.warnings;
    outFiles = readdirSync(out);
    // webpack's default output is a classic script.
    server = await serve(out, '<script src="main.js"></script>');
  }, 120_000);

  it('builds without warnings, and every emitted script is webpack’s (no unbundled copy of dist/worker.js)', () => {
    expect(warnings).toEqual([]);
    const scripts = outFiles.filter((f) => f.endsWith('.js'));
    expect(scripts.length, `emitted: ${outFiles.join(', ')}`).toBeGreaterThanOrEqual(2);
    for (const f of scripts) {
      // A raw copy of the package's worker would import its ESM chunks by relative path, which the build does not emit.
      expect(readFileSync(join(out, f), 'utf8'), `${f} is a raw copy of dist/worker.js`).not.toMatch(/from\s*["']\.\/chunk-/);
    }
  });

  it('runs fitAsync in the bundled worker, served from a sub-path, with Node’s bits', async () => {
    await checkApp(server, outFiles);
  });
});

describe('an esbuild build as the README says (format esm, the worker as a second entry point)', () => {
  let outFiles: string[] = [];
  let server: StaticServer;

  beforeAll(async () => {
    const dir = appDir('penalized-esbuild-');
    const out = join(dir, 'out');
    const { build } = await import('esbuild');
    await build({
      absWorkingDir: dir,
      entryPoints: { index: 'src/index.js', worker: 'node_modules/penalized/dist/worker.js' },
      bundle: true,
      format: 'esm',
      minify: true,
      outdir: out,
      logLevel: 'silent',
    });
    outFiles = readdirSync(out);
    server = await serve(out, '<script type="module" src="index.js"></script>');
  }, 120_000);

  it('runs fitAsync in the bundled worker, served from a sub-path, with Node’s bits', async () => {
    expect([...outFiles].sort()).toEqual(['index.js', 'worker.js']);
    await checkApp(server, outFiles);
  });
});
