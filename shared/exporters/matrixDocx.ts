/**
 * A matrix coding query as a Word table: row labels down, codes across,
 * the measure in every cell, totals in the last row and column, optional
 * row percentages and heat-map shading.
 */
import { AlignmentType, Paragraph } from 'docx';
import type { MatrixTable } from './exportModels.js';
import { buildDocument, caption, packDocx, textRuns, type Orientation, type SectionSpec } from './docxStyles.js';
import { columnWidths, gridTable, textCell, type CellSpec } from './docxTables.js';
import { cellLabel, colTotals, formatMeasure, grandTotal, heatFill, MEASURE_LABELS, maxCell, rowTotals, type MatrixDisplayOptions } from './matrixFormat.js';

export interface MatrixDocxOptions extends MatrixDisplayOptions {
  orientation?: Orientation | 'auto';
  /** Adds a Total row and column (default true). */
  totals?: boolean;
}

const numberCell = (text: string, opts: { bold?: boolean; fill?: string; align?: 'right' | 'center' } = {}): CellSpec => ({
  children: [new Paragraph({ alignment: opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT, children: textRuns(text, { bold: opts.bold ?? false }) })],
  ...(opts.fill ? { fill: opts.fill } : {}),
});

export function matrixOrientation(m: MatrixTable, opts: MatrixDocxOptions): Orientation {
  if (opts.orientation && opts.orientation !== 'auto') return opts.orientation;
  const cols = m.cols.length + (opts.totals === false ? 0 : 1);
  return cols > (opts.rowPercentages ? 5 : 7) ? 'landscape' : 'portrait';
}

export function matrixSection(m: MatrixTable, opts: MatrixDocxOptions = {}): SectionSpec {
  const withTotals = opts.totals !== false;
  const orientation = matrixOrientation(m, opts);
  const widths = columnWidths(m.cols.length + 1 + (withTotals ? 1 : 0), orientation, 0.22);
  // Headers of number columns sit centred over their numbers.
  const head = (text: string) => numberCell(text, { bold: true, align: 'center' });
  const header: CellSpec[] = [textCell(m.corner, { bold: true }), ...m.cols.map(head), ...(withTotals ? [head('Total')] : [])];
  const max = maxCell(m);
  const rTotals = rowTotals(m);
  const body: CellSpec[][] = m.rows.map((label, i) => {
    const cells = m.cols.map((_, j) => {
      const fill = opts.shading ? heatFill(m.cells[i]?.[j] ?? 0, max) : undefined;
      return numberCell(cellLabel(m, i, j, opts), fill ? { fill } : {});
    });
    return [textCell(label), ...cells, ...(withTotals ? [numberCell(formatMeasure(m.measure, rTotals[i] ?? 0), { bold: true })] : [])];
  });
  if (withTotals) {
    body.push([
      textCell('Total', { bold: true }),
      ...colTotals(m).map((v) => numberCell(formatMeasure(m.measure, v), { bold: true })),
      numberCell(formatMeasure(m.measure, grandTotal(m)), { bold: true }),
    ]);
  }
  const note = `${MEASURE_LABELS[m.measure]}${opts.rowPercentages && m.measure !== 'coverage' ? '; percentages are of the row total' : ''}.`;
  return {
    orientation,
    children: [...(m.caption.trim() ? [caption(m.caption.trim())] : []), gridTable(header, body, widths), new Paragraph({ spacing: { before: 120 }, children: textRuns(`Note: ${note}`, { size: 20 }) })],
  };
}

export function matrixTableToDocx(m: MatrixTable, opts: MatrixDocxOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocument(m.caption || 'Matrix coding query', [matrixSection(m, opts)]));
}
