// The multicollinearity data set: groups of strongly correlated features with
// a known true coefficient vector, where the lasso and ridge visibly differ.
//
//   a1, a2, a3  one latent factor measured three times (pairwise r ≈ 0.94);
//               the truth shares the effect: 1, 1, 1
//   b1, b2, b3  another such group, but only b1 acts: 2, 0, 0
//   c1, c2, c3  a correlated group with no effect: 0, 0, 0
//   d1          an independent feature with effect −1.5
//   n1 …        independent noise features, no effect
//
// y = X·truth + 2·noise. Seeded, so every visitor sees the same data.

/** mulberry32: a small, well-mixed 32-bit PRNG. */
function uniformFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalFrom(uniform) {
  return () => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

export const SYNTHETIC_SIZES = {
  small: { n: 200, p: 13 },
  large: { n: 2000, p: 1000 },
};

/** Columns (Float64Array each, y last), names and the true coefficients. */
export function syntheticTable(size = 'small', seed = 20261201) {
  const { n, p } = SYNTHETIC_SIZES[size] ?? SYNTHETIC_SIZES.small;
  const normal = normalFrom(uniformFrom(seed));
  const groups = ['a', 'b', 'c'];
  const names = [];
  const truth = [];
  for (const g of groups) for (let k = 1; k <= 3; k++) names.push(`${g}${k}`);
  truth.push(1, 1, 1, 2, 0, 0, 0, 0, 0);
  names.push('d1');
  truth.push(-1.5);
  for (let k = 1; names.length < p; k++) {
    names.push(`n${k}`);
    truth.push(0);
  }
  const columns = names.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let g = 0; g < groups.length; g++) {
      const z = normal();
      for (let k = 0; k < 3; k++) columns[3 * g + k][i] = z + 0.25 * normal();
    }
    for (let j = 9; j < p; j++) columns[j][i] = normal();
    let s = 2 * normal();
    for (let j = 0; j < 10; j++) s += truth[j] * columns[j][i];
    y[i] = s;
  }
  return { names: [...names, 'y'], columns: [...columns, y], truth };
}
