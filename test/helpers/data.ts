import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundled diabetes data (Efron et al. 2004): 442 × 10 design and the response. */
export function loadDiabetes(): { X: number[][]; y: number[]; names: string[] } {
  const path = fileURLToPath(new URL('../../data/diabetes.csv', import.meta.url));
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',').slice(0, -1);
  const parsed = rows.map((r) => r.split(',').map(Number));
  return { X: parsed.map((r) => r.slice(0, -1)), y: parsed.map((r) => r[r.length - 1]), names };
}

/** Small deterministic PRNG (mulberry32) and Gaussian draws for synthetic tests. */
export function rng(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

/** max_j |a_j − b_j| / max(max|b|, floor): relative error measured against the size of the reference. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-12): number {
  let scale = floor;
  for (let j = 0; j < b.length; j++) scale = Math.max(scale, Math.abs(b[j]));
  let d = 0;
  for (let j = 0; j < b.length; j++) d = Math.max(d, Math.abs(a[j] - b[j]));
  return d / scale;
}
