/**
 * A matrix coding query as a Word table: row labels down, codes across,
 * the measure in every cell, totals in the last row and column, optional
 * row percentages and heat-map shading. Code headers show a code's own name
 * (as the screen does), with the full paths in a note; column widths come
 * from the content (tableWidths.ts), so no word in a header is broken.
 */
import { AlignmentType, NoBreakHyphen, Paragraph, TextRun } from 'docx';
import type { MatrixTable } from './exportModels.js';
import { buildDocument, caption, cleanText, packDocx, textRuns, type Orientation, type SectionSpec } from './docxStyles.js';
import { gridTable, type CellSpec, type TableStyle } from './docxTables.js';
import { cellLabel, colTotals, formatMeasure, grandTotal, heatFill, matrixHeaderLabels, MEASURE_LABELS, maxCell, rowTotals, type MatrixDisplayOptions } from './matrixFormat.js';
import { layoutTable } from './tableWidths.js';

export interface MatrixDocxOptions extends MatrixDisplayOptions {
  orientation?: Orientation | 'auto';
  /** Adds a Total row and column (default true). */
  totals?: boolean;
  /** 'apa': horizontal rules only (above and below the header, at the bottom). Default: Word's Table Grid. */
  style?: TableStyle;
}

interface Cell {
  text: string;
  bold?: boolean;
  fill?: string | undefined;
  align: 'left' | 'right' | 'center';
}

/**
 * A cell's text may wrap only at spaces: its hyphens are Word's non-breaking
 * hyphens ("same-sector" stays on one line), as the widths assume.
 */
function cellRuns(text: string, bold: boolean, size: number): TextRun[] {
  return cleanText(text)
    .split('\n')
    .map((line, i) => {
      const children = line.split('-').flatMap((part, k) => (k === 0 ? [part] : [new NoBreakHyphen(), part]));
      return new TextRun({ children, size, ...(bold ? { bold: true } : {}), ...(i > 0 ? { break: 1 } : {}) });
    });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

const toSpec = (c: Cell, size: number): CellSpec => ({
  children: [new Paragraph({ ...(c.align === 'left' ? {} : { alignment: ALIGN[c.align] }), children: cellRuns(c.text, c.bold ?? false, size) })],
  ...(c.fill ? { fill: c.fill } : {}),
});

function notes(m: MatrixTable, opts: MatrixDocxOptions, paths: string[]): Paragraph[] {
  const apa = opts.style === 'apa';
  const lead = apa ? 'Note. ' : 'Note: ';
  const measure = `${MEASURE_LABELS[m.measure]}${opts.rowPercentages && m.measure !== 'coverage' ? '; percentages are of the row total' : ''}.`;
  const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
  const text = [measure, ...(m.scope ? [sentence(m.scope)] : []), ...(m.note ? [sentence(m.note)] : [])].join(' ');
  const para = (t: string, opening = '') =>
    new Paragraph({ spacing: { before: 60 }, children: [...(opening ? textRuns(opening, { size: 20, italics: apa }) : []), ...textRuns(t, { size: 20 })] });
  return [para(text, lead), ...(paths.length ? [para(`Codes: ${paths.join('; ')}.`)] : [])];
}

export function matrixSection(m: MatrixTable, opts: MatrixDocxOptions = {}): SectionSpec {
  const withTotals = opts.totals !== false;
  const labels = matrixHeaderLabels(m);
  const max = maxCell(m);
  const rTotals = rowTotals(m);
  // Headers of number columns sit centred over their numbers; the numbers are right-aligned.
  const header: Cell[] = [{ text: m.corner, bold: true, align: 'left' }, ...labels.cols.map((text) => ({ text, bold: true, align: 'center' as const }))];
  if (withTotals) header.push({ text: 'Total', bold: true, align: 'center' });
  const body: Cell[][] = labels.rows.map((label, i) => [
    { text: label, align: 'left' },
    ...m.cols.map((_, j) => ({ text: cellLabel(m, i, j, opts), align: 'right' as const, fill: opts.shading ? heatFill(m.cells[i]?.[j] ?? 0, max) : undefined })),
    ...(withTotals ? [{ text: formatMeasure(m.measure, rTotals[i] ?? 0), bold: true, align: 'right' as const }] : []),
  ]);
  if (withTotals) {
    body.push([
      { text: 'Total', bold: true, align: 'left' },
      ...colTotals(m).map((v) => ({ text: formatMeasure(m.measure, v), bold: true, align: 'right' as const })),
      { text: formatMeasure(m.measure, grandTotal(m)), bold: true, align: 'right' },
    ]);
  }
  const layout = layoutTable(
    header.map((h, j) => ({ header: h.text, texts: body.map((r) => r[j]!.text) })),
    opts.orientation ?? 'auto',
  );
  const title = m.caption.trim();
  const tables = layout.parts.flatMap((part, k) => [
    ...(k > 0 ? [caption(`${title || 'Table'} (continued)`)] : []),
    gridTable(
      part.columns.map((j) => toSpec(header[j]!, layout.size)),
      body.map((r) => part.columns.map((j) => toSpec(r[j]!, layout.size))),
      part.widths,
      opts.style ?? 'grid',
    ),
  ]);
  return {
    orientation: layout.orientation,
    children: [...(title ? [caption(title)] : []), ...tables, ...notes(m, opts, labels.fullPaths)],
  };
}

export function matrixTableToDocx(m: MatrixTable, opts: MatrixDocxOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocument(m.caption || 'Matrix coding query', [matrixSection(m, opts)]));
}
