// The page's pictures, drawn with Observable Plot: glmnet's plot(fit) (the
// coefficient path against log alpha with the number of nonzero coefficients
// along the top), plot(cv.glmnet) (mean CV error with ±1 SE bars and lines at
// alpha_min and alpha_1se), the coefficients at the chosen alpha, and lasso
// beside ridge.
import * as Plot from '@observablehq/plot';
import { fmt } from './format.js';

const INK = '#1f2933';
const MUTED = '#7b8794';
const MIN_COLOR = '#c2410c';
const SE_COLOR = '#2563eb';
const SLIDER_COLOR = '#111827';

/** Rough width in pixels of the longest of `labels` at `fontSize` (for margins that fit the names). */
function textWidth(labels, fontSize) {
  const longest = labels.reduce((m, t) => Math.max(m, String(t).length), 0);
  return Math.ceil(longest * fontSize * 0.66);
}

/** Path plots show at most this many features (the first to enter the path); the table lists all. */
export const MAX_PATH_FEATURES = 20;

/** Feature indices in the order they enter the path (first nonzero as alpha decreases), then the rest by final size. */
export function entryOrder(fit, p) {
  const K = fit.alphas.length;
  const enter = new Array(p).fill(K);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < K; k++) {
      if (fit.coefs[k * p + j] !== 0) {
        enter[j] = k;
        break;
      }
    }
  }
  const last = (j) => Math.abs(fit.coefs[(K - 1) * p + j]);
  return Array.from({ length: p }, (_, j) => j).sort((a, b) => enter[a] - enter[b] || last(b) - last(a));
}

/** Nonzero coefficients at each alpha of the path. */
export function nonzeroCounts(fit, p) {
  return Array.from(fit.alphas, (_, k) => {
    let c = 0;
    for (let j = 0; j < p; j++) if (fit.coefs[k * p + j] !== 0) c++;
    return c;
  });
}

/** About six grid points at which the top axis prints the nonzero count. */
function topTicks(fit, counts) {
  const K = fit.alphas.length;
  const step = Math.max(1, Math.round((K - 1) / 6));
  const ticks = [];
  for (let k = 0; k < K; k += step) ticks.push({ alpha: fit.alphas[k], count: String(counts[k]) });
  return ticks;
}

function markers(fit, alpha) {
  return [
    Plot.ruleX([fit.alphas[fit.indexMin]], { stroke: MIN_COLOR, strokeDasharray: '5,3', strokeWidth: 1.5 }),
    Plot.ruleX([fit.alphas[fit.index1se]], { stroke: SE_COLOR, strokeDasharray: '2,3', strokeWidth: 1.5 }),
    Plot.ruleX([alpha], { stroke: SLIDER_COLOR, strokeWidth: 2, strokeOpacity: 0.55 }),
  ];
}

const base = (width, height) => ({
  width,
  height,
  marginTop: 44,
  marginLeft: 64,
  marginRight: 16,
  marginBottom: 40,
  style: { fontSize: '12px', color: INK, background: 'transparent', overflow: 'visible' },
});

function xAxes(fit, counts) {
  const top = topTicks(fit, counts);
  return [
    Plot.axisX({ anchor: 'bottom', label: 'α, log scale (weaker penalty →)', labelAnchor: 'right', labelArrow: 'none', tickFormat: (a) => fmt(a, 2) }),
    // The top axis: ticks from Plot, labels drawn as text (a log scale's axis
    // would thin out labels that are not powers of ten).
    Plot.axisX(top.map((t) => t.alpha), { anchor: 'top', tickFormat: () => '', label: 'nonzero coefficients', labelAnchor: 'right', labelArrow: 'none' }),
    Plot.text(top, { x: 'alpha', text: 'count', frameAnchor: 'top', dy: -14, fill: INK }),
  ];
}

/**
 * Coefficient paths: one line per feature against log(alpha), strong penalty
 * on the left (everything zero) to weak on the right. Coefficients are drawn
 * times their feature's standard deviation `sd`, so features measured on
 * different scales compare (the table keeps the original scale).
 */
