import { highWord, lowWord, fromWords } from './float64Bits.js';

/**
 * Natural logarithm — exact port of assembly/math/log.ts (fdlibm/musl
 * log.c): same operations, same order, same bits on every engine. Error < 1 ulp.
 */
const LN2_HI = fromWords(0x3fe62e42, 0xfee00000);
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76);
const LG1 = fromWords(0x3fe55555, 0x55555593);
const LG2 = fromWords(0x3fd99999, 0x9997fa04);
const LG3 = fromWords(0x3fd24924, 0x94229359);
const LG4 = fromWords(0x3fcc71c5, 0x1d8e78af);
const LG5 = fromWords(0x3fc74664, 0x96cb03de);
const LG6 = fromWords(0x3fc39a09, 0xd078c69f);
const LG7 = fromWords(0x3fc2f112, 0xdf3e5244);
const TWO_54 = fromWords(0x43500000, 0);

export function log(x: number): number {
  let hx = highWord(x);
  let lo = lowWord(x);
  let k = 0;
  if (hx >>> 31 !== 0 || hx < 0x00100000) {
    if ((hx & 0x7fffffff) === 0 && lo === 0) return -1 / (x * x);
    if (hx >>> 31 !== 0) return (x - x) / 0.0;
    k -= 54;
    x *= TWO_54;
    hx = highWord(x);
    lo = lowWord(x);
  } else if (hx >= 0x7ff00000) {
    return x;
  } else if (hx === 0x3ff00000 && lo === 0) {
    return 0;
  }
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (hx >>> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  x = fromWords(hx, lo);
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const dk = k;
  return s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
}
