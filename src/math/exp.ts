import { highWord, fromWords } from './float64Bits.js';

/**
 * e^x — exact port of assembly/math/exp.ts (fdlibm/musl exp.c): the same
 * operations in the same order, so both backends get the same bits on every
 * engine (the engines' Math.exp differ in the last bit). Error < 1 ulp.
 */
const LN2_HI = fromWords(0x3fe62e42, 0xfee00000);
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76);
const INV_LN2 = fromWords(0x3ff71547, 0x652b82fe);
const P1 = fromWords(0x3fc55555, 0x5555553e);
const P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c);
const P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);
const OVERFLOW = fromWords(0x40862e42, 0xfefa39ef);
const UNDERFLOW = fromWords(0xc0874910, 0xd52d3051);
const TWO_1023 = fromWords(0x7fe00000, 0);
const TWO_M1022 = fromWords(0x00100000, 0);
const TWO_53 = fromWords(0x43400000, 0);

/** y·2^n (musl scalbn), twin of the AS helper. */
function scale2(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= TWO_1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO_1023;
      n = Math.min(n - 1023, 1023);
    }
  } else if (n < -1022) {
    y *= TWO_M1022 * TWO_53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= TWO_M1022 * TWO_53;
      n = Math.max(n + 1022 - 53, -1022);
    }
  }
  return y * fromWords((0x3ff + n) << 20, 0);
}

export function exp(x: number): number {
  let hx = highWord(x);
  const sign = hx >>> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x4086232b) {
    if (x !== x) return x;
    if (x > OVERFLOW) return x * TWO_1023;
    if (x < UNDERFLOW) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx >= 0x3ff0a2b2) {
      k = (INV_LN2 * x + (sign !== 0 ? -0.5 : 0.5)) | 0; // truncation toward zero, as i32(…)
    } else {
      k = 1 - (sign << 1);
    }
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (hx > 0x3e300000) {
    hi = x;
  } else {
    return 1.0 + x;
  }
  const xs = x * x;
  const xq = xs * xs;
  const c = x - (xs * P1 + xq * ((P2 + xs * P3) + xq * (P4 + xs * P5)));
  const y = 1.0 + ((x * c) / (2 - c) - lo + hi);
  return k === 0 ? y : scale2(y, k);
}
