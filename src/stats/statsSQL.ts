import { SufficientStats } from './SufficientStats.js';
import type { Moments } from './moments.js';
import type { BackendName } from '../models/options.js';

export type SQLDialect = 'duckdb' | 'postgres' | 'spark' | 'bigquery';

export interface StatsSQLOptions {
  /** A table name (quoted as an identifier when it is a plain name) or a parenthesized subquery with an alias, used verbatim. */
  table: string;
  /** The response column. */
  y: string;
  /** The feature columns, in order. */
  features: string[];
  /** A column of non-negative row weights. */
  weight?: string | null;
  /** A column of integer fold labels 0…k−1 (one result row per fold). */
  fold?: string | null;
  dialect: SQLDialect;
  /**
   * Per-column shifts (features then y) subtracted before the sums, for
   * precision when means are large. Default: the values of one complete row of
   * the table, taken by the query itself (a LIMIT 1 subquery: no extra scan)
   * and returned with the sums.
   */
  shift?: ArrayLike<number> | null;
}

/** Prefix of the query's own names, so they never collide with the table's columns. */
const P = 'penalized_';

const DOUBLE: Record<SQLDialect, string> = { duckdb: 'DOUBLE', postgres: 'DOUBLE PRECISION', spark: 'DOUBLE', bigquery: 'FLOAT64' };
const INTEGER: Record<SQLDialect, string> = { duckdb: 'BIGINT', postgres: 'BIGINT', spark: 'BIGINT', bigquery: 'INT64' };

/** Identifier quoting: "x" (SQL standard: DuckDB, PostgreSQL) or `x` (Spark SQL, GoogleSQL), the quote doubled or escaped inside. */
export function quoteIdent(name: string, dialect: SQLDialect): string {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`statsSQL: column and table names must be non-empty strings, got ${String(name)}`);
  if (dialect === 'spark') return `\`${name.replace(/`/g, '``')}\``;
  if (dialect === 'bigquery') return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

function arrayOf(items: string[], dialect: SQLDialect): string {
  const body = items.join(',\n    ');
  if (dialect === 'postgres') return `ARRAY[\n    ${body}]`;
  if (dialect === 'spark') return `array(\n    ${body})`;
  return `[\n    ${body}]`;
}

/** A plain table name (possibly dotted) is quoted part by part; anything else (a subquery) is used as it is. */
function tableRef(table: string, dialect: SQLDialect): string {
  if (typeof table !== 'string' || table.trim() === '') throw new TypeError("statsSQL: option 'table' must be a table name or a parenthesized subquery");
  if (/^[A-Za-z_][A-Za-z0-9_$-]*(\.[A-Za-z_][A-Za-z0-9_$-]*)*$/.test(table)) {
    if (dialect === 'bigquery') return quoteIdent(table, dialect);
    return table.split('.').map((t) => quoteIdent(t, dialect)).join('.');
  }
  return table;
}

