#!/usr/bin/env node
/// <reference types="node" />
/**
 * `npx penalized fit|path|cv FILE.csv|FILE.parquet --y COL …` — fits through
 * the sufficient-statistics path: DuckDB reads the file (streaming, so files
 * larger than memory work), penalized fits from the statistics.
 */
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs, UsageError, type CliArgs } from './args.js';
import { progressReporter } from './progress.js';
import { formatResult } from './format.js';
import { ready } from '../index.js';
import { Lasso } from '../models/Lasso.js';
import { ElasticNet } from '../models/ElasticNet.js';
import { Ridge } from '../models/Ridge.js';
import { LassoCV, ElasticNetCV } from '../selection/ElasticNetCV.js';
import { RidgeCV } from '../selection/RidgeCV.js';
import { lassoPath, enetPath } from '../paths/enetPath.js';
import { statsFromDuckDB } from '../duckdb/statsFromDuckDB.js';
import type { SufficientStats } from '../stats/SufficientStats.js';

const USAGE = `usage: penalized fit|path|cv FILE.csv|FILE.parquet --y COLUMN [options]

  fit     one model at --alpha (default 1)
  path    the lasso / elastic-net path (--n-alphas, default 100)
  cv      K-fold cross-validation (--cv K, default 5; row i is in fold i mod K)

options:
  --y COL             the response column (required)
  --features a,b,…    feature columns (default: every other column)
  --weight COL        a column of row weights
  --model M           lasso (default), enet or ridge
  --alpha A           penalty of fit
  --alphas a,b,…      candidate alphas (cv; ridge default 0.1,1,10)
  --l1-ratio R        elastic-net mix, default 0.5
  --cv K              number of folds, default 5
  --n-alphas N        alphas on the path / CV grid, default 100
  --standardize       penalize standardized coefficients (glmnet's standardize)
  --no-intercept      fit without an intercept
  --method M          aggregate (in DuckDB) or stream (chunks into penalized)
  --progress          progress on stderr even when it is not a terminal
  --json              JSON on stdout instead of a table`;

const FOLD = '__penalized_fold';

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The DuckDB query reading the file, with a fold column for cv. */
function fileQuery(a: CliArgs): string {
  if (!existsSync(a.file)) throw new UsageError(`no such file: ${a.file}`);
  const st = statSync(a.file);
  if (!st.isFile()) throw new UsageError(`not a file: ${a.file}`);
  if (st.size === 0) throw new InputError(`${a.file} is empty`);
  const ext = extname(a.file).toLowerCase();
  const reader = ext === '.parquet' ? 'read_parquet' : ext === '.csv' || ext === '.tsv' || ext === '.txt' ? 'read_csv' : null;
  if (!reader) throw new UsageError(`${a.file}: expected a .csv or .parquet file`);
  const src = `${reader}(${sqlString(a.file)})`;
  if (a.command !== 'cv') return `SELECT * FROM ${src}`;
  return `SELECT *, CAST((row_number() OVER () - 1) % ${a.cv} AS INTEGER) AS ${FOLD} FROM ${src}`;
}

/** Bad data (missing column, non-numeric cell, empty file): exit status 1 with the message. */
class InputError extends Error {}

async function readStats(a: CliArgs): Promise<SufficientStats> {
  let duckdb: typeof import('@duckdb/node-api');
  try {
    duckdb = await import('@duckdb/node-api');
  } catch {
    throw new InputError('the command-line tool reads files with DuckDB: npm install @duckdb/node-api');
  }
  const query = fileQuery(a);
  const db = await duckdb.DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const progress = progressReporter(process.stderr, a.progress || process.stderr.isTTY === true);
  try {
    const features = a.features ?? null;
    const stats = await statsFromDuckDB(con, query, {
      y: a.y, features: features ?? (await defaultFeatures(con, query, a)), weight: a.weight, fold: a.command === 'cv' ? FOLD : null,
      nFolds: a.command === 'cv' ? a.cv : null, method: a.method ?? undefined, onProgress: progress.update,
      // Parquet files know their row count (metadata only): the progress bar can show a fraction.
      totalRows: a.file.toLowerCase().endsWith('.parquet') ? Number((await con.runAndReadAll(`SELECT COUNT(*) AS n FROM read_parquet(${sqlString(a.file)})`)).getRowObjectsJS()[0].n) : null,
    });
    return stats;
  } catch (e) {
    const msg = (e as Error).message.replace(/^statsFromDuckDB: /, '');
    throw new InputError(/no rows/.test(msg) ? `${a.file} has no data rows` : `${a.file}: ${msg}`);
  } finally {
    progress.done();
    con.closeSync();
  }
}

