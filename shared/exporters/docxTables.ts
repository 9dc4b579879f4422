/**
 * Table building blocks shared by the Word writers: a Table Grid table with a
 * repeating header row and column widths that fit the page.
 */
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild, type IBorderOptions } from 'docx';
import { contentWidth, para, STYLE, type Orientation } from './docxStyles.js';

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

/** About one character of 11 pt text, in twips: generous, since Calibri's stand-ins (DejaVu Sans in LibreOffice) are wider. */
const CHAR = 132;
/** A cell's left and right margins plus a little slack. */
const PAD = 260;

/**
 * Column widths from the text the columns hold: every column is at least as
 * wide as its longest word (header words are bold, so a little wider), and
 * what is left of the page goes to the columns with long text, in proportion
 * to how much they would need to sit on one line.
 */
export function widthsByContent(columns: { header: string; texts: string[]; extra?: number }[], orientation: Orientation): number[] {
  const total = contentWidth(orientation);
  const longestWord = (t: string) => Math.max(0, ...t.split(/\s+/).map((w) => [...w].length));
  const min = columns.map((c) => Math.max(longestWord(c.header) * CHAR * 1.15, ...c.texts.map((t) => longestWord(t) * CHAR)) + PAD + (c.extra ?? 0));
  const want = columns.map((c, i) => Math.max(min[i]!, [...c.header].length * CHAR * 1.15 + PAD, ...c.texts.map((t) => [...t].length * CHAR + PAD + (c.extra ?? 0))));
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumWant = want.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sumWant <= total) widths = want.map((w) => (w * total) / sumWant);
  else if (sumMin >= total) widths = min.map((w) => (w * total) / sumMin);
  else widths = min.map((m, i) => m + ((total - sumMin) * (want[i]! - m)) / (sumWant - sumMin));
  const rounded = widths.map((w) => Math.floor(w));
  rounded[rounded.length - 1]! += total - rounded.reduce((a, b) => a + b, 0);
  return rounded;
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
