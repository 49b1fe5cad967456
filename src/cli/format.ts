/** Plain-text tables for the command-line tool's results. */

function num(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e7 ? v.toPrecision(6).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : v.toExponential(5);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ').trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

export function formatResult(r: Record<string, unknown>): string {
  const names = r.features as string[];
  const head: string[] = [`${String(r.command)} ${String(r.model)}`, `rows ${String(r.rows)}`];
  if (r.l1Ratio !== undefined) head.push(`l1Ratio ${num(r.l1Ratio as number)}`);
  if (r.command === 'path') {
    const alphas = r.alphas as number[];
    const coefs = r.coefs as number[][];
    const rows = alphas.map((a, k) => [num(a), String(coefs[k].filter((c) => c !== 0).length), num((r.intercepts as number[])[k]), ...coefs[k].map(num)]);
    return `${head.join(', ')}\n\n${table(['alpha', 'nonzero', '(intercept)', ...names], rows)}`;
  }
  if (r.command === 'cv') {
    head.push(`${String(r.folds)} folds`, `chosen alpha ${num(r.alpha as number)}`);
    if (r.alpha1se !== undefined) head.push(`alpha1se ${num(r.alpha1se as number)}`);
  } else {
    head.push(`alpha ${num(r.alpha as number)}`);
  }
  const coef = r.coef as number[];
  const rows = [['(intercept)', num(r.intercept as number)], ...names.map((n, j) => [n, num(coef[j])])];
  return `${head.join(', ')}\n\n${table(['feature', 'coefficient'], rows)}`;
}
