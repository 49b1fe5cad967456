/**
 * Bad input gets a clear error: a TypeError or RangeError whose message names
 * what is wrong and where (row, column, option), thrown before any work, on
 * both backends — and a failed call leaves a fitted model as it was.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ready, Lasso, ElasticNet, Ridge, enetPath, lassoPath, LassoCV, ElasticNetCV, RidgeCV } from '../src/index.js';
import { NotFittedError } from '../src/index.js';
import {
  positiveInteger, openUnitInterval, alphaList, foldCount, checkFoldCount, finiteNonNegative, unitInterval, MAX_INT32,
} from '../src/models/options.js';
import { checkFoldIds } from '../src/selection/folds.js';
import { WasmScope } from '../src/wasm/wasmCore.js';

const backends = ['wasm', 'js'] as const;

beforeAll(async () => {
  await ready();
});

/** Runs fn, expects it to throw an instance of `type` whose message matches every pattern; returns the message. */
function expectError(fn: () => unknown, type: typeof TypeError | typeof RangeError, ...patterns: RegExp[]): string {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an error').toBeInstanceOf(type);
  const msg = (caught as Error).message;
  for (const p of patterns) expect(msg).toMatch(p);
  return msg;
}

const X3 = [
  [1, 2, 3],
  [4, 5, 7],
  [7, 8, 8],
  [2, 1, 0],
];
const y3 = [1, 2, 3, 5];
const flat3 = { data: Float64Array.from(X3.flat()), rows: 4, cols: 3 };

function models(backend: 'wasm' | 'js') {
  return [
    ['Lasso', () => new Lasso({ alpha: 0.1, backend })],
    ['ElasticNet', () => new ElasticNet({ alpha: 0.1, backend })],
    ['Ridge', () => new Ridge({ alpha: 0.1, backend })],
  ] as const;
}

