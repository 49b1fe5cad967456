// Sufficient statistics from databases, for real: DuckDB (in process, on CSV
// and Parquet files it writes) and PostgreSQL (a throwaway server started
// here, test/helpers/postgres.ts). Each must give the statistics — and so the
// fits — of the same rows in memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { ready, SufficientStats, LassoCV, Ridge, statsSQL, statsShiftSQL, parseStatsRows } from '../src/index.js';
import { statsFromDuckDB } from '../src/duckdb/index.js';
import { maxRelDiff, rng } from './helpers/data.js';
import { startPostgres, type PgServer } from './helpers/postgres.js';

interface Table { names: string[]; X: number[][]; y: number[]; w: number[]; fold: number[] }

/** Rows with large means (columns ~1e6, y ~1e8), a weight and a fold label (0…4). */
function table(n: number, seed: number): Table {
  const r = rng(seed);
  const names = ['a', 'b', 'c', 'd'];
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  const fold: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [1e6 + r.normal(), 5 + r.normal() * 2, -3e5 + r.normal() * 0.5, r.normal()];
    X.push(row);
    y.push(1e8 + 2 * (row[0] - 1e6) - 0.5 * row[1] + 3 * row[3] + r.normal());
    w.push(0.25 + r.uniform());
    fold.push((i * 3) % 5);
  }
  return { names, X, y, w, fold };
}

function csv(t: Table): string {
  const lines = [`${t.names.join(',')},y,w,fold`];
  for (let i = 0; i < t.y.length; i++) lines.push(`${t.X[i].join(',')},${t.y[i]},${t.w[i]},${t.fold[i]}`);
  return `${lines.join('\n')}\n`;
}

function rowStats(t: Table, weighted: boolean): SufficientStats {
  const s = new SufficientStats({ nFeatures: t.names.length, nFolds: 5 });
  return s.add(t.X, t.y, { sampleWeight: weighted ? t.w : null, foldIds: t.fold });
}

/** Fits from the two statistics agree to 1e-9 (LassoCV: same alpha, same curve; Ridge). */
function expectSameFits(a: SufficientStats, b: SufficientStats): void {
  const ca = new LassoCV({ nAlphas: 30, standardize: true }).fitStats(a);
  const cb = new LassoCV({ nAlphas: 30, standardize: true }).fitStats(b);
  expect(cb.alphas.indexOf(cb.alpha)).toBe(ca.alphas.indexOf(ca.alpha));
  expect(maxRelDiff(cb.mseMean, ca.mseMean)).toBeLessThan(1e-9);
  expect(maxRelDiff(cb.coef, ca.coef)).toBeLessThan(1e-9);
  const ra = new Ridge({ alpha: 3 }).fitStats(a);
  const rb = new Ridge({ alpha: 3 }).fitStats(b);
  expect(maxRelDiff(rb.coef, ra.coef)).toBeLessThan(1e-9);
  expect(Math.abs(rb.intercept - ra.intercept)).toBeLessThan(1e-9 * Math.abs(ra.intercept));
}

const t = table(3000, 11);
let dir = '';
let duck: DuckDBConnection;

