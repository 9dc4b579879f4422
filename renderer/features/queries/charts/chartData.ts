/**
 * Shaping query results for the charts: ChartData (references per code by
 * attribute value) into bar groups, a matrix into heat-map columns, and the
 * sizes the SVG needs. Pure.
 */
import type { ChartData, MatrixResult } from '../../../../shared/queries/types.js';
import { uniqueShortLabels } from '../matrix/matrixModel.js';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export interface BarGroups {
  /** One datum per attribute value: { group, [series key]: count }. */
  data: Record<string, string | number>[];
  series: BarSeries[];
  max: number;
}

export const GROUP_KEY = 'group';

export function barGroups(chart: ChartData): BarGroups {
  const series = chart.series.map((s) => ({ key: `c${s.codeId}`, label: s.code, color: s.color }));
  const data = chart.values.map((value, i) => {
    const d: Record<string, string | number> = { [GROUP_KEY]: value };
    chart.series.forEach((s, k) => (d[series[k]!.key] = s.counts[i] ?? 0));
    return d;
  });
  const max = Math.max(0, ...chart.series.flatMap((s) => s.counts));
  return { data, series, max };
}

/** Y-axis ticks: whole numbers only (counts), at most five. */
export function countTicks(max: number): number {
  return max <= 0 ? 1 : Math.min(5, Math.ceil(max));
}

/** A rough text width for layout (SVG has no layout engine; an average glyph is ~0.58 em). */
export function estimateTextWidth(text: string, fontSize: number): number {
  return Math.ceil(Array.from(text).length * fontSize * 0.58);
}

export interface HeatColumn {
  col: number;
  label: string;
  bins: { row: number; count: number }[];
}

export interface HeatmapShape {
  columns: HeatColumn[];
  rowLabels: string[];
  max: number;
}

export function heatmapShape(m: Pick<MatrixResult, 'rows' | 'cols' | 'cells'>): HeatmapShape {
  const colLabels = uniqueShortLabels(m.cols);
  const columns = m.cols.map((_, j) => ({ col: j, label: colLabels[j]!, bins: m.rows.map((_, i) => ({ row: i, count: m.cells[i]![j]! })) }));
  const max = Math.max(0, ...m.cells.flat());
  return { columns, rowLabels: uniqueShortLabels(m.rows), max };
}

/** Label text cut to fit a width, with an ellipsis. */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text;
  const chars = Array.from(text);
  const keep = Math.max(1, Math.floor(maxWidth / (fontSize * 0.58)) - 1);
  return `${chars.slice(0, keep).join('').trimEnd()}…`;
}