describe.each(backends)('X and y are checked before any work (%s backend)', (backend) => {
  for (const [name, make] of models(backend)) {
    describe(name, () => {
      it('names the first NaN / ±Infinity in X by row and column (number[][] and flat)', () => {
        const X = X3.map((r) => r.slice());
        X[2][1] = NaN;
        X[3][0] = Infinity; // later: the first one is reported
        expectError(() => make().fit(X, y3), RangeError, /X at row 2, column 1/, /NaN/);
        const X2 = X3.map((r) => r.slice());
        X2[1][2] = -Infinity;
        expectError(() => make().fit(X2, y3), RangeError, /row 1, column 2/, /-Infinity/);
        const data = Float64Array.from(X3.flat());
        data[7] = Infinity; // row 2, column 1
        expectError(() => make().fit({ data, rows: 4, cols: 3 }, y3), RangeError, /row 2, column 1/, /X\.data\[7\]/, /Infinity/);
      });

      it('names NaN / Infinity in y by index', () => {
        expectError(() => make().fit(X3, [1, 2, NaN, 4]), RangeError, /y\[2\]/, /NaN/);
        expectError(() => make().fit(X3, Float64Array.of(1, -Infinity, 0, 0)), RangeError, /y\[1\]/, /-Infinity/);
      });

      it('rejects ragged rows, naming the row and both lengths', () => {
        expectError(() => make().fit([[1, 2], [3, 4], [5], [6, 7]], y3), RangeError, /ragged/, /row 2 has 1 columns?/, /row 0 has 2/);
        expectError(() => make().fit([[1, 2], [3, 4], [5, 6], [6, 7, 8]], y3), RangeError, /row 3 has 3/);
      });

      it('rejects { data, rows, cols } whose length is not rows × cols', () => {
        expectError(() => make().fit({ data: new Float64Array(11), rows: 4, cols: 3 }, y3), RangeError, /length 11/, /4 × 3 = 12/);
        expectError(() => make().fit({ data: [1, 2, 3], rows: 1.5, cols: 2 }, y3), TypeError, /X\.rows/, /non-negative integer/);
        expectError(() => make().fit({ data: [1, 2, 3], rows: 3, cols: -1 }, y3), TypeError, /X\.cols/);
        expectError(() => make().fit({ data: 'abc', rows: 1, cols: 3 } as never, y3), TypeError, /X\.data/);
      });

      it('rejects y whose length differs from the rows of X', () => {
        expectError(() => make().fit(X3, [1, 2, 3]), RangeError, /y has length 3/, /number of rows of X is 4/);
        expectError(() => make().fit(flat3, new Float64Array(5)), RangeError, /y has length 5/);
      });

      it('rejects zero rows and zero columns', () => {
        expectError(() => make().fit([], []), RangeError, /zero rows/);
        expectError(() => make().fit({ data: [], rows: 0, cols: 3 }, []), RangeError, /zero rows/);
        expectError(() => make().fit([[], []], [1, 2]), RangeError, /zero columns/);
        expectError(() => make().fit({ data: new Float64Array(0), rows: 2, cols: 0 }, [1, 2]), RangeError, /zero columns/);
      });

      it('rejects non-numeric entries with their position and kind', () => {
        const cases: [unknown, RegExp][] = [
          ['3', /a string \('3'\)/],
          [null, /null/],
          [undefined, /undefined/],
          [3n, /bigint/],
          [Symbol('s'), /symbol/],
          [[1], /nested array/],
          [{}, /non-numeric/],
        ];
        for (const [bad, kind] of cases) {
          const X = X3.map((r) => r.slice()) as unknown[][];
          X[1][2] = bad;
          expectError(() => make().fit(X as number[][], y3), TypeError, /row 1, column 2/, kind);
        }
        const holey = [[1, 2, 3], [4, , 6], [7, 8, 9], [1, 1, 1]]; // eslint-disable-line no-sparse-arrays
        expectError(() => make().fit(holey as number[][], y3), TypeError, /row 1, column 1/, /missing/);
        expectError(() => make().fit(X3, [1, '2', 3, 4] as never), TypeError, /y\[1\]/, /string/);
        // [[1], [2], …] is a 2-D y (n×1, test/multiTarget.test.ts); a mix of rows and numbers is not.
        expectError(() => make().fit(X3, [[1], 2, 3, 4] as never), TypeError, /y\[1\] must be an array of 1 numbers/);
      });

      it('rejects an X or y that is not a matrix / vector at all', () => {
        expectError(() => make().fit(null as never, y3), TypeError, /X must be an array of rows/);
        expectError(() => make().fit(42 as never, y3), TypeError, /X must be/);
        expectError(() => make().fit('abc' as never, y3), TypeError, /X must be/);
        expectError(() => make().fit([1, 2, 3] as never, [1, 2, 3]), TypeError, /X\[0\]/, /flat array is not a matrix/);
        expectError(() => make().fit([[1], null] as never, [1, 2]), TypeError, /X\[1\]/, /null/);
        expectError(() => make().fit(X3, undefined as never), TypeError, /y must be an array/);
        expectError(() => make().fit(X3, 7 as never), TypeError, /y must be an array/);
      });

      it('a failed fit leaves an already fitted model unchanged', () => {
        const m = make().fit(X3, y3);
        const coef = Float64Array.from(m.coef);
        const b = m.intercept;
        const X = X3.map((r) => r.slice());
        X[3][2] = NaN;
        expect(() => m.fit(X, y3)).toThrow(RangeError);
        expect(() => m.fit(X3, [1, 2])).toThrow(RangeError);
        expect(m.coef).toEqual(coef);
        expect(m.intercept).toBe(b);
      });
    });
  }

  it('checks the column count of predict before reading values, so that error wins', () => {
    const m = new Lasso({ alpha: 0.1, backend }).fit(X3, y3);
    expectError(() => m.predict([[1, 2]]), RangeError, /predict: X has 2 columns/, /fitted on 3/);
    expectError(() => m.predict([[NaN, 2]]), RangeError, /predict: X has 2 columns/);
    expectError(() => m.predict({ data: [1, 2, 3, 4], rows: 1, cols: 4 }), RangeError, /4 columns/);
    expectError(() => m.predict([[1, NaN, 3]]), RangeError, /row 0, column 1/);
    expectError(() => m.score(X3, [1, 2, 3]), RangeError, /y has length 3/);
    expectError(() => m.score(X3, [1, 2, 3, NaN]), RangeError, /y\[3\]/);
    expectError(() => m.score([[1, 2, 3, 4]], [1]), RangeError, /4 columns/);
  });
});

