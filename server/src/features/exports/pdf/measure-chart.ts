import { schoolYearEnd, schoolYearStart } from '@planner/shared/common';
import { formatDate, formatMonth, formatNumber, formatWithUnit } from '@planner/shared/format';
import { measureStatusLabels, targetInWords, type Measure, type MeasureReading } from '@planner/shared/measure';
import { notJudgedReason } from '@planner/shared/measure-status';
import type { AccessiblePdf, TextStyle } from './writer';

/**
 * A measure's chart in the PDF, drawn as the measure page draws it (MeasureChart.tsx): the readings as a
 * line with round markers, the baseline and the target as dashed lines across, the straight path from
 * baseline to target between their dates; each series told apart by its dash and markers, not only by
 * its colour (every colour 3:1 or more on white). Vector paths only; the labels are real text inside the
 * Figure, whose alternative text says in words what the chart shows.
 */

const colors = {
  readings: '#1c4f8c',
  path: '#4a5361',
  baseline: '#7a4a00',
  target: '#1d6b34',
  grid: '#dfe5ee',
  text: '#1b1f24',
};
const dashes = { path: [8, 5], baseline: [2, 4], target: [12, 4] } as const;
const tickStyle: TextStyle = { size: 8, color: colors.text };
const legendStyle: TextStyle = { size: 8.5, color: colors.text };

const dayMs = 86_400_000;
const dayOf = (isoDate: string) => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / dayMs;
const isoOfDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/** The readings, oldest first (as the measure page lists them). */
export const readingsByDate = (measure: Pick<Measure, 'readings'>): MeasureReading[] =>
  [...measure.readings].sort((a, b) => a.date.localeCompare(b.date));

/** The straight path from baseline to target, when the measure has both with their dates. */
function pathOf(measure: Measure): { from: { day: number; value: number }; to: { day: number; value: number } } | null {
  const { baseline, baselineDate, target, targetDate } = measure;
  if (baseline === null || baselineDate === null || target === null || targetDate === null) return null;
  return { from: { day: dayOf(baselineDate), value: baseline }, to: { day: dayOf(targetDate), value: target } };
}

/**
 * What the chart shows, in words: the Figure's alternative text. "Line chart of Third graders reading on
 * grade level: baseline 48% (Sep 1, 2026), target at or above 60% (Jun 1, 2027); 3 readings from Sep 15, 2026 to
 * Jan 15, 2027, the latest 53% on Jan 15, 2027; on track." A measure not judged says why ("not judged: without
 * the baseline's date there is no path to judge readings by").
 */
export function measureChartSummary(measure: Measure): string {
  const unit = measure.unit;
  const ends: string[] = [];
  if (measure.baseline !== null) {
    ends.push(
      `baseline ${formatWithUnit(measure.baseline, unit)}${measure.baselineDate ? ` (${formatDate(measure.baselineDate)})` : ''}`,
    );
  }
  if (measure.target !== null) {
    ends.push(`target ${targetInWords(measure)}${measure.targetDate ? ` (${formatDate(measure.targetDate)})` : ''}`);
  }
  const readings = readingsByDate(measure);
  const first = readings[0];
  const last = readings.at(-1);
  const told =
    first && last
      ? `${readings.length} ${readings.length === 1 ? 'reading' : 'readings'}${
          readings.length > 1 ? ` from ${formatDate(first.date)} to ${formatDate(last.date)}` : ''
        }, the latest ${formatWithUnit(last.value, unit)} on ${formatDate(last.date)}`
      : 'no readings yet';
  const status = measureStatusLabels[measure.status].toLowerCase();
  const unjudged = measure.status === 'not_judged' ? notJudgedReason(measure) : null;
  return `Line chart of ${measure.name}: ${ends.length > 0 ? `${ends.join(', ')}; ` : ''}${told}; ${status}${
    unjudged ? `: ${unjudged}` : ''
  }.`;
}

