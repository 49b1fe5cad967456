// The built package in a real browser: a static server (no special setup: no
// wasm MIME type, no bundler, no import map) serves dist/ to a plain module page;
// headless Chromium runs ready() and the shared fits of test/browser/fits.js on both backends, and the answers must match Node's,
// computed here on src/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiabetes } from './helpers/data.js';
import { runFits } from './browser/fits.js';
import { launchChromium, startStaticServer, type StaticServer } from './browser/chromium.js';
import { ROOT, embeddedWasm, ensureBuilt, expectSameFits, type FitResult } from './browser/support.js';

/** URL prefix → directory served under it. Anything else is a 404. */
const MOUNTS: [string, string][] = [
  ['/dist/', join(ROOT, 'dist')],
  ['/test/browser/', join(ROOT, 'test/browser')],
];

let server: StaticServer | null = null;
let origin = '';
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

function diagnostics(): string {
  return [
    server?.notFound.length ? `404s from the test server: ${server.notFound.join(', ')}` : '',
    pageErrors.length ? `page errors:\n  ${pageErrors.join('\n  ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startStaticServer(MOUNTS);
  origin = server.origin;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
  await page.goto(`${origin}/test/browser/index.html`);
  try {
    await page.waitForFunction(() => 'penalizedTest' in window, undefined, { timeout: 20_000 });
  } catch (e) {
    throw new Error(`the test page did not load the package: ${(e as Error).message}\n${diagnostics()}`);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('built package in headless Chromium', () => {
  it('ready() loads the SIMD core and every fit, on both backends, matches Node', async () => {
    const { X, y } = loadDiabetes();
    const got = (await page.evaluate(([X, y]) => (window as any).penalizedTest.run(X, y), [X, y] as const)) as {
      readyBefore: boolean;
      wasmErrorBeforeReady: string | null;
      readyAfter: boolean;
      simdSupported: boolean;
      fits: FitResult[];
    };
    expect(diagnostics()).toBe('');
    expect(got.simdSupported, 'this Chromium validates WebAssembly SIMD').toBe(true);
    expect(got.readyBefore).toBe(false);
    expect(got.wasmErrorBeforeReady, 'a wasm fit before ready() fails with the clear error').toMatch(/call `await ready\(\)`/);
    expect(got.readyAfter, 'ready() instantiated the wasm core in the page').toBe(true);

    const src = await import('../src/index.js');
    await src.ready();
    const want = runFits(src, X, y) as FitResult[];
    expect(got.fits.length).toBe(want.length);
    expect(want.some((f) => f.label.endsWith('(wasm)'))).toBe(true);
    expectSameFits(got.fits, want, 'Chromium');
  });

  it('the core the page compiled is the SIMD build (f64x2/v128 instructions in the embedded binary)', async () => {
    // The very file the page loaded: the dist/ module that embeds the binary.
    const { file, base64 } = embeddedWasm(join(ROOT, 'dist'));
    const generated = readFileSync(join(ROOT, 'dist', file), 'utf8');
    // Binaryen (assemblyscript's compiler backend) disassembles it.
    const binaryen = (await import('binaryen')).default;
    const mod = binaryen.readBinary(Buffer.from(base64, 'base64'));
    const text = mod.emitText();
    mod.dispose();
    const simdOps = new Set(text.match(/\b(?:f64x2|v128)\.[a-z_]+/g) ?? []);
    for (const op of ['v128.load', 'f64x2.mul', 'f64x2.add']) expect(simdOps, `${op} in the embedded core`).toContain(op);
    // And the page served that same file (not another copy).
    const served = await (await fetch(`${origin}/dist/${file}`)).text();
    expect(served).toBe(generated);
  });
});
