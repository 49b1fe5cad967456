import { beforeAll, describe, expect, it } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge } from '../src/index.js';
import { loadDiabetes, maxRelDiff } from './helpers/data.js';

const backends = ['wasm', 'js'] as const;
const { X, y } = loadDiabetes();

beforeAll(async () => {
  await ready();
});

describe.each(backends)('models on the diabetes data (%s backend)', (backend) => {
  it('Lasso zeroes weak features at large alpha and reports convergence', () => {
    const m = new Lasso({ alpha: 20, backend }).fit(X, y);
    expect(m.converged).toBe(true);
    expect(m.dualGap).toBeGreaterThanOrEqual(0);
    expect(Array.from(m.coef).filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(m.score(X, y)).toBeGreaterThan(0.4);
  });

  it('predict is Xw + b', () => {
    const m = new ElasticNet({ alpha: 0.05, l1Ratio: 0.7, backend }).fit(X, y);
    const pred = m.predict(X);
    for (const i of [0, 100, 441]) {
      let s = m.intercept;
      for (let j = 0; j < 10; j++) s += X[i][j] * m.coef[j];
      expect(pred[i]).toBeCloseTo(s, 8);
    }
  });

  it('Ridge with alpha → 0 approaches least squares and round-trips through JSON', () => {
    const r = new Ridge({ alpha: 1e-10, backend }).fit(X, y);
    const back = Ridge.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(maxRelDiff(back.coef, r.coef)).toBe(0);
    expect(back.intercept).toBe(r.intercept);
  });
});

describe('backends agree', () => {
  it('Lasso, ElasticNet and Ridge give identical answers on both backends', () => {
    const fits = backends.map((backend) => [
      new Lasso({ alpha: 0.3, backend }).fit(X, y),
      new ElasticNet({ alpha: 0.02, l1Ratio: 0.4, standardize: true, backend }).fit(X, y),
      new Ridge({ alpha: 2, backend }).fit(X, y),
    ]);
    for (let k = 0; k < 3; k++) {
      expect(maxRelDiff(fits[0][k].coef, fits[1][k].coef)).toBeLessThanOrEqual(1e-10);
      expect(fits[0][k].intercept).toBeCloseTo(fits[1][k].intercept, 8);
    }
  });
});

describe('loading X into the WASM core (chunked row-major staging + blocked transpose)', () => {
  it('every input form, odd sizes and several staging chunks give the same fit as the JS backend, bit for bit', async () => {
    const { rng } = await import('./helpers/data.js');
    const r = rng(11);
    const n = 1001;
    const p = 601; // 1 MiB staging holds 218 rows of 601 columns: 5 chunks, the last partial; odd n and p exercise the tile edges
    const flat = new Float64Array(n * p);
    for (let k = 0; k < flat.length; k++) flat[k] = r.normal();
    const yv = Array.from({ length: n }, (_, i) => flat[i * p] - 2 * flat[i * p + 600] + r.normal());
    const ref = new Lasso({ alpha: 0.05, backend: 'js' }).fit({ data: flat, rows: n, cols: p }, yv);
    const forms = [
      { data: flat, rows: n, cols: p },
      { data: Array.from(flat), rows: n, cols: p },
      Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * p, (i + 1) * p))),
      Array.from({ length: n }, (_, i) => flat.slice(i * p, (i + 1) * p)),
    ];
    for (const X of forms) {
      const m = new Lasso({ alpha: 0.05, backend: 'wasm' }).fit(X, yv);
      expect(maxRelDiff(m.coef, ref.coef)).toBe(0);
      expect(m.intercept).toBe(ref.intercept);
    }
    expect(Array.from(ref.coef).filter((c) => c !== 0).length).toBeGreaterThan(1);
  });
});
