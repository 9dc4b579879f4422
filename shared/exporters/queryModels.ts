/**
 * From the queries core's results to export models: a saved framework
 * matrix to a FrameworkTable (its linked passages as quotes, on request) and
 * a matrix coding query's result to a MatrixTable. Pure: the loaders fetch
 * the results, these shape them.
 */
import { joinPath, splitPath } from '../domain/codePath.js';
import type { CodedPassage } from '../domain/types.js';
import type { FrameworkMatrix, MatrixHeader, MatrixResult } from '../queries/types.js';
import type { Attributor } from './caseAttribution.js';
import { clip } from './clipText.js';
import type { AttributedQuote, FrameworkTable, MatrixTable } from './exportModels.js';

const QUOTE_MAX = 300;

export interface FrameworkTableOptions {
  caption?: string;
  /** Label for quotes under the cells; without it no quotes are added. */
  attributor?: Attributor;
  /** Most quotes under one cell (default 3). */
  quotesPerCell?: number;
}

/** A cell's linked passages as quotes: in case and position order, one per passage, each clipped to a readable length. */
function cellQuotes(links: CodedPassage[], attributor: Attributor, max: number): AttributedQuote[] {
  const seen = new Set<string>();
  const out: AttributedQuote[] = [];
  for (const p of links) {
    const key = `${p.sourceId}:${p.start}:${p.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: clip(p.text, QUOTE_MAX), attribution: attributor(p) });
    if (out.length >= max) break;
  }
  return out;
}

export function frameworkToTable(fm: FrameworkMatrix, opts: FrameworkTableOptions = {}): FrameworkTable {
  const cells = new Map(fm.cells.map((c) => [`${c.rowId}:${c.colId}`, c]));
  const caption = opts.caption ?? fm.caption;
  return {
    caption: caption.trim() ? caption : fm.name,
    corner: '',
    columns: fm.cols.map((c) => c.label),
    rows: fm.rows.map((r) => ({
      label: r.label,
      cells: fm.cols.map((c) => {
        const cell = cells.get(`${r.id}:${c.id}`);
        const quotes = cell && opts.attributor ? cellQuotes(cell.links, opts.attributor, opts.quotesPerCell ?? 3) : [];
        return { summary: cell?.summary ?? '', ...(quotes.length ? { quotes } : {}) };
      }),
    })),
  };
}

/** Code paths shortened by the part they all share ("Motivations/Entrepreneurs/…"), so the headers are the themes' names. */
export function shortCodeLabels(paths: string[]): string[] {
  if (paths.length < 2) return paths.map((p) => splitPath(p).at(-1) ?? p);
  const split = paths.map(splitPath);
  let common = 0;
  while (split.every((s) => s.length > common + 1 && s[common] === split[0]![common])) common++;
  return split.map((s) => joinPath(s.slice(common)));
}

const isCodes = (headers: MatrixHeader[]): boolean => headers.length > 0 && headers.every((h) => h.kind === 'code');
const labels = (headers: MatrixHeader[]): string[] => (isCodes(headers) ? shortCodeLabels(headers.map((h) => h.label)) : headers.map((h) => h.label));

export function matrixCorner(rows: MatrixHeader[], attribute?: string): string {
  const kind = rows[0]?.kind;
  if (kind === 'value') return attribute ?? 'Value';
  return kind === 'set' ? 'Case set' : kind === 'code' ? 'Code' : kind === 'source' ? 'Source' : 'Case';
}

export function matrixToTable(result: MatrixResult, opts: { caption?: string; corner?: string } = {}): MatrixTable {
  return {
    caption: opts.caption ?? '',
    corner: opts.corner ?? matrixCorner(result.rows),
    rows: labels(result.rows),
    cols: labels(result.cols),
    cells: result.cells,
    measure: result.measure,
    totals: { rows: result.rowTotals, cols: result.colTotals, grand: result.total },
    ...(isCodes(result.cols) ? { colPaths: result.cols.map((h) => h.label) } : {}),
    ...(isCodes(result.rows) ? { rowPaths: result.rows.map((h) => h.label) } : {}),
  };
}
