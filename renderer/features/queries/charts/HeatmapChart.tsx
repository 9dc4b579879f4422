import { Group } from '@visx/group';
import { HeatmapRect } from '@visx/heatmap';
import { useMemo } from 'react';
import type { MatrixMeasure, MatrixResult } from '../../../../shared/queries/types.js';
import { heatColor, heatStyle } from '../matrix/heatScale.js';
import { formatMeasure } from '../matrix/matrixModel.js';
import { estimateTextWidth, fitLabel, heatmapShape, type HeatColumn } from './chartData.js';

interface Props {
  matrix: MatrixResult;
  title: string;
  measure: MatrixMeasure;
}

const CELL_W = 64;
const CELL_H = 30;
const FONT = 12;
const MAX_LABEL = 200;

/** The matrix as a heat-map chart: one square per cell, shaded by value, the value written in it. */
export function HeatmapChart({ matrix, title, measure }: Props) {
  const shape = useMemo(() => heatmapShape(matrix), [matrix]);
  const labelWidth = Math.min(MAX_LABEL, Math.max(40, ...shape.rowLabels.map((l) => estimateTextWidth(l, FONT)))) + 12;
  // Column labels are written at 40° so long code names fit above narrow cells.
  const headerHeight = Math.min(MAX_LABEL, Math.max(30, ...shape.columns.map((c) => estimateTextWidth(c.label, FONT)))) * Math.sin(Math.PI / 4.5) + 24;
  const top = 32 + headerHeight;
  const width = labelWidth + shape.columns.length * CELL_W + 120;
  const height = top + shape.rowLabels.length * CELL_H + 50;

  return (
    <svg width={width} height={height} role="img" aria-label={title} className="chart-svg" data-testid="heatmap-chart">
      <text x={8} y={20} className="chart-title">
        {title}
      </text>
      <Group top={top - 8} left={labelWidth}>
        {shape.columns.map((c) => (
          <g key={c.col} transform={`translate(${c.col * CELL_W + CELL_W / 2}, 0) rotate(-40)`}>
            <title>{matrix.cols[c.col]!.label}</title>
            <text className="chart-legend">{fitLabel(c.label, MAX_LABEL, FONT)}</text>
          </g>
        ))}
      </Group>
      <Group top={top} left={0}>
        {shape.rowLabels.map((l, i) => (
          <g key={i}>
            <title>{matrix.rows[i]!.label}</title>
            <text x={labelWidth - 8} y={i * CELL_H + CELL_H / 2 + 4} textAnchor="end" className="chart-legend">
              {fitLabel(l, MAX_LABEL, FONT)}
            </text>
          </g>
        ))}
      </Group>
      {/* With a render function HeatmapRect applies no offset itself. */}
      <Group top={top} left={labelWidth}>
      <HeatmapRect<HeatColumn, HeatColumn['bins'][number]>
        data={shape.columns}
        xScale={(i) => i * CELL_W}
        yScale={(i) => i * CELL_H}
        binWidth={CELL_W}
        binHeight={CELL_H}
        gap={2}
        bins={(c) => c.bins}
        count={(b) => b.count}
        colorScale={(v) => heatColor(Number(v), shape.max)}
      >
        {(cells) =>
          cells.flat().map((cell) => {
            const v = cell.bin.count;
            return (
              <g key={`${cell.column}-${cell.row}`}>
                <rect x={cell.x} y={cell.y} width={cell.width} height={cell.height} fill={cell.color} stroke="#d9d9d4" strokeWidth={0.5} />
                <text x={cell.x + cell.width / 2} y={cell.y + cell.height / 2 + 4} textAnchor="middle" fill={heatStyle(v, shape.max).color} className="chart-cell">
                  {formatMeasure(v, measure)}
                </text>
              </g>
            );
          })
        }
      </HeatmapRect>
      </Group>
    </svg>
  );
}
