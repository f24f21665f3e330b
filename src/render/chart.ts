/**
 * Trend charts of indicator values as PNG images, for chat surfaces that cannot draw charts
 * themselves (Slack, Teams). The SVG is written by hand and rasterised by resvg with Inter
 * embedded, so the picture is the same on every host whatever fonts it has installed.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { DEFAULT_LANG, type Messages, messages } from '../core/kernel/messages/index.ts';
import type { ChartSpec } from '../core/measurements/deps.ts';

/**
 * What a trend chart shows, as the core describes it (see ChartSpec): percent values are points
 * (62.5 means 62,5 %); long titles wrap on two lines then end with an ellipsis; periods found only
 * in points or targets are appended to the x axis; targets are drawn dashed in their series' colour.
 */
export type TrendChartSpec = ChartSpec;

const WIDTH = 1000;
const HEIGHT = 600;
const PAD = 40;
const INK = '#1f2328';
const MUTED = '#5b616b';
const GRID = '#e4e6ea';
// Okabe–Ito: distinguishable with the common colour-vision deficiencies; its yellow is left out
// because it disappears on white.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

let interFiles: string[] | undefined;
function interFontFiles(): string[] {
  if (interFiles) return interFiles;
  // Resolved from the package directory: the font package's JS entry is React Native code.
  const dir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/inter/package.json'));
  const files = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf'];
  interFiles = files.map((f) => path.join(dir, f));
  return interFiles;
}

/** Renders the chart as a 1200 px wide PNG. */
export function renderTrendChart(spec: TrendChartSpec): Buffer {
  const resvg = new Resvg(buildTrendChartSvg(spec), {
    font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter' },
    fitTo: { mode: 'width', value: 1200 },
  });
  return resvg.render().asPng();
}

type Layout = {
  out: string[];
  words: Messages['adapters']['chart'];
  fmt: ReturnType<typeof createFormatter>;
};
type Point = { name: string; period: string; value: number };
type Series = { name: string; points: Omit<Point, 'name'>[] };
type Label = { x: number; y: number; label: string; colour: string; weight: number };

/** The SVG source of {@link renderTrendChart}, 1000 × 600 user units. */
export function buildTrendChartSvg(spec: TrendChartSpec): string {
  const ctx: Layout = {
    out: [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`],
    words: messages(spec.lang ?? DEFAULT_LANG).adapters.chart,
    fmt: createFormatter(messages(spec.lang ?? DEFAULT_LANG).format, spec.unit),
  };
  const series = spec.series.map((s) => ({ name: clean(s.name), points: finite(s.points) }));
  const targets = finite(spec.targets).map((t) => ({ ...t, name: clean(t.name) }));
  const colours = new Map<string, string>();
  for (const name of [...series.map((s) => s.name), ...targets.map((t) => t.name)])
    if (!colours.has(name)) colours.set(name, PALETTE[colours.size % PALETTE.length] ?? INK);

  const top = drawHeader(ctx, spec, colours, targets.length > 0) + 34;
  const bottom = HEIGHT - 52;
  const periods = [...spec.periods];
  const all = [...series.flatMap((s) => s.points), ...targets];
  for (const { period } of all) if (!periods.includes(period)) periods.push(period);
  if (all.length === 0) {
    ctx.out.push(
      `<rect x="${PAD}" y="${top}" width="${WIDTH - 2 * PAD}" height="${bottom - top}" rx="12" fill="#f5f6f8"/>`,
      text(WIDTH / 2, (top + bottom) / 2 + 7, ctx.words.empty, { size: 20, fill: MUTED, anchor: 'middle' }),
    );
    return svgDocument(ctx.out);
  }
  drawPlot(ctx, { series, targets, colours, periods, unit: spec.unit, top, bottom });
  return svgDocument(ctx.out);
}

/** Title (two lines at most), subtitle and legend; returns the y where the legend ends. */
function drawHeader(ctx: Layout, spec: TrendChartSpec, colours: Map<string, string>, hasTargets: boolean) {
  let y = 30;
  for (const line of wrapText(clean(spec.title), 26, 600, WIDTH - 2 * PAD, 2)) {
    ctx.out.push(text(PAD, y + 26, line, { size: 26, weight: 600 }));
    y += 33;
  }
  if (spec.subtitle?.trim()) {
    ctx.out.push(
      text(PAD, y + 20, ellipsise(clean(spec.subtitle), 17, 400, WIDTH - 2 * PAD), { fill: MUTED }),
    );
    y += 28;
  }
  // One entry per scope, then the dashed target sample; entries flow onto new rows.
  const entries = [...colours].map(([name, colour]) => ({ label: ellipsise(name, 16, 400, 260), colour }));
  if (hasTargets) entries.push({ label: ctx.words.target, colour: '' });
  let x = PAD;
  y += 16;
  for (const { label, colour } of entries) {
    const w = 38 + textWidth(label, 16, 400);
    if (x > PAD && x + w > WIDTH - PAD) [x, y] = [PAD, y + 26];
    ctx.out.push(
      colour
        ? `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${colour}" stroke-width="3.5"/><circle cx="${x + 14}" cy="${y}" r="5.5" fill="${colour}"/>`
        : `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${MUTED}" stroke-width="2.5" stroke-dasharray="6 4"/>${diamond(x + 14, y, MUTED)}`,
      text(x + 36, y + 5.5, label, { size: 16 }),
    );
    x += w + 26;
  }
  return y;
}

