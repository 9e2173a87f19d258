/**
 * The two charts the shopping pages need, drawn as SVG from the numbers: no charting library
 * (the budget is 60 KB of script per page). Colours come from classes in the stylesheet (the CSP
 * allows no inline styles); every chart has a title and a table of the same numbers beside it.
 */

export interface BarRow {
  label: string;
  value: number;
  parts: { label: string; value: number }[];
}

const BAR_WIDTH = 480;
const LABEL_WIDTH = 96;
const VALUE_WIDTH = 44;

/** Horizontal bars on a 0-100 scale: the index per row, each row's parts as thin bars under it. */
export function BarChart(props: { title: string; rows: BarRow[]; partNames: string[] }) {
  const { rows, partNames } = props;
  const partHeight = 6;
  const rowHeight = 26 + partNames.length * (partHeight + 2) + 12;
  const plot = BAR_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (value: number) => (Math.max(0, Math.min(100, value)) / 100) * plot;
  const height = rows.length * rowHeight + 24;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${BAR_WIDTH} ${height}`} role="img" aria-labelledby="bar-title" class="bar-chart">
        <title id="bar-title">{props.title}</title>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line class="grid" x1={LABEL_WIDTH + x(tick)} x2={LABEL_WIDTH + x(tick)} y1={0} y2={height - 18} />
            <text class="tick" x={LABEL_WIDTH + x(tick)} y={height - 4} text-anchor="middle">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const top = index * rowHeight + 4;
          return (
            <g key={row.label} class="bar-row" data-label={row.label} data-value={row.value}>
              <text class="label" x={LABEL_WIDTH - 8} y={top + 17} text-anchor="end">
                {row.label}
              </text>
              <rect class="bar" x={LABEL_WIDTH} y={top} width={x(row.value)} height={24} rx={3} />
              <text class="value" x={LABEL_WIDTH + x(row.value) + 6} y={top + 17}>
                {row.value.toFixed(1)}
              </text>
              {row.parts.map((part, partIndex) => (
                <rect
                  key={part.label}
                  class={`part part-${partIndex}`}
                  x={LABEL_WIDTH}
                  y={top + 28 + partIndex * (partHeight + 2)}
                  width={x(part.value)}
                  height={partHeight}
                >
                  <title>{`${part.label}: ${part.value.toFixed(1)}`}</title>
                </rect>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {partNames.map((name, index) => (
          <span key={name} class="legend-item">
            <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
              <rect class={`part part-${index}`} width="10" height="10" />
            </svg>
            {name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export interface LinePoint {
  label: string;
  value: number;
}

/** A line over periods (oldest left) on a 0-100 scale, each point labelled with its value. */
export function LineChart(props: { title: string; points: LinePoint[] }) {
  const width = 480;
  const height = 220;
  const pad = { left: 40, right: 32, top: 24, bottom: 32 };
  const { points } = props;
  const step = points.length > 1 ? (width - pad.left - pad.right) / (points.length - 1) : 0;
  const px = (index: number) => pad.left + (points.length > 1 ? index * step : (width - pad.left - pad.right) / 2);
  const py = (value: number) =>
    pad.top + (1 - Math.max(0, Math.min(100, value)) / 100) * (height - pad.top - pad.bottom);
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${px(index)},${py(point.value)}`).join(' ');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="line-title" class="line-chart">
        <title id="line-title">{props.title}</title>
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line class="grid" x1={pad.left} x2={width - pad.right} y1={py(tick)} y2={py(tick)} />
            <text class="tick" x={pad.left - 6} y={py(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        <path class="line" d={path} />
        {points.map((point, index) => (
          <g key={point.label} class="point" data-label={point.label} data-value={point.value}>
            <circle cx={px(index)} cy={py(point.value)} r={4} />
            <text class="value" x={px(index)} y={py(point.value) - 8} text-anchor="middle">
              {point.value.toFixed(1)}
            </text>
            <text class="tick" x={px(index)} y={height - 10} text-anchor="middle">
              {point.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
