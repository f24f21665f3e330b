/**
 * How a trend chart looks, as Vega-Lite configuration: Inter, the muted greys of the axes, a
 * colour-blind-safe palette, the legend on top. What the chart says is in chart-spec.ts.
 */

export const WIDTH = 1000;
export const HEIGHT = 600;
export const INK = '#1f2328';
export const MUTED = '#5b616b';
const GRID = '#e4e6ea';
export const BASELINE = '#9aa0a8';
// Okabe–Ito: distinguishable with the common colour-vision deficiencies; its yellow is left out
// because it disappears on white.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
// Legend samples, in Vega's -1…1 symbol box: a line through a dot, and a line through a diamond.
export const LINE_AND_DOT = 'M-1,0H1M0.4,0A0.4,0.4,0,1,1,-0.4,0A0.4,0.4,0,1,1,0.4,0';
export const LINE_AND_DIAMOND = 'M-1,0H-0.36M0.36,0H1M0,-0.36L0.36,0L0,0.36L-0.36,0Z';
/** Room left and right of the chart; the title is cut to the width in between. */
export const SIDE = 40;

/** The whole picture is WIDTH × HEIGHT: Vega fits the plot inside, around title, legend and axes. */
export const FRAME = {
  width: WIDTH,
  height: HEIGHT,
  autosize: { type: 'fit', contains: 'padding' },
  padding: { left: SIDE, right: SIDE, top: 30, bottom: 24 },
  background: '#ffffff',
};

export const CONFIG = {
  font: 'Inter',
  view: { stroke: null },
  title: {
    anchor: 'start',
    frame: 'bounds',
    fontSize: 26,
    fontWeight: 600,
    color: INK,
    lineHeight: 33,
    limit: WIDTH - 2 * SIDE,
    subtitleFontSize: 17,
    subtitleColor: MUTED,
    subtitlePadding: 8,
    offset: 18,
  },
  axis: { title: null, domain: false, ticks: false, labelFontSize: 15, labelColor: MUTED, labelPadding: 12 },
  axisX: { grid: false, labelAngle: 0, labelPadding: 14, labelLimit: 200 },
  axisY: { grid: true, gridColor: GRID },
  legend: {
    orient: 'top',
    direction: 'horizontal',
    title: null,
    labelFontSize: 16,
    labelColor: INK,
    labelLimit: 260,
    columnPadding: 26,
    // The target sample is a legend of its own: keep it as far from the scopes as they are apart.
    layout: { top: { margin: 26 } },
    symbolSize: 28 * 28,
    symbolStrokeWidth: 3.5,
    offset: 16,
  },
};

/** The target sample is grey: every scope's target is drawn this way, in the scope's colour. */
export const TARGET_LEGEND = {
  symbolType: LINE_AND_DIAMOND,
  encode: {
    symbols: {
      update: {
        stroke: { value: MUTED },
        fill: { value: '#ffffff' },
        strokeWidth: { value: 2.5 },
        strokeDash: { value: [4, 3] },
      },
    },
  },
};
