import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { WasmScope } from '../src/wasm/wasmCore.js';
import { symmetricEigen as jsEigen } from '../src/linalg/symmetricEigen.js';
import { rng } from './helpers/data.js';

// The symmetric eigensolver of the LOO ridge path (assembly/linalg/
// symmetricEigen.ts and its JS twin). Checked the way ml-matrix checks its
// EigenvalueDecomposition: V·diag(λ)·Vᵀ must rebuild A and VᵀV must be I, to
// a few ulps scaled by m·‖A‖; plus spectra known in closed form, repeated and
// zero eigenvalues, and bit-identical output on both backends.

const EPS = 2.220446049250313e-16;
type Eigen = { values: Float64Array; vectors: Float64Array; info: number };

/** Column-major m×m input (only the lower triangle is meaningful). */
function eigenJs(A: Float64Array, m: number): Eigen {
  const V = Float64Array.from(A);
  const d = new Float64Array(m);
  const info = jsEigen(V, m, d, new Float64Array(m), new Float64Array(m));
  return { values: d, vectors: V, info };
}

function eigenWasm(A: Float64Array, m: number): Eigen {
  return WasmScope.run([m * m, m, m, m], (scope) => {
    const pA = scope.alloc(m * m);
    const pD = scope.alloc(m);
    const pE = scope.alloc(m);
    const pW = scope.alloc(m);
    scope.view(pA, m * m).set(A);
    const info = scope.core.symmetricEigen(pA, m, pD, pE, pW);
    return { values: scope.view(pD, m).slice(), vectors: scope.view(pA, m * m).slice(), info };
  });
}

const solvers = { wasm: eigenWasm, js: eigenJs } as const;

/** Full symmetric matrix from its lower triangle (column-major). */
function symmetrize(A: Float64Array, m: number): Float64Array {
  const S = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    for (let i = j; i < m; i++) {
      S[j * m + i] = A[j * m + i];
      S[i * m + j] = A[j * m + i];
    }
  }
  return S;
}

function randomSymmetric(m: number, seed: number, upperGarbage = false): Float64Array {
  const r = rng(seed);
  const A = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) A[j * m + i] = i >= j ? r.normal() : upperGarbage ? NaN : 0;
  }
  return A;
}

/** Largest |entry| of A − V·diag(λ)·Vᵀ and of VᵀV − I, with ‖A‖ (max |entry|). */
function residuals(A: Float64Array, m: number, { values, vectors }: Eigen): { rebuild: number; orth: number; norm: number } {
  const S = symmetrize(A, m);
  let rebuild = 0;
  let orth = 0;
  let norm = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let a = 0;
      let o = 0;
      for (let k = 0; k < m; k++) {
        a += vectors[k * m + i] * values[k] * vectors[k * m + j];
        o += vectors[i * m + k] * vectors[j * m + k];
      }
      rebuild = Math.max(rebuild, Math.abs(a - S[j * m + i]));
      orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
      norm = Math.max(norm, Math.abs(S[j * m + i]));
    }
  }
  return { rebuild, orth, norm };
}

function expectAscending(values: Float64Array): void {
  for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
}

function expectDecomposes(A: Float64Array, m: number, res: Eigen): void {
  expect(res.info).toBe(0);
  expectAscending(res.values);
  const { rebuild, orth, norm } = residuals(A, m, res);
  expect(rebuild).toBeLessThanOrEqual(50 * m * EPS * Math.max(norm, Number.MIN_VALUE));
  expect(orth).toBeLessThanOrEqual(50 * m * EPS);
}

beforeAll(async () => {
  await ready();
});