export function pathPlot(fit, names, sd, alpha, { width = 560, height = 340 } = {}) {
  const p = names.length;
  const counts = nonzeroCounts(fit, p);
  const shown = entryOrder(fit, p).slice(0, MAX_PATH_FEATURES);
  const K = fit.alphas.length;
  const points = [];
  for (const j of shown) {
    for (let k = 0; k < K; k++) points.push({ feature: names[j], alpha: fit.alphas[k], coef: fit.coefs[k * p + j] * sd[j] });
  }
  const labelled = shown.map((j) => ({ feature: names[j], coef: fit.coefs[(K - 1) * p + j] * sd[j], alpha: fit.alphas[K - 1] })).filter((d) => d.coef !== 0).slice(0, 12);
  return Plot.plot({
    ...base(width, height),
    marginRight: 12 + textWidth(labelled.map((d) => d.feature), 10.5),
    x: { type: 'log', reverse: true },
    y: { label: 'coefficient × feature SD', grid: true, tickFormat: (v) => fmt(v, 2) },
    color: { type: 'categorical', scheme: 'tableau10' },
    marks: [
      Plot.ruleY([0], { stroke: MUTED }),
      ...markers(fit, alpha),
      Plot.line(points, { x: 'alpha', y: 'coef', z: 'feature', stroke: 'feature', strokeWidth: 1.6 }),
      Plot.text(labelled, {
        x: 'alpha', y: 'coef', text: 'feature', fill: 'feature', textAnchor: 'start', dx: 4, fontSize: 10.5,
      }),
      ...xAxes(fit, counts),
      Plot.tip(points, Plot.pointer({
        x: 'alpha', y: 'coef', stroke: 'feature',
        channels: { feature: { label: 'feature', value: 'feature' } },
        format: { feature: true, x: (v) => fmt(v, 4), y: (v) => fmt(v, 4), stroke: false },
      })),
    ],
  });
}

/** Cross-validated error against log(alpha): mean ± 1 SE, with alpha_min and alpha_1se marked. */
export function cvPlot(fit, alpha, p, { width = 560, height = 340 } = {}) {
  const counts = nonzeroCounts(fit, p);
  const pts = Array.from(fit.alphas, (a, k) => ({
    alpha: a,
    mse: fit.mseMean[k],
    lo: fit.mseMean[k] - fit.mseSe[k],
    hi: fit.mseMean[k] + fit.mseSe[k],
    se: fit.mseSe[k],
  }));
  return Plot.plot({
    ...base(width, height),
    x: { type: 'log', reverse: true },
    y: { label: `mean squared error (${fit.nFolds}-fold CV)`, grid: true, tickFormat: (v) => fmt(v, 3) },
    marks: [
      ...markers(fit, alpha),
      Plot.ruleX(pts, { x: 'alpha', y1: 'lo', y2: 'hi', stroke: '#9aa5b1' }),
      Plot.dot(pts, { x: 'alpha', y: 'mse', fill: MIN_COLOR, r: 2.2 }),
      Plot.text([{ alpha: fit.alphas[fit.indexMin], t: 'α min' }], { x: 'alpha', text: 't', frameAnchor: 'top', dy: 8, dx: 4, textAnchor: 'start', fill: MIN_COLOR }),
      Plot.text([{ alpha: fit.alphas[fit.index1se], t: 'α 1se' }], { x: 'alpha', text: 't', frameAnchor: 'top', dy: 8, dx: -4, textAnchor: 'end', fill: SE_COLOR }),
      ...xAxes(fit, counts),
      Plot.tip(pts, Plot.pointerX({
        x: 'alpha', y: 'mse',
        channels: { se: { label: '± SE', value: 'se' } },
        format: { x: (v) => fmt(v, 4), y: (v) => fmt(v, 4), se: (v) => fmt(v, 3) },
      })),
    ],
  });
}

/**
 * Horizontal bars: coefficient per feature (largest first, at most `limit`),
 * zeros greyed, with the true coefficient as a tick when it is known.
 */
export function coefBars(rows, { width = 420, limit = 25, xLabel = 'coefficient', domain, truth = false, sorted = true, names = true } = {}) {
  const data = (sorted ? [...rows].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)) : rows).slice(0, limit);
  const height = 30 + 18 * data.length + 40;
  return Plot.plot({
    width,
    height,
    marginLeft: names ? Math.min(width / 2.5, 20 + textWidth(data.map((d) => d.feature), 12)) : 10,
    marginRight: 20,
    marginTop: 10,
    marginBottom: 36,
    style: { fontSize: '12px', color: INK, background: 'transparent' },
    x: { label: xLabel, grid: true, domain, tickFormat: (v) => fmt(v, 2) },
    y: { label: null, domain: data.map((d) => d.feature), axis: names ? 'left' : null },
    color: { domain: ['positive', 'negative', 'zero'], range: ['#2563eb', '#dc2626', '#cbd2d9'] },
    marks: [
      Plot.barX(data, { x: 'value', y: 'feature', fill: (d) => (d.value > 0 ? 'positive' : d.value < 0 ? 'negative' : 'zero') }),
      Plot.ruleX([0], { stroke: MUTED }),
      truth ? Plot.tickX(data.filter((d) => Number.isFinite(d.truth)), { x: 'truth', y: 'feature', stroke: INK, strokeWidth: 2.5 }) : null,
      Plot.tip(data, Plot.pointerY({
        x: 'value', y: 'feature',
        channels: truth ? { truth: { label: 'truth', value: 'truth' } } : {},
        format: { x: (v) => fmt(v, 5), y: true, fill: false, truth: (v) => fmt(v, 3) },
      })),
    ],
  });
}