function literal(v: number): string {
  // Shortest round-trip decimal; exponent form is accepted by every dialect's float literals.
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function checkOptions(o: StatsSQLOptions): void {
  if (o === null || typeof o !== 'object') throw new TypeError('statsSQL: options must be an object');
  if (!['duckdb', 'postgres', 'spark', 'bigquery'].includes(o.dialect)) {
    throw new TypeError(`statsSQL: option 'dialect' must be 'duckdb', 'postgres', 'spark' or 'bigquery', got ${String(o.dialect)}`);
  }
  if (!Array.isArray(o.features) || o.features.length === 0) throw new TypeError("statsSQL: option 'features' must be a non-empty array of column names");
  if (typeof o.y !== 'string') throw new TypeError("statsSQL: option 'y' must be a column name");
  if (o.shift != null) {
    if (o.shift.length !== o.features.length + 1) {
      throw new RangeError(`statsSQL: option 'shift' must hold ${o.features.length + 1} numbers (one per feature, then y), got ${o.shift.length}`);
    }
    for (let j = 0; j < o.shift.length; j++) if (!Number.isFinite(o.shift[j])) throw new RangeError(`statsSQL: shift[${j}] is not a finite number`);
  }
}

/**
 * The one aggregation query whose result rows (one per fold, ordered by fold)
 * are the sufficient statistics of a least-squares fit: per fold the row
 * count and a single array column `sums` holding, in order, the number of
 * complete rows (no NULL in a used column), Σw, the q = p + 1 shifts, Σw·d
 * and the upper triangle (row by row) of Σw·d·dᵀ, where d = [x, y] − shift.
 * One array keeps the query within every engine's column limit (PostgreSQL
 * allows 1664 result columns) and the parser uniform.
 *
 * Shifted sums about a value near the mean lose no precision to large means
 * (the co-moment is S₂ − S₁S₁ᵀ/W with S₁ small; Chan, Golub & LeVeque 1983,
 * §3); without `shift`, one complete row of the table serves as the shift.
 * Rows with a NULL in a used column are counted so that the parser can refuse
 * them (SQL's SUM would skip them column by column).
 */
export function statsSQL(o: StatsSQLOptions): string {
  checkOptions(o);
  const d = o.dialect;
  const dbl = DOUBLE[d];
  const cols = [...o.features, o.y];
  const q = cols.length;
  const src = tableRef(o.table, d);
  const used = [...cols, ...(o.weight ? [o.weight] : []), ...(o.fold ? [o.fold] : [])];
  const complete = used.map((c) => `${quoteIdent(c, d)} IS NOT NULL`).join(' AND ');
  const given = o.shift != null;
  const shiftOf = (j: number): string => (given ? literal(o.shift![j]) : `${P}sh.${P}s${j}`);
  const dev = (j: number): string => `${P}d${j}`;
  // Deviations from the shift computed once per row in a subquery, so each product is written once.
  const devs = cols.map((c, j) => `CAST(${quoteIdent(c, d)} AS ${dbl}) - ${shiftOf(j)} AS ${dev(j)}`);
  const w = o.weight ? `CAST(${quoteIdent(o.weight, d)} AS ${dbl})` : null;
  const fold = o.fold ? `CAST(${quoteIdent(o.fold, d)} AS ${INTEGER[d]})` : `CAST(0 AS ${INTEGER[d]})`;
  const inner = [
    `${fold} AS ${P}fold`,
    `CASE WHEN ${complete} THEN 1 ELSE 0 END AS ${P}complete`,
    ...(w ? [`${w} AS ${P}w`] : []),
    ...(given ? [] : cols.map((_, j) => `${P}sh.${P}s${j} AS ${P}s${j}`)),
    ...devs,
  ];
  // COALESCE: a column that is NULL on every row of a fold must not put a NULL
  // into the array (BigQuery refuses arrays with NULL elements in results);
  // the count of complete rows lets the parser refuse NULLs with a clear message.
  const sum = (e: string): string => `COALESCE(SUM(${e}), 0)`;
  const wt = (e: string): string => (w ? `${P}w * ${e}` : e);
  const sums: string[] = [
    `CAST(SUM(${P}complete) AS ${dbl})`,
    w ? sum(`${P}w`) : `CAST(COUNT(*) AS ${dbl})`,
    ...cols.map((_, j) => (given ? literal(o.shift![j]) : `MIN(${P}s${j})`)),
    ...cols.map((_, j) => sum(wt(dev(j)))),
  ];
  for (let j = 0; j < q; j++) for (let k = j; k < q; k++) sums.push(sum(wt(`${dev(j)} * ${dev(k)}`)));
  const shiftCte = given ? '' :
    `WITH ${P}sh AS (\n  SELECT ${cols.map((c, j) => `CAST(${quoteIdent(c, d)} AS ${dbl}) AS ${P}s${j}`).join(', ')}\n  FROM ${src}\n  WHERE ${complete}\n  LIMIT 1\n)\n`;
  const from = given ? `${src}` : `${src} CROSS JOIN ${P}sh`;
  return `${shiftCte}SELECT ${P}fold AS fold, COUNT(*) AS n, ${arrayOf(sums, d)} AS sums\nFROM (\n  SELECT ${inner.join(',\n    ')}\n  FROM ${from}\n) ${P}t\nGROUP BY ${P}fold\nORDER BY ${P}fold`;
}

/**
 * A query for one pass that computes the means of the columns (features,
 * then y), to use as `shift` when the table has no representative first row
 * (the default shift is any complete row, which is enough for precision).
 */
export function statsShiftSQL(o: Omit<StatsSQLOptions, 'shift' | 'fold' | 'weight'>): string {
  checkOptions({ ...o, shift: null });
  const d = o.dialect;
  const cols = [...o.features, o.y];
  const items = cols.map((c) => `AVG(CAST(${quoteIdent(c, d)} AS ${DOUBLE[d]}))`);
  return `SELECT ${arrayOf(items, d)} AS shift\nFROM ${tableRef(o.table, d)}`;
}

function toNumber(v: unknown, where: string): number {
  const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(x)) throw new TypeError(`parseStatsRows: ${where} is ${v === null ? 'NULL' : String(v)}, not a finite number`);
  return x;
}

