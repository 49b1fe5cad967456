/**
 * The shared transcendentals (assembly/math and their JS ports in src/math):
 * the JS port returns the WASM function's bits on many inputs, edge cases
 * included, and both stay within 1 ulp of the engine's Math functions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../src/index.js';
import { getCore } from '../src/wasm/wasmCore.js';
import { exp } from '../src/math/exp.js';
import { log } from '../src/math/log.js';
import { log1p } from '../src/math/log1p.js';
import { sigmoid } from '../src/math/sigmoid.js';
import { rng } from './helpers/data.js';

beforeAll(async () => {
  await ready();
});

const buf = new Float64Array(1);
const bits = new BigInt64Array(buf.buffer);
function bitsOf(x: number): bigint {
  buf[0] = x;
  return bits[0];
}

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(Number(bitsOf(a) - bitsOf(b)));
}

const SPECIAL = [
  0, -0, 1, -1, 2, 0.5, -0.5, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 1 - Number.EPSILON / 2, 1 + Number.EPSILON,
  709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.4, 708.4, 0.34657359027997264,
  1.0397207708399179, 3.725290298461914e-9, -3.725290298461914e-9, 1e-300, -0.2928932188134524, 0.41421356237309503,
  -0.9999999999999999, 1.1102230246251565e-16, 5e-324, 1e308, 88.7, -88.7, 36.7, -36.7,
];

function inputs(): number[] {
  const r = rng(20261201);
  const out = [...SPECIAL];
  for (let k = 0; k < 20000; k++) {
    const u = r.uniform();
    const e = Math.floor(r.uniform() * 40) - 20; // magnitudes 1e-20 … 1e20
    const v = (r.uniform() < 0.5 ? -1 : 1) * u * 10 ** e;
    out.push(v, v * 1e-290, r.normal() * 30, r.uniform() * 1500 - 750, r.uniform() * 2 - 1);
  }
  return out;
}

describe('shared transcendentals', () => {
  const xs = inputs();
  const cases: [string, (x: number) => number, (x: number) => number, (x: number) => number][] = [
    ['exp', exp, (x) => getCore().mathExp(x), Math.exp],
    ['log', log, (x) => getCore().mathLog(x), Math.log],
    ['log1p', log1p, (x) => getCore().mathLog1p(x), Math.log1p],
  ];
  for (const [name, js, wasm, ref] of cases) {
    it(`${name}: the JS port returns the WASM bits on ${xs.length} inputs, edge cases included`, () => {
      let mismatches = 0;
      let first = '';
      for (const x of xs) {
        const a = js(x);
        const b = wasm(x);
        const same = Number.isNaN(a) ? Number.isNaN(b) : bitsOf(a) === bitsOf(b);
        if (!same) {
          if (mismatches === 0) first = `${name}(${x}) = ${a} (JS) vs ${b} (WASM)`;
          mismatches++;
        }
      }
      expect(first).toBe('');
      expect(mismatches).toBe(0);
    });
    it(`${name}: within 1 ulp of Math.${name}, exact special values`, () => {
      let worst = 0;
      for (const x of xs) {
        const a = js(x);
        const b = ref(x);
        if (Number.isNaN(b)) {
          expect(Number.isNaN(a)).toBe(true);
          continue;
        }
        if (!Number.isFinite(b) || b === 0) {
          expect(a).toBe(b);
          continue;
        }
        // Subnormal results have fewer significant bits: compare absolutely there.
        if (Math.abs(b) < 2.2250738585072014e-308) {
          expect(Math.abs(a - b)).toBeLessThanOrEqual(Number.MIN_VALUE);
          continue;
        }
        worst = Math.max(worst, ulps(a, b));
      }
      expect(worst).toBeLessThanOrEqual(1);
    });
  }
  it(`sigmoid: the JS function returns the WASM twin's bits on ${xs.length} inputs`, () => {
    let first = '';
    for (const x of xs) {
      const a = sigmoid(x);
      const b = getCore().mathSigmoid(x);
      if (!(Number.isNaN(a) ? Number.isNaN(b) : bitsOf(a) === bitsOf(b)) && first === '') first = `sigmoid(${x}) = ${a} (JS) vs ${b} (WASM)`;
    }
    expect(first).toBe('');
  });
  it('edge values: exp overflow/underflow, log of 0 and negatives, log1p at −1', () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(log(0)).toBe(-Infinity);
    expect(Number.isNaN(log(-1))).toBe(true);
    expect(log(1)).toBe(0);
    expect(log1p(-1)).toBe(-Infinity);
    expect(Number.isNaN(log1p(-2))).toBe(true);
    expect(log1p(1e-300)).toBe(1e-300);
  });
  it('sigmoid: symmetric, saturates without overflow', () => {
    const r = rng(5);
    for (let k = 0; k < 1000; k++) {
      const s = r.normal() * 20;
      expect(Math.abs(sigmoid(s) + sigmoid(-s) - 1)).toBeLessThan(1e-15);
    }
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
