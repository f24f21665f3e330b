/**
 * Trend charts of indicator values as PNG images, for chat surfaces that cannot draw charts
 * themselves (Slack, Teams). Vega-Lite describes the chart (chart-spec.ts), Vega lays it out and
 * writes the SVG without a browser or a canvas, and resvg rasterises it with Inter embedded, so the
 * picture is the same on every host whatever fonts it has installed. Nothing is fetched.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec } from '../core/measurements/deps.ts';
import { LABELS, trendChartSpec } from './chart-spec.ts';
import { placeLabels, textWidth } from './chart-text.ts';

export { niceScale } from './chart-text.ts';

/**
 * What a trend chart shows, as the core describes it (see ChartSpec): percent values are points
 * (62.5 means 62,5 %); long titles wrap on two lines then end with an ellipsis; periods found only
 * in points or targets are appended to the x axis; targets are drawn dashed in their series' colour.
 */
export type TrendChartSpec = ChartSpec;

type Vega = typeof import('vega');
type TextItem = { fontSize?: unknown; fontWeight?: unknown; text?: unknown; limit?: unknown };
type TextWidth = (item: TextItem, text?: string) => number;
type VegaLite = typeof import('vega-lite');
let libraries: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

/** Vega takes a tenth of a second to load: only when a chart is drawn, and once. */
function loadVega() {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // Vega measures text with a canvas, which a server has not; this is the hook it offers for
    // that case (vl-convert uses it too), fed with Inter's widths. Exported, but not in its typings.
    const { textMetrics } = vega as unknown as { textMetrics: { width: TextWidth } };
    textMetrics.width = (item, text) => {
      const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
      const weight = Number(item.fontWeight) || (item.fontWeight === 'bold' ? 700 : 400);
      const width = textWidth(String(text ?? item.text ?? ''), size, weight);
      // Vega's own measures return the width of the text once cut to its limit; so must this one.
      const limit = Number(item.limit);
      return limit > 0 ? Math.min(width, limit) : width;
    };
    return { vega, vegaLite };
  });
  return libraries;
}

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
export async function renderTrendChart(spec: TrendChartSpec): Promise<Buffer> {
  const resvg = new Resvg(await buildTrendChartSvg(spec), {
    font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter' },
    fitTo: { mode: 'width', value: 1200 },
  });
  return resvg.render().asPng();
}

/** The SVG source of {@link renderTrendChart}, 1000 × 600 user units. */
export async function buildTrendChartSvg(spec: TrendChartSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const chart = trendChartSpec(spec);
  const view = new vega.View(vega.parse(vegaLite.compile(chart.spec).spec), {
    renderer: 'none',
    // Everything the chart needs is inline: refuse any URL rather than fetch it.
    loader: { ...vega.loader(), load: refuse, sanitize: refuse },
  });
  try {
    // The value labels are placed in pixels, so after a first layout has sized the plot.
    await view.runAsync();
    if (chart.labels.length > 0) {
      view.data(LABELS, placeLabels(chart.labels, view.height(), chart.domain));
      await view.runAsync();
    }
    return withTitle(await view.toSVG(), chart.title, chart.subtitle);
  } finally {
    view.finalize();
  }
}

const refuse = () => Promise.reject(new Error('a chart loads nothing'));

/**
 * The accessible name and description of the picture: Vega labels each mark for screen readers but
 * leaves the document itself unnamed when it writes SVG without a page around it.
 */
function withTitle(svg: string, title: string, subtitle: string | undefined): string {
  const desc = subtitle ? `<desc>${escapeXml(subtitle)}</desc>` : '';
  return svg.replace(/^<svg[^>]*>/u, (open) => `${open}<title>${escapeXml(title)}</title>${desc}`);
}

// Numeric references cover the five markup characters without a lookup table.
const escapeXml = (content: string) => content.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
