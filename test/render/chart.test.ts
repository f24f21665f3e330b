import { describe, expect, it } from 'vitest';
import {
  buildTrendChartSvg,
  niceScale,
  renderTrendChart,
  type TrendChartSpec,
} from '../../src/render/chart.ts';
import { decodePng } from '../helpers/teams-png.ts';

const PERIODS = ['2023-2024', '2024-2025', '2025-2026'];

function spec(overrides: Partial<TrendChartSpec> = {}): TrendChartSpec {
  return {
    title: "% d'élèves groupe 3 faits numériques",
    subtitle: 'Projet académique 2023-2027',
    unit: 'percent',
    periods: PERIODS,
    series: [
      {
        name: 'Cantal',
        points: [
          { period: '2023-2024', value: 41.2 },
          { period: '2024-2025', value: 45.8 },
          { period: '2025-2026', value: 62.5 },
        ],
      },
      { name: 'Allier', points: [{ period: '2024-2025', value: 40.1 }] },
    ],
    targets: [{ name: 'Cantal', period: '2025-2026', value: 70 }],
    ...overrides,
  };
}

/** Rows (top to bottom) where two same-sized RGBA images differ, or where `a` has dark ink. */
function rowsWhere(a: Buffer, width: number, test: (i: number) => boolean): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < a.length; i += 4) if (test(i)) rows.add(Math.floor(i / 4 / width));
  return [...rows].sort((x, y) => x - y);
}

