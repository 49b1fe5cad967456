import type { DuckDBConnection } from '@duckdb/node-api';
import { SufficientStats } from '../stats/SufficientStats.js';
import { statsSQL, parseStatsRows, quoteIdent } from '../stats/statsSQL.js';
import type { BackendName } from '../models/options.js';

export interface DuckDBStatsOptions {
  /** The response column. */
  y: string;
  /** Feature columns; default: every column of the query except y, weight and fold. */
  features?: string[] | null;
  /** A column of non-negative row weights. */
  weight?: string | null;
  /** A column of integer fold labels 0…k−1. */
  fold?: string | null;
  /** Number of folds (default: the largest fold label + 1). */
  nFolds?: number | null;
  /**
   * 'stream' (default): result chunks are streamed into SufficientStats.add
   * (the core's SIMD Gram kernel on batches of rows); 'aggregate': DuckDB
   * computes the shifted sums itself in one parallel GROUP BY
   * (stats/statsSQL), p(p+1)/2 scalar SUMs per row. bench/stats/duckdb.js
   * measures both; streaming was the faster (see bench/README.md).
   */
  method?: 'aggregate' | 'stream';
  /** Backend of the chunk kernels ('stream'). Default 'wasm' (await ready() first). */
  backend?: BackendName;
  /** Rows per add() call when streaming. Default 65536. */
  batchRows?: number;
  /**
   * Progress during the scan: rows read so far ('stream', after every batch)
   * and the fraction done when DuckDB knows it ('aggregate': DuckDB's own
   * query progress, polled every 200 ms; null when unknown).
   */
  onProgress?: ((p: { rows: number; fraction: number | null }) => void) | null;
  /** The number of rows when known beforehand (e.g. from Parquet metadata), for the fraction of 'stream' progress. */
  totalRows?: number | null;
}

const OWNER = 'statsFromDuckDB';

interface Column { name: string; type: string }

/** The columns and DuckDB types of a query (nothing is scanned: LIMIT 0). */
async function describe(connection: DuckDBConnection, query: string): Promise<Column[]> {
  const r = await connection.run(`SELECT * FROM (${query}) LIMIT 0`);
  const names = r.columnNames();
  const types = r.columnTypes();
  return names.map((name, i) => ({ name, type: String(types[i]) }));
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\)|BOOLEAN)$/;

/**
 * Resolves and checks the columns: names that are missing are listed with the
 * columns there are; a column that is not numeric (e.g. a CSV column with a
 * text cell) is reported with the first offending row (1-based, in the
 * query's order) and value.
 */