/** Round tick values covering [low, high]: 1, 2 or 5 times a power of ten apart, about `count` of them. */
function niceTicks(low: number, high: number, count: number): number[] {
  if (high - low < 1e-9) {
    const pad = Math.max(Math.abs(high) * 0.1, 1);
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.floor(low / step) * step; v <= high + step * 1e-6; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks.at(-1)! < high - step * 1e-6) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

/** First days of months from `start` to `end`, every `step` months. */
function monthTicks(start: number, end: number, step: number): number[] {
  const first = new Date(start * dayMs);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0);
  // Ticks on months that divide the year evenly (every quarter starts in Jan, Apr, Jul, Oct).
  if (step > 1) month = Math.ceil(month / step) * step;
  const ticks: number[] = [];
  for (;;) {
    const day = Date.UTC(year, month, 1) / dayMs;
    if (day > end) break;
    ticks.push(day);
    month += step;
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
  return ticks;
}

interface LegendItem {
  label: string;
  color: string;
  dash?: readonly number[];
  dot?: boolean;
}

const sampleWidth = 26;
const legendGap = 16;
const legendRowHeight = 14;

/** The legend's items placed in rows that fit `width`. */
function legendRows(pdf: AccessiblePdf, items: LegendItem[], width: number) {
  const rows: { item: LegendItem; x: number }[][] = [[]];
  let x = 0;
  for (const item of items) {
    const itemWidth = sampleWidth + 5 + pdf.widthOf(item.label, legendStyle);
    if (x > 0 && x + itemWidth > width) {
      rows.push([]);
      x = 0;
    }
    rows.at(-1)!.push({ item, x });
    x += itemWidth + legendGap;
  }
  return rows;
}

const plotHeight = 140;
const tickRoom = 16;
const chartHeight = (legendRowCount: number) => 6 + plotHeight + tickRoom + 6 + legendRowCount * legendRowHeight;

/** What the chart's legend lists: the readings, and the path, baseline and target the measure has. */
function legendOf(measure: Measure): LegendItem[] {
  const unit = measure.unit;
  const legend: LegendItem[] = [{ label: 'Readings', color: colors.readings, dot: true }];
  if (pathOf(measure)) {
    legend.push({ label: 'Straight path from baseline to target', color: colors.path, dash: dashes.path });
  }
  if (measure.baseline !== null) {
    legend.push({
      label: `Baseline ${formatWithUnit(measure.baseline, unit)}`,
      color: colors.baseline,
      dash: dashes.baseline,
    });
  }
  if (measure.target !== null) {
    legend.push({ label: `Target ${targetInWords(measure)}`, color: colors.target, dash: dashes.target });
  }
  return legend;
}

/** The height the measure's chart takes on the page, so that its heading can be kept with it. */
export function measureChartHeight(pdf: AccessiblePdf, measure: Measure): number {
  return chartHeight(legendRows(pdf, legendOf(measure), pdf.width).length);
}

/**
 * The measure's chart as a tagged Figure, over the plan's school year (July to June) and whatever dates
 * of the measure lie outside it. Only for a measure with readings.
 */
export function drawMeasureChart(pdf: AccessiblePdf, measure: Measure, schoolYear: string): void {
  const readings = readingsByDate(measure);
  const points = readings.map((r) => ({ day: dayOf(r.date), value: r.value }));
  const path = pathOf(measure);
  // From the day the school year starts (as due readings count it) to its last day.
  const yearStart = dayOf(schoolYearStart(schoolYear));
  const yearEnd = dayOf(schoolYearEnd(schoolYear));
  const yearDays = Number.isFinite(yearStart) && Number.isFinite(yearEnd) ? [yearStart, yearEnd] : [];
  const days = [...yearDays, ...points.map((p) => p.day), ...(path ? [path.from.day, path.to.day] : [])];
  let [firstDay, lastDay] = [Math.min(...days), Math.max(...days)];
  if (firstDay === lastDay) [firstDay, lastDay] = [firstDay - 30, lastDay + 30];

  const values = [
    ...points.map((p) => p.value),
    ...(measure.baseline !== null ? [measure.baseline] : []),
    ...(measure.target !== null ? [measure.target] : []),
  ];
  const yTicks = niceTicks(Math.min(...values), Math.max(...values), 4);
  const [low, high] = [yTicks[0]!, yTicks.at(-1)!];
  const yLabelWidth = Math.max(...yTicks.map((v) => pdf.widthOf(formatNumber(v), tickStyle)));

  const rows = legendRows(pdf, legendOf(measure), pdf.width);
  const height = chartHeight(rows.length);

  pdf.figure(measureChartSummary(measure), height, (box) => {
    const doc = pdf.doc;
    const plot = {
      left: box.x + yLabelWidth + 8,
      right: box.x + box.width - 10,
      top: box.y + 6,
      bottom: box.y + 6 + plotHeight,
    };
    const xOf = (day: number) => plot.left + ((day - firstDay) / (lastDay - firstDay)) * (plot.right - plot.left);
    const yOf = (value: number) => plot.bottom - ((value - low) / (high - low)) * (plot.bottom - plot.top);
    const line = (
      x1: number,
      y1: number,
      x2: number,
      y2: number,
      color: string,
      width: number,
      dash?: readonly number[],
    ) => {
      doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color);
      if (dash) doc.dash(dash[0]!, { space: dash[1]! });
      doc.stroke().restore();
    };

    // Grid and value ticks.
    for (const value of yTicks) {
      const y = yOf(value);
      line(plot.left, y, plot.right, y, colors.grid, 0.6);
      pdf.label(formatNumber(value), plot.left - 5, y - 4.5, tickStyle, 'right');
    }
    // Month ticks, as many as fit apart: every month, every other, every quarter ...
    const labelWidth = pdf.widthOf('May 2027', tickStyle) + 10;
    const spanMonths = (lastDay - firstDay) / 30.4;
    const step = [1, 2, 3, 6, 12, 24, 60].find((s) => ((plot.right - plot.left) / spanMonths) * s >= labelWidth) ?? 120;
    for (const day of monthTicks(firstDay, lastDay, step)) {
      const x = xOf(day);
      line(x, plot.top, x, plot.bottom, colors.grid, 0.6);
      line(x, plot.bottom, x, plot.bottom + 3, colors.path, 0.8);
      const text = formatMonth(isoOfDay(day));
      const half = pdf.widthOf(text, tickStyle) / 2;
      // A label at either end stays inside the figure.
      const center = Math.min(Math.max(x, box.x + half), box.x + box.width - half);
      pdf.label(text, center, plot.bottom + 5, tickStyle, 'center');
    }
    line(plot.left, plot.top, plot.left, plot.bottom, colors.path, 0.8);
    line(plot.left, plot.bottom, plot.right, plot.bottom, colors.path, 0.8);

    if (measure.baseline !== null) {
      const y = yOf(measure.baseline);
      line(plot.left, y, plot.right, y, colors.baseline, 1.5, dashes.baseline);
    }
    if (measure.target !== null) {
      const y = yOf(measure.target);
      line(plot.left, y, plot.right, y, colors.target, 1.5, dashes.target);
    }
    if (path) {
      line(
        xOf(path.from.day),
        yOf(path.from.value),
        xOf(path.to.day),
        yOf(path.to.value),
        colors.path,
        1.5,
        dashes.path,
      );
    }
    if (points.length > 1) {
      doc.save().moveTo(xOf(points[0]!.day), yOf(points[0]!.value));
      for (const p of points.slice(1)) doc.lineTo(xOf(p.day), yOf(p.value));
      doc.lineWidth(2.2).lineJoin('round').strokeColor(colors.readings).stroke().restore();
    }
    for (const p of points) {
      doc
        .save()
        .circle(xOf(p.day), yOf(p.value), 3.2)
        .lineWidth(1.5)
        .fillAndStroke('#ffffff', colors.readings)
        .restore();
    }

    // The legend, under the time axis.
    rows.forEach((row, r) => {
      const top = plot.bottom + tickRoom + 6 + r * legendRowHeight;
      for (const { item, x } of row) {
        const left = box.x + x;
        const middle = top + 5;
        line(left, middle, left + sampleWidth, middle, item.color, item.dot ? 2.2 : 1.5, item.dash);
        if (item.dot) {
          doc
            .save()
            .circle(left + sampleWidth / 2, middle, 3)
            .lineWidth(1.5)
            .fillAndStroke('#ffffff', item.color)
            .restore();
        }
        pdf.label(item.label, left + sampleWidth + 5, top, legendStyle);
      }
    });
  });
}
