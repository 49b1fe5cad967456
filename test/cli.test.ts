// The command-line tool end to end: `node dist/cli/main.js …` (the package's
// "bin") on small CSV and Parquet files, its JSON compared with the same fits
// on the rows in memory, and its errors (message on stderr, exit status).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ready, Lasso, ElasticNet, LassoCV, RidgeCV, lassoPath } from '../src/index.js';
import { loadDiabetes, maxRelDiff } from './helpers/data.js';
import { ROOT, ensureBuilt } from './browser/support.js';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const { X, y, names } = loadDiabetes();
const csvPath = join(ROOT, 'data', 'diabetes.csv');
let dir = '';
let parquetPath = '';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]): Record<string, unknown> & { coef: number[]; intercept: number } {
  const r = cli(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  await ensureBuilt();
  await ready();
  dir = mkdtempSync(join(tmpdir(), 'penalized-cli-'));
  parquetPath = join(dir, 'diabetes.parquet');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run(`COPY (SELECT * FROM read_csv('${csvPath}')) TO '${parquetPath}' (FORMAT parquet)`);
  con.closeSync();
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['csv', 'parquet'])('penalized CLI on a %s file', (kind) => {
  const file = (): string => (kind === 'csv' ? csvPath : parquetPath);

  it('fit lasso / enet: the coefficients of the same fit in memory', () => {
    const r = json('fit', file(), '--y', 'y', '--alpha', '0.1', '--standardize');
    const m = new Lasso({ alpha: 0.1, standardize: true }).fit(X, y);
    expect(r.features).toEqual(names);
    expect(r.rows).toBe(442);
    expect(maxRelDiff(r.coef, m.coef)).toBeLessThan(1e-9);
    const e = json('fit', file(), '--y', 'y', '--model', 'enet', '--alpha', '0.05', '--l1-ratio', '0.3', '--features', 'bmi,bp,s5');
    const cols = ['bmi', 'bp', 's5'].map((n) => names.indexOf(n));
    const me = new ElasticNet({ alpha: 0.05, l1Ratio: 0.3 }).fit(X.map((row) => cols.map((j) => row[j])), y);
    expect(maxRelDiff(e.coef, me.coef)).toBeLessThan(1e-9);
  });

  it('cv: fold i mod K, the curve and alpha of LassoCV / RidgeCV with those folds', () => {
    const folds = y.map((_, i) => i % 4);
    const r = json('cv', file(), '--y', 'y', '--cv', '4', '--n-alphas', '30', '--method', 'stream');
    const m = new LassoCV({ foldIds: folds, nAlphas: 30 }).fit(X, y);
    expect((r.alphas as number[]).indexOf(r.alpha as number)).toBe(Array.from(m.alphas).indexOf(m.alpha));
    expect(maxRelDiff(r.mseMean as number[], m.mseMean)).toBeLessThan(1e-9);
    expect(maxRelDiff(r.coef, m.coef)).toBeLessThan(1e-9);
    const rr = json('cv', file(), '--y', 'y', '--cv', '4', '--model', 'ridge', '--alphas', '0.01,0.1,1,10');
    const mr = new RidgeCV({ foldIds: folds, alphas: [0.01, 0.1, 1, 10] }).fit(X, y);
    expect(rr.alpha).toBe(mr.alpha);
    expect(maxRelDiff(rr.mseMean as number[], mr.mseMean)).toBeLessThan(1e-9);
  });

  it('path: a table on stdout, one row per alpha', () => {
    const r = cli('path', file(), '--y', 'y', '--n-alphas', '10');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('path lasso, rows 442');
    expect(lines[2].split(/\s+/)).toEqual(['alpha', 'nonzero', '(intercept)', ...names]);
    expect(lines).toHaveLength(4 + 10);
    const ref = lassoPath(X, y, { nAlphas: 10 });
    const first = lines[4].split(/\s+/);
    expect(Number(first[0])).toBeCloseTo(ref.alphas[0], 3);
    expect(first[1]).toBe('0');
  });
});

describe('penalized CLI errors', () => {
  it('a missing column, a non-numeric cell (row and column), an empty file, a file with no rows: exit 1 and a message', () => {
    let r = cli('fit', csvPath, '--y', 'target');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/column 'target' is not in the data; its columns are age, sex/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, readFileSync(csvPath, 'utf8').split('\n').map((l, i) => (i === 3 ? l.replace(/^[^,]*/, 'n/a') : l)).join('\n'));
    r = cli('fit', bad, '--y', 'y');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/column 'age' has a non-numeric value 'n\/a' at row 3/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    r = cli('fit', empty, '--y', 'y');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty\.csv is empty/);
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'a,b,y\n');
    r = cli('cv', header, '--y', 'y');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no data rows/);
    expect(r.stdout).toBe('');
  });

  it('an unknown flag, a bad value, a missing --y: exit 2 and usage', () => {
    let r = cli('fit', csvPath, '--y', 'y', '--alpah', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--alpah'/);
    r = cli('fit', csvPath, '--y', 'y', '--alpha', 'abc');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--alpha must be a number ≥ 0, got 'abc'/);
    r = cli('cv', csvPath);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--y COLUMN/);
    r = cli('predict', csvPath, '--y', 'y');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'predict'/);
    r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: penalized fit\|path\|cv/);
  });
});
