// A parsed data table: named numeric columns (Float64Array, NaN where a cell
// is missing or not a number) and the problems found while reading them.

/** A cell counts as a number only if all of it is one (no '12abc', no '0x1f', no blank read as 0). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Spellings of "missing" that are reported as missing rather than as text. */
const MISSING = new Set(['', 'na', 'nan', 'null', '?', '-', '.']);

/** Grows one Float64Array per column while rows stream in. */
export class TableBuilder {
  constructor(names) {
    this.names = names;
    this.nRows = 0;
    this.capacity = 1024;
    this.columns = names.map(() => new Float64Array(this.capacity));
    /** Per column: { missing, text, first: { row, line, value } | null }. */
    this.issues = names.map(() => ({ missing: 0, text: 0, first: null }));
    /** Rows whose number of fields differs from the header's (the first few). */
    this.raggedRows = [];
    this.raggedCount = 0;
  }

  /**
   * Adds one data row. `line` is its line number in the file (the header is
   * line 1); data rows are numbered from 1 after the header.
   */
  addRow(fields, line) {
    if (this.nRows === this.capacity) this.grow();
    const r = this.nRows++;
    if (fields.length !== this.names.length) {
      this.raggedCount++;
      if (this.raggedRows.length < 5) this.raggedRows.push({ row: r + 1, line, fields: fields.length });
    }
    for (let j = 0; j < this.names.length; j++) {
      const raw = j < fields.length ? fields[j] : '';
      const s = raw.trim();
      const v = NUMBER.test(s) ? Number(s) : NaN;
      if (Number.isFinite(v)) {
        this.columns[j][r] = v;
        continue;
      }
      this.columns[j][r] = NaN;
      const issue = this.issues[j];
      if (MISSING.has(s.toLowerCase())) issue.missing++;
      else issue.text++;
      if (!issue.first) issue.first = { row: r + 1, line, value: raw };
    }
  }

  grow() {
    this.capacity *= 2;
    this.columns = this.columns.map((c) => {
      const bigger = new Float64Array(this.capacity);
      bigger.set(c);
      return bigger;
    });
  }

  finish() {
    return {
      names: this.names,
      nRows: this.nRows,
      columns: this.columns.map((c) => c.slice(0, this.nRows)),
      issues: this.issues,
      raggedRows: this.raggedRows,
      raggedCount: this.raggedCount,
    };
  }
}

/** A table from CSV text known to be simple (the bundled data sets: no quotes, no commas in fields). */
export function tableFromCsvText(text) {
  const lines = text.trim().split(/\r?\n/);
  const b = new TableBuilder(lines[0].split(',').map((s) => s.trim().replace(/^"|"$/g, '')));
  for (let i = 1; i < lines.length; i++) b.addRow(lines[i].split(','), i + 1);
  return b.finish();
}

/** Indices of the columns in which every cell is a number. */
export function cleanColumns(table) {
  return table.issues.flatMap((is, j) => (is.missing + is.text === 0 ? [j] : []));
}

/**
 * Plain-words problems of the chosen columns: for each, the first cell that is
 * not a number or is missing (row of data, line of the file, column name) and
 * how many more there are. Empty when the chosen columns are clean.
 */
export function problemsOf(table, used) {
  const out = [];
  for (const j of used) {
    const is = table.issues[j];
    const count = is.missing + is.text;
    if (count === 0) continue;
    const f = is.first;
    const shown = f.value.length > 24 ? `${f.value.slice(0, 24)}…` : f.value;
    const what = MISSING.has(f.value.trim().toLowerCase()) ? 'the value is missing' : `"${shown}" is not a number`;
    const more = count > 1 ? ` (${count} problem cells in this column: ${is.text} not numeric, ${is.missing} missing)` : '';
    out.push(`row ${f.row} (line ${f.line} of the file), column ${j + 1} "${table.names[j]}": ${what}${more}`);
  }
  return out;
}
