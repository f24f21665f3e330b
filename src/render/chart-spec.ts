/**
 * The Vega-Lite description of a trend chart (see chart.ts, which draws it). What is ours here is
 * what the chart says: the axis range, French or English numbers, the title's two lines, and the
 * value labels kept apart. Vega-Lite and Vega do the layout and the drawing.
 */
import type { TopLevelSpec } from 'vega-lite';
import { DEFAULT_LANG, messages } from '../core/kernel/messages/index.ts';
import type { ChartSpec } from '../core/measurements/deps.ts';
import { clean, createFormatter, latestPerPeriod, niceScale, textWidth, titleLines } from './chart-text.ts';
import {
  BASELINE,
  CONFIG,
  FRAME,
  INK,
  LINE_AND_DOT,
  MUTED,
  PALETTE,
  SIDE,
  TARGET_LEGEND,
  WIDTH,
} from './chart-theme.ts';

/** Name of the data set that placeLabels fills once the plot's height is known. */
export const LABELS = 'labels';

/** A value label waiting for its place: right of the last point of its line. */
export interface PendingLabel {
  period: string;
  value: number;
  text: string;
  colour: string;
  isTarget: boolean;
}

export interface TrendChart {
  spec: TopLevelSpec;
  /** The title and subtitle once cleaned, for the SVG's accessible name and description. */
  title: string;
  subtitle?: string;
  labels: PendingLabel[];
  domain: [number, number];
}

type Row = { scope: string; period: string; value: number };

