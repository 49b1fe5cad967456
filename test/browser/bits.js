// Exact, JSON-safe pictures of results, shared by the browser pages and the
// Node side of test/browser*.test.ts: every number as the hex of its 64 bits,
// every typed array as one hex string, so comparing two pictures compares
// bits (−0, NaN payloads and all). Plain JavaScript with no imports.

const f64 = new Float64Array(1);
const u8 = new Uint8Array(f64.buffer);

function hexOfBytes(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

/** A picture of any value: numbers and typed arrays by their bits, objects by their own fields (except `options`). */
export function bits(v) {
  if (typeof v === 'number') {
    f64[0] = v;
    return `f64:${hexOfBytes(u8)}`;
  }
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}:${hexOfBytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))}`;
  if (Array.isArray(v)) return v.map(bits);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (k !== 'options') out[k] = bits(v[k]);
    return out;
  }
  return v;
}
