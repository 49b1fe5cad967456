// The package as users get it: `npm pack` the project, install the tarball into
// a fresh project, and use it from there — a child `node` process imports
// 'penalized', awaits ready() and fits; its answers must match the same fits
// run here on src/. Also checks what the tarball holds and that its type
// declarations work for a TypeScript consumer.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiabetes } from './helpers/data.js';
import { runFits } from './browser/fits.js';
import { ROOT, embeddedWasm, ensureBuilt, expectSameFits, type FitResult } from './browser/support.js';

const FITS_URL = pathToFileURL(join(ROOT, 'test/browser/fits.js')).href;

let tmp = '';
let app = '';
let packedFiles: string[] = [];
let tarball = '';
// src/ is imported after ensureBuilt(): it needs the generated src/wasm/wasmBinary.generated.ts.
let src: typeof import('../src/index.js');

/** Every import specifier of an ES module (static, or dynamic with a literal), as esbuild's parser finds them; nothing is followed. */
function importsOf(file: string): string[] {
  const r = buildSync({ entryPoints: [file], bundle: true, write: false, format: 'esm', metafile: true, external: ['*'], logLevel: 'silent' });
  return Object.values(r.metafile!.inputs).flatMap((i) => i.imports.map((m) => m.path));
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` in ${cwd} failed (status ${r.status}${r.signal ? `, signal ${r.signal}` : ''}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

beforeAll(async () => {
  await ensureBuilt();
  src = await import('../src/index.js');
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'penalized-package-')));
  // --ignore-scripts: the build is current (ensureBuilt), so skip `prepare`'s rebuild.
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(tmp, packed[0].filename);
  packedFiles = packed[0].files.map((f) => f.path);

  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'penalized-consumer', private: true, type: 'module' }, null, 2));
  // No runtime dependencies: @assemblyscript/loader is bundled into dist/.
  run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm package', () => {
  it('the tarball holds the bundled JS, its type declarations and the embedded wasm, and no sources, tests or source maps', () => {
    for (const f of ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/worker.js', 'README.md']) {
      expect(packedFiles, `${f} in the tarball`).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(src|test|assembly|bench|build|node_modules)\//.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => f.endsWith('.map')), 'source maps (they would point at sources not in the package)').toEqual([]);

    // The bundled modules are self-contained: every import (static or dynamic with a literal
    // specifier, as esbuild's parser finds them) is a relative ./ file of dist/.
    const installed = join(app, 'node_modules/penalized');
    for (const f of packedFiles.filter((p) => /^dist\/[^/]+\.js$/.test(p))) {
      const specifiers = importsOf(join(installed, f));
      for (const s of specifiers) expect(s, `${f} imports ${s}`).toMatch(/^\.\/[^/]+\.js$/);
      if (f === 'dist/worker.js') expect(specifiers.length, 'the worker imports its shared chunk').toBeGreaterThan(0);
    }

    // The installed copy embeds exactly the wasm that `npm run build:wasm` produced.
    const embedded = Buffer.from(embeddedWasm(join(installed, 'dist')).base64, 'base64');
    expect(embedded.equals(readFileSync(join(ROOT, 'build/penalized.wasm')))).toBe(true);
    expect(WebAssembly.validate(embedded)).toBe(true);
  });

  it('the CLI (bin) and penalized/duckdb ship, and without the optional DuckDB peer the CLI says what to install', () => {
    for (const f of ['dist/cli/main.js', 'dist/duckdb/index.js', 'dist/duckdb/index.d.ts']) expect(packedFiles).toContain(f);
    const bin = join(app, 'node_modules/.bin/penalized');
    const help = spawnSync(bin, ['--help'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: penalized fit\|path\|cv/);
    writeFileSync(join(app, 'tiny.csv'), 'a,y\n1,2\n2,3\n');
    const fit = spawnSync(bin, ['fit', 'tiny.csv', '--y', 'y'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(fit.status).toBe(1);
    expect(fit.stderr).toMatch(/npm install @duckdb\/node-api/);
  });

  it('installed from the tarball, ready() and fits in a child node process give the answers of src/', async () => {
    const { X, y } = loadDiabetes();
    writeFileSync(join(app, 'data.json'), JSON.stringify({ X, y }));
    writeFileSync(
      join(app, 'check.mjs'),
      `import { readFileSync } from 'node:fs';
import * as api from 'penalized';
import { runFits } from ${JSON.stringify(FITS_URL)};
const { X, y } = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8'));
const readyBefore = api.isReady();
await api.ready();
const fits = runFits(api, X, y);
process.stdout.write(JSON.stringify({ resolved: import.meta.resolve('penalized'), readyBefore, readyAfter: api.isReady(), fits }));
`,
    );
    const out = JSON.parse(run(process.execPath, ['check.mjs'], app)) as {
      resolved: string;
      readyBefore: boolean;
      readyAfter: boolean;
      fits: FitResult[];
    };
    // It really used the installed copy, not the repository.
    expect(out.resolved).toBe(pathToFileURL(join(app, 'node_modules/penalized/dist/index.js')).href);
    expect(out.readyBefore).toBe(false);
    expect(out.readyAfter).toBe(true);

    await src.ready();
    const want = runFits(src, X, y) as FitResult[];
    expect(out.fits.length).toBe(want.length);
    expectSameFits(out.fits, want, 'installed package in node');
  });

  it('ESM only, and require() works where Node has synchronous require(esm) (20.19+, 22.12+)', () => {
    const [major, minor] = process.versions.node.split('.').map(Number);
    const requireEsm = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
    const r = spawnSync(process.execPath, ['-e', "const p = require('penalized'); process.stdout.write(typeof p.Lasso + ' ' + typeof p.createPool)"], { cwd: app, encoding: 'utf8' });
    if (requireEsm) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe('function function');
    } else {
      expect(r.status).not.toBe(0);
    }
  });

  it('the installed package type-checks in a TypeScript consumer, with real (not any) types', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { ready, Lasso, ElasticNet, Ridge, createPool, lassoPathAsync, type Pool, type PathResult, type ModelJSON, type FlatMatrix } from 'penalized';
await ready();
const X: FlatMatrix = { data: [1, 2, 3, 4, 5, 7], rows: 3, cols: 2 };
const m = new Lasso({ alpha: 0.1, backend: 'js' }).fit(X, [1, 2, 3]);
const coef: Float64Array = m.coef;
const b: number = m.intercept;
const j: ModelJSON = new Ridge({ alpha: 1 }).fit([[1, 2], [3, 4], [5, 7]], [1, 2, 3]).toJSON();
new ElasticNet({ l1Ratio: 0.5 });
// Workers: fitAsync resolves to the model's own class; paths to a PathResult.
const pool: Pool = createPool({ size: 1 });
const ac = new AbortController();
const fitted: Lasso = await new Lasso({ alpha: 0.1 }).fitAsync(X, [1, 2, 3], null, { pool, signal: ac.signal, onProgress: (f: number) => void f });
const path: PathResult = await lassoPathAsync(X, [1, 2, 3], { nAlphas: 5, pool });
await pool.close();
// @ts-expect-error pool must be a Pool
void new Ridge().fitAsync(X, [1, 2, 3], null, { pool: 3 });
// @ts-expect-error alpha must be a number
new Lasso({ alpha: 'big' });
// @ts-expect-error backend is 'wasm' | 'js'
new Ridge({ backend: 'gpu' });
export { coef, b, j, fitted, path };
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app, encoding: 'utf8' });
    } catch (e) {
      output = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}` || String(e);
    }
    expect(output, 'tsc errors in the consumer project').toBe('');
  });
});
