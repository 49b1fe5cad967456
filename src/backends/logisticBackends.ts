import type { LogisticBackend } from './logisticTypes.js';
import type { BackendName } from '../models/options.js';
import { logisticJs } from './logisticJs.js';
import { logisticWasm } from './logisticWasm.js';

export function getLogisticBackend(name: BackendName): LogisticBackend {
  return name === 'js' ? logisticJs : logisticWasm;
}
