import { addDays, schoolYear } from '../deadlines/calendar.ts';
import { listOccurrences } from '../deadlines/rules.ts';
import type { Deadline } from '../deadlines/types.ts';
import type { IndicatorInfo } from '../measurements/indicators.ts';
import type { Measurement, TargetValue } from '../measurements/types.ts';
import { type Progress, targetOf, verdictOf } from '../measurements/views.ts';

/** The card's verdicts, and one for a scope and period that has no value at all. */
export type Verdict = Progress | 'no_value';

/** Everything recorded, as one answer reads it: values in force, targets, deadlines, and today. */
export interface ProgressData {
  /** Values in force (newest version not rejected, proposals included), see `currentValues`. */
  values: Measurement[];
  targets: TargetValue[];
  deadlines: Deadline[];
  /** Today's date, "YYYY-MM-DD". */
  today: string;
}

/** Where one indicator stands for one scope. */
export interface ProgressRow {
  indicator: IndicatorInfo;
  scope: string;
  /** The value for the period asked, else the latest one. */
  value?: Measurement;
  /** The period the row is about: the one asked, or the value's. */
  period?: string;
  /** The value it is compared with: the period asked second, else the latest one before. */
  previous?: Measurement & { value: number };
  target?: number;
  baseline?: number;
  /** No target for the value's period: the next one set for a later period, shown for information. */
  laterTarget?: { period: string; value: number };
  verdict: Verdict;
  /** Next reporting date of this indicator and scope, "YYYY-MM-DD". */
  nextDue?: string;
  /** The last reporting date passed without a value for its school year. */
  overdue?: { due: string; period: string };
}

/** How far back a missed reporting date still makes an indicator late. */
const LATE_WINDOW_DAYS = 366;

/**
 * Where an indicator stands for a scope: the value for `period` (else the latest), the one to
 * compare it with (`since`, else the latest before), its target and the card's verdict, and the
 * reporting dates of its deadlines.
 */
export function rowOf(
  indicator: IndicatorInfo,
  scope: string,
  data: ProgressData,
  options: { period?: string; since?: string } = {},
): ProgressRow {
  const id = indicator.node.id;
  const own = data.values
    .filter((m) => m.indicatorId === id && m.scope === scope)
    .sort((a, b) => a.period.localeCompare(b.period));
  const value = options.period ? own.find((m) => m.period === options.period) : own.at(-1);
  const period = options.period ?? value?.period;
  const numeric = own.filter((m): m is Measurement & { value: number } => typeof m.value === 'number');
  const previous = options.since
    ? numeric.find((m) => m.period === options.since)
    : period
      ? numeric.filter((m) => m.period < period).at(-1)
      : undefined;
  const targets = data.targets.filter((x) => x.indicatorId === id);
  const target = period ? targetOf(targets, scope, period, 'target') : undefined;
  const baseline = period ? targetOf(targets, scope, period, 'baseline') : undefined;
  const later = targets
    .filter((x) => x.scope === scope && x.kind === 'target' && (!period || x.period > period))
    .sort((a, b) => a.period.localeCompare(b.period))[0];
  const dates = deadlineDates(
    data.deadlines.filter((d) => d.indicatorId === id && d.scope === scope),
    data.today,
    (p) => own.some((m) => m.period === p),
  );
  return {
    indicator,
    scope,
    ...(value ? { value } : {}),
    ...(period ? { period } : {}),
    ...(previous && previous !== value ? { previous } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(target === undefined && later ? { laterTarget: { period: later.period, value: later.value } } : {}),
    verdict: value ? verdictOf(indicator, value, targets) : 'no_value',
    ...dates,
  };
}

/** The next reporting date, and the last one passed without a value for its school year. */
function deadlineDates(
  deadlines: Deadline[],
  today: string,
  hasValue: (period: string) => boolean,
): { nextDue?: string; overdue?: { due: string; period: string } } {
  let nextDue: string | undefined;
  let overdue: { due: string; period: string } | undefined;
  const yesterday = addDays(today, -1);
  for (const deadline of deadlines) {
    const next = listOccurrences(deadline.rule, today, addDays(today, 2 * LATE_WINDOW_DAYS))[0];
    if (next && (!nextDue || next < nextDue)) nextDue = next;
    const last = listOccurrences(deadline.rule, addDays(today, -LATE_WINDOW_DAYS), yesterday).at(-1);
    if (!last) continue;
    const period = schoolYear(last);
    if (!hasValue(period) && (!overdue || last > overdue.due)) overdue = { due: last, period };
  }
  return { ...(nextDue ? { nextDue } : {}), ...(overdue ? { overdue } : {}) };
}

/** Scopes an indicator has anything for: a value, a target or a deadline. */
export function trackedScopes(indicator: IndicatorInfo, data: ProgressData): string[] {
  const id = indicator.node.id;
  return [
    ...new Set([
      ...data.values.filter((m) => m.indicatorId === id).map((m) => m.scope),
      ...data.targets.filter((x) => x.indicatorId === id).map((x) => x.scope),
      ...data.deadlines.filter((d) => d.indicatorId === id).map((d) => d.scope),
    ]),
  ];
}

/** Whether an indicator has at least two periods of numbers for one scope: a chart shows a trend. */
export function hasTrend(indicator: IndicatorInfo, data: ProgressData): boolean {
  const periods = new Map<string, Set<string>>();
  for (const m of data.values) {
    if (m.indicatorId !== indicator.node.id || typeof m.value !== 'number') continue;
    const set = periods.get(m.scope) ?? new Set<string>();
    set.add(m.period);
    periods.set(m.scope, set);
  }
  return [...periods.values()].some((set) => set.size > 1);
}

/**
 * The period a value would be recorded for now: the one a missed reporting date was for, else
 * the school year of the next reporting date, else the current school year.
 */
export function reportingPeriod(row: ProgressRow, today: string): string {
  return row.overdue?.period ?? schoolYear(row.nextDue ?? today);
}
