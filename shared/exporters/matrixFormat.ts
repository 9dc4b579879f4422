/**
 * How a matrix coding query's numbers read in a table: counts as whole
 * numbers, coverage as a percentage, optional row percentages, and the
 * heat-map colour of a cell. Shared by the Word writer and the preview.
 */
import { uniqueShortLabels } from '../domain/shortLabels.js';
import type { MatrixMeasure, MatrixTable } from './exportModels.js';

export interface MatrixDisplayOptions {
  /** Adds each cell's share of its row total: "3 (37.5%)". Ignored for coverage. */
  rowPercentages?: boolean;
  /** Shades cells from white to blue by value. */
  shading?: boolean;
}

export const MEASURE_LABELS: Record<MatrixMeasure, string> = {
  references: 'Coding references',
  sources: 'Sources coded',
  cases: 'Cases coded',
  words: 'Words coded',
  coverage: 'Coverage (%)',
};

export function formatMeasure(measure: MatrixMeasure, value: number): string {
  if (measure === 'coverage') return `${(Math.round(value * 10) / 10).toFixed(1)}%`;
  return Number.isInteger(value) ? String(value) : (Math.round(value * 100) / 100).toString();
}

/** Row totals: the query's own when it gave them (a passage at two columns may count once), else the sums. */
export function rowTotals(m: MatrixTable): number[] {
  return m.totals?.rows ?? m.cells.map((r) => r.reduce((a, b) => a + b, 0));
}

export function colTotals(m: MatrixTable): number[] {
  return m.totals?.cols ?? m.cols.map((_, j) => m.cells.reduce((a, r) => a + (r[j] ?? 0), 0));
}

export function grandTotal(m: MatrixTable): number {
  return m.totals?.grand ?? rowTotals(m).reduce((a, b) => a + b, 0);
}

export function cellLabel(m: MatrixTable, row: number, col: number, opts: MatrixDisplayOptions): string {
  const v = m.cells[row]?.[col] ?? 0;
  const text = formatMeasure(m.measure, v);
  if (!opts.rowPercentages || m.measure === 'coverage') return text;
  const total = rowTotals(m)[row] ?? 0;
  if (total <= 0 || v === 0) return text;
  return `${text} (${(Math.round((v / total) * 1000) / 10).toFixed(1)}%)`;
}

const LOW = [0xff, 0xff, 0xff];
const HIGH = [0x6f, 0xa8, 0xdc];

/** The heat-map fill for a value (rrggbb), or undefined for zero: light enough to keep black text readable. */
export function heatFill(value: number, max: number): string | undefined {
  if (!(value > 0) || !(max > 0)) return undefined;
  const t = 0.15 + 0.85 * Math.min(1, value / max);
  return LOW.map((lo, i) => Math.round(lo + (HIGH[i]! - lo) * t).toString(16).padStart(2, '0')).join('');
}

export const maxCell = (m: MatrixTable): number => Math.max(0, ...m.cells.flat());

/** Header labels as on screen: code headers by their own names (parents added only to tell two apart). */
function shortHeaders(labels: string[], paths: string[] | undefined): { labels: string[]; full: string[] } {
  if (!paths || paths.length !== labels.length) return { labels, full: [] };
  const short = uniqueShortLabels(paths.map((label) => ({ label, kind: 'code' })));
  return { labels: short, full: short.flatMap((s, i) => (s !== paths[i] ? [`${s} = ${paths[i]}`] : [])) };
}

/** The row and column labels a table shows, and "Trust = Outcomes/Entrepreneurs/Trust" for each shortened one (for the note). */
export function matrixHeaderLabels(m: MatrixTable): { rows: string[]; cols: string[]; fullPaths: string[] } {
  const rows = shortHeaders(m.rows, m.rowPaths);
  const cols = shortHeaders(m.cols, m.colPaths);
  return { rows: rows.labels, cols: cols.labels, fullPaths: [...rows.full, ...cols.full] };
}
