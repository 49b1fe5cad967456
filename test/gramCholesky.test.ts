import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { WasmScope } from '../src/wasm/wasmCore.js';
import { gramColumns as jsGramColumns, gramColumnRange as jsGramColumnRange, gramRows as jsGramRows, GRAM_ROW_BLOCK } from '../src/kernels/gram.js';
import { gramColumnSplit } from '../src/workers/sharedGram.js';
import { choleskyFactor as jsCholesky, choleskySolve as jsSolve } from '../src/linalg/cholesky.js';
import { rng } from './helpers/data.js';

// The ridge kernels: Gram matrices XᵀX / XXᵀ (assembly/kernels/gram.ts,
// syrk.ts) and the blocked Cholesky factorization (assembly/linalg/
// cholesky.ts) against their JS twins, bit for bit, on shapes that exercise
// every edge of the blocking: odd row counts, row blocks (256 rows), column
// panels (128), 4×2 / 4×4 register tiles with 1–3 leftover rows or columns,
// Cholesky panels (64 columns) with a partial last panel. Correctness is
// checked against plain sums and LLᵀ = A, to rounding.

type Kernels = {
  gramColumns(X: number, n: number, p: number, G: number): void;
  gramColumnRange(X: number, n: number, p: number, j0: number, j1: number, G: number): void;
  gramRows(X: number, n: number, p: number, K: number): void;
  choleskyFactor(A: number, m: number, diag: number): number;
  choleskySolve(L: number, m: number, b: number): void;
};

beforeAll(async () => {
  await ready();
});

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Column-major n×p design with Gaussian entries, some exact zeros and negative zeros, varied column scales. */
function design(n: number, p: number, seed: number): Float64Array {
  const r = rng(seed);
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const scale = 2 ** Math.round(6 * r.uniform() - 3);
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      X[j * n + i] = u < 0.05 ? 0 : u < 0.07 ? -0 : scale * r.normal();
    }
  }
  return X;
}

function wasmGram(kind: 'gramColumns' | 'gramRows', X: Float64Array, n: number, p: number): Float64Array {
  const m = kind === 'gramColumns' ? p : n;
  return WasmScope.run([n * p, m * m], (scope) => {
    const pX = scope.alloc(n * p);
    const pG = scope.alloc(m * m);
    scope.view(pX, n * p).set(X);
    scope.view(pG, m * m).fill(NaN); // must be overwritten, upper triangle included (zero)
    (scope.core as unknown as Kernels)[kind](pX, n, p, pG);
    return scope.view(pG, m * m).slice();
  });
}

function wasmCholesky(A: Float64Array, m: number, b: Float64Array): { L: Float64Array; x: Float64Array; info: number } {
  return WasmScope.run([m * m, m, m], (scope) => {
    const pA = scope.alloc(m * m);
    const pD = scope.alloc(m);
    const pB = scope.alloc(m);
    scope.view(pA, m * m).set(A);
    scope.view(pB, m).set(b);
    const k = scope.core as unknown as Kernels;
    const info = k.choleskyFactor(pA, m, pD);
    if (info === 0) k.choleskySolve(pA, m, pB);
    return { L: scope.view(pA, m * m).slice(), x: scope.view(pB, m).slice(), info };
  });
}

function jsChol(A: Float64Array, m: number, b: Float64Array): { L: Float64Array; x: Float64Array; info: number } {
  const L = Float64Array.from(A);
  const x = Float64Array.from(b);
  const info = jsCholesky(L, m, new Float64Array(m));
  if (info === 0) jsSolve(L, m, x);
  return { L, x, info };
}

/** max over the lower triangle of |G − exact| / √(Gᵢᵢ·Gⱼⱼ), exact = plain sum in the other orientation. */
function gramError(G: Float64Array, X: Float64Array, n: number, p: number, rows: boolean): number {
  const m = rows ? n : p;
  const len = rows ? p : n;
  const at = (a: number, t: number): number => (rows ? X[t * n + a] : X[a * n + t]);
  const exact = (a: number, b: number): number => {
    let s = 0;
    for (let t = len - 1; t >= 0; t--) s += at(a, t) * at(b, t);
    return s;
  };
  const d = Array.from({ length: m }, (_, a) => exact(a, a));
  let worst = 0;
  for (let b = 0; b < m; b++) {
    for (let a = b; a < m; a++) {
      const scale = Math.sqrt(d[a] * d[b]) || 1;
      worst = Math.max(worst, Math.abs(G[b * m + a] - exact(a, b)) / scale);
    }
  }
  return worst;
}

const EPS = 2.220446049250313e-16;