describe('options are checked in the constructor, naming the option', () => {
  const bad: [string, Record<string, unknown>, typeof TypeError | typeof RangeError, RegExp][] = [
    ['alpha negative', { alpha: -1 }, RangeError, /'alpha'.*≥ 0.*-1/],
    ['alpha NaN', { alpha: NaN }, RangeError, /'alpha'.*NaN/],
    ['alpha Infinity', { alpha: Infinity }, RangeError, /'alpha'.*Infinity/],
    ['alpha a string', { alpha: '1' }, RangeError, /'alpha'.*'1'/],
    ['l1Ratio above 1', { l1Ratio: 1.5 }, RangeError, /'l1Ratio'.*\[0, 1\]/],
    ['l1Ratio below 0', { l1Ratio: -0.1 }, RangeError, /'l1Ratio'/],
    ['l1Ratio NaN', { l1Ratio: NaN }, RangeError, /'l1Ratio'/],
    ['maxIter 0', { maxIter: 0 }, RangeError, /'maxIter'.*integer/],
    ['maxIter fractional', { maxIter: 2.5 }, RangeError, /'maxIter'/],
    ['maxIter beyond int32 (would wrap inside WASM)', { maxIter: 2 ** 32 }, RangeError, /'maxIter'.*2147483647/],
    ['tol 0', { tol: 0 }, RangeError, /'tol'.*> 0/],
    ['tol negative', { tol: -1e-4 }, RangeError, /'tol'/],
    ['tol NaN', { tol: NaN }, RangeError, /'tol'/],
    ['penaltyFactor negative', { penaltyFactor: [1, -1, 1] }, RangeError, /'penaltyFactor'.*entry 1 is -1/],
    ['penaltyFactor NaN', { penaltyFactor: [1, NaN, 1] }, RangeError, /'penaltyFactor'.*entry 1 is NaN/],
    ['penaltyFactor all zero', { penaltyFactor: [0, 0, 0] }, RangeError, /'penaltyFactor'.*all zero/],
    ['penaltyFactor not an array', { penaltyFactor: 3 }, TypeError, /'penaltyFactor'/],
    ['fitIntercept not boolean', { fitIntercept: 1 }, TypeError, /'fitIntercept'.*true or false/],
    ['backend unknown', { backend: 'gpu' }, TypeError, /'backend'.*'wasm' or 'js'.*'gpu'/],
    ['onWarning not a function', { onWarning: 'log' }, TypeError, /'onWarning'.*function/],
    ['a typo', { aplha: 1 }, TypeError, /unknown option 'aplha'/],
    ['an inherited name', { toString: 1 }, TypeError, /unknown option 'toString'/],
    ['__proto__ from JSON', JSON.parse('{"__proto__": {"alpha": 5}}'), TypeError, /unknown option '__proto__'/],
  ];
  for (const [what, opts, type, pattern] of bad) {
    it(`ElasticNet: ${what}`, () => {
      expectError(() => new ElasticNet(opts), type, pattern, /^ElasticNet: /);
    });
  }

  it('Lasso and Ridge name themselves and know their own options', () => {
    expectError(() => new Lasso({ alpha: -2 }), RangeError, /^Lasso: option 'alpha'/);
    expectError(() => new Lasso({ l1Ratio: 0.5 } as never), TypeError, /^Lasso: unknown option 'l1Ratio'/);
    expectError(() => new Ridge({ alpha: NaN }), RangeError, /^Ridge: option 'alpha'/);
    expectError(() => new Ridge({ l1Ratio: 0 } as never), TypeError, /^Ridge: unknown option 'l1Ratio'/);
    expectError(() => new Ridge({ maxIter: 0 }), RangeError, /^Ridge: option 'maxIter'/);
  });

  it('rejects options that are not an object', () => {
    expectError(() => new Lasso(null as never), TypeError, /options must be an object, got null/);
    expectError(() => new Lasso([] as never), TypeError, /an array/);
    expectError(() => new Ridge(0.5 as never), TypeError, /got number/);
  });

  it('accepts the boundary values', () => {
    expect(new ElasticNet({ alpha: 0, l1Ratio: 0, maxIter: 1, tol: 1e-300 }).params.l1Ratio).toBe(0);
    expect(new ElasticNet({ l1Ratio: 1, maxIter: MAX_INT32 }).params.maxIter).toBe(MAX_INT32);
  });
});

