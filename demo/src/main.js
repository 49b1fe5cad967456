// The workbench page: wires the controls to the data worker, the fits
// (fit/fitting.js, all through penalized's fitAsync) and the plots.
import { r2Score } from 'penalized';
import { loadBuiltin, parseCsv, buildDesign, correlations } from './data/dataClient.js';
import { fitWorkbench, raceBackends } from './fit/fitting.js';
import { pathPlot, cvPlot, coefBars, MAX_PATH_FEATURES } from './ui/plots.js';
import { comparisonCaption, captionCandidates } from './ui/caption.js';
import { coefficientsCsv, downloadCsv, downloadJson, downloadSvg, downloadPng } from './ui/exporting.js';
import { fmt, ms } from './ui/format.js';

const $ = (id) => document.getElementById(id);
const el = {
  dataset: $('dataset-select'), csv: $('csv-input'), drop: $('drop-zone'), target: $('target-select'),
  features: $('feature-list'), featureCount: $('feature-count'), dropBad: $('drop-bad-rows'),
  model: $('model-select'), l1: $('l1ratio-input'), l1Out: $('l1ratio-output'), standardize: $('standardize-input'),
  folds: $('folds-input'), fit: $('fit-button'), cancel: $('cancel-button'), progress: $('progress'), message: $('message'),
  slider: $('alpha-slider'), alphaOut: $('alpha-output'), pathPlot: $('path-plot'), cvPlot: $('cv-plot'),
  bars: $('coef-bars'), barsNote: $('bars-note'), selected: $('selected-features'), lassoBars: $('lasso-bars'), ridgeBars: $('ridge-bars'),
  caption: $('compare-caption'), race: $('race-button'), raceResult: $('race-result'), body: $('coef-body'),
  truthHead: $('truth-head'), tableNote: $('table-note'),
};

const state = {
  table: null, // summary of the loaded table (names, nRows, issues, truth)
  design: null, // { X, y, rows, cols, names, target, truth, colSd, yVar }
  fit: null, // { main, lasso, ridge, settings }
  k: 0, // index into main.alphas of the slider
  controller: null,
  busy: false,
};

/** Lets the browser run other tasks (input, paint) between pieces of work, so none is long. */
const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0)));

// ---------------------------------------------------------------- messages

function say(text, kind = 'info') {
  el.message.textContent = text;
  el.message.className = `message ${kind}`;
}

function setBusy(busy) {
  state.busy = busy;
  el.fit.disabled = busy;
  el.cancel.disabled = !busy;
  document.body.dataset.state = busy ? 'fitting' : document.body.dataset.state === 'fitting' ? 'idle' : document.body.dataset.state;
}

// ---------------------------------------------------------------- data

const escapeHtml = (t) => String(t).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function fillColumns(summary) {
  const { names } = summary;
  el.target.replaceChildren(...names.map((n, j) => new Option(n, String(j), false, j === summary.target)));
  const mostlyBad = (j) => summary.issues[j].missing + summary.issues[j].text > summary.nRows / 2;
  const html = (j) => `<label class="check"><input type="checkbox" value="${j}"${j !== summary.target && !mostlyBad(j) ? ' checked' : ''}> ${escapeHtml(names[j])}</label>`;
  await fillInChunks(el.features, names.length, html);
  syncFeatureBoxes();
}

/**
 * Sets a container's rows from HTML strings: the first chunk at once, the rest
 * in later tasks, so that a thousand rows never make one long task (building
 * and laying them out). Returns a promise for the last chunk; a newer call on
 * the same container stops an older one.
 */
const CHUNK = 200;
async function fillInChunks(container, count, rowHtml) {
  const token = {};
  container.fillToken = token;
  const chunk = (from) => Array.from({ length: Math.min(CHUNK, count - from) }, (_, i) => rowHtml(from + i)).join('');
  container.innerHTML = chunk(0);
  for (let from = CHUNK; from < count; from += CHUNK) {
    await nextTask();
    if (container.fillToken !== token) return;
    container.insertAdjacentHTML('beforeend', chunk(from));
  }
}

/** The target is never also a feature. */
function syncFeatureBoxes() {
  const t = Number(el.target.value);
  let on = 0;
  for (const box of el.features.querySelectorAll('input')) {
    const isTarget = Number(box.value) === t;
    box.disabled = isTarget;
    box.parentElement.hidden = isTarget;
    if (isTarget) box.checked = false;
    if (box.checked) on++;
  }
  el.featureCount.textContent = `(${on} of ${el.features.children.length - 1})`;
}

