interface Props {
  onSvg(): void;
  onPng(): void;
  disabled?: boolean;
}

export function ChartExportButtons({ onSvg, onPng, disabled }: Props) {
  return (
    <span className="chart-export">
      <button type="button" disabled={disabled} onClick={onSvg} title="Download the chart as an SVG file (scalable, for papers)">
        Export SVG
      </button>
      <button type="button" disabled={disabled} onClick={onPng} title="Download the chart as a PNG image">
        Export PNG
      </button>
    </span>
  );
}