async function resolveColumns(connection: DuckDBConnection, query: string, o: DuckDBStatsOptions): Promise<{ features: string[] }> {
  if (typeof o.y !== 'string' || o.y === '') throw new TypeError(`${OWNER}: option 'y' (the response column) is required`);
  const cols = await describe(connection, query);
  const byName = new Map(cols.map((c) => [c.name, c]));
  const special = [o.y, o.weight, o.fold].filter((c): c is string => typeof c === 'string');
  const features = o.features ?? cols.map((c) => c.name).filter((n) => !special.includes(n));
  if (features.length === 0) throw new RangeError(`${OWNER}: no feature columns (the query has only ${cols.map((c) => c.name).join(', ')})`);
  for (const name of [...features, ...special]) {
    const c = byName.get(name);
    if (!c) throw new RangeError(`${OWNER}: column '${name}' is not in the data; its columns are ${cols.map((x) => x.name).join(', ')}`);
    if (!NUMERIC.test(c.type)) {
      const col = quoteIdent(name, 'duckdb');
      const bad = await connection.runAndReadAll(
        `SELECT rn, CAST(v AS VARCHAR) AS v FROM (SELECT row_number() OVER () AS rn, ${col} AS v FROM (${query})) ` +
          `WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL LIMIT 1`,
      );
      const rows = bad.getRowObjectsJS();
      if (rows.length > 0) {
        throw new TypeError(`${OWNER}: column '${name}' has a non-numeric value '${String(rows[0].v)}' at row ${String(rows[0].rn)}`);
      }
      // A text column without a bad value: all NULL, or no rows at all (a CSV with only a header).
      const n = (await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM (${query})`)).getRowObjectsJS()[0].n;
      if (Number(n) === 0) throw new RangeError(`${OWNER}: the query returned no rows`);
      throw new TypeError(`${OWNER}: column '${name}' has type ${c.type} and no numeric values`);
    }
  }
  return { features };
}

/**
 * Sufficient statistics (stats/SufficientStats) of any DuckDB query — a
 * Parquet or CSV file far larger than memory (`SELECT * FROM 'big.parquet'`),
 * a table, a join — in one pass, with memory O(k·p²) whatever the number of
 * rows. NULLs, NaNs and infinities are refused with their row and column.
 */
export async function statsFromDuckDB(connection: DuckDBConnection, query: string, options: DuckDBStatsOptions): Promise<SufficientStats> {
  if (!connection || typeof (connection as { run?: unknown }).run !== 'function') {
    throw new TypeError(`${OWNER}: the first argument must be a DuckDBConnection (from @duckdb/node-api)`);
  }
  if (typeof query !== 'string' || query.trim() === '') throw new TypeError(`${OWNER}: the query must be a non-empty SQL string`);
  const o = options ?? ({} as DuckDBStatsOptions);
  const method = o.method ?? 'stream';
  if (method !== 'aggregate' && method !== 'stream') throw new TypeError(`${OWNER}: option 'method' must be 'aggregate' or 'stream'`);
  const { features } = await resolveColumns(connection, query, o);
  let nFolds = 1;
  if (o.fold) {
    const col = quoteIdent(o.fold, 'duckdb');
    const r = (await connection.runAndReadAll(`SELECT MIN(${col}) AS lo, MAX(${col}) AS hi FROM (${query})`)).getRowObjectsJS()[0];
    const lo = Number(r.lo);
    const hi = Number(r.hi);
    if (r.lo !== null && (!Number.isInteger(lo) || lo < 0)) throw new RangeError(`${OWNER}: fold labels must be integers 0…k−1; column '${o.fold}' has ${String(r.lo)}`);
    nFolds = o.nFolds ?? hi + 1;
    if (r.hi !== null && hi >= nFolds) throw new RangeError(`${OWNER}: fold label ${hi} is out of range 0…${nFolds - 1} (nFolds = ${nFolds})`);
  }
  const stats = method === 'aggregate'
    ? await aggregate(connection, query, o, features, nFolds)
    : await stream(connection, query, o, features, nFolds);
  if (stats.count === 0) throw new RangeError(`${OWNER}: the query returned no rows`);
  return stats;
}

/** DuckDB computes the shifted sums (statsSQL, dialect 'duckdb') in one parallel aggregation. */
async function aggregate(connection: DuckDBConnection, query: string, o: DuckDBStatsOptions, features: string[], nFolds: number): Promise<SufficientStats> {
  const sql = statsSQL({ table: `(${query}) AS src`, y: o.y, features, weight: o.weight, fold: o.fold, dialect: 'duckdb' });
  let rows: Record<string, unknown>[];
  const timer = o.onProgress
    ? setInterval(() => {
      let q: { percentage: number; rows_processed: number | bigint } | null = null;
      try {
        q = connection.progress;
      } catch {
        return; // a client without query progress: no updates until the end
      }
      if (q && q.percentage >= 0) o.onProgress!({ rows: Number(q.rows_processed), fraction: Math.min(1, q.percentage / 100) });
    }, 200)
    : null;
  try {
    rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } catch (e) {
    throw new RangeError(`${OWNER}: DuckDB failed to aggregate the data: ${(e as Error).message}`, { cause: e });
  } finally {
    if (timer) clearInterval(timer);
  }
  o.onProgress?.({ rows: rows.reduce((t, r) => t + Number(r.n), 0), fraction: 1 });
  return parseStatsRows(rows, { features, weight: o.weight, fold: o.fold, nFolds, backend: o.backend });
}

/** Result chunks copied row-major into a batch buffer, added to SufficientStats batch by batch. */
async function stream(connection: DuckDBConnection, query: string, o: DuckDBStatsOptions, features: string[], nFolds: number): Promise<SufficientStats> {
  const p = features.length;
  const stats = new SufficientStats({ nFeatures: p, nFolds, featureNames: features, backend: o.backend });
  const B = o.batchRows ?? 65536;
  // NULLs become NaN so the numeric check below reports them; folds stay integers.
  const dbl = (c: string): string => `COALESCE(CAST(${quoteIdent(c, 'duckdb')} AS DOUBLE), CAST('NaN' AS DOUBLE))`;
  const select = [...features.map(dbl), dbl(o.y), ...(o.weight ? [dbl(o.weight)] : []), ...(o.fold ? [dbl(o.fold)] : [])];
  const result = await connection.stream(`SELECT ${select.join(', ')} FROM (${query})`);
  const names = [...features, o.y, ...(o.weight ? [o.weight] : []), ...(o.fold ? [o.fold] : [])];
  const X = new Float64Array(B * p);
  const y = new Float64Array(B);
  const w = o.weight ? new Float64Array(B) : null;
  const f = o.fold ? new Float64Array(B) : null;
  let filled = 0;
  let rowsDone = 0;
  const flush = (): void => {
    if (filled === 0) return;
    stats.add({ data: filled === B ? X : X.subarray(0, filled * p), rows: filled, cols: p }, y.subarray(0, filled), {
      sampleWeight: w ? w.subarray(0, filled) : null,
      foldIds: f ? f.subarray(0, filled) : null,
    });
    rowsDone += filled;
    filled = 0;
    o.onProgress?.({ rows: rowsDone, fraction: o.totalRows ? Math.min(1, rowsDone / o.totalRows) : null });
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const m = chunk.rowCount;
    let r0 = 0;
    while (r0 < m) {
      const take = Math.min(m - r0, B - filled);
      for (let c = 0; c < names.length; c++) {
        const v = chunk.getColumnVector(c);
        const items = columnItems(v, m);
        for (let t = 0; t < take; t++) {
          const val = items[r0 + t];
          if (val - val !== 0) {
            throw new RangeError(`${OWNER}: column '${names[c]}' has ${Number.isNaN(val) ? 'NULL or NaN' : String(val)} at row ${rowsDone + filled + t + 1}; every value must be a finite number`);
          }
          const i = filled + t;
          if (c < p) X[i * p + c] = val;
          else if (c === p) y[i] = val;
          else if (w && c === p + 1) w[i] = val;
          else f![i] = val;
        }
      }
      filled += take;
      r0 += take;
      if (filled === B) flush();
    }
  }
  flush();
  return stats;
}

/** The doubles of a DOUBLE result vector: its Float64Array when the client exposes one (no copy), else item by item. */
function columnItems(v: unknown, m: number): ArrayLike<number> {
  const items = (v as { items?: unknown }).items;
  if (items instanceof Float64Array && items.length >= m) return items;
  const vec = v as { getItem(i: number): number | null };
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = vec.getItem(i) ?? NaN;
  return out;
}
