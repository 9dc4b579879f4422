/**
 * Column widths of a Word table from what its columns hold, so that no word
 * is ever broken: a column is at least as wide as its longest word (text may
 * wrap only at spaces), the table spans the text width, and a table whose
 * words cannot fit across a portrait page turns the page, then uses smaller
 * type, then continues its columns in a second table.
 *
 * Text is measured with a per-character width table. Quarry's documents ask
 * for Calibri; a reader without it sees Carlito (same metrics) or, in
 * LibreOffice on a bare Linux, DejaVu Sans, which is wider in every letter.
 * The table holds DejaVu Sans's advance widths, so a width that fits DejaVu
 * fits Calibri too (with room to spare).
 */
import { contentWidth, type Orientation } from './docxStyles.js';

/** Advance widths in 1/1000 em of the printable ASCII characters (U+0020–U+007E), DejaVu Sans Book. */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/** The same for DejaVu Sans Bold. */
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
  1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
  500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/** Wide (East Asian) characters take a full em; anything else unknown is taken as wide as a capital. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
const UNKNOWN = { regular: 780, bold: 850 };

/** The text size of a table cell (Table Grid's 10 pt), in half-points as Word counts. */
export const TABLE_TEXT_SIZE = 20;

/** A cell's left and right margins (Table Grid: 108 twips each) plus slack for borders and rounding. */
export const CELL_PADDING = 2 * 108 + 70;

export interface TextStyle {
  bold?: boolean;
  /** Half-points; default TABLE_TEXT_SIZE. */
  size?: number;
}

function charWidth(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0)!;
  const table = bold ? BOLD : REGULAR;
  if (code >= 0x20 && code <= 0x7e) return table[code - 0x20]!;
  if (WIDE.test(ch)) return 1000;
  // An accented Latin letter is as wide as its base letter.
  const base = ch.normalize('NFD').codePointAt(0)!;
  if (base >= 0x20 && base <= 0x7e) return table[base - 0x20]!;
  return bold ? UNKNOWN.bold : UNKNOWN.regular;
}

/** The width of a text on one line, in twips (1/20 pt). */
export function textWidth(text: string, style: TextStyle = {}): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch, style.bold ?? false);
  // size is in half-points: 1 em at size s is s/2 pt = 10·s twips.
  return Math.ceil((em / 1000) * (style.size ?? TABLE_TEXT_SIZE) * 10);
}

/** The widest word (text between spaces or line breaks): the narrowest a cell can be without breaking one. */
export function longestWordWidth(text: string, style: TextStyle = {}): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, style)));
}

/** The widest line when the text is not wrapped at all. */
const lineWidth = (text: string, style: TextStyle): number => Math.max(0, ...text.split('\n').map((l) => textWidth(l, style)));

export interface ColumnContent {
  /** Header text (bold). */
  header: string;
  /** The column's body cells. */
  texts: string[];
}

export interface ColumnNeeds {
  /** The narrowest width that breaks no word, in twips. */
  min: number;
  /** The width that puts every cell on one line. */
  want: number;
}

export function columnNeeds(c: ColumnContent, size = TABLE_TEXT_SIZE): ColumnNeeds {
  const head = { bold: true, size };
  const body = { size };
  const min = Math.max(longestWordWidth(c.header, head), ...c.texts.map((t) => longestWordWidth(t, body))) + CELL_PADDING;
  const want = Math.max(min, lineWidth(c.header, head) + CELL_PADDING, ...c.texts.map((t) => lineWidth(t, body) + CELL_PADDING));
  return { min, want };
}

/**
 * Shares `total` among columns: every column gets its minimum; what is left
 * goes to the columns that want more, in proportion to how much more; when
 * every column has what it wants, the rest is shared in proportion to width,
 * so the table still spans the text.
 */
