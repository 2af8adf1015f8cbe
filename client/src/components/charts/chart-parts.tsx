import type { ReactNode } from 'react';
import styles from './charts.module.css';

/** What every chart's text is drawn with: 13 px text, 4.5:1 or more on white (the colour is the stylesheet's). */
export const chartText = { className: styles['text'], fontSize: 13 };
/** The class of a chart's grid lines. */
export const gridClass = styles['grid'];

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
        <line key={y} x1={box.left} x2={width - box.right} y1={y} y2={y} className={gridClass} />
      ))}
    </g>
  );
}

/** The value axis on the left: its line and each tick's label. */
export function LeftAxis({ ticks, box, height }: { ticks: { y: number; label: string }[]; box: Box; height: number }) {
  return (
    <g>
      <line x1={box.left} x2={box.left} y1={box.top} y2={height - box.bottom} className={styles['axis']} />
      {ticks.map((tick) => (
        <g key={tick.y}>
          <line x1={box.left - 6} x2={box.left} y1={tick.y} y2={tick.y} className={styles['axis']} />
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
}: {
  ticks: { x: number; lines: string[] }[];
  box: Box;
  width: number;
  height: number;
}) {
  const y = height - box.bottom;
  return (
    <g>
      <line x1={box.left} x2={width - box.right} y1={y} y2={y} className={styles['axis']} />
      {ticks.map((tick) => (
        <g key={tick.x}>
          <line x1={tick.x} x2={tick.x} y1={y} y2={y + 6} className={styles['axis']} />
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
