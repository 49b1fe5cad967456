// Downloads: coefficients as CSV, the model as JSON (its own toJSON), plots as SVG or PNG.

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** feature,coefficient rows (full precision: String() round-trips a double), intercept last. */
export function coefficientsCsv(names, coef, intercept) {
  const lines = ['feature,coefficient'];
  names.forEach((n, j) => lines.push(`${csvField(n)},${String(coef[j])}`));
  lines.push(`(intercept),${String(intercept)}`);
  return `${lines.join('\n')}\n`;
}

export function downloadCsv(name, text) {
  download(name, new Blob([text], { type: 'text/csv' }));
}

export function downloadJson(name, obj) {
  download(name, new Blob([JSON.stringify(obj, null, 2)], { type: 'application/json' }));
}

/** A standalone SVG file of a plot (Plot's inline style and fonts kept). */
export function svgText(svg) {
  const clone = svg.cloneNode(true);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.style.background = '#ffffff';
  clone.style.fontFamily = getComputedStyle(svg).fontFamily;
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(name, svg) {
  download(name, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
}

/** Rasterizes the plot at twice its size on a white background. */
export async function downloadPng(name, svg) {
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    download(name, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
