/**
 * Option parsing shared by models, paths and cross-validation: defaults, type
 * and range checks with errors that name the option, and rejection of unknown
 * option names (a typo such as `aplha` must not silently fall back to a default).
 */

export type BackendName = 'wasm' | 'js';

type Check = (value: unknown, name: string, owner: string) => unknown;

export interface OptionSpec {
  [name: string]: { default: unknown; check: Check };
}

export function parseOptions<T>(owner: string, spec: OptionSpec, given: unknown): T {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    throw new TypeError(`${owner}: options must be an object, got ${given === null ? 'null' : Array.isArray(given) ? 'an array' : typeof given}`);
  }
  const g = (given ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    if (!(key in spec)) {
      throw new TypeError(`${owner}: unknown option '${key}'; known options are ${Object.keys(spec).join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, { default: def, check }] of Object.entries(spec)) {
    const v = g[name];
    out[name] = v === undefined ? def : check(v, name, owner);
  }
  return out as T;
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return 'an array';
  return String(v);
}

export const finiteNonNegative: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${owner}: option '${name}' must be a finite number ≥ 0, got ${fmt(v)}`);
  }
  return v;
};

export const finitePositive: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${owner}: option '${name}' must be a finite number > 0, got ${fmt(v)}`);
  }
  return v;
};

export const unitInterval: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new RangeError(`${owner}: option '${name}' must be a number in [0, 1], got ${fmt(v)}`);
  }
  return v;
};

export const positiveInteger: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${owner}: option '${name}' must be an integer ≥ 1, got ${fmt(v)}`);
  }
  return v;
};

export const boolean: Check = (v, name, owner) => {
  if (typeof v !== 'boolean') throw new TypeError(`${owner}: option '${name}' must be true or false, got ${fmt(v)}`);
  return v;
};

export const backendName: Check = (v, name, owner) => {
  if (v !== 'wasm' && v !== 'js') throw new TypeError(`${owner}: option '${name}' must be 'wasm' or 'js', got ${fmt(v)}`);
  return v;
};

export const precomputeMode: Check = (v, name, owner) => {
  if (v !== 'auto' && v !== true && v !== false) throw new TypeError(`${owner}: option '${name}' must be 'auto', true or false, got ${fmt(v)}`);
  return v;
};

export const callback: Check = (v, name, owner) => {
  if (typeof v !== 'function') throw new TypeError(`${owner}: option '${name}' must be a function, got ${fmt(v)}`);
  return v;
};

/** Per-feature penalty factors: non-negative, finite, not all zero. Length is checked at fit time. */
export const penaltyFactorArray: Check = (v, name, owner) => {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${owner}: option '${name}' must be an array of numbers (one per feature), got ${fmt(v)}`);
  }
  const a = v as ArrayLike<number>;
  let any = false;
  for (let j = 0; j < a.length; j++) {
    const f = a[j];
    if (typeof f !== 'number' || !Number.isFinite(f) || f < 0) {
      throw new RangeError(`${owner}: option '${name}' must hold finite numbers ≥ 0; entry ${j} is ${fmt(f)}`);
    }
    if (f > 0) any = true;
  }
  if (a.length > 0 && !any) throw new RangeError(`${owner}: option '${name}' is all zero, which leaves nothing penalized; use a plain least-squares fit instead`);
  return Float64Array.from(a);
};
