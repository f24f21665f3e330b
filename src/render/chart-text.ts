import type { Messages } from '../core/kernel/messages/index.ts';
/**
 * The words and numbers of a trend chart: axis range, number formats, title lines and the Inter
 * text widths that Vega lays them out with (see chart.ts).
 */
import type { ChartSpec } from '../core/measurements/deps.ts';

type Unit = ChartSpec['unit'];

/** Axis bounds on round steps. Zero stays in view unless it would squash a narrow band of values. */
export function niceScale(values: number[], unit: Unit) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (unit === 'percent' && lo >= 0 && hi <= 100 && hi - lo >= 25) [lo, hi] = [0, 100];
  else if (lo >= 0 && lo <= hi * 0.5) lo = 0;
  else if (hi <= 0 && hi >= lo * 0.5) hi = 0;
  const minSpan = unit === 'percent' ? 10 : unit === 'count' ? 4 : Math.abs(hi) * 0.2 || 1;
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    [lo, hi] = lo === 0 ? [0, minSpan] : [mid - minSpan / 2, mid + minSpan / 2];
    if (unit !== 'number' && lo < 0 && Math.min(...values) >= 0) [lo, hi] = [0, hi - lo];
    if (unit === 'percent' && hi > 100 && Math.max(...values) <= 100) [lo, hi] = [100 - (hi - lo), 100];
  }
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  if (unit === 'count') step = Math.max(1, Math.round(step));
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / mag === 2.5 ? 1 : 0));
  return { min, max, ticks, digits };
}

/** Formats values as the reader writes them: 62,5 % or 62.5%, 12 345 or 12,345, −3,5. */
export function createFormatter(format: Messages['format'], unit: Unit) {
  return (value: number, digits?: number) => {
    const abs = Math.abs(value);
    const fraction = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
    const number = new Intl.NumberFormat(format.locale, {
      minimumFractionDigits: digits ?? 0,
      maximumFractionDigits: fraction,
    })
      .format(value)
      .replace(/^-/, '\u2212'); // a true minus sign, as wide as a digit and easier to see than a hyphen
    return unit === 'percent' ? format.chartPercent(number) : number;
  };
}

/**
 * The title on two lines at most: the first filled greedily, the second holding the rest, which
 * Vega ends with an ellipsis when it does not fit. An empty title still takes its line, so the plot
 * does not move up.
 */
export function titleLines(title: string, maxWidth: number): string[] {
  const words = title.split(' ');
  let first = words[0] ?? '';
  let i = 1;
  for (; i < words.length && textWidth(`${first} ${words[i]}`, 26, 600) <= maxWidth; i++)
    first += ` ${words[i]}`;
  const rest = words.slice(i).join(' ');
  return rest ? [first || '\u00a0', rest] : [first || '\u00a0'];
}

/**
 * Inter advance widths in em, measured per class of glyph. Vega measures text with a canvas, which
 * the server has not; its fallback (0.8 em a character) is too wide for Inter and would cut labels.
 */
export function textWidth(content: string, size: number, weight: number): number {
  let em = 0;
  for (const ch of content) {
    if (/[ijlI'.,;:!|\u202f ]/.test(ch)) em += 0.27;
    else if (/[ftr()/[\]1\u00a0]/.test(ch)) em += 0.39;
    else if (ch === '-') em += 0.47;
    else if (/[0-9]/.test(ch)) em += 0.63;
    else if (/[mw]/.test(ch)) em += 0.86;
    else if (/[MW%…]/.test(ch)) em += 0.98;
    else if (ch !== ch.toLowerCase()) em += 0.71;
    else em += 0.59;
  }
  return em * size * (weight >= 600 ? 1.03 : 1);
}

/** Collapses whitespace and drops control characters, which XML 1.0 forbids even escaped. */
export function clean(content: string): string {
  return content.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

/** Finite values only, the last one recorded for each period, in the order of `periods`. */
export function latestPerPeriod<T extends { period: string; value: number }>(
  points: T[],
  periods: string[],
): T[] {
  const latest = new Map(points.filter((p) => Number.isFinite(p.value)).map((p) => [p.period, p]));
  return [...latest.values()].sort((a, b) => periods.indexOf(a.period) - periods.indexOf(b.period));
}

/**
 * Value labels with their place `y`, once the plot is `height` pixels tall: labels that share a period
 * are moved apart vertically so that none overlaps, keeping them inside the plot.
 */
export function placeLabels<L extends { period: string; value: number }>(
  labels: L[],
  height: number,
  [min, max]: [number, number],
) {
  const GAP = 19;
  const toPixel = (v: number) => height - ((v - min) / (max - min)) * height;
  const toValue = (py: number) => min + ((height - py) / height) * (max - min);
  const byPeriod = new Map<string, L[]>();
  for (const l of labels) byPeriod.set(l.period, [...(byPeriod.get(l.period) ?? []), l]);
  return [...byPeriod.values()].flatMap((group) => {
    const sorted = [...group].sort((a, b) => b.value - a.value);
    const ys: number[] = [];
    for (const l of sorted)
      ys.push(Math.max(toPixel(l.value), (ys.at(-1) ?? Number.NEGATIVE_INFINITY) + GAP));
    let limit = height - 6;
    for (let i = ys.length - 1; i >= 0; i--) {
      limit = Math.min(ys[i] ?? limit, limit);
      ys[i] = limit;
      limit -= GAP;
    }
    return sorted.map((l, i) => ({ ...l, y: toValue(Math.max(6, ys[i] ?? 0)) }));
  });
}
