/**
 * penalized — lasso, ridge and elastic-net regression on a WebAssembly core.
 *
 *   import { ready, Lasso } from 'penalized';
 *   await ready();
 *   const m = new Lasso({ alpha: 0.1 }).fit(X, y);
 */
import { WasmScope, ready as loadCore } from './wasm/wasmCore.js';
import { warmUpSteps } from './warmUp.js';

export { isReady } from './wasm/wasmCore.js';

let warming: Promise<void> | null = null;

/** Lets other work (events, rendering) run between warm-up steps. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Loads the WebAssembly core (embedded in the package: no fetch, no file
 * access; compiled asynchronously) and warms up its kernels once, in small
 * steps that yield to the event loop, so a page stays responsive. Await it
 * before fitting with the default backend 'wasm'; later calls resolve at once.
 */
export async function ready(): Promise<void> {
  await loadCore();
  warming ??= (async () => {
    for (const step of warmUpSteps()) {
      await yieldToEventLoop();
      step();
    }
  })();
  await warming;
}
export { Lasso, type LassoOptions } from './models/Lasso.js';
export { ElasticNet, type ElasticNetOptions } from './models/ElasticNet.js';
export { Ridge, type RidgeOptions } from './models/Ridge.js';
export { LinearModel, NotFittedError, r2Score, type ModelJSON } from './models/LinearModel.js';
export type { MatrixInput, FlatMatrix } from './io/matrix.js';
export type { SparseInput } from './io/sparse.js';
export type { TargetInput } from './io/targets.js';
export type { BackendName } from './models/options.js';
export { enetPath, lassoPath, type PathResult } from './paths/enetPath.js';
export type { PathOptions } from './paths/pathOptions.js';
export { ElasticNetCV, LassoCV, type ElasticNetCVOptions, type LassoCVOptions, type CVOptions } from './selection/ElasticNetCV.js';
export { RidgeCV, type RidgeCVOptions } from './selection/RidgeCV.js';

/**
 * Memory held by the WebAssembly core: `wasmMemoryBytes` is the size of its
 * linear memory now — it grows to a fit's peak and stays there, except that
 * after a fit that grew it past MEMORY_RELEASE_BYTES (256 MiB) the instance
 * is replaced by a fresh, small one; `peakWasmMemoryBytes` is the largest size
 * reached so far in this process (used by bench/ to report memory next to speed).
 */
export function memoryStats(): { wasmMemoryBytes: number; peakWasmMemoryBytes: number } {
  return { wasmMemoryBytes: WasmScope.memoryBytes(), peakWasmMemoryBytes: WasmScope.peakMemoryBytes() };
}
export { MEMORY_RELEASE_BYTES } from './wasm/wasmCore.js';
export { SufficientStats, type SufficientStatsOptions, type AddOptions, type SufficientStatsJSON } from './stats/SufficientStats.js';
export { statsSQL, statsShiftSQL, parseStatsRows, type StatsSQLOptions, type SQLDialect, type ParseStatsOptions } from './stats/statsSQL.js';

// Off the main thread: fitAsync on every model, paths and pools (src/workers/).
import { installAsyncFitter } from './models/LinearModel.js';
import { fitInWorker } from './workers/fitAsync.js';
installAsyncFitter(fitInWorker);
export { lassoPathAsync, enetPathAsync, type AsyncOptions, type FitAsyncOptions, type PathAsyncOptions } from './workers/fitAsync.js';
export { createPool, Pool, type PoolOptions } from './workers/Pool.js';
export { LogisticRegression, type LogisticRegressionOptions } from './models/LogisticRegression.js';
export { logisticPath, type LogisticPathOptions, type LogisticPathResult, type SparseCoefs } from './paths/logisticPath.js';
export { LogisticRegressionCV, type LogisticRegressionCVOptions, type LogisticCVCurve } from './selection/LogisticRegressionCV.js';
