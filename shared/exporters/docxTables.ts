/**
 * Table building blocks shared by the Word writers: a Table Grid table with a
 * repeating header row and column widths that fit the page.
 */
import { Paragraph, ShadingType, Table, TableCell, TableRow, WidthType, type FileChild } from 'docx';
import { contentWidth, para, STYLE, type Orientation } from './docxStyles.js';

export interface CellSpec {
  children: Paragraph[] | FileChild[];
  /** Background colour, #rrggbb or rrggbb. */
  fill?: string;
  /** Spans this many grid columns. */
  span?: number;
}

export const textCell = (text: string, opts: { bold?: boolean; fill?: string; span?: number } = {}): CellSpec => ({
  children: [para(text, undefined, { bold: opts.bold ?? false })],
  ...(opts.fill ? { fill: opts.fill } : {}),
  ...(opts.span ? { span: opts.span } : {}),
});

/** Widths in twips: the first column gets `firstShare` of the page width (at least `firstMin`), the rest share what is left. */
export function columnWidths(count: number, orientation: Orientation, firstShare: number, firstMin = 1400): number[] {
  const total = contentWidth(orientation);
  if (count <= 1) return [total];
  const first = Math.max(firstMin, Math.round(total * firstShare));
  const rest = Math.floor((total - first) / (count - 1));
  return [total - rest * (count - 1), ...Array<number>(count - 1).fill(rest)];
}

function cell(spec: CellSpec, width: number): TableCell {
  const fill = spec.fill?.replace(/^#/, '');
  return new TableCell({
    children: spec.children as Paragraph[],
    width: { size: width, type: WidthType.DXA },
    ...(spec.span && spec.span > 1 ? { columnSpan: spec.span } : {}),
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
  });
}

/** A Table Grid table; the first row repeats at the top of every page it runs onto. */
export function gridTable(header: CellSpec[], body: CellSpec[][], widths: number[]): Table {
  const row = (cells: CellSpec[], isHeader: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: isHeader,
      children: cells.map((c) => {
        const span = c.span ?? 1;
        const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        return cell(c, w);
      }),
    });
  };
  return new Table({
    style: STYLE.tableGrid,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(header, true), ...body.map((r) => row(r, false))],
  });
}
