/**
 * penalized — lasso, ridge and elastic-net regression on a WebAssembly core.
 *
 *   import { ready, Lasso } from 'penalized';
 *   await ready();
 *   const m = new Lasso({ alpha: 0.1 }).fit(X, y);
 */
export { ready, isReady } from './wasm/wasmCore.js';
export { Lasso, type LassoOptions } from './models/Lasso.js';
export { ElasticNet, type ElasticNetOptions } from './models/ElasticNet.js';
export { Ridge, type RidgeOptions } from './models/Ridge.js';
export { LinearModel, r2Score, type ModelJSON } from './models/LinearModel.js';
export type { MatrixInput, FlatMatrix } from './io/matrix.js';
export type { BackendName } from './models/options.js';
export { enetPath, lassoPath, type PathResult } from './paths/enetPath.js';
export type { PathOptions } from './paths/pathOptions.js';
export { ElasticNetCV, LassoCV, type ElasticNetCVOptions, type LassoCVOptions, type CVOptions } from './selection/ElasticNetCV.js';
export { RidgeCV, type RidgeCVOptions } from './selection/RidgeCV.js';
