/**
 * Table building blocks shared by the Word writers: a Table Grid table with a
 * repeating header row and column widths that fit the page.
 */
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild, type IBorderOptions } from 'docx';
import { contentWidth, para, STYLE, type Orientation } from './docxStyles.js';
import { columnNeeds, fitWidths } from './tableWidths.js';

/** How a table is ruled: Word's Table Grid (every border), or APA style (horizontal rules only: above and below the header and at the bottom). */
export type TableStyle = 'grid' | 'apa';

export interface CellSpec {
  children: Paragraph[] | FileChild[];
  /** Background colour, #rrggbb or rrggbb. */
  fill?: string;
  /** Spans this many grid columns. */
  span?: number;
}

export const textCell = (text: string, opts: { bold?: boolean; fill?: string; span?: number; size?: number } = {}): CellSpec => ({
  children: [para(text, undefined, { bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}) })],
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

/**
 * Column widths from the text the columns hold (tableWidths.ts): every
 * column at least as wide as its longest word, what is left of the page to
 * the columns with long text. `extra` adds room a column needs beyond its
 * text (an indent, a colour swatch).
 */
export function widthsByContent(columns: { header: string; texts: string[]; extra?: number }[], orientation: Orientation): number[] {
  const needs = columns.map((c) => {
    const n = columnNeeds(c);
    return { min: n.min + (c.extra ?? 0), want: n.want + (c.extra ?? 0) };
  });
  return fitWidths(needs, contentWidth(orientation));
}

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const NO_LINE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const APA_BORDERS = { top: RULE, bottom: RULE, left: NO_LINE, right: NO_LINE, insideHorizontal: NO_LINE, insideVertical: NO_LINE };

function cell(spec: CellSpec, width: number, ruleBelow: boolean): TableCell {
  const fill = spec.fill?.replace(/^#/, '');
  return new TableCell({
    children: spec.children as Paragraph[],
    width: { size: width, type: WidthType.DXA },
    ...(ruleBelow ? { borders: { bottom: RULE } } : {}),
    ...(spec.span && spec.span > 1 ? { columnSpan: spec.span } : {}),
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
  });
}

/**
 * A Table Grid (or APA-ruled) table of fixed column widths; the first row
 * repeats at the top of every page it runs onto.
 */
export function gridTable(header: CellSpec[], body: CellSpec[][], widths: number[], style: TableStyle = 'grid'): Table {
  const apa = style === 'apa';
  const row = (cells: CellSpec[], isHeader: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: isHeader,
      children: cells.map((c) => {
        const span = c.span ?? 1;
        const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        return cell(c, w, apa && isHeader);
      }),
    });
  };
  return new Table({
    style: STYLE.tableGrid,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    // Fixed: Word keeps the widths worked out from the content instead of re-fitting them.
    layout: TableLayoutType.FIXED,
    ...(apa ? { borders: APA_BORDERS } : {}),
    rows: [row(header, true), ...body.map((r) => row(r, false))],
  });
}