const chosenFeatures = () => [...el.features.querySelectorAll('input:checked')].map((b) => Number(b.value));

async function loadDataset(value) {
  const [name, size] = value === 'synthetic-large' ? ['synthetic', 'large'] : [value, 'small'];
  abortFit();
  document.body.dataset.state = 'loading';
  say(`Loading ${el.dataset.selectedOptions[0].textContent}…`);
  state.table = await loadBuiltin(name, size);
  await fillColumns(state.table);
  await fit();
}

async function loadCsvFile(file) {
  if (!file) return;
  abortFit();
  say(`Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB) off the main thread…`);
  document.body.dataset.state = 'loading';
  try {
    const t0 = performance.now();
    const summary = await parseCsv(file);
    state.table = summary;
    const csvOption = el.dataset.querySelector('option[value="csv"]');
    csvOption.disabled = false;
    csvOption.textContent = `${file.name} (${summary.nRows} × ${summary.names.length})`;
    el.dataset.value = 'csv';
    await fillColumns(summary);
    const problems = summary.issues.reduce((s, is) => s + is.missing + is.text, 0);
    const ragged = summary.raggedCount ? ` ${summary.raggedCount} rows have a different number of fields than the header (first: row ${summary.raggedRows[0].row}, line ${summary.raggedRows[0].line}, ${summary.raggedRows[0].fields} fields).` : '';
    say(`Read ${summary.nRows} rows × ${summary.names.length} columns in ${ms(performance.now() - t0)}.` +
      (problems ? ` ${problems} cells are missing or not numbers.` : '') + ragged);
    await fit();
  } catch (e) {
    document.body.dataset.state = 'error';
    say(`Could not use ${file.name}: ${e.message}`, 'error');
  }
}

// ---------------------------------------------------------------- fitting

function settings() {
  const folds = Math.round(Number(el.folds.value));
  return {
    model: el.model.value,
    l1Ratio: Number(el.l1.value),
    standardize: el.standardize.checked,
    folds: Number.isFinite(folds) ? Math.min(20, Math.max(3, folds)) : 10,
  };
}

/** Progress arrives once per alpha and fold; the bar moves at most once per frame. */
let progressValue = 0;
let progressFrame = 0;
const progressFill = el.progress.firstElementChild;
function setProgress(f) {
  progressFill.style.transform = `scaleX(${f})`;
  el.progress.setAttribute('aria-valuenow', String(Math.round(100 * f)));
}
function showProgress(f) {
  progressValue = f;
  progressFrame ||= requestAnimationFrame(() => {
    progressFrame = 0;
    setProgress(progressValue);
  });
}

function abortFit() {
  state.controller?.abort();
  state.controller = null;
}

async function fit() {
  if (!state.table) return;
  abortFit();
  const controller = new AbortController();
  state.controller = controller;
  const s = settings();
  el.folds.value = String(s.folds);
  setBusy(true);
  setProgress(0);
  try {
    const d = await buildDesign(Number(el.target.value), chosenFeatures(), el.dropBad.checked);
    if (controller.signal.aborted) throw new DOMException('cancelled', 'AbortError');
    if (!d.X) {
      document.body.dataset.state = 'error';
      say(`Cannot fit: ${d.problems.length === 1 ? 'a chosen column has a bad cell' : 'chosen columns have bad cells'} — ${d.problems.join('; ')}. Untick those columns, fix the file, or tick “Leave out rows…”.`, 'error');
      return;
    }
    if (s.folds > d.rows) s.folds = d.rows;
    state.design = d;
    const what = { lasso: 'LassoCV', enet: `ElasticNetCV (l1Ratio ${s.l1Ratio})`, ridge: 'RidgeCV' }[s.model];
    say(`Fitting ${what} with ${s.folds}-fold cross-validation on ${d.rows} × ${d.cols}${d.dropped ? ` (${d.dropped} rows with bad cells left out)` : ''}…`);
    const t0 = performance.now();
    performance.mark('penalized:fit-start');
    const result = await fitWorkbench(d, s, {
      signal: controller.signal,
      onProgress: showProgress,
    });
    performance.mark('penalized:fit-end');
    const took = performance.now() - t0;
    state.fit = { ...result, settings: s };
    await nextTask();
    setProgress(1);
    await render();
    say(`Fitted ${what}, ${s.folds}-fold CV, plus the lasso and ridge comparison, in ${ms(took)} (off the main thread, in penalized's worker pool).` +
      (d.dropped ? ` ${d.dropped} row${d.dropped > 1 ? 's' : ''} with missing or non-numeric cells left out.` : ''));
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (e?.name === 'AbortError') {
      if (state.controller === null || state.controller === controller) {
        cancelAnimationFrame(progressFrame);
        progressFrame = 0;
        setProgress(0);
        say('Fit cancelled. Change anything and press Fit to start again.');
        document.body.dataset.state = 'cancelled';
      }
      return;
    }
    document.body.dataset.state = 'error';
    say(`The fit failed: ${e.message}`, 'error');
    console.warn(e);
  } finally {
    // null: this fit was cancelled and no other started since.
    if (state.controller === controller || state.controller === null) {
      state.controller = null;
      setBusy(false);
    }
  }
}