describe('renderTrendChart', () => {
  it('returns a PNG 1200 pixels wide, with the size written in its IHDR header', async () => {
    const png = await renderTrendChart(spec());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(720);
  });

  it('draws the title with the embedded Inter font, accents included', async () => {
    const titleOnly = async (title: string) =>
      decodePng(await renderTrendChart(spec({ title, subtitle: undefined, series: [], targets: [] })));
    const blank = await titleOnly(' ');
    const plain = await titleOnly('e');
    const accented = await titleOnly('é');
    expect(plain.rgba.equals(blank.rgba)).toBe(false);

    // The acute accent adds ink only above the letter: a missing glyph box would differ lower down.
    const { width } = plain;
    const titleBand = (i: number) => i / 4 / width < 90;
    const eInk = rowsWhere(plain.rgba, width, (i) => titleBand(i) && (plain.rgba[i] ?? 255) < 128);
    const accentRows = rowsWhere(
      plain.rgba,
      width,
      (i) => titleBand(i) && plain.rgba[i] !== accented.rgba[i],
    );
    expect(eInk.length).toBeGreaterThan(5);
    expect(accentRows.length).toBeGreaterThan(3);
    expect(Math.max(...accentRows)).toBeLessThan(Math.min(...eInk));
  });

  it('shows "Aucune valeur enregistrée" instead of axes when nothing was recorded', async () => {
    const svg = await buildTrendChartSvg(spec({ series: [{ name: 'Cantal', points: [] }], targets: [] }));
    expect(svg).toContain('Aucune valeur enregistrée');
    // Vega names its groups by role: no axis and no line is drawn.
    expect(svg).not.toMatch(/role-axis|mark-line/);
    expect(await buildTrendChartSvg(spec({ series: [], targets: [], lang: 'en' }))).toContain(
      'No value recorded',
    );
    expect(decodePng(await renderTrendChart(spec({ series: [], targets: [] }))).width).toBe(1200);
  });

  it('keeps the targets visible, with the empty-state notice, when only targets exist', async () => {
    const svg = await buildTrendChartSvg(spec({ series: [] }));
    expect(svg).toContain('Aucune valeur enregistrée');
    expect(svg).toContain('Cible 70');
  });

  it('writes values the French way, and the English way when asked', async () => {
    const fr = await buildTrendChartSvg(spec());
    expect(fr).toContain('>62,5\u202f%<');
    expect(fr).toContain('>Cible<');
    const en = await buildTrendChartSvg(spec({ lang: 'en' }));
    expect(en).toContain('>62.5%<');
    expect(en).toContain('>Target<');
    const counts = spec({
      unit: 'count',
      series: [{ name: 'Cantal', points: [{ period: '2025-2026', value: 12345 }] }],
    });
    expect(await buildTrendChartSvg(counts)).toContain('>12\u202f345<');
    expect(await buildTrendChartSvg({ ...counts, lang: 'en' })).toContain('>12,345<');
  });

  it('escapes markup in titles and scope names so the SVG stays valid', async () => {
    const tricky = spec({
      title: '<b>R&D</b> "quote" \u0007',
      series: [{ name: 'A<B', points: [{ period: '2025-2026', value: 3 }] }],
    });
    const svg = await buildTrendChartSvg(tricky);
    // The accessible name, then the drawn title and legend, escaped the way Vega writes text.
    expect(svg).toContain('<title>&#60;b&#62;R&#38;D&#60;/b&#62; &#34;quote&#34;</title>');
    expect(svg).toContain('>&lt;b&gt;R&amp;D&lt;/b&gt; "quote"<');
    expect(svg).toContain('>A&lt;B<');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u0007');
    expect(decodePng(await renderTrendChart(tricky)).width).toBe(1200);
  });

  it('names the picture with its title and describes it with its subtitle', async () => {
    const svg = await buildTrendChartSvg(spec());
    expect(svg).toMatch(
      /^<svg[^>]*><title>% d&#39;élèves groupe 3 faits numériques<\/title><desc>Projet académique 2023-2027<\/desc>/u,
    );
  });

  it('cuts a very long title after two lines with an ellipsis', async () => {
    const svg = await buildTrendChartSvg(spec({ title: 'Indicateur très long '.repeat(20) }));
    // Vega writes a title of several lines as one text element, a tspan per line.
    const title = svg.match(/<text[^>]*font-size="26px"[^>]*>(.*?)<\/text>/u)?.[1] ?? '';
    const titleLines = title.match(/<tspan[^>]*>[^<]*<\/tspan>/gu) ?? [];
    expect(titleLines).toHaveLength(2);
    expect(titleLines[0]).toContain('Indicateur très long');
    expect(titleLines[0]).not.toContain('…');
    expect(titleLines[1]).toContain('…');
  });

  it('labels every other period when they do not fit, always keeping the latest', async () => {
    const periods = Array.from({ length: 12 }, (_, i) => `${2014 + i}-${2015 + i}`);
    const points = periods.map((period, i) => ({ period, value: i }));
    const svg = await buildTrendChartSvg(
      spec({ periods, series: [{ name: 'Cantal', points }], targets: [] }),
    );
    const shown = periods.filter((p) => svg.includes(`>${p}</text>`));
    expect(shown.length).toBeLessThan(12);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.at(-1)).toBe('2025-2026');
  });

  it('gives six series six distinct colour-blind-safe colours, all visible in the picture', async () => {
    const names = ['Cantal', 'Allier', 'Haute-Loire', 'Puy-de-Dôme', 'Académie', 'Réseau'];
    const six = spec({
      unit: 'count',
      series: names.map((name, k) => ({
        name,
        points: PERIODS.map((period, i) => ({ period, value: 1000 * k + 300 * i })),
      })),
      targets: [],
    });
    const { rgba } = decodePng(await renderTrendChart(six));
    const colours = new Set<string>();
    for (let i = 0; i < rgba.length; i += 4)
      colours.add(
        `#${rgba
          .subarray(i, i + 3)
          .toString('hex')
          .toUpperCase()}`,
      );
    for (const colour of ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'])
      expect(colours).toContain(colour);
  });

  it('renders a single point, zeros, huge counts and negative values', async () => {
    const cases: Partial<TrendChartSpec>[] = [
      { series: [{ name: 'Cantal', points: [{ period: '2025-2026', value: 0 }] }], targets: [] },
      { unit: 'count', series: [{ name: 'Allier', points: [{ period: '2025-2026', value: 12345 }] }] },
      { unit: 'number', series: [{ name: 'Allier', points: [{ period: '2024-2025', value: -3.5 }] }] },
      { periods: ['2025-2026'], series: [{ name: 'Cantal', points: [{ period: '2025-2026', value: 50 }] }] },
    ];
    for (const overrides of cases)
      expect(decodePng(await renderTrendChart(spec(overrides))).height).toBe(720);
    expect(await buildTrendChartSvg(spec(cases[2]))).toContain('\u22123,5');
  });
});

describe('niceScale', () => {
  it('uses 0–100 for percentages spread widely, and zooms on a narrow band', () => {
    expect(niceScale([12, 80], 'percent')).toMatchObject({ min: 0, max: 100 });
    const narrow = niceScale([61, 64.5], 'percent');
    expect(narrow.min).toBeGreaterThan(0);
    expect(narrow.max).toBeLessThanOrEqual(100);
    expect(narrow.min).toBeLessThanOrEqual(61);
    expect(narrow.max).toBeGreaterThanOrEqual(64.5);
  });

  it('puts ticks on round numbers covering huge counts, zero and negatives', () => {
    const counts = niceScale([0, 12345], 'count');
    expect(counts.min).toBe(0);
    expect(counts.max).toBeGreaterThanOrEqual(12345);
    expect(counts.ticks.every((t) => Number.isInteger(t) && t % 500 === 0)).toBe(true);
    const negative = niceScale([-3.5, 0.8], 'number');
    expect(negative.min).toBeLessThanOrEqual(-3.5);
    expect(negative.ticks).toContain(0);
    expect(niceScale([0], 'count').ticks.length).toBeGreaterThan(1);
  });
});
