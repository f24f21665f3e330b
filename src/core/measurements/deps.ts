import type { PlanLibrary } from '../plans/library.ts';
import type { IndicatorCatalog } from './indicators.ts';
import type { MeasurementExtractor, MeasurementRepository } from './ports.ts';

/** A trend chart, drawn by whoever renders images (src/render/chart.ts); the core only describes it. */
export interface ChartSpec {
  title: string;
  subtitle?: string;
  unit: 'percent' | 'count' | 'number';
  periods: string[];
  series: { name: string; points: { period: string; value: number }[] }[];
  targets: { name: string; period: string; value: number }[];
  lang?: 'fr' | 'en';
}

export type TableFormat = 'csv' | 'xlsx';

/** A one-sheet table: a header row and cells (text, numbers, or empty). */
export interface TableSpec {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
}

/** What the measurement features of the router need. */
export interface MeasurementDeps {
  repo: MeasurementRepository;
  library(): PlanLibrary;
  catalog(): IndicatorCatalog;
  /** User keys from BOUSSOLE_ADMINS. */
  admins: readonly string[];
  now(): Date;
  renderChart?(spec: ChartSpec): Promise<Buffer>;
  /** Writes a table as a CSV (French Excel) or XLSX file (src/render); absent, no export. */
  renderTable?(format: TableFormat, table: TableSpec): Promise<Buffer>;
  /** The LLM reader for free text the rules could not complete; absent without an LLM. */
  extractor?: MeasurementExtractor;
  /** Refusals and other events worth a log line (never secrets). */
  log?(event: string, data: Record<string, unknown>): void;
}