// ---------------------------------------------------------------- rendering

/** Coefficients and intercept at grid index k: the refitted model's own at its alpha, else the path's row. */
function coefAt(k) {
  const { main } = state.fit;
  const p = state.design.cols;
  if (main.alphas[k] === main.model.alpha) return { coef: main.model.coef, intercept: main.model.intercept };
  return { coef: main.coefs.subarray(k * p, (k + 1) * p), intercept: main.intercepts[k] };
}

function trainR2(coef, intercept) {
  const { X, y, rows, cols } = state.design;
  const pred = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += X[i * cols + j] * coef[j];
    pred[i] = s;
  }
  return r2Score(y, pred);
}

function plotWidth(container) {
  return Math.max(320, Math.floor(container.clientWidth || 520));
}

let renderGeneration = 0;

function drawPlots() {
  const { main } = state.fit;
  const d = state.design;
  const alpha = main.alphas[state.k];
  $('path-note').textContent = d.cols > MAX_PATH_FEATURES ? ` (showing the ${MAX_PATH_FEATURES} of ${d.cols} features that enter first)` : '';
  el.pathPlot.replaceChildren(pathPlot(main, d.names, d.colSd, alpha, { width: plotWidth(el.pathPlot) }));
}

/**
 * Everything that depends on the slider's alpha, drawn piece by piece in
 * separate tasks; a newer call makes an older one stop.
 */
async function updateAtSlider() {
  const generation = ++renderGeneration;
  const stale = async () => {
    await nextTask();
    return generation !== renderGeneration;
  };
  const { main } = state.fit;
  const d = state.design;
  const k = state.k;
  const alpha = main.alphas[k];
  const { coef, intercept } = coefAt(k);
  el.alphaOut.textContent = `${fmt(alpha, 4)}${k === main.indexMin ? ' (α min)' : k === main.index1se ? ' (α 1se)' : ''}`;
  drawPlots();
  if (await stale()) return;
  el.cvPlot.replaceChildren(cvPlot(main, alpha, d.cols, { width: plotWidth(el.cvPlot) }));
  if (await stale()) return;

  const rows = d.names.map((feature, j) => ({ feature, value: coef[j] * d.colSd[j], truth: d.truth ? d.truth[j] * d.colSd[j] : NaN }));
  const nonzero = rows.filter((r) => r.value !== 0);
  el.bars.replaceChildren(coefBars(rows, { width: plotWidth(el.bars), truth: !!d.truth, xLabel: 'coefficient × feature SD' }));
  el.barsNote.textContent = `— α = ${fmt(alpha, 4)}${d.truth ? '; black ticks: the true coefficients' : ''}${d.cols > 25 ? '; the 25 largest' : ''}`;
  const sel = nonzero.sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).map((r) => r.feature);
  el.selected.textContent = sel.length === 0 ? 'none (every coefficient is zero at this α)'
    : sel.length === d.cols ? `all ${d.cols}` : `${sel.length} of ${d.cols}: ${sel.slice(0, 30).join(', ')}${sel.length > 30 ? ', …' : ''}`;

  $('stat-nonzero').textContent = `${nonzero.length} of ${d.cols}`;
  if (await stale()) return;
  $('stat-r2-train').textContent = fmt(trainR2(coef, intercept), 3);
  $('stat-r2-cv').textContent = fmt(1 - main.mseMean[k] / d.yVar, 3);
  if (await stale()) return;

  // HTML strings in chunks (a thousand rows at once would be a long task); String(v) keeps every bit.
  const table = fillInChunks(el.body, d.cols, (j) => {
    const c = coef[j];
    const name = escapeHtml(d.names[j]);
    const truth = d.truth ? `<td>${fmt(d.truth[j], 3)}</td>` : '';
    return `<tr data-feature="${name}"><th scope="row">${name}</th>` +
      `<td data-value="${String(c)}"${c === 0 ? ' class="zero"' : ''}>${c === 0 ? '0' : fmt(c, 6)}</td>${truth}</tr>`;
  });
  el.truthHead.hidden = !d.truth;
  el.tableNote.textContent = `at α = ${fmt(alpha, 4)}, intercept ${fmt(intercept, 6)}`;
  await table;
}

