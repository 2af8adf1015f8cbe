import type { ReactNode } from 'react';

/** What every chart's text and axes are drawn with: 13 px text, 4.5:1 or more on white. */
export const chartText = { fill: '#1b1f24', fontSize: 13 };
export const gridColor = '#dfe5ee';

export interface Box {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The drawing, hidden from assistive technology: the element around it names the chart in a sentence. */
export function ChartSurface({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  return (
    <svg width={width} height={height} aria-hidden="true" focusable="false" style={{ display: 'block' }}>
      {children}
    </svg>
  );
}

/** Lines across the plot at the value axis's ticks. */
export function HorizontalGrid({ ys, box, width }: { ys: number[]; box: Box; width: number }) {
  return (
    <g>
      {ys.map((y) => (
        <line key={y} x1={box.left} x2={width - box.right} y1={y} y2={y} stroke={gridColor} />
      ))}
    </g>
  );
}

/** The value axis on the left: its line and each tick's label. */
export function LeftAxis({
  ticks,
  box,
  height,
  stroke,
}: {
  ticks: { y: number; label: string }[];
  box: Box;
  height: number;
  stroke: string;
}) {
  return (
    <g>
      <line x1={box.left} x2={box.left} y1={box.top} y2={height - box.bottom} stroke={stroke} />
      {ticks.map((tick) => (
        <g key={tick.y}>
          <line x1={box.left - 6} x2={box.left} y1={tick.y} y2={tick.y} stroke={stroke} />
          <text x={box.left - 9} y={tick.y} textAnchor="end" dominantBaseline="central" {...chartText}>
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The axis along the bottom: its line and each tick's label, in one or more lines. */
export function BottomAxis({
  ticks,
  box,
  width,
  height,
  stroke,
}: {
  ticks: { x: number; lines: string[] }[];
  box: Box;
  width: number;
  height: number;
  stroke: string;
}) {
  const y = height - box.bottom;
  return (
    <g>
      <line x1={box.left} x2={width - box.right} y1={y} y2={y} stroke={stroke} />
      {ticks.map((tick) => (
        <g key={tick.x}>
          <line x1={tick.x} x2={tick.x} y1={y} y2={y + 6} stroke={stroke} />
          <text x={tick.x} y={y + 9} textAnchor="middle" dominantBaseline="hanging" {...chartText}>
            {tick.lines.map((line, index) => (
              <tspan key={index} x={tick.x} dy={index === 0 ? 0 : '1.2em'}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
    </g>
  );
}