beforeAll(async () => {
  await ready();
  dir = mkdtempSync(join(tmpdir(), 'penalized-sql-'));
  writeFileSync(join(dir, 'data.csv'), csv(t));
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT * FROM read_csv('${join(dir, 'data.csv')}')) TO '${join(dir, 'data.parquet')}' (FORMAT parquet)`);
});

afterAll(() => {
  duck?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('DuckDB', () => {
  it.each(['csv', 'parquet'])('statsFromDuckDB on a %s file = statistics of the same rows (aggregate and stream)', async (kind) => {
    const query = kind === 'csv' ? `SELECT * FROM read_csv('${join(dir, 'data.csv')}')` : `SELECT * FROM '${join(dir, 'data.parquet')}'`;
    for (const weighted of [false, true]) {
      const ref = rowStats(t, weighted);
      for (const method of ['aggregate', 'stream'] as const) {
        const s = await statsFromDuckDB(duck, weighted ? query : `SELECT * EXCLUDE (w) FROM (${query})`, { y: 'y', fold: 'fold', weight: weighted ? 'w' : null, method, batchRows: 700 });
        expect(s.count).toBe(3000);
        expect(s.nFolds).toBe(5);
        expect(s.featureNames).toEqual(['a', 'b', 'c', 'd']);
        expect(s.weighted).toBe(weighted);
        expectSameFits(ref, s);
      }
    }
  });

  it('statsSQL with a shift from a first pass (statsShiftSQL) gives the same statistics', async () => {
    const table = `(SELECT * FROM '${join(dir, 'data.parquet')}') AS t`;
    const base = { table, y: 'y', features: t.names, dialect: 'duckdb' as const };
    const shiftRow = (await duck.runAndReadAll(statsShiftSQL(base))).getRowObjectsJS()[0];
    const shift = (shiftRow.shift as number[]).map(Number);
    expect(shift[0]).toBeCloseTo(1e6, -1);
    const rows = (await duck.runAndReadAll(statsSQL({ ...base, fold: 'fold', shift }))).getRowObjectsJS();
    expect(rows).toHaveLength(5);
    expectSameFits(rowStats(t, false), parseStatsRows(rows, { features: t.names, fold: 'fold' }));
  });

  it('clear errors: missing column, non-numeric cell with its row, NULL, empty result', async () => {
    const q = `SELECT * FROM '${join(dir, 'data.parquet')}'`;
    await expect(statsFromDuckDB(duck, q, { y: 'nope' })).rejects.toThrow(/column 'nope' is not in the data; its columns are a, b, c, d, y, w, fold/);
    writeFileSync(join(dir, 'bad.csv'), 'a,b,y\n1,2,3\n4,x5,6\n7,8,9\n');
    await expect(statsFromDuckDB(duck, `SELECT * FROM read_csv('${join(dir, 'bad.csv')}')`, { y: 'y' })).rejects.toThrow(/column 'b' has a non-numeric value 'x5' at row 2/);
    writeFileSync(join(dir, 'null.csv'), 'a,b,y\n1,2,3\n4,,6\n7,8,9\n');
    for (const method of ['aggregate', 'stream'] as const) {
      await expect(statsFromDuckDB(duck, `SELECT * FROM read_csv('${join(dir, 'null.csv')}')`, { y: 'y', method })).rejects.toThrow(/NULL/);
      await expect(statsFromDuckDB(duck, `${q} WHERE a < 0`, { y: 'y', method })).rejects.toThrow(/no rows/);
    }
    await expect(statsFromDuckDB(duck, q, { y: 'y', fold: 'fold', nFolds: 3 })).rejects.toThrow(/fold label 4 is out of range 0…2/);
  });
});

describe('PostgreSQL (a throwaway server on a loopback port)', () => {
  let server: PgServer | null = null;
  let client: pg.Client | null = null;

  beforeAll(async () => {
    server = await startPostgres();
    client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
    await client.connect();
    await client.query('CREATE TABLE data (a float8, b float8, c float8, d float8, y float8, w float8, fold int)');
    for (let i0 = 0; i0 < t.y.length; i0 += 500) {
      const values: string[] = [];
      for (let i = i0; i < Math.min(t.y.length, i0 + 500); i++) values.push(`(${[...t.X[i], t.y[i], t.w[i], t.fold[i]].join(',')})`);
      await client.query(`INSERT INTO data VALUES ${values.join(',')}`);
    }
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    server?.stop();
  });

  it.each([false, true])('statsSQL (dialect postgres) = statistics of the same rows (weighted: %s)', async (weighted) => {
    const opts = { table: 'data', y: 'y', features: t.names, weight: weighted ? 'w' : null, fold: 'fold', dialect: 'postgres' as const };
    const res = await client!.query(statsSQL(opts));
    expect(res.rows).toHaveLength(5);
    const s = parseStatsRows(res.rows, opts);
    expect(s.count).toBe(3000);
    expect(s.weighted).toBe(weighted);
    expectSameFits(rowStats(t, weighted), s);
  });

  it('a NULL is refused by the parser, with its fold', async () => {
    await client!.query('CREATE TABLE holes AS SELECT * FROM data');
    await client!.query('UPDATE holes SET b = NULL WHERE ctid IN (SELECT ctid FROM holes WHERE fold = 2 LIMIT 1)');
    const opts = { table: 'holes', y: 'y', features: t.names, fold: 'fold', dialect: 'postgres' as const };
    const res = await client!.query(statsSQL(opts));
    expect(() => parseStatsRows(res.rows, opts)).toThrow(/fold 2 has 1 rows with a NULL/);
  });
});

describe('statsSQL text for Spark SQL and BigQuery', () => {
  const opts = { table: 'db.events', y: 'target', features: ['x`1', 'x2'], weight: 'wt', fold: 'fold' };
  it('Spark SQL: backtick identifiers (doubled inside), array(...), DOUBLE casts, CROSS JOIN of a LIMIT 1 shift row', () => {
    const q = statsSQL({ ...opts, dialect: 'spark' });
    expect(q).toContain('`x``1`');
    expect(q).toContain('`db`.`events`');
    expect(q).toMatch(/AS sums/);
    expect(q).toContain('array(\n');
    expect(q).toContain('CAST(`wt` AS DOUBLE)');
    expect(q).toContain('CAST(`fold` AS BIGINT)');
    expect(q).toMatch(/WITH penalized_sh AS \([\s\S]*LIMIT 1\n\)/);
    expect(q).toContain('CROSS JOIN penalized_sh');
    expect(q).not.toContain('ARRAY[');
    // q = 3 columns → 2 + 3 + 3 + 6 array entries.
    expect(q.match(/SUM\(/g)!.length).toBe(2 + 3 + 6);
  });
  it('BigQuery: backtick-quoted (backslash-escaped) names, [ ... ] arrays, FLOAT64 and INT64', () => {
    const q = statsSQL({ ...opts, dialect: 'bigquery' });
    expect(q).toContain('`x\\`1`');
    expect(q).toContain('`db.events`');
    expect(q).toContain('CAST(`wt` AS FLOAT64)');
    expect(q).toContain('CAST(`fold` AS INT64)');
    expect(q).toContain('AS sums');
    expect(q).toMatch(/\[\n/);
  });
  it('bad options are refused', () => {
    expect(() => statsSQL({ ...opts, dialect: 'oracle' as never })).toThrow(/dialect/);
    expect(() => statsSQL({ ...opts, dialect: 'spark', shift: [1, 2] })).toThrow(/shift.*3 numbers/);
    expect(() => statsSQL({ ...opts, features: [], dialect: 'spark' })).toThrow(/features/);
  });
});

describe('packaging', () => {
  it('the core entry never imports DuckDB (only penalized/duckdb and the CLI do)', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { dirname: dir, resolve } = await import('node:path');
    const root = resolve(__dirname, '..', 'src');
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of read(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) visit(resolve(dir(file), spec.replace(/\.js$/, '.ts')));
        else external.add(spec);
      }
    };
    visit(resolve(root, 'index.ts'));
    expect([...external].filter((s) => s.includes('duckdb') || s.startsWith('node:') || s === 'pg')).toEqual([]);
    expect([...seen].some((f) => f.includes(`${'/'}stats${'/'}`))).toBe(true);
  });
});