async function drawComparison() {
  const { lasso, ridge } = state.fit;
  const d = state.design;
  const lassoStd = Float64Array.from(lasso.coef, (c, j) => c * d.colSd[j]);
  const ridgeStd = Float64Array.from(ridge.coef, (c, j) => c * d.colSd[j]);
  let max = 0;
  for (let j = 0; j < d.cols; j++) max = Math.max(max, Math.abs(lassoStd[j]), Math.abs(ridgeStd[j]));
  const domain = [-max, max];
  const order = captionCandidates(lassoStd, ridgeStd).slice(0, 15);
  const rowsOf = (v) => order.map((j) => ({ feature: d.names[j], value: v[j], truth: NaN }));
  const w = Math.max(200, Math.floor((el.lassoBars.parentElement.parentElement.clientWidth || 480) / 2) - 8);
  // Both charts list the same features in the same order, so rows line up.
  el.lassoBars.replaceChildren(coefBars(rowsOf(lassoStd), { width: w, domain, limit: 15, xLabel: 'coef × SD', sorted: false }));
  await nextTask();
  // The ridge chart's rows are the lasso chart's, beside it: its names would only repeat them.
  el.ridgeBars.replaceChildren(coefBars(rowsOf(ridgeStd), { width: w, domain, limit: 15, xLabel: 'coef × SD', sorted: false, names: false }));
  const cand = captionCandidates(lassoStd, ridgeStd);
  const { r, k } = await correlations(cand.map((j) => j));
  const sentences = comparisonCaption({
    names: d.names, lassoStd, ridgeStd, lassoAlpha: lasso.alpha, ridgeAlpha: ridge.alpha, corr: { cand, r, k },
  });
  el.caption.replaceChildren(...sentences.map((s) => Object.assign(document.createElement('p'), { textContent: s })));
}

async function render() {
  const { main } = state.fit;
  const d = state.design;
  const K = main.alphas.length;
  el.slider.max = String(K - 1);
  el.slider.disabled = false;
  await setSlider(main.indexMin);
  const chosen = $('stat-alpha');
  chosen.textContent = fmt(main.model.alpha, 5);
  chosen.dataset.value = String(main.model.alpha);
  $('stat-data').textContent = `${d.rows} × ${d.cols}`;
  $('stat-target').textContent = d.target;
  el.raceResult.textContent = '';
  await nextTask();
  await drawComparison();
}

/** The slider runs left to right like the plots' x axis: strong penalty (grid index 0) on the left. */
function setSlider(k) {
  state.k = k;
  el.slider.value = String(k);
  el.slider.setAttribute('aria-valuetext', `alpha ${fmt(state.fit.main.alphas[k], 4)}`);
  return updateAtSlider();
}

// ---------------------------------------------------------------- events

function loadFailed(e) {
  document.body.dataset.state = 'error';
  say(`Could not load the data: ${e.message}`, 'error');
}