type Plot = { series: Series[]; targets: Point[]; colours: Map<string, string>; periods: string[] };

/** Axes, target lines, series lines and value labels between `top` and `bottom`. */
function drawPlot(ctx: Layout, p: Plot & { unit: TrendChartSpec['unit']; top: number; bottom: number }) {
  const { out, words, fmt } = ctx;
  const { periods, top, bottom } = p;
  const values = [...p.series.flatMap((s) => s.points), ...p.targets].map((v) => v.value);
  const scale = niceScale(values, p.unit);
  const tickLabels = scale.ticks.map((t) => fmt(t, scale.digits));
  const left = PAD + Math.max(...tickLabels.map((l) => textWidth(l, 15, 400))) + 14;
  // Value labels sit right of the last points: widen the right margin when half a band is too narrow.
  const labelRoom = 14 + Math.max(...values.map((v) => textWidth(`${words.target} ${fmt(v)}`, 15, 600)));
  const inner = WIDTH - PAD - left;
  const n = periods.length;
  const band = (inner - Math.max(0, (labelRoom - inner / (2 * n)) / (1 - 1 / (2 * n)))) / n;
  const xOf = (period: string) => left + (periods.indexOf(period) + 0.5) * band;
  const yOf = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min)) * (bottom - top);

  for (const [i, t] of scale.ticks.entries()) {
    const [ty, strong] = [yOf(t), t === 0 || i === 0];
    out.push(
      `<line x1="${left}" y1="${ty}" x2="${WIDTH - PAD}" y2="${ty}" stroke="${strong ? '#9aa0a8' : GRID}" stroke-width="${strong ? 1.5 : 1}"/>`,
      text(left - 12, ty + 5, tickLabels[i] ?? '', { size: 15, fill: MUTED, anchor: 'end' }),
    );
  }
  // Too many periods for the width: label one in `every`, counting back from the latest one.
  const every = Math.ceil((Math.max(...periods.map((q) => textWidth(q, 15, 400))) + 16) / band);
  for (const [i, q] of periods.entries())
    if ((n - 1 - i) % every === 0) {
      const label = ellipsise(clean(q), 15, 400, band * every - 8);
      out.push(text(xOf(q), bottom + 28, label, { anchor: 'middle', fill: MUTED }));
    }

  const labels: Label[] = [];
  const drawLine = (points: Omit<Point, 'name'>[], colour: string, isTarget: boolean) => {
    const sorted = sortByPeriod(points, periods);
    const pts = sorted.map((q) => [xOf(q.period), yOf(q.value)] as const);
    const marker = isTarget ? diamond : dot;
    out.push(
      polyline(pts, colour, isTarget ? 2.5 : 3.5, isTarget ? '8 6' : ''),
      ...pts.map(([x, y]) => marker(x, y, colour)),
    );
    const last = sorted.at(-1);
    // Beyond three scopes, target labels would crowd out the values; the axis still reads them.
    if (!last || (isTarget && p.colours.size > 3)) return;
    const label = isTarget ? `${words.target} ${fmt(last.value)}` : fmt(last.value);
    labels.push({ x: xOf(last.period), y: yOf(last.value), label, colour, weight: isTarget ? 400 : 600 });
  };
  // Targets first, so the actual values are drawn on top of them.
  for (const name of new Set(p.targets.map((t) => t.name)))
    drawLine(
      p.targets.filter((t) => t.name === name),
      p.colours.get(name) ?? INK,
      true,
    );
  for (const s of p.series) drawLine(s.points, p.colours.get(s.name) ?? INK, false);
  // A white plate behind each value label keeps it legible where it crosses a grid line or a series.
  for (const l of spreadLabels(labels, top, bottom)) {
    const w = textWidth(l.label, 15, l.weight) + 6;
    out.push(
      `<rect x="${(l.x + 10).toFixed(1)}" y="${(l.y - 10).toFixed(1)}" width="${w.toFixed(1)}" height="20" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
      text(l.x + 13, l.y + 5, l.label, { size: 15, weight: l.weight, fill: l.colour }),
    );
  }
  if (!p.series.some((s) => s.points.length > 0))
    out.push(
      text((left + WIDTH - PAD) / 2, top + 24, words.empty, { size: 18, fill: MUTED, anchor: 'middle' }),
    );
}

function svgDocument(body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Inter">${body.join('')}</svg>`;
}

type TextOptions = { size?: number; weight?: number; fill?: string; anchor?: string };
function text(x: number, y: number, content: string, o: TextOptions = {}) {
  const anchor = o.anchor ? ` text-anchor="${o.anchor}"` : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${o.size ?? 17}" font-weight="${o.weight ?? 400}" fill="${o.fill ?? INK}"${anchor}>${escapeXml(content)}</text>`;
}

function polyline(pts: readonly (readonly [number, number])[], colour: string, width: number, dash: string) {
  if (pts.length < 2) return '';
  const d = pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

const dot = (x: number, y: number, colour: string) =>
  `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${colour}" stroke="#ffffff" stroke-width="2"/>`;
const diamond = (x: number, y: number, colour: string) =>
  `<rect x="${(x - 5).toFixed(1)}" y="${(y - 5).toFixed(1)}" width="10" height="10" transform="rotate(45 ${x.toFixed(1)} ${y.toFixed(1)})" fill="#ffffff" stroke="${colour}" stroke-width="2.5"/>`;

/** Moves labels that share an x apart vertically so none overlaps, keeping them inside the plot. */
function spreadLabels(labels: Label[], top: number, bottom: number): Label[] {
  const GAP = 19;
  const groups = new Map<number, Label[]>();
  for (const l of labels) groups.set(Math.round(l.x), [...(groups.get(Math.round(l.x)) ?? []), l]);
  return [...groups.values()].flatMap((group) => {
    const sorted = [...group].sort((a, b) => a.y - b.y);
    const ys: number[] = [];
    for (const l of sorted) ys.push(Math.max(l.y, (ys.at(-1) ?? Number.NEGATIVE_INFINITY) + GAP));
    let limit = bottom - 6;
    for (let i = ys.length - 1; i >= 0; i--) {
      limit = Math.min(ys[i] ?? limit, limit);
      ys[i] = limit;
      limit -= GAP;
    }
    return sorted.map((l, i) => ({ ...l, y: Math.max(top + 6, ys[i] ?? l.y) }));
  });
}

/** Axis bounds on round steps. Zero stays in view unless it would squash a narrow band of values. */
export function niceScale(values: number[], unit: TrendChartSpec['unit']) {
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

function createFormatter(format: Messages['format'], unit: TrendChartSpec['unit']) {
  return (value: number, digits?: number) => {
    const abs = Math.abs(value);
    const fraction = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
    const number = new Intl.NumberFormat(format.locale, {
      minimumFractionDigits: digits ?? 0,
      maximumFractionDigits: fraction,
    })
      .format(value)
      .replace(/^-/, '\u2212'); // a true minus sign, as wide as a digit and easier to see than a hyphen
    // French typography puts a (narrow) no-break space before the percent sign.
    return unit === 'percent' ? format.chartPercent(number) : number;
  };
}

function sortByPeriod<T extends { period: string }>(points: T[], periods: string[]): T[] {
  // A scope recorded twice for one period keeps its last value.
  const latest = new Map(points.map((p) => [p.period, p]));
  return [...latest.values()].sort((a, b) => periods.indexOf(a.period) - periods.indexOf(b.period));
}

const finite = <T extends { value: number }>(points: T[]) => points.filter((p) => Number.isFinite(p.value));

/** Greedy word wrap on estimated widths; the last allowed line ends with an ellipsis if text remains. */
function wrapText(content: string, size: number, weight: number, maxWidth: number, maxLines: number) {
  const lines: string[] = [];
  let current = '';
  for (const word of content.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, size, weight) <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  // An empty title still takes its line, so the plot does not move up.
  lines.push(current);
  if (lines.length <= maxLines) return lines.map((l) => ellipsise(l, size, weight, maxWidth));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsise(`${kept[maxLines - 1]} ${lines[maxLines]}`, size, weight, maxWidth, true);
  return kept;
}

function ellipsise(content: string, size: number, weight: number, maxWidth: number, force = false): string {
  if (!force && textWidth(content, size, weight) <= maxWidth) return content;
  let cut = content;
  while (cut && textWidth(`${cut}…`, size, weight) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Inter advance widths in em, measured per class of glyph; resvg offers no text metrics before rendering. */
function textWidth(content: string, size: number, weight: number): number {
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
function clean(content: string): string {
  return content.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

// Numeric references cover the five markup characters without a lookup table.
const escapeXml = (content: string) => content.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