/** The Vega-Lite spec of `chart`, 1000 × 600, and the value labels to place after a first layout. */
export function trendChartSpec(chart: ChartSpec): TrendChart {
  const catalog = messages(chart.lang ?? DEFAULT_LANG);
  const words = catalog.adapters.chart;
  const fmt = createFormatter(catalog.format, chart.unit);
  const finite = <T extends { value: number }>(points: T[]) => points.filter((p) => Number.isFinite(p.value));
  const rawSeries = chart.series.map((s) => ({ scope: clean(s.name), points: finite(s.points) }));
  const rawTargets = finite(chart.targets).map((t) => ({
    scope: clean(t.name),
    period: t.period,
    value: t.value,
  }));
  const names = [...new Set([...rawSeries.map((s) => s.scope), ...rawTargets.map((t) => t.scope)])];
  const colour = (name: string) => PALETTE[names.indexOf(name) % PALETTE.length] ?? INK;
  // Periods found only in points or targets are appended to the axis.
  const periods = [
    ...new Set([
      ...chart.periods,
      ...rawSeries.flatMap((s) => s.points.map((p) => p.period)),
      ...rawTargets.map((t) => t.period),
    ]),
  ];
  const series: Row[] = rawSeries.flatMap((s) =>
    latestPerPeriod(s.points, periods).map((p) => ({ scope: s.scope, period: p.period, value: p.value })),
  );
  const targets: Row[] = names.flatMap((name) =>
    latestPerPeriod(
      rawTargets.filter((t) => t.scope === name),
      periods,
    ),
  );
  const values = [...series, ...targets].map((r) => r.value);
  const scale =
    values.length > 0 ? niceScale(values, chart.unit) : { min: 0, max: 1, ticks: [0, 1], digits: 0 };
  const tickLabels = scale.ticks.map((t) => fmt(t, scale.digits));

  const labels: PendingLabel[] = [];
  const lastOf = (rows: Row[], isTarget: boolean) => {
    for (const name of names) {
      const last = rows.filter((r) => r.scope === name).at(-1);
      // Beyond three scopes, target labels would crowd out the values; the axis still reads them.
      if (!last || (isTarget && names.length > 3)) continue;
      const text = isTarget ? `${words.target} ${fmt(last.value)}` : fmt(last.value);
      labels.push({ period: last.period, value: last.value, text, colour: colour(name), isTarget });
    }
  };
  lastOf(targets, true);
  lastOf(series, false);

  // Value labels sit right of the last points: when half a step is too narrow for them, the room
  // on the right grows (`right` steps, half a step on the left), as estimated for a plot this wide.
  const plotWidth = WIDTH - 2 * SIDE - 12 - Math.max(...tickLabels.map((l) => textWidth(l, 15, 400)));
  const room = 14 + Math.max(0, ...labels.map((l) => textWidth(l.text, 15, l.isTarget ? 400 : 600)));
  const right = Math.max(0.5, (room * (periods.length - 0.5)) / Math.max(1, plotWidth - room));
  const steps = periods.length - 0.5 + right;
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    scale: { domain: periods, padding: (0.5 + right) / 2, align: 0.5 / (0.5 + right) },
    sort: periods,
    axis: {
      // Too many periods for the width: label one in `every`, counting back from the latest one.
      labelExpr: `(${periods.length - 1} - indexof(${JSON.stringify(periods)}, datum.value)) % max(1, ceil(${
        Math.max(...periods.map((p) => textWidth(p, 15, 400))) + 16
      } / (width / ${steps}))) == 0 ? datum.label : ''`,
    },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    scale: { domain: [scale.min, scale.max], nice: false, zero: false },
    axis: {
      values: scale.ticks,
      labelExpr: `${JSON.stringify(tickLabels)}[indexof(${JSON.stringify(scale.ticks)}, datum.value)]`,
    },
  };
  // Scopes flow onto new rows of the legend, beside the target sample when there is one.
  const entry = (label: string) => 28 + 4 + Math.min(260, textWidth(label, 16, 400)) + 26;
  const legendWidth = WIDTH - 2 * SIDE + 26 - (targets.length > 0 ? entry(words.target) : 0);
  const legendColumns = Math.max(1, Math.floor(legendWidth / Math.max(...names.map(entry))));
  const color = {
    field: 'scope',
    type: 'nominal' as const,
    scale: { domain: names, range: names.map(colour) },
    legend: names.length > 0 ? { symbolType: LINE_AND_DOT, values: names, columns: legendColumns } : null,
  };
  const points = (isTarget: boolean) => ({
    data: { values: isTarget ? targets : series },
    mark: isTarget
      ? {
          type: 'point' as const,
          shape: 'diamond',
          filled: false,
          fill: '#ffffff',
          fillOpacity: 1,
          size: 110,
          strokeWidth: 2.5,
          opacity: 1,
        }
      : { type: 'circle' as const, size: 150, stroke: '#ffffff', strokeWidth: 2, opacity: 1 },
    encoding: { x, y, color },
  });
  const line = (isTarget: boolean) => ({
    data: { values: isTarget ? targets : series },
    mark: {
      type: 'line' as const,
      strokeWidth: isTarget ? 2.5 : 3.5,
      strokeCap: 'round' as const,
      strokeJoin: 'round' as const,
    },
    encoding: {
      x,
      y,
      color,
      ...(isTarget &&
        targets.length > 0 && {
          strokeDash: {
            datum: words.target,
            scale: { domain: [words.target], range: [[8, 6]] },
            legend: TARGET_LEGEND,
          },
        }),
    },
  });
  const text = (isTarget: boolean, halo: boolean) => ({
    data: { name: LABELS },
    transform: [{ filter: `datum.isTarget == ${isTarget}` }],
    mark: {
      type: 'text' as const,
      align: 'left' as const,
      baseline: 'middle' as const,
      dx: 13,
      fontSize: 15,
      fontWeight: isTarget ? 400 : 600,
      // A white halo behind each value label keeps it legible where it crosses a grid line or a series.
      ...(halo && { stroke: '#ffffff', strokeWidth: 6, strokeJoin: 'round' as const, strokeOpacity: 0.9 }),
    },
    encoding: {
      x: { field: 'period', type: 'ordinal' as const },
      y: { field: 'y', type: 'quantitative' as const },
      text: { field: 'text' },
      ...(!halo && { color: { field: 'colour', type: 'nominal' as const, scale: null } }),
    },
  });
  const notice = (size: number, atTop: boolean) => ({
    data: { values: [{}] },
    mark: {
      type: 'text' as const,
      text: words.empty,
      fontSize: size,
      color: MUTED,
      align: 'center' as const,
      baseline: 'middle' as const,
      x: { expr: 'width / 2' },
      y: atTop ? 24 : { expr: 'height / 2' },
    },
  });
  // The zero line, or the bottom of the axis, is drawn stronger than the grid.
  const baselines = scale.ticks.filter((t, i) => t === 0 || i === 0).map((at) => ({ at }));

  const layer: unknown[] =
    values.length === 0
      ? [
          {
            data: { values: [{}] },
            mark: {
              type: 'rect',
              cornerRadius: 12,
              color: '#f5f6f8',
              x: 0,
              y: 0,
              x2: { expr: 'width' },
              y2: { expr: 'height' },
            },
          },
          notice(20, false),
          // Draws nothing; gives the legend its scopes.
          { data: { values: [] }, mark: 'point', encoding: { color } },
        ]
      : [
          {
            data: { values: baselines },
            mark: { type: 'rule', color: BASELINE, strokeWidth: 1.5 },
            encoding: { y: { field: 'at', type: 'quantitative' } },
          },
          // Targets first, so the actual values are drawn on top of them.
          line(true),
          points(true),
          line(false),
          points(false),
          text(true, true),
          text(true, false),
          text(false, true),
          text(false, false),
          ...(series.length === 0 ? [notice(18, true)] : []),
        ];

  const title = clean(chart.title);
  const subtitle = chart.subtitle?.trim() ? clean(chart.subtitle) : undefined;
  const spec = {
    ...FRAME,
    title: { text: titleLines(title, WIDTH - 2 * SIDE), ...(subtitle && { subtitle }) },
    layer,
    config: CONFIG,
  };
  return { spec: spec as unknown as TopLevelSpec, title, subtitle, labels, domain: [scale.min, scale.max] };
}