el.dataset.addEventListener('change', () => {
  if (el.dataset.value !== 'csv') loadDataset(el.dataset.value).catch(loadFailed);
});
el.csv.addEventListener('change', () => loadCsvFile(el.csv.files[0]));
for (const type of ['dragenter', 'dragover']) {
  document.addEventListener(type, (e) => {
    e.preventDefault();
    el.drop.classList.add('over');
  });
}
document.addEventListener('dragleave', (e) => {
  if (e.target === document.documentElement || !e.relatedTarget) el.drop.classList.remove('over');
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  el.drop.classList.remove('over');
  const file = e.dataTransfer?.files?.[0];
  if (file) loadCsvFile(file);
});
el.target.addEventListener('change', syncFeatureBoxes);
el.features.addEventListener('change', syncFeatureBoxes);
$('features-all').addEventListener('click', () => {
  for (const b of el.features.querySelectorAll('input:not(:disabled)')) b.checked = true;
  syncFeatureBoxes();
});
$('features-none').addEventListener('click', () => {
  for (const b of el.features.querySelectorAll('input')) b.checked = false;
  syncFeatureBoxes();
});
el.model.addEventListener('change', () => {
  el.l1.disabled = el.model.value !== 'enet';
});
el.l1.addEventListener('input', () => { el.l1Out.textContent = el.l1.value; });
el.fit.addEventListener('click', () => fit());
el.cancel.addEventListener('click', () => abortFit());

let sliderFrame = 0;
el.slider.addEventListener('input', () => {
  if (!state.fit) return;
  cancelAnimationFrame(sliderFrame);
  sliderFrame = requestAnimationFrame(() => setSlider(Number(el.slider.value)));
});
$('alpha-min-button').addEventListener('click', () => state.fit && setSlider(state.fit.main.indexMin));
$('alpha-1se-button').addEventListener('click', () => state.fit && setSlider(state.fit.main.index1se));

el.race.addEventListener('click', async () => {
  if (!state.fit || state.busy) return;
  const { main, settings: s } = state.fit;
  const alpha = main.alphas[state.k];
  el.race.disabled = true;
  el.raceResult.textContent = `Racing at α = ${fmt(alpha, 4)}: warming up both backends, then timing…`;
  try {
    const r = await raceBackends(state.design, s, alpha);
    const faster = r.wasmMs <= r.jsMs ? `WASM ${fmt(r.jsMs / r.wasmMs, 3)}× faster` : `JS ${fmt(r.wasmMs / r.jsMs, 3)}× faster`;
    const same = r.identical
      ? `bit-identical: all ${r.p} coefficients and the intercept have the same bits ✓`
      : `NOT identical: first difference at ${r.firstDifference.index < 0 ? 'the intercept' : `coefficient ${r.firstDifference.index}`} (${r.firstDifference.wasm} vs ${r.firstDifference.js})`;
    el.raceResult.innerHTML = '';
    el.raceResult.append(
      Object.assign(document.createElement('strong'), { textContent: faster }),
      ` — WASM ${ms(r.wasmMs)}, JS ${ms(r.jsMs)} (median of ${r.runs} runs each, one ${{ lasso: 'Lasso', enet: 'ElasticNet', ridge: 'Ridge' }[s.model]} fit). ${same}.`,
    );
    el.raceResult.dataset.identical = String(r.identical);
  } catch (e) {
    el.raceResult.textContent = `The race failed: ${e.message}`;
  } finally {
    el.race.disabled = false;
  }
});

$('export-csv').addEventListener('click', () => {
  if (!state.fit) return;
  const { coef, intercept } = coefAt(state.k);
  downloadCsv(`coefficients-alpha-${fmt(state.fit.main.alphas[state.k], 4)}.csv`, coefficientsCsv(state.design.names, coef, intercept));
});
$('export-json').addEventListener('click', () => {
  if (!state.fit) return;
  const m = state.fit.main.model;
  downloadJson(`${m.toJSON().type}.json`, { features: state.design.names, target: state.design.target, ...m.toJSON() });
});
for (const b of document.querySelectorAll('[data-export]')) {
  b.setAttribute('aria-label', `Download the ${b.dataset.export.replace('-', ' ')} as ${b.dataset.format.toUpperCase()}`);
  b.addEventListener('click', () => {
    const svg = $(b.dataset.export).querySelector('svg');
    if (!svg) return;
    const name = `${b.dataset.export}.${b.dataset.format}`;
    if (b.dataset.format === 'svg') downloadSvg(name, svg);
    else downloadPng(name, svg);
  });
}
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (state.fit) { updateAtSlider(); drawComparison(); } }, 150);
});

document.body.dataset.state = 'loading';
loadDataset('diabetes').catch(loadFailed);