export function distributeWidths(needs: ColumnNeeds[], total: number): number[] {
  const sumMin = needs.reduce((a, n) => a + n.min, 0);
  const sumWant = needs.reduce((a, n) => a + n.want, 0);
  let widths: number[];
  if (sumWant <= total) widths = needs.map((n) => (n.want * total) / sumWant);
  else if (sumMin >= total) widths = needs.map((n) => n.min);
  else widths = needs.map((n) => n.min + ((total - sumMin) * (n.want - n.min)) / (sumWant - sumMin));
  const rounded = widths.map((w) => Math.floor(w));
  const target = Math.max(total, sumMin);
  if (rounded.length) rounded[rounded.length - 1]! += Math.max(0, target - rounded.reduce((a, b) => a + b, 0));
  return rounded;
}

/** Widths that fill `total` exactly: as distributeWidths, but when even the minimums do not fit they are scaled down to the page. */
export function fitWidths(needs: ColumnNeeds[], total: number): number[] {
  const sumMin = needs.reduce((a, n) => a + n.min, 0);
  if (sumMin <= total) return distributeWidths(needs, total);
  const scaled = needs.map((n) => Math.floor((n.min * total) / sumMin));
  if (scaled.length) scaled[scaled.length - 1]! += total - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

export interface TableLayout {
  orientation: Orientation;
  /** Text size of the cells, half-points. */
  size: number;
  /**
   * The tables to write: each is a list of column indexes (the first, the
   * row labels, starts every part) and their widths in twips. One part
   * unless the columns cannot fit across a landscape page.
   */
  parts: { columns: number[]; widths: number[] }[];
}

/** Sizes tried, largest first, before the columns are continued in a second table. */
const SIZES = [TABLE_TEXT_SIZE, 18, 16];

/** Columns 1… in as few consecutive parts as fit, each led by column 0, the parts as even in count as fit. */
function split(needs: ColumnNeeds[], total: number): number[][] {
  const first = needs[0]?.min ?? 0;
  const fitsPart = (cols: number[]) => cols.reduce((a, i) => a + needs[i]!.min, first) <= total;
  const greedy: number[][] = [];
  let cur: number[] = [];
  for (let i = 1; i < needs.length; i++) {
    if (cur.length && !fitsPart([...cur, i])) {
      greedy.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  greedy.push(cur);
  // Greedy filling leaves a last part of a column or two; the same number of parts, evened out, reads better.
  const per = Math.ceil((needs.length - 1) / greedy.length);
  const even = Array.from({ length: greedy.length }, (_, k) => Array.from({ length: per }, (_, j) => 1 + k * per + j).filter((i) => i < needs.length)).filter((g) => g.length);
  const parts = even.length === greedy.length && even.every(fitsPart) ? even : greedy;
  return parts.map((cols) => [0, ...cols]);
}

/**
 * Lays a table out: portrait when its words fit across a portrait page
 * (`orientation: 'auto'`), else landscape; at a smaller size when they fit
 * only so; else in several parts that each repeat the first column.
 */
export function layoutTable(columns: ColumnContent[], orientation: Orientation | 'auto' = 'auto'): TableLayout {
  const fits = (o: Orientation, size: number) => columns.reduce((a, c) => a + columnNeeds(c, size).min, 0) <= contentWidth(o);
  const pages: Orientation[] = orientation === 'auto' ? ['portrait', 'landscape'] : [orientation];
  for (const size of SIZES) {
    for (const o of pages) {
      if (!fits(o, size)) continue;
      const needs = columns.map((c) => columnNeeds(c, size));
      return { orientation: o, size, parts: [{ columns: columns.map((_, i) => i), widths: distributeWidths(needs, contentWidth(o)) }] };
    }
  }
  const o = pages[pages.length - 1]!;
  const size = SIZES[SIZES.length - 1]!;
  const needs = columns.map((c) => columnNeeds(c, size));
  const total = contentWidth(o);
  return {
    orientation: o,
    size,
    parts: split(needs, total).map((cols) => ({ columns: cols, widths: distributeWidths(cols.map((i) => needs[i]!), total) })),
  };
}