export interface ParseStatsOptions {
  /** The feature names (their count is p). */
  features: string[];
  /** The weight column of the query, if any (marks the statistics weighted). */
  weight?: string | null;
  /** The fold column of the query, if any. */
  fold?: string | null;
  /** Number of folds k (default: 1 without a fold column, else the largest label + 1). */
  nFolds?: number;
  backend?: BackendName;
}

/**
 * Turns the result rows of `statsSQL` (objects with `fold`, `n` and `sums`,
 * as the engine's client returns them: numbers, numeric strings or bigints)
 * into SufficientStats. Refuses rows with NULLs, fold labels out of range and
 * arrays of the wrong length, with the fold named.
 */
export function parseStatsRows(rows: ArrayLike<Record<string, unknown>>, o: ParseStatsOptions): SufficientStats {
  const p = o.features.length;
  const q = p + 1;
  const len = 2 + 2 * q + (q * (q + 1)) / 2;
  if (!rows || typeof rows.length !== 'number') throw new TypeError('parseStatsRows: expected the array of result rows');
  const parsed = Array.from(rows, (r, i) => {
    if (r === null || typeof r !== 'object') throw new TypeError(`parseStatsRows: row ${i} is not an object`);
    const fold = toNumber(r.fold, `row ${i}: fold`);
    if (!Number.isInteger(fold) || fold < 0) throw new RangeError(`parseStatsRows: row ${i}: fold label ${fold}; labels must be integers 0…k−1`);
    const n = toNumber(r.n, `row ${i}: n`);
    const sums = r.sums as ArrayLike<unknown>;
    if (!sums || typeof sums.length !== 'number' || sums.length !== len) {
      throw new RangeError(`parseStatsRows: row ${i} (fold ${fold}): 'sums' must be an array of ${len} numbers for ${p} features, got ${sums && typeof sums.length === 'number' ? sums.length : typeof sums}`);
    }
    return { fold, n, s: Array.from(sums, (v, k) => toNumber(v, `row ${i} (fold ${fold}): sums[${k}]`)) };
  });
  const k = o.nFolds ?? (!o.fold || parsed.length === 0 ? 1 : Math.max(...parsed.map((r) => r.fold)) + 1);
  const stats = new SufficientStats({ nFeatures: p, nFolds: k, featureNames: o.features, backend: o.backend });
  const moments: { fold: number; m: Moments }[] = [];
  for (const { fold, n, s } of parsed) {
    if (fold >= k) throw new RangeError(`parseStatsRows: fold label ${fold} is out of range 0…${k - 1} (nFolds = ${k})`);
    if (s[0] !== n) throw new RangeError(`parseStatsRows: fold ${fold} has ${n - s[0]} rows with a NULL in a used column; filter them out or fill them in`);
    const W = s[1];
    if (W < 0) throw new RangeError(`parseStatsRows: fold ${fold} has a negative weight sum; weights must be ≥ 0`);
    const shift = s.slice(2, 2 + q);
    const S1 = s.slice(2 + q, 2 + 2 * q);
    const m: Moments = { count: n, weight: W, mean: new Float64Array(q), C: new Float64Array(q * q) };
    if (W > 0) {
      for (let j = 0; j < q; j++) m.mean[j] = shift[j] + S1[j] / W;
      let t = 2 + 2 * q;
      const flat: number[] = [];
      for (let a = 0; a < q; a++) {
        for (let b = a; b < q; b++) {
          // Co-moment about the mean from sums about the shift: S₂ − S₁S₁ᵀ/W.
          const c = s[t] - (S1[a] * S1[b]) / W;
          if (a === b) flat[a] = s[t];
          t++;
          m.C[a * q + b] = c;
          m.C[b * q + a] = c;
        }
      }
      // A column constant in this fold but away from its shift leaves rounding
      // noise (or a negative value) instead of an exact 0: clear its row and
      // column, as a constant column has no co-moment with anything.
      for (let a = 0; a < q; a++) {
        if (m.C[a * q + a] <= 1e-13 * flat[a]) {
          for (let b = 0; b < q; b++) {
            m.C[a * q + b] = 0;
            m.C[b * q + a] = 0;
          }
        }
      }
    } else {
      m.weight = 0;
    }
    moments.push({ fold, m });
  }
  const weighted = o.weight != null;
  for (const { fold, m } of moments) stats.addMoments(fold, m, weighted, 'parseStatsRows');
  return stats;
}
