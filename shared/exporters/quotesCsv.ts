/**
 * A quotes report as CSV: one row per coded passage, for sorting and
 * filtering in a spreadsheet. Every text cell that a spreadsheet would take
 * for a formula is written as text (csvCells.ts) — transcripts are full of
 * lines starting with "-" or "+", and a hostile one with "=". Positions are
 * code points, half-open [start, end), as everywhere outside the core.
 * UTF-8 with BOM and CRLF, like the other CSV exports.
 */
import Papa from 'papaparse';
import { neutraliseCell } from './csvCells.js';
import type { QuotesReport } from './exportModels.js';

const FIELDS = ['Code', 'Case', 'Source', 'Start', 'End', 'Attribution', 'Quote', 'Memos'];

export function quotesReportToCsv(r: QuotesReport): string {
  const data = r.sections.flatMap((s) =>
    s.passages.map((p) => [
      neutraliseCell(s.code),
      neutraliseCell(p.case ?? ''),
      neutraliseCell(p.source),
      p.start,
      p.end,
      neutraliseCell(p.attribution),
      neutraliseCell(p.text),
      neutraliseCell(p.memos.join('\n\n')),
    ]),
  );
  const csv = Papa.unparse({ fields: FIELDS, data }, { delimiter: ',', newline: '\r\n', escapeFormulae: false });
  return `\uFEFF${csv}\r\n`;
}
