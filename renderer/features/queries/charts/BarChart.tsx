import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear, scaleOrdinal } from '@visx/scale';
import { BarGroup } from '@visx/shape';
import { useMemo } from 'react';
import type { ChartData } from '../../../../shared/queries/types.js';
import { uniqueShortLabels } from '../matrix/matrixModel.js';
import { barGroups, countTicks, fitLabel, GROUP_KEY } from './chartData.js';

interface Props {
  chart: ChartData;
  title: string;
  yLabel: string;
}

const HEIGHT = 380;
const MARGIN = { top: 40, left: 56, bottom: 48 };
const LEGEND_WIDTH = 230;
const FONT = 12;

/** References per code by attribute value: one bar group per value, one bar per code (in the code's colour). */
export function BarChart({ chart, title, yLabel }: Props) {
  const g = useMemo(() => barGroups(chart), [chart]);
  const keys = g.series.map((s) => s.key);
  const legend = uniqueShortLabels(g.series.map((s) => ({ label: s.label, kind: 'code' })));
  const groupWidth = Math.max(90, keys.length * 22 + 30);
  const plotWidth = Math.min(900, Math.max(320, g.data.length * groupWidth));
  const width = MARGIN.left + plotWidth + LEGEND_WIDTH;
  const legendRows = g.series.length;
  const height = Math.max(HEIGHT, MARGIN.top + legendRows * 18 + 20);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const x0 = scaleBand<string>({ domain: g.data.map((d) => String(d[GROUP_KEY])), range: [0, plotWidth], padding: 0.2 });
  const x1 = scaleBand<string>({ domain: keys, range: [0, x0.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({ domain: [0, Math.max(1, g.max)], range: [plotHeight, 0], nice: true });
  const color = scaleOrdinal<string, string>({ domain: keys, range: g.series.map((s) => s.color) });

  return (
    <svg width={width} height={height} role="img" aria-label={title} className="chart-svg" data-testid="bar-chart">
      <text x={MARGIN.left} y={20} className="chart-title">
        {title}
      </text>
      <Group top={MARGIN.top} left={MARGIN.left}>
        <BarGroup data={g.data} keys={keys} height={plotHeight} x0={(d) => String(d[GROUP_KEY])} x0Scale={x0} x1Scale={x1} yScale={y} color={color}>
          {(groups) =>
            groups.map((bg) => (
              <Group key={`g-${bg.index}`} left={bg.x0}>
                {bg.bars.map((bar) => (
                  <rect key={`${bg.index}-${bar.key}`} x={bar.x} y={bar.y} width={bar.width} height={Math.max(0, bar.height)} fill={bar.color}>
                    <title>{`${g.series.find((s) => s.key === bar.key)?.label}: ${bar.value}`}</title>
                  </rect>
                ))}
                {bg.bars.map((bar) =>
                  bar.value > 0 ? (
                    <text key={`v-${bar.key}`} x={bar.x + bar.width / 2} y={bar.y - 4} textAnchor="middle" className="chart-value">
                      {bar.value}
                    </text>
                  ) : null,
                )}
              </Group>
            ))
          }
        </BarGroup>
        <AxisLeft scale={y} numTicks={countTicks(g.max)} tickFormat={(v) => String(v)} label={yLabel} labelOffset={34} stroke="#6a6f75" tickStroke="#6a6f75" />
        <AxisBottom scale={x0} top={plotHeight} stroke="#6a6f75" tickStroke="#6a6f75" tickFormat={(v) => fitLabel(String(v), x0.bandwidth() + 20, FONT)} />
      </Group>
      <Group top={MARGIN.top} left={MARGIN.left + plotWidth + 24}>
        {g.series.map((s, i) => (
          <Group key={s.key} top={i * 18}>
            <title>{s.label}</title>
            <rect width={11} height={11} y={-9} rx={2} fill={s.color} />
            <text x={17} className="chart-legend">
              {fitLabel(legend[i]!, LEGEND_WIDTH - 44, FONT)}
            </text>
          </Group>
        ))}
      </Group>
    </svg>
  );
}