/** Every column but y, the weight and the fold column. */
async function defaultFeatures(con: import('@duckdb/node-api').DuckDBConnection, query: string, a: CliArgs): Promise<string[]> {
  const r = await con.run(`SELECT * FROM (${query}) LIMIT 0`);
  return r.columnNames().filter((n) => n !== a.y && n !== a.weight && n !== FOLD);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  let a: CliArgs;
  try {
    a = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`penalized: ${e.message}\n(penalized --help for usage)\n`);
      return 2;
    }
    throw e;
  }
  try {
    await ready();
    const stats = await readStats(a);
    const names = stats.featureNames ?? [];
    const common = { fitIntercept: a.intercept, standardize: a.standardize };
    let result: Record<string, unknown>;
    if (a.command === 'fit') {
      const alpha = a.alpha ?? 1;
      const m = a.model === 'ridge' ? new Ridge({ alpha, ...common }).fitStats(stats)
        : a.model === 'enet' ? new ElasticNet({ alpha, l1Ratio: a.l1Ratio, ...common, onWarning: warn }).fitStats(stats)
          : new Lasso({ alpha, ...common, onWarning: warn }).fitStats(stats);
      result = { command: 'fit', model: a.model, alpha, ...(a.model === 'enet' ? { l1Ratio: a.l1Ratio } : {}), rows: stats.count, intercept: m.intercept, coef: Array.from(m.coef) };
    } else if (a.command === 'path') {
      const o = { ...common, nAlphas: a.nAlphas, alphas: a.alphas, onWarning: warn };
      const r = a.model === 'enet' ? enetPath(stats, { ...o, l1Ratio: a.l1Ratio }) : lassoPath(stats, o);
      result = {
        command: 'path', model: a.model, ...(a.model === 'enet' ? { l1Ratio: a.l1Ratio } : {}), rows: stats.count,
        alphas: Array.from(r.alphas), intercepts: Array.from(r.intercepts),
        coefs: Array.from({ length: r.alphas.length }, (_, k) => Array.from(r.coefs.subarray(k * names.length, (k + 1) * names.length))),
      };
    } else if (a.model === 'ridge') {
      const m = new RidgeCV({ ...common, cv: a.cv, ...(a.alphas ? { alphas: a.alphas } : {}) }).fitStats(stats);
      result = { command: 'cv', model: 'ridge', folds: a.cv, rows: stats.count, alpha: m.alpha, alphas: Array.from(m.alphas), mseMean: Array.from(m.mseMean), intercept: m.intercept, coef: Array.from(m.coef) };
    } else {
      const o = { ...common, nAlphas: a.nAlphas, alphas: a.alphas, onWarning: warn };
      const m = a.model === 'enet' ? new ElasticNetCV({ ...o, l1Ratio: a.l1Ratio }).fitStats(stats) : new LassoCV(o).fitStats(stats);
      result = {
        command: 'cv', model: a.model, ...(a.model === 'enet' ? { l1Ratio: m.l1Ratio } : {}), folds: a.cv, rows: stats.count,
        alpha: m.alpha, alpha1se: m.alpha1se, alphas: Array.from(m.alphas), mseMean: Array.from(m.mseMean), mseStd: Array.from(m.mseStd),
        intercept: m.intercept, coef: Array.from(m.coef),
      };
    }
    result.features = names;
    process.stdout.write(a.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`penalized: ${e.message}\n(penalized --help for usage)\n`);
      return 2;
    }
    process.stderr.write(`penalized: ${(e as Error).message}\n`);
    return 1;
  }
}

function warn(message: string): void {
  process.stderr.write(`penalized: warning: ${message}\n`);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`penalized: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
