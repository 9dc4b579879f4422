/**
 * A framework matrix as a Word table shaped like Table 3 of seed 000: the
 * caption above, a header row of themes, a first column of row labels, and
 * cells of paragraphs and real Word bullet lists, optionally followed by the
 * supporting quotes with their attributions.
 */
import { Paragraph, TextRun } from 'docx';
import type { FrameworkCell, FrameworkTable } from './exportModels.js';
import { buildDocument, caption, cleanText, contentWidth, packDocx, para, STYLE, type Orientation, type SectionSpec } from './docxStyles.js';
import { gridTable, textCell, type CellSpec } from './docxTables.js';
import { summaryBlocks, summaryLength } from './summaryBlocks.js';

export interface FrameworkDocxOptions {
  /** 'auto' (the default) turns the page when the table is wide. */
  orientation?: Orientation | 'auto';
}

/** Above this many characters in one cell, a table of 3+ themes reads better across a landscape page. */
const LONG_CELL = 250;

export function frameworkOrientation(table: FrameworkTable, choice: FrameworkDocxOptions['orientation'] = 'auto'): Orientation {
  if (choice !== 'auto') return choice;
  const cols = table.columns.length;
  if (cols > 4) return 'landscape';
  const longest = Math.max(0, ...table.rows.flatMap((r) => r.cells.map((c) => summaryLength(c.summary) + (c.quotes ?? []).reduce((n, q) => n + q.text.length, 0))));
  return cols >= 3 && longest > LONG_CELL ? 'landscape' : 'portrait';
}

/** A quote under a cell: the Quote style, with the attribution in roman after it, as papers print them. */
export function quoteParagraph(text: string, attribution: string, indent?: number): Paragraph {
  return new Paragraph({
    style: STYLE.quote,
    ...(indent !== undefined ? { indent: { left: indent, right: indent } } : {}),
    children: [
      new TextRun({ text: `\u201C${cleanText(text.trim())}\u201D` }),
      ...(attribution ? [new TextRun({ text: ` ${cleanText(attribution)}`, italics: false })] : []),
    ],
  });
}

function cellParagraphs(cell: FrameworkCell): Paragraph[] {
  const out = summaryBlocks(cell.summary).map((b) => para(b.text, b.kind === 'bullet' ? STYLE.listBullet : undefined));
  for (const q of cell.quotes ?? []) out.push(quoteParagraph(q.text, q.attribution, 0));
  // Word needs at least one paragraph in every cell.
  return out.length > 0 ? out : [para('')];
}

/**
 * The label column as narrow as its words allow (at least 12% of the page);
 * the theme columns share the rest by how much text they hold — the square
 * root of it, so a column with twice the bullets is wider, not twice as wide.
 */
export function frameworkWidths(table: FrameworkTable, orientation: Orientation): number[] {
  const total = contentWidth(orientation);
  const longestWord = Math.max(4, ...[table.corner ?? '', ...table.rows.map((r) => r.label)].flatMap((l) => l.split(/\s+/).map((w) => [...w].length)));
  const label = Math.min(Math.round(total * 0.22), Math.max(Math.round(total * 0.12), longestWord * 150 + 260));
  const text = table.columns.map((c, j) => c.length + table.rows.reduce((n, r) => n + summaryLength(r.cells[j]?.summary ?? '') + (r.cells[j]?.quotes ?? []).reduce((m, q) => m + q.text.length, 0), 0));
  const weights = text.map((n) => Math.sqrt(Math.max(n, 40)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => Math.floor(((total - label) * w) / sum));
  return [total - cols.reduce((a, b) => a + b, 0), ...cols];
}

export function frameworkSection(table: FrameworkTable, opts: FrameworkDocxOptions = {}): SectionSpec {
  const orientation = frameworkOrientation(table, opts.orientation);
  const widths = frameworkWidths(table, orientation);
  const header: CellSpec[] = [textCell(table.corner ?? '', { bold: true }), ...table.columns.map((c) => textCell(c, { bold: true }))];
  const body: CellSpec[][] = table.rows.map((r) => [
    textCell(r.label, { bold: true }),
    ...table.columns.map((_, i) => ({ children: cellParagraphs(r.cells[i] ?? { summary: '' }) })),
  ]);
  return {
    orientation,
    children: [...(table.caption.trim() ? [caption(table.caption.trim())] : []), gridTable(header, body, widths)],
  };
}

export function frameworkTableToDocx(table: FrameworkTable, opts: FrameworkDocxOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocument(table.caption || 'Framework matrix', [frameworkSection(table, opts)]));
}
