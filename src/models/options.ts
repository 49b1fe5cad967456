/**
 * Option parsing shared by models, paths and cross-validation: defaults, type
 * and range checks with errors that name the option, and rejection of unknown
 * option names (a typo such as `aplha` must not silently fall back to a default).
 */

export type BackendName = 'wasm' | 'js';

export type Check = (value: unknown, name: string, owner: string) => unknown;

/**
 * Largest count the WASM core accepts (its loop counters and sizes are i32);
 * larger values would wrap around inside WebAssembly and make the two
 * backends disagree, so they are refused here.
 */
export const MAX_INT32 = 2 ** 31 - 1;

/**
 * Largest number of alphas on a path or a CV grid (nAlphas, or the length of
 * alphas): 2²⁴, far beyond any use (glmnet and scikit-learn default to 100),
 * so a mistyped count fails at once instead of after seconds of allocation.
 */
export const MAX_ALPHAS = 2 ** 24;

export interface OptionSpec {
  [name: string]: { default: unknown; check: Check };
}

export function parseOptions<T>(owner: string, spec: OptionSpec, given: unknown): T {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    throw new TypeError(`${owner}: options must be an object, got ${given === null ? 'null' : Array.isArray(given) ? 'an array' : typeof given}`);
  }
  if (given instanceof Map || given instanceof Set) {
    // Its entries are not keys of the object: they would be ignored silently.
    throw new TypeError(
      `${owner}: options must be a plain object with option names as keys, got a ${given instanceof Map ? 'Map; use Object.fromEntries(map)' : 'Set'}`,
    );
  }
  const g = (given ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    // Own keys only: `key in spec` would accept inherited names such as 'toString' or '__proto__'.
    if (!Object.hasOwn(spec, key)) {
      throw new TypeError(`${owner}: unknown option '${key}'; known options are ${Object.keys(spec).join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, { default: def, check }] of Object.entries(spec)) {
    // Own keys only, as checked above: an inherited `alpha` is not an option. Each read once.
    const v = Object.hasOwn(g, name) ? g[name] : undefined;
    out[name] = v === undefined ? def : check(v, name, owner);
  }
  return out as T;
}

/** A short description of an offending value for error messages (never throws, whatever the value). */
export function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'bigint') return `${v}n (a bigint)`;
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return ArrayBuffer.isView(v) ? 'a typed array' : 'an object';
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

/** Counts such as maxIter and nAlphas: an integer in [1, 2³¹ − 1]. */
export const positiveInteger: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_INT32) {
    throw new RangeError(`${owner}: option '${name}' must be an integer from 1 to ${MAX_INT32}, got ${fmt(v)}`);
  }
  return v;
};

/** The number of alphas of a default grid (`nAlphas`): an integer in [1, MAX_ALPHAS]. */
export const alphaCount: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_ALPHAS) {
    throw new RangeError(`${owner}: option '${name}' must be an integer from 1 to ${MAX_ALPHAS}, got ${fmt(v)}`);
  }
  return v;
};

/** A fraction strictly inside (0, 1), e.g. a path's `eps` (smallest alpha as a fraction of alpha_max). */
export const openUnitInterval: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !(v > 0 && v < 1)) {
    throw new RangeError(`${owner}: option '${name}' must be a number in (0, 1), got ${fmt(v)}`);
  }
  return v;
};

/**
 * An explicit grid of penalties (`alphas`): a non-empty array of positive,
 * finite numbers. Returns a copy sorted in decreasing order, the order in
 * which a path is solved with warm starts (scikit-learn and glmnet sort too).
 */
export const alphaList = (v: unknown, name: string, owner: string): Float64Array => {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${owner}: option '${name}' must be an array of positive numbers, got ${fmt(v)}`);
  }
  const a = v as ArrayLike<number>;
  if (a.length === 0) throw new RangeError(`${owner}: option '${name}' is empty; give at least one alpha`);
  if (a.length > MAX_ALPHAS) throw new RangeError(`${owner}: option '${name}' has ${a.length} entries, more than ${MAX_ALPHAS}`);
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
      throw new RangeError(`${owner}: option '${name}' must hold positive finite numbers; entry ${k} is ${fmt(x)}`);
    }
    out[k] = x;
  }
  return out.sort().reverse();
};

/**
 * The number of cross-validation folds (`cv`) as an option: an integer ≥ 2.
 * Whether it exceeds the number of rows is only known at fit time; check that
 * with `checkFoldCount`.
 */
export const foldCount: Check = (v, name, owner) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 2 || v > MAX_INT32) {
    throw new RangeError(`${owner}: option '${name}' (number of folds) must be an integer ≥ 2, got ${fmt(v)}`);
  }
  return v;
};

/** Fit-time check of a fold count against the number of rows: every fold needs at least one row. */
export function checkFoldCount(cv: number, rows: number, owner: string, name = 'cv'): number {
  foldCount(cv, name, owner);
  if (cv > rows) {
    throw new RangeError(`${owner}: option '${name}' = ${cv} folds is more than the ${rows} rows of X; every fold needs at least one row`);
  }
  return cv;
}

/**
 * The penalty on the solver's scale, e.g. λ₁ = alpha·l1Ratio·n. A huge alpha
 * (any alpha ≥ alpha_max gives w = 0) can overflow to Infinity when multiplied
 * by n, and Infinity·0 = NaN would then poison the duality gap; the product is
 * clamped to the largest finite double, which leaves the solution unchanged.
 */
export function solverPenalty(alpha: number, factor: number, n: number): number {
  const v = alpha * factor * n;
  return v > Number.MAX_VALUE ? Number.MAX_VALUE : v;
}

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
  const length = a.length;
  const out = new Float64Array(length);
  let any = false;
  for (let j = 0; j < length; j++) {
    const f = a[j]; // each entry read once
    if (typeof f !== 'number' || !Number.isFinite(f) || f < 0) {
      throw new RangeError(`${owner}: option '${name}' must hold finite numbers ≥ 0; entry ${j} is ${fmt(f)}`);
    }
    if (f > 0) any = true;
    out[j] = f;
  }
  if (length > 0 && !any) throw new RangeError(`${owner}: option '${name}' is all zero, which leaves nothing penalized; use a plain least-squares fit instead`);
  return out;
};
