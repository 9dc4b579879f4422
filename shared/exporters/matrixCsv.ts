/**
 * A matrix coding query as CSV for a spreadsheet: the row-label column, one
 * column per code, then a Total column and a Total row. Raw numbers only, so
 * the spreadsheet can compute with them. UTF-8 with BOM and CRLF, as the
 * classification sheet writer does, so Excel opens it directly.
 */
import Papa from 'papaparse';
import type { MatrixTable } from './exportModels.js';
import { colTotals, grandTotal, rowTotals } from './matrixFormat.js';

export function matrixTableToCsv(m: MatrixTable, opts: { totals?: boolean } = {}): string {
  const withTotals = opts.totals !== false;
  const rTotals = rowTotals(m);
  const fields = [m.corner, ...m.cols, ...(withTotals ? ['Total'] : [])];
  const data: (string | number)[][] = m.rows.map((label, i) => [label, ...m.cols.map((_, j) => m.cells[i]?.[j] ?? 0), ...(withTotals ? [rTotals[i] ?? 0] : [])]);
  if (withTotals) data.push(['Total', ...colTotals(m), grandTotal(m)]);
  // Labels starting with = + - @ are case names or codes, not formulas; keep them as text for Excel.
  const csv = Papa.unparse({ fields, data }, { delimiter: ',', newline: '\r\n', escapeFormulae: true });
  return `\uFEFF${csv}\r\n`;
}