describe.each(backends)('sampleWeight and penaltyFactor at fit time (%s backend)', (backend) => {
  for (const [name, make] of models(backend)) {
    it(`${name}: sampleWeight of wrong length, negative, non-finite or all zero`, () => {
      expectError(() => make().fit(X3, y3, [1, 1, 1]), RangeError, /sampleWeight has length 3/);
      expectError(() => make().fit(X3, y3, [1, -0.5, 1, 1]), RangeError, /sampleWeight\[1\] is -0\.5/, /≥ 0/);
      expectError(() => make().fit(X3, y3, [1, 1, NaN, 1]), RangeError, /sampleWeight\[2\]/, /NaN/);
      expectError(() => make().fit(X3, y3, [1, 1, 1, Infinity]), RangeError, /sampleWeight\[3\]/);
      expectError(() => make().fit(X3, y3, [0, 0, 0, 0]), RangeError, /all zero/);
      expectError(() => make().fit(X3, y3, 'heavy' as never), TypeError, /sampleWeight must be an array/);
    });
  }

  it('Ridge: weights whose sum overflows are refused; the elastic net rescales them safely', () => {
    expectError(() => new Ridge({ backend }).fit(X3, y3, [1e308, 1e308, 1e308, 1e308]), RangeError, /sampleWeight sums to Infinity/);
    // The elastic net's objective does not depend on the weights' overall scale.
    const plain = new Lasso({ alpha: 0.1, backend }).fit(X3, y3);
    const huge = new Lasso({ alpha: 0.1, backend }).fit(X3, y3, [1e308, 1e308, 1e308, 1e308]);
    const tiny = new Lasso({ alpha: 0.1, backend }).fit(X3, y3, [5e-324, 5e-324, 5e-324, 5e-324]);
    expect(huge.coef).toEqual(plain.coef);
    expect(tiny.coef).toEqual(plain.coef);
    expect(huge.intercept).toBe(plain.intercept);
  });

  it('penaltyFactor must have one entry per column', () => {
    expectError(() => new Lasso({ penaltyFactor: [1, 1], backend }).fit(X3, y3), RangeError, /'penaltyFactor' has length 2/, /3 columns/);
    expectError(() => new ElasticNet({ penaltyFactor: [1, 1, 1, 1], backend }).fit(X3, y3), RangeError, /length 4/);
  });
});

describe('predict, score, coef and toJSON before fit', () => {
  for (const make of [() => new Lasso(), () => new ElasticNet(), () => new Ridge()]) {
    it(`${make().constructor.name} says it is not fitted (a TypeError named NotFittedError)`, () => {
      const m = make();
      const msg = expectError(() => m.predict(X3), TypeError, /not fitted yet/, /call fit\(X, y\) first/);
      expect(msg).toMatch(new RegExp(`^${m.constructor.name}: predict`));
      expect(() => m.predict(X3)).toThrow(NotFittedError);
      expectError(() => m.score(X3, y3), TypeError, /predict is not available/);
      expectError(() => m.coef, TypeError, /coef is not available/);
      expectError(() => m.intercept, TypeError, /intercept/);
      expectError(() => m.toJSON(), TypeError, /toJSON is not available/);
    });
  }
});

