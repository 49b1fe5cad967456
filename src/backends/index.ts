import type { Backend, DesignOptions, PreparedDesign } from './types.js';
import type { CheckedMatrix } from '../io/matrix.js';
import { isSparseMatrix, type SparseMatrix } from '../io/sparse.js';
import type { BackendName } from '../models/options.js';
import { jsBackend } from './jsBackend.js';
import { wasmBackend } from './wasmBackend.js';

export function getBackend(name: BackendName): Backend {
  return name === 'js' ? jsBackend : wasmBackend;
}

/**
 * Runs `body` on X prepared by the backend: withSparseDesign for a sparse X
 * (never densified), withDesign otherwise.
 */
export function withDesignOf<T>(
  backend: Backend, M: CheckedMatrix | SparseMatrix, y: ArrayLike<number>, opts: DesignOptions, body: (d: PreparedDesign) => T,
): T {
  return isSparseMatrix(M) ? backend.withSparseDesign(M, y, opts, body) : backend.withDesign(M, y, opts, body);
}
