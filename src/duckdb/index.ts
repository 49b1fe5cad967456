/**
 * penalized/duckdb — sufficient statistics from DuckDB queries (Parquet, CSV,
 * tables larger than memory). Needs the optional peer dependency
 * `@duckdb/node-api`; the core entry point never loads this module.
 *
 *   import { DuckDBInstance } from '@duckdb/node-api';
 *   import { statsFromDuckDB } from 'penalized/duckdb';
 *   const con = await (await DuckDBInstance.create()).connect();
 *   const stats = await statsFromDuckDB(con, "SELECT * FROM 'big.parquet'", { y: 'target', fold: 'fold' });
 *   new LassoCV().fitStats(stats);
 */
export { statsFromDuckDB, type DuckDBStatsOptions } from './statsFromDuckDB.js';
