/// <reference types="node" />
/**
 * A progress bar on stderr for long scans: shown only after the scan has run
 * for a second (short files print nothing), redrawn in place on a terminal,
 * one line per update otherwise (with --progress), at most every 250 ms.
 */
export function progressReporter(out: NodeJS.WriteStream, enabled: boolean): {
  update: (p: { rows: number; fraction: number | null }) => void;
  done: () => void;
} {
  const t0 = Date.now();
  let last = 0;
  let shown = false;
  const tty = out.isTTY === true;
  return {
    update({ rows, fraction }) {
      if (!enabled) return;
      const now = Date.now();
      if (now - t0 < 1000 || now - last < 250) return;
      last = now;
      const rate = rows / ((now - t0) / 1000);
      const width = 30;
      const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, ' ')}] ${(fraction * 100).toFixed(0).padStart(3)}%  `;
      const line = `${bar}${(rows / 1e6).toFixed(2)} M rows  ${(rate / 1e6).toFixed(2)} M rows/s`;
      out.write(tty ? `\r${line}` : `${line}\n`);
      shown = true;
    },
    done() {
      if (shown && tty) out.write('\n');
    },
  };
}
