// Helpers shared by test/package.test.ts and test/browser.test.ts: making sure
// the built package (dist/, build/) is current, and comparing fit results.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { maxRelDiff } from '../helpers/data.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Latest modification time of the files under `dir` whose name ends in `ext`. */
function newestMtime(dir: string, ext: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Why the build is missing or out of date, or null when dist/ and the wasm are current. */
function staleReason(): string | null {
  const wasm = join(ROOT, 'build/penalized.wasm');
  const distIndex = join(ROOT, 'dist/index.js');
  const needed = ['build/penalized.wasm', 'dist/index.js', 'dist/index.d.ts', 'dist/worker.js'];
  for (const f of needed) if (!existsSync(join(ROOT, f))) return `${f} is missing`;
  if (newestMtime(join(ROOT, 'assembly'), '.ts') > statSync(wasm).mtimeMs) return 'assembly/ is newer than build/penalized.wasm';
  if (newestMtime(join(ROOT, 'src'), '.ts') > statSync(distIndex).mtimeMs) return 'src/ is newer than dist/';
  return null;
}

/**
 * Runs `npm run build` when dist/ or the wasm is missing or older than its
 * sources, so these tests also work when run alone (`npm test` builds first and
 * then this is a no-op). A lock directory keeps the two test files, which
 * vitest may run in parallel workers, from building at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  if (staleReason() === null) return;
  const lock = join(ROOT, 'build/.ensure-built.lock');
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock older than two minutes was left by a killed run.
      if (Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const reason = staleReason();
    if (reason === null) return; // the other worker built it meanwhile
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`npm run build failed (run because ${reason}):\n${r.stdout}\n${r.stderr}`);
    }
    const after = staleReason();
    if (after !== null) throw new Error(`after npm run build, ${after}`);
  } finally {
    rmdirSync(lock);
  }
}

/**
 * A fresh app directory for a bundler test: the built package installed as
 * npm lays it out (node_modules/penalized with its package.json and dist/),
 * test/browser/bits.js at `bitsAt` (relative to the app), and a package.json
 * of the app's own. Returns the directory (the caller removes it).
 */
export function makeAppDir(prefix: string, bitsAt = 'bits.js'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pkg = join(dir, 'node_modules/penalized');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
  mkdirSync(join(dir, bitsAt, '..'), { recursive: true });
  cpSync(join(ROOT, 'test/browser/bits.js'), join(dir, bitsAt));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `${prefix.replace(/[^a-z]/g, '')}-app`, private: true, type: 'module' }));
  return dir;
}

/**
 * The base64 WebAssembly binary embedded in a built dist/ (in whichever
 * bundled file holds it) and that file's name.
 */
export function embeddedWasm(dist: string): { file: string; base64: string } {
  for (const f of readdirSync(dist)) {
    if (!f.endsWith('.js')) continue;
    const m = /wasmBase64 = ["']([A-Za-z0-9+/=]+)["']/.exec(readFileSync(join(dist, f), 'utf8'));
    if (m) return { file: f, base64: m[1] };
  }
  throw new Error(`no embedded wasm (wasmBase64) in ${dist}/*.js`);
}

export interface FitResult {
  label: string;
  coef: number[];
  intercept: number;
  predictions: number[];
  score: number;
}

/** Relative difference of two numbers, measured against the reference `b`. */
function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

/**
 * Asserts that `got` (from the installed package or the browser) matches
 * `want` (Node, on src/) fit by fit within `tol` relative error.
 */
export function expectSameFits(got: FitResult[], want: FitResult[], where: string, tol = 1e-12): void {
  expect(got.map((r) => r.label)).toEqual(want.map((r) => r.label));
  for (let k = 0; k < want.length; k++) {
    const g = got[k];
    const w = want[k];
    const what = `${where}: ${w.label}`;
    expect(g.coef.length, `${what}: number of coefficients`).toBe(w.coef.length);
    expect(g.coef.every(Number.isFinite), `${what}: finite coefficients`).toBe(true);
    expect(maxRelDiff(g.coef, w.coef), `${what}: coef ${JSON.stringify(g.coef)} vs Node ${JSON.stringify(w.coef)}`).toBeLessThanOrEqual(tol);
    expect(relDiff(g.intercept, w.intercept), `${what}: intercept ${g.intercept} vs Node ${w.intercept}`).toBeLessThanOrEqual(tol);
    expect(maxRelDiff(g.predictions, w.predictions), `${what}: predictions`).toBeLessThanOrEqual(tol);
    expect(relDiff(g.score, w.score), `${what}: R² ${g.score} vs Node ${w.score}`).toBeLessThanOrEqual(tol);
  }
}