describe.each(['wasm', 'js'] as const)('symmetricEigen (%s backend)', (backend) => {
  const eig = solvers[backend];

  it.each([1, 2, 3, 4, 5, 8, 17, 64, 150])('rebuilds a random symmetric %i×%i matrix, V orthogonal, λ ascending', (m) => {
    const A = randomSymmetric(m, 1000 + m);
    expectDecomposes(A, m, eig(A, m));
  });

  it('reads only the lower triangle (NaN above the diagonal is ignored)', () => {
    const m = 9;
    const A = randomSymmetric(m, 7, true);
    const res = eig(A, m);
    for (const v of res.values) expect(Number.isFinite(v)).toBe(true);
    expectDecomposes(A, m, res);
  });

  it('finds the closed-form spectrum of the second-difference matrix tridiag(−1, 2, −1)', () => {
    // Eigenvalues 2 − 2cos(kπ/(m+1)), k = 1..m; eigenvector k is sin(ikπ/(m+1)) (normalized).
    const m = 40;
    const A = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      A[i * m + i] = 2;
      if (i + 1 < m) A[i * m + i + 1] = -1;
    }
    const res = eig(A, m);
    expectDecomposes(A, m, res);
    for (let k = 1; k <= m; k++) {
      expect(Math.abs(res.values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (m + 1))))).toBeLessThan(1e-14 * 4);
      // Compare the eigenvector up to sign.
      let norm = 0;
      for (let i = 1; i <= m; i++) norm += Math.sin((i * k * Math.PI) / (m + 1)) ** 2;
      norm = Math.sqrt(norm);
      const sign = Math.sign(res.vectors[(k - 1) * m] || 1) * Math.sign(Math.sin((k * Math.PI) / (m + 1)));
      for (let i = 1; i <= m; i++) {
        expect(Math.abs(res.vectors[(k - 1) * m + i - 1] * sign - Math.sin((i * k * Math.PI) / (m + 1)) / norm)).toBeLessThan(1e-12);
      }
    }
  });

  it('handles repeated eigenvalues: I + uuᵀ has 1 with multiplicity m−1 and 1 + ‖u‖²', () => {
    const m = 12;
    const r = rng(3);
    const u = Array.from({ length: m }, () => r.normal());
    const A = new Float64Array(m * m);
    for (let j = 0; j < m; j++) for (let i = j; i < m; i++) A[j * m + i] = (i === j ? 1 : 0) + u[i] * u[j];
    const res = eig(A, m);
    expectDecomposes(A, m, res);
    for (let k = 0; k < m - 1; k++) expect(Math.abs(res.values[k] - 1)).toBeLessThan(1e-13);
    const uu = u.reduce((s, x) => s + x * x, 0);
    expect(Math.abs(res.values[m - 1] - (1 + uu)) / (1 + uu)).toBeLessThan(1e-14);
  });

  it('handles the zero matrix, the identity and an unsorted diagonal', () => {
    const m = 6;
    const Z = new Float64Array(m * m);
    const rz = eig(Z, m);
    expectDecomposes(Z, m, rz);
    expect(Array.from(rz.values)).toEqual(new Array(m).fill(0));

    const D = new Float64Array(m * m);
    const diag = [3, -1, 7, 0, 2.5, -4];
    diag.forEach((v, i) => (D[i * m + i] = v));
    const rd = eig(D, m);
    expectDecomposes(D, m, rd);
    expect(Array.from(rd.values)).toEqual([...diag].sort((a, b) => a - b));
  });

  it('finds the zero eigenvalues of a rank-deficient Gram matrix XXᵀ (n = 30 rows, rank 4)', () => {
    const n = 30;
    const p = 4;
    const r = rng(11);
    const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
    const K = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = j; i < n; i++) K[j * n + i] = X[i].reduce((s, x, c) => s + x * X[j][c], 0);
    const res = eig(K, n);
    expectDecomposes(K, n, res);
    const top = res.values[n - 1];
    for (let k = 0; k < n - p; k++) expect(Math.abs(res.values[k])).toBeLessThan(100 * n * EPS * top);
    for (let k = n - p; k < n; k++) expect(res.values[k]).toBeGreaterThan(1e-3 * top);
  });

  it('is scale-invariant: λ(cA) = c·λ(A) for tiny and huge c', () => {
    const m = 10;
    const A = randomSymmetric(m, 5);
    const base = eig(A, m).values;
    for (const c of [1e-150, 1e150]) {
      const B = A.map((v) => v * c);
      const res = eig(B, m);
      expectDecomposes(B, m, res);
      for (let k = 0; k < m; k++) expect(Math.abs(res.values[k] / c - base[k])).toBeLessThan(1e-12 * Math.abs(base[m - 1]));
    }
  });

  it('leaves a 1×1 matrix as its own eigenvalue with eigenvector [1]', () => {
    const res = eig(Float64Array.of(-2.5), 1);
    expect(res.info).toBe(0);
    expect(Array.from(res.values)).toEqual([-2.5]);
    expect(Array.from(res.vectors)).toEqual([1]);
  });
});

describe('symmetricEigen: backends agree', () => {
  it('WASM and JS give bit-identical eigenvalues and eigenvectors', () => {
    for (const m of [2, 3, 7, 16, 33, 100]) {
      const A = randomSymmetric(m, 77 + m);
      const a = eigenWasm(A, m);
      const b = eigenJs(A, m);
      expect(a.info).toBe(0);
      expect(Array.from(a.values)).toEqual(Array.from(b.values));
      expect(Array.from(a.vectors)).toEqual(Array.from(b.vectors));
    }
  });
});