describe('fromJSON refuses malformed or foreign input', () => {
  const lasso = new Lasso({ alpha: 0.1, backend: 'js' }).fit(X3, y3);
  const good = lasso.toJSON();
  const variants: [string, unknown, RegExp][] = [
    ['null', null, /expected an object produced by Lasso\.toJSON\(\), got null/],
    ['a number', 42, /got number/],
    ['an array', [1, 2], /got an array/],
    ['invalid JSON text', '{"type": "Lasso",', /not valid JSON/],
    ['JSON text of an array', '[1, 2]', /got an array/],
    ['no type', { ...good, type: undefined }, /no "type" field/],
    ['a scikit-learn-like dict', { coef_: [1, 2, 3], intercept_: 0 }, /no penalized model/],
    ['a Ridge', new Ridge({ backend: 'js' }).fit(X3, y3).toJSON(), /describes a Ridge, not a Lasso/],
    ['an ElasticNet', new ElasticNet({ backend: 'js' }).fit(X3, y3).toJSON(), /describes a ElasticNet, not a Lasso/],
    ['another version', { ...good, version: 2 }, /unsupported format version 2/],
    ['coef missing', { ...good, coef: undefined }, /"coef" must be a non-empty array/],
    ['coef empty', { ...good, coef: [] }, /"coef" must be a non-empty array/],
    ['coef with null (a NaN after JSON)', { ...good, coef: [1, null, 3] }, /"coef"\[1\] is not a finite number/],
    ['coef with a string', { ...good, coef: [1, 2, '3'] }, /"coef"\[2\]/],
    ['intercept missing', { ...good, intercept: undefined }, /"intercept" must be a finite number/],
    ['params not an object', { ...good, params: [1] }, /"params" must be an object/],
    ['penaltyFactor not matching coef', { ...good, params: { ...good.params, penaltyFactor: [1, 1] } }, /penaltyFactor" has 2 entries but "coef" has 3/],
  ];
  for (const [what, json, pattern] of variants) {
    it(what, () => {
      expectError(() => Lasso.fromJSON(json), TypeError, pattern, /^Lasso\.fromJSON: /);
    });
  }

  it('invalid params inside the JSON fail the option checks', () => {
    expectError(() => Lasso.fromJSON({ ...good, params: { ...good.params, alpha: -1 } }), RangeError, /'alpha'/);
    expectError(() => Lasso.fromJSON({ ...good, params: { ...good.params, sneaky: 1 } }), TypeError, /unknown option 'sneaky'/);
    const r = new Ridge().fit(X3, y3).toJSON();
    expectError(() => Ridge.fromJSON({ ...r, params: { ...r.params, backend: 'gpu' } }), TypeError, /'backend'/);
    expectError(() => Ridge.fromJSON({ ...r, type: 'Lasso' }), TypeError, /describes a Lasso, not a Ridge/);
  });

  it('a good JSON (object or text) still round-trips', () => {
    for (const json of [good, JSON.stringify(good)]) {
      const back = Lasso.fromJSON(json);
      expect(back.coef).toEqual(lasso.coef);
      expect(back.predict(X3)).toEqual(lasso.predict(X3));
    }
  });
});

describe('validators for paths and cross-validation', () => {
  it('nAlphas (positiveInteger): an integer from 1 to 2³¹ − 1', () => {
    for (const v of [0, -3, 2.5, NaN, Infinity, 2 ** 31, '10', null]) {
      expectError(() => positiveInteger(v, 'nAlphas', 'lassoPath'), RangeError, /^lassoPath: option 'nAlphas' must be an integer from 1/);
    }
    expect(positiveInteger(1, 'nAlphas', 'x')).toBe(1);
    expect(positiveInteger(100, 'nAlphas', 'x')).toBe(100);
  });

  it('eps (openUnitInterval): strictly inside (0, 1)', () => {
    for (const v of [0, 1, -0.1, 1.5, NaN, Infinity, '0.01']) {
      expectError(() => openUnitInterval(v, 'eps', 'lassoPath'), RangeError, /option 'eps' must be a number in \(0, 1\)/);
    }
    expect(openUnitInterval(1e-3, 'eps', 'x')).toBe(1e-3);
    expect(openUnitInterval(Number.MIN_VALUE, 'eps', 'x')).toBe(Number.MIN_VALUE);
  });

  it('alphas (alphaList): non-empty, positive, finite; a sorted copy', () => {
    expectError(() => alphaList([], 'alphas', 'lassoPath'), RangeError, /'alphas' is empty/);
    expectError(() => alphaList([1, 0, 0.5], 'alphas', 'lassoPath'), RangeError, /entry 1 is 0/);
    expectError(() => alphaList([1, -2], 'alphas', 'lassoPath'), RangeError, /entry 1 is -2/);
    expectError(() => alphaList([NaN], 'alphas', 'lassoPath'), RangeError, /entry 0 is NaN/);
    expectError(() => alphaList([1, Infinity], 'alphas', 'lassoPath'), RangeError, /entry 1 is Infinity/);
    expectError(() => alphaList([1, '2'], 'alphas', 'lassoPath'), RangeError, /entry 1 is '2'/);
    expectError(() => alphaList(0.1, 'alphas', 'lassoPath'), TypeError, /'alphas' must be an array/);
    expectError(() => alphaList(null, 'alphas', 'lassoPath'), TypeError, /'alphas'/);
    const given = [0.1, 1, 0.01];
    const out = alphaList(given, 'alphas', 'x');
    expect(Array.from(out)).toEqual([1, 0.1, 0.01]);
    expect(given).toEqual([0.1, 1, 0.01]);
  });

  it('cv (foldCount, checkFoldCount): an integer ≥ 2, at most the number of rows', () => {
    for (const v of [1, 0, -2, 2.5, NaN, '5']) {
      expectError(() => foldCount(v, 'cv', 'LassoCV'), RangeError, /'cv' \(number of folds\) must be an integer ≥ 2/);
    }
    expect(foldCount(2, 'cv', 'x')).toBe(2);
    expectError(() => checkFoldCount(11, 10, 'LassoCV'), RangeError, /'cv' = 11 folds is more than the 10 rows/);
    expectError(() => checkFoldCount(1, 10, 'LassoCV'), RangeError, /'cv'/);
    expect(checkFoldCount(10, 10, 'x')).toBe(10);
  });

  it('foldIds (checkFoldIds): one integer label per row, consecutive labels (0- or 1-based), every fold non-empty', () => {
    const T = 'LassoCV';
    expectError(() => checkFoldIds([0, 1, 0], 4, T), RangeError, /LassoCV: option 'foldIds' has length 3, but X has 4 rows/);
    expectError(() => checkFoldIds([0, 1, 1.5, 0], 4, T), RangeError, /'foldIds'\[2\] is 1\.5/, /integers/);
    expectError(() => checkFoldIds([0, 1, NaN, 0], 4, T), RangeError, /'foldIds'\[2\] is NaN/);
    expectError(() => checkFoldIds([0, 1, '1', 0], 4, T), TypeError, /'foldIds'\[2\] is a string/);
    expectError(() => checkFoldIds([0, 2, 2, 0], 4, T), RangeError, /fold 1 \(of 0…2\) is empty/);
    expectError(() => checkFoldIds([1, 3, 3, 1], 4, T), RangeError, /fold 2 \(of 1…3\) is empty/);
    expectError(() => checkFoldIds([0, 9, 1, 0], 4, T), RangeError, /span 0…9, more folds than the 4 rows/);
    expectError(() => checkFoldIds([0, 0, 0, 0], 4, T), RangeError, /at least 2 folds/);
    expectError(() => checkFoldIds('0101', 4, T), TypeError, /'foldIds' must be an array/);
    const given = [2, 0, 1, 1, 0];
    const f = checkFoldIds(given, 5, T);
    expect(f.k).toBe(3);
    expect(Array.from(f.ids)).toEqual(given);
    expect(given).toEqual([2, 0, 1, 1, 0]);
    // glmnet's 1-based foldid works as it is.
    expect(Array.from(checkFoldIds([1, 2, 2, 1], 4, T).ids)).toEqual([0, 1, 1, 0]);
    expect(Array.from(checkFoldIds([-1, 0, 0, -1], 4, T).ids)).toEqual([0, 1, 1, 0]);
  });

  it('the model option checks are the same reusable functions', () => {
    expectError(() => finiteNonNegative(-1, 'alpha', 'P'), RangeError, /^P: option 'alpha'/);
    expectError(() => unitInterval(2, 'l1Ratio', 'P'), RangeError, /^P: option 'l1Ratio'/);
  });
});

describe.each(backends)('paths and cross-validation check their options through the public API (%s backend)', (backend) => {
  const X = Array.from({ length: 12 }, (_, i) => [i % 3, Math.sin(i), i * 0.5 - 2]);
  const y = X.map((r, i) => r[0] - r[1] + (i % 2));
  const gap = [0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2];

  it('nAlphas < 1, eps outside (0, 1), alphas not positive and finite', () => {
    expectError(() => lassoPath(X, y, { nAlphas: 0, backend }), RangeError, /^lassoPath: option 'nAlphas' must be an integer/);
    expectError(() => lassoPath(X, y, { nAlphas: 2.5, backend }), RangeError, /'nAlphas'/);
    expectError(() => new LassoCV({ nAlphas: -1, backend }), RangeError, /^LassoCV: option 'nAlphas'/);
    expectError(() => enetPath(X, y, { eps: 0, backend }), RangeError, /^enetPath: option 'eps' must be a number in \(0, 1\)/);
    expectError(() => lassoPath(X, y, { eps: 1, backend }), RangeError, /'eps'/);
    expectError(() => new ElasticNetCV({ eps: 2, backend }), RangeError, /^ElasticNetCV: option 'eps'/);
    expectError(() => enetPath(X, y, { alphas: [1, -1], backend }), RangeError, /'alphas' must hold positive finite numbers; entry 1 is -1/);
    expectError(() => lassoPath(X, y, { alphas: [NaN], backend }), RangeError, /entry 0 is NaN/);
    expectError(() => lassoPath(X, y, { alphas: [0.1, Infinity], backend }), RangeError, /entry 1 is Infinity/);
    expectError(() => lassoPath(X, y, { alphas: [], backend }), RangeError, /'alphas' is empty/);
    expectError(() => new RidgeCV({ alphas: [1, 0], backend }), RangeError, /^RidgeCV: option 'alphas'.*entry 1 is 0/);
  });

  it('cv < 2 or more folds than rows; foldIds of wrong length or with an empty fold', () => {
    expectError(() => new LassoCV({ cv: 1, backend }), RangeError, /^LassoCV: option 'cv' \(number of folds\) must be an integer ≥ 2, got 1/);
    expectError(() => new RidgeCV({ cv: 1, backend }), RangeError, /^RidgeCV: option 'cv'/);
    expectError(() => new LassoCV({ cv: 13, backend }).fit(X, y), RangeError, /'cv' = 13 folds is more than the 12 rows/);
    expectError(() => new RidgeCV({ cv: 13, backend }).fit(X, y), RangeError, /'cv' = 13 folds is more than the 12 rows/);
    expectError(() => new LassoCV({ foldIds: [0, 1], backend }).fit(X, y), RangeError, /'foldIds' has length 2, but X has 12 rows/);
    expectError(() => new ElasticNetCV({ foldIds: gap, backend }).fit(X, y), RangeError, /fold 1 \(of 0…2\) is empty/);
    expectError(() => new RidgeCV({ foldIds: gap, backend }).fit(X, y), RangeError, /^RidgeCV: .*fold 1 \(of 0…2\) is empty/);
  });

  it('data errors name the row and column as for the models; predict before fit is a NotFittedError', () => {
    const Xbad = X.map((r) => r.slice());
    Xbad[5][2] = NaN;
    expectError(() => lassoPath(Xbad, y, { backend }), RangeError, /X at row 5, column 2 is NaN/);
    expectError(() => new LassoCV({ backend }).fit(Xbad, y), RangeError, /row 5, column 2/);
    expectError(() => new RidgeCV({ backend }).fit(X, y.slice(1)), RangeError, /y has length 11/);
    expectError(() => lassoPath(X, y, { sampleWeight: [1, 2], backend }), RangeError, /sampleWeight has length 2/);
    expect(() => new LassoCV({ backend }).predict(X)).toThrow(NotFittedError);
    expect(() => new RidgeCV({ backend }).predict(X)).toThrow(NotFittedError);
  });
});

describe('using the WASM backend before ready()', () => {
  it('says to await ready() before X is read; the JS backend needs no loading', async () => {
    vi.resetModules();
    const fresh = await import('../src/index.js'); // a new module instance whose core is not loaded
    expect(fresh.isReady()).toBe(false);
    let reads = 0;
    const data = new Proxy(Array.from(X3.flat()), {
      get: (t, k, r) => {
        if (typeof k === 'string' && /^\d+$/.test(k)) reads++;
        return Reflect.get(t, k, r);
      },
    });
    expect(() => new fresh.Lasso().fit({ data, rows: 4, cols: 3 }, y3)).toThrow(/not loaded yet; call `await ready\(\)` before fitting with backend 'wasm' \(or pass backend: 'js'\)/);
    expect(reads).toBe(0);
    expect(new fresh.Ridge({ backend: 'js' }).fit(X3, y3).coef).toHaveLength(3);
    await fresh.ready();
    expect(new fresh.Ridge().fit(X3, y3).coef).toEqual(new fresh.Ridge({ backend: 'js' }).fit(X3, y3).coef);
  });
});

describe('errors do not leave WASM memory behind', () => {
  it('no buffer stays allocated after any of the failures above', () => {
    expect(WasmScope.liveAllocations()).toEqual({ buffers: 0, bytes: 0 });
  });
});
