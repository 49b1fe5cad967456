// The plain-words reading of lasso beside ridge: which features the lasso
// dropped, and, in each group of strongly correlated features, how the lasso
// picked while ridge shared the weight.
import { fmt, list } from './format.js';

/** Pairs at or above this |r| count as "strongly correlated". */
export const STRONG_R = 0.7;
/** Correlations are computed among at most this many features (the largest of either model). */
export const MAX_CORR_FEATURES = 30;

/** Which features to look at for correlated groups: the largest standardized coefficients of either model. */
export function captionCandidates(lassoStd, ridgeStd) {
  const p = lassoStd.length;
  const lMax = maxAbs(lassoStd) || 1;
  const rMax = maxAbs(ridgeStd) || 1;
  const score = Float64Array.from({ length: p }, (_, j) => Math.max(Math.abs(lassoStd[j]) / lMax, Math.abs(ridgeStd[j]) / rMax));
  return Array.from({ length: p }, (_, j) => j).sort((a, b) => score[b] - score[a]).slice(0, MAX_CORR_FEATURES);
}

function maxAbs(v) {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

/** Connected groups (size ≥ 2) of features whose pairwise |r| ≥ STRONG_R, among `cand`. */
function correlatedGroups(cand, r, k) {
  const parent = cand.map((_, i) => i);
  const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) if (Math.abs(r[a * k + b]) >= STRONG_R) parent[find(a)] = find(b);
  const groups = new Map();
  cand.forEach((j, i) => {
    const g = find(i);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(i);
  });
  return [...groups.values()].filter((g) => g.length >= 2);
}

const pct = (x) => `${Math.round(100 * x)} %`;

/**
 * Sentences describing the comparison. lassoStd / ridgeStd are coefficients
 * times the feature's standard deviation (so they compare across features);
 * `corr` = { cand, r, k } from the data worker.
 */
export function comparisonCaption({ names, lassoStd, ridgeStd, lassoAlpha, ridgeAlpha, corr }) {
  const p = names.length;
  const dropped = [];
  for (let j = 0; j < p; j++) if (lassoStd[j] === 0) dropped.push(names[j]);
  const kept = p - dropped.length;
  const out = [];
  const shownDropped = dropped.length > 12 ? [...dropped.slice(0, 12), `${dropped.length - 12} more`] : dropped;
  out.push(
    dropped.length === 0
      ? `The lasso (α = ${fmt(lassoAlpha, 3)}) kept all ${p} features: at this penalty none is set to zero.`
      : `The lasso (α = ${fmt(lassoAlpha, 3)}) kept ${kept} of ${p} features and set ${dropped.length === 1 ? 'one' : dropped.length} exactly to zero: ${list(shownDropped)}.`,
  );
  out.push(`Ridge (α = ${fmt(ridgeAlpha, 3)}) keeps every feature and shrinks them instead: none of its ${p} coefficients is zero.`);

  const groups = corr ? correlatedGroups(corr.cand, corr.r, corr.k) : [];
  const described = [];
  for (const g of groups) {
    const js = g.map((i) => corr.cand[i]).sort((a, b) => a - b);
    let minR = 1;
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) minR = Math.min(minR, Math.abs(corr.r[g[a] * corr.k + g[b]]));
    const lTot = js.reduce((s, j) => s + Math.abs(lassoStd[j]), 0);
    const rTot = js.reduce((s, j) => s + Math.abs(ridgeStd[j]), 0);
    if (rTot === 0) continue;
    const gNames = list(js.map((j) => names[j]));
    const rShares = js.map((j) => `${names[j]} ${pct(Math.abs(ridgeStd[j]) / rTot)}`).join(', ');
    const lKept = js.filter((j) => lassoStd[j] !== 0);
    if (lTot === 0) {
      described.push(`${gNames} are strongly correlated (|r| ≥ ${fmt(minR, 2)}): the lasso dropped them all, while ridge kept every one with a share of its weight (${rShares}).`);
      if (described.length === 3) break;
      continue;
    }
    let lassoPart;
    {
      const top = js.reduce((a, b) => (Math.abs(lassoStd[b]) > Math.abs(lassoStd[a]) ? b : a));
      const gone = js.filter((j) => lassoStd[j] === 0).map((j) => names[j]);
      lassoPart = `the lasso put ${pct(Math.abs(lassoStd[top]) / lTot)} of the group's weight on ${names[top]}` +
        (gone.length ? ` and dropped ${list(gone)}` : lKept.length === js.length ? ' but kept them all' : '');
    }
    // Ridge spreads weight over correlated columns, but not always evenly: say so when one still dominates.
    const rTop = js.reduce((a, b) => (Math.abs(ridgeStd[b]) > Math.abs(ridgeStd[a]) ? b : a));
    const ridgePart = Math.abs(ridgeStd[rTop]) / rTot >= 0.8 ? `ridge too put most of it on ${names[rTop]}` : 'ridge shared it';
    described.push(`${gNames} are strongly correlated (|r| ≥ ${fmt(minR, 2)}): ${lassoPart}; ${ridgePart} (${rShares}).`);
    if (described.length === 3) break;
  }
  if (described.length) out.push(...described);
  else if (corr) out.push(`No two of the ${corr.k === p ? '' : 'largest '}features compared are strongly correlated (|r| ≥ ${STRONG_R}), so the two models rank the features alike.`);
  return out;
}
