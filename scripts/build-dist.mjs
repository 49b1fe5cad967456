// Builds dist/: type declarations from tsc (one .d.ts per source file) and
// the JavaScript as self-contained ES modules bundled by esbuild — dist/index.js
// (the package entry) and dist/worker.js (the worker script), which share
// their common code in chunk files. At run time they import nothing by bare
// specifier (@assemblyscript/loader is bundled in), so a browser loads them
// with no bundler and no import map, from any sub-path. No source maps: they
// would point at sources that are not in the package.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.json`, '--emitDeclarationOnly'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

await build({
  absWorkingDir: root,
  // duckdb/index (penalized/duckdb) and cli/main (the bin) are Node-only entries; they share
  // chunks with index, so SufficientStats is one class across them. DuckDB and node: builtins stay imports.
  entryPoints: { index: 'src/index.ts', worker: 'src/workers/worker.ts', 'duckdb/index': 'src/duckdb/index.ts', 'cli/main': 'src/cli/main.ts' },
  external: ['@duckdb/node-api', 'node:*'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  chunkNames: 'chunk-[hash]',
  sourcemap: false,
  legalComments: 'inline',
  logLevel: 'warning',
});
const js = readdirSync(`${root}dist`).filter((f) => f.endsWith('.js'));
console.log(`dist/: ${js.join(', ')}`);
