import type { Backend } from './types.js';
import type { BackendName } from '../models/options.js';
import { jsBackend } from './jsBackend.js';
import { wasmBackend } from './wasmBackend.js';

export function getBackend(name: BackendName): Backend {
  return name === 'js' ? jsBackend : wasmBackend;
}
