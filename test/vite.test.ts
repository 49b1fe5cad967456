// A Vite build, as a user's app would make it, with Vite's default settings
// (worker format 'iife'): the app imports 'penalized' from node_modules and
// calls fitAsync; Vite must find and bundle the worker through
// `new Worker(new URL('./worker.js', import.meta.url))`, and the built app,
// served as static files to headless Chromium, must give Node's bits.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiabetes } from './helpers/data.js';
import { bits } from './browser/bits.js';
import { launchChromium, startStaticServer, type StaticServer } from './browser/chromium.js';
import { ensureBuilt, makeAppDir } from './browser/support.js';

let dir = '';
let server: StaticServer | null = null;
let browser: Browser | null = null;
let outFiles: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  dir = makeAppDir('penalized-vite-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/main.js"></script></head><body></body></html>\n');
  writeFileSync(join(dir, 'main.js'), `import { Lasso, LassoCV, createPool } from 'penalized';
import { bits } from './bits.js';
window.viteTest = async (X, y) => {
  const pool = createPool({ size: 2 });
  const lasso = await new Lasso({ alpha: 0.1 }).fitAsync(X, y, null, { pool });
  const cv = await new LassoCV({ cv: 5 }).fitAsync(X, y, null, { pool });
  await pool.close();
  return { lasso: bits(lasso), cv: bits(cv) };
};
window.viteLoaded = true;
`);
  const vite = await import('vite');
  // Vite's defaults (worker.format 'iife'); only where to build and no config file lookup.
  await vite.build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'out'), emptyOutDir: true } });
  outFiles = readdirSync(join(dir, 'out/assets'));
  server = await startStaticServer([['/', join(dir, 'out')]]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a Vite build with default settings', () => {
  it('bundles the worker and fitAsync gives Node’s bits in the built app', async () => {
    expect(outFiles.some((f) => /worker/i.test(f)), `a worker script among ${outFiles.join(', ')}`).toBe(true);
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${server!.origin}/index.html`);
    await page.waitForFunction(() => 'viteLoaded' in window, undefined, { timeout: 20_000 });
    const { X, y } = loadDiabetes();
    const got = (await page.evaluate(([X, y]) => (window as any).viteTest(X, y), [X, y] as const)) as { lasso: unknown; cv: unknown };
    const src = await import('../src/index.js');
    await src.ready();
    expect(errors).toEqual([]);
    expect(got.lasso).toEqual(bits(new src.Lasso({ alpha: 0.1 }).fit(X, y)));
    expect(got.cv).toEqual(bits(new src.LassoCV({ cv: 5 }).fit(X, y)));
  });
});