describe('gramColumns (XᵀX) — WASM register tiles and JS twin', () => {
  const shapes: Array<[number, number]> = [
    [1, 1], [2, 1], [1, 3], [3, 2], [7, 5], [8, 4], [9, 6], [17, 7],
    [GRAM_ROW_BLOCK, 8], [GRAM_ROW_BLOCK + 1, 10], [2 * GRAM_ROW_BLOCK + 3, 13], [600, 131], [301, 258], [40, 129],
  ];
  it.each(shapes)('n = %i, p = %i: bit-identical, lower triangle exact to rounding, upper triangle zero', (n, p) => {
    const X = design(n, p, 1000 * n + p);
    const W = wasmGram('gramColumns', X, n, p);
    const J = new Float64Array(p * p).fill(NaN);
    jsGramColumns(X, n, p, J);
    expect(sameBits(W, J)).toBe(true);
    expect(gramError(W, X, n, p, false)).toBeLessThanOrEqual(4 * n * EPS);
    for (let j = 0; j < p; j++) for (let i = 0; i < j; i++) expect(Object.is(W[j * p + i], 0)).toBe(true);
  });

  // Parallel cross-validation (workers/sharedGram) computes the columns of XᵀX in ranges, one per worker.
  it.each([[1, 1, 2], [9, 6, 2], [17, 7, 3], [GRAM_ROW_BLOCK + 1, 10, 2], [600, 131, 2], [301, 258, 3], [40, 129, 4], [5, 3, 4]])(
    'n = %i, p = %i in %i column ranges (gramColumnRange): the bits of gramColumns, WASM and JS', (n, p, m) => {
      const X = design(n, p, 7 * n + p);
      const whole = wasmGram('gramColumns', X, n, p);
      const b = gramColumnSplit(p, m);
      expect(b.length).toBe(m + 1);
      expect(b[0]).toBe(0);
      expect(b[m]).toBe(p);
      for (let r = 1; r < m; r++) {
        expect(b[r]).toBeGreaterThanOrEqual(b[r - 1]);
        expect(b[r] % 2).toBe(0);
      }
      const W = WasmScope.run([n * p, p * p], (scope) => {
        const pX = scope.alloc(n * p);
        const pG = scope.alloc(p * p);
        scope.view(pX, n * p).set(X);
        scope.view(pG, p * p).fill(NaN);
        for (let r = m - 1; r >= 0; r--) (scope.core as unknown as Kernels).gramColumnRange(pX, n, p, b[r], b[r + 1], pG);
        return scope.view(pG, p * p).slice();
      });
      const J = new Float64Array(p * p).fill(NaN);
      for (let r = 0; r < m; r++) jsGramColumnRange(X, n, p, b[r], b[r + 1], J);
      expect(sameBits(W, whole)).toBe(true);
      expect(sameBits(J, whole)).toBe(true);
    });

  it('is exact on integer data (every partial sum representable)', () => {
    const n = 517;
    const p = 23;
    const X = new Float64Array(n * p);
    for (let k = 0; k < X.length; k++) X[k] = ((k * 7919) % 201) - 100;
    const W = wasmGram('gramColumns', X, n, p);
    for (let j = 0; j < p; j++) {
      for (let i = j; i < p; i++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += X[i * n + t] * X[j * n + t];
        expect(W[j * p + i]).toBe(s);
      }
    }
  });
});

describe('gramRows (XXᵀ) — WASM SYRK and JS twin', () => {
  const shapes: Array<[number, number]> = [
    [1, 1], [1, 4], [2, 3], [3, 7], [4, 9], [5, 2], [6, 11], [7, 300], [8, 257], [130, 20], [131, 300], [203, 513],
  ];
  it.each(shapes)('n = %i, p = %i: bit-identical, lower triangle exact to rounding, upper triangle zero', (n, p) => {
    const X = design(n, p, 7 * n + p);
    const W = wasmGram('gramRows', X, n, p);
    const J = new Float64Array(n * n).fill(NaN);
    jsGramRows(X, n, p, J);
    expect(sameBits(W, J)).toBe(true);
    expect(gramError(W, X, n, p, true)).toBeLessThanOrEqual(4 * p * EPS);
    for (let b = 0; b < n; b++) for (let a = 0; a < b; a++) expect(Object.is(W[b * n + a], 0)).toBe(true);
  });
});

describe('choleskyFactor (blocked) — WASM and JS twin', () => {
  /** SPD matrix XᵀX + δI (column-major, lower triangle meaningful) with NaN in the strict upper triangle. */
  function spd(m: number, seed: number, delta = 0.5): Float64Array {
    const n = m + 5;
    const X = design(n, m, seed);
    const G = new Float64Array(m * m);
    jsGramColumns(X, n, m, G);
    for (let j = 0; j < m; j++) {
      G[j * m + j] += delta;
      for (let i = 0; i < j; i++) G[j * m + i] = NaN; // never read, never written
    }
    return G;
  }

  it.each([1, 2, 3, 5, 63, 64, 65, 66, 67, 130, 200])('m = %i: identical factors and solutions; LLᵀ = A; upper triangle untouched', (m) => {
    const A = spd(m, m);
    const r = rng(m);
    const b = Float64Array.from({ length: m }, () => r.normal());
    const w = wasmCholesky(A, m, b);
    const j = jsChol(A, m, b);
    expect(w.info).toBe(0);
    expect(j.info).toBe(0);
    expect(sameBits(w.L, j.L)).toBe(true);
    expect(sameBits(w.x, j.x)).toBe(true);
    let worst = 0;
    let norm = 0;
    for (let c = 0; c < m; c++) {
      for (let i = c; i < m; i++) {
        let s = 0;
        for (let k = 0; k <= c; k++) s += w.L[k * m + i] * w.L[k * m + c];
        worst = Math.max(worst, Math.abs(s - A[c * m + i]));
        norm = Math.max(norm, Math.abs(A[c * m + i]));
      }
      for (let i = 0; i < c; i++) expect(Number.isNaN(w.L[c * m + i])).toBe(true);
    }
    expect(worst).toBeLessThanOrEqual(8 * m * EPS * norm);
  });

  it('reports the same failing pivot on both backends, inside a later panel', () => {
    const m = 150;
    const n = 160;
    const X = design(n, m, 42);
    for (let i = 0; i < n; i++) X[100 * n + i] = X[3 * n + i] - 2 * X[70 * n + i]; // column 100 dependent
    const G = new Float64Array(m * m);
    jsGramColumns(X, n, m, G);
    const w = wasmCholesky(G, m, new Float64Array(m));
    const j = jsChol(G, m, new Float64Array(m));
    expect(w.info).toBe(101);
    expect(j.info).toBe(101);
  });
});
