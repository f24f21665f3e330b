/**
 * Indicator measurements: the values staff record against a plan's indicators, with targets and
 * baselines. Append-only: a correction is a new version whose `supersedes` names the previous one.
 */

/** How an indicator's value is expressed; inferred from the indicator's wording. */
export type MeasureUnit = 'percent' | 'count' | 'number' | 'text';

export type MeasurementStatus = 'proposed' | 'validated' | 'rejected';

export interface MeasurementAuthor {
  platform: string;
  userId: string;
  displayName?: string;
}

export interface Measurement {
  id: string;
  indicatorId: string;
  /** Scope key: the académie ("clermont-ferrand") or a département ("cantal"). */
  scope: string;
  /** Normalised period: school year "2025-2026", calendar year "2026" or a date "2026-06-30". */
  period: string;
  /** A number for percent/count/number indicators, the text for qualitative ones. */
  value: number | string;
  unit: MeasureUnit;
  comment?: string;
  source?: string;
  author: MeasurementAuthor;
  /** ISO 8601 instant. */
  recordedAt: string;
  status: MeasurementStatus;
  /** The id of the version this one corrects, if any. */
  supersedes?: string;
}

/** A target (cible) or a baseline (valeur initiale) for an indicator × scope × period. */
export interface TargetValue {
  indicatorId: string;
  scope: string;
  period: string;
  kind: 'target' | 'baseline';
  value: number;
}
