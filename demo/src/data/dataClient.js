// The page's handle on the data worker: one promise per request.
const worker = new Worker(new URL('./dataWorker.js', import.meta.url), { type: 'module', name: 'penalized-data' });
const pending = new Map();
let nextId = 1;

worker.onmessage = ({ data }) => {
  const p = pending.get(data.id);
  if (!p) return;
  pending.delete(data.id);
  if (data.ok) p.resolve(data.result);
  else p.reject(new Error(data.error));
};
worker.onerror = (e) => {
  for (const p of pending.values()) p.reject(new Error(`the data worker failed: ${e.message}`));
  pending.clear();
};

function call(op, args = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, ...args });
  });
}

/** Loads 'diabetes', 'longley' or 'synthetic' (size 'small' | 'large'); resolves to the table's summary. */
export const loadBuiltin = (name, size) => call('loadBuiltin', { name, size });
/** Parses a CSV File (header row first) in the worker; resolves to the table's summary. */
export const parseCsv = (file) => call('parseCsv', { file });
/** X and y for the chosen columns, or { problems } naming the bad cells. */
export const buildDesign = (target, features, dropBadRows) => call('design', { target, features, dropBadRows });
/** Correlation matrix (k × k, flat) of a few feature columns of the current table. */
export const correlations = (columns) => call('correlations', { columns });
