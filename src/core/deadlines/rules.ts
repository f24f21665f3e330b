/**
 * Due dates of a DateRule. Only the day matters for a reporting deadline, so a cron expression is used
 * for its day fields (dom, mon, dow); minute and hour are validated but do not move the due date.
 * croner finds the matching days. The field checks before it are ours: they name the faulty field in
 * the user's language, which croner's English messages cannot, and they keep the accepted syntax to
 * classic five-field cron (croner alone would also take '?', L, W, # and a seconds field).
 */
import { Cron } from 'croner';
import { DEFAULT_LANG, type Messages, messages } from '../kernel/messages/index.ts';
import type { Lang } from '../kernel/types.ts';
import { dateOfDay, dayNumber, daysInMonth } from './calendar.ts';
import type { DateRule } from './types.ts';

export type RuleCheck = { ok: true } | { ok: false; error: string };

/** A valid expression, with the croner evaluator of its day fields. */
export type CronParse = { ok: true; cron: Cron } | { ok: false; error: string };

interface FieldSpec {
  field: keyof Messages['deadlines']['rules']['cronFields'];
  min: number;
  max: number;
  names?: string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: FieldSpec[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'dayOfMonth', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: ['', ...MONTH_NAMES] },
  { field: 'dayOfWeek', min: 0, max: 7, names: DAY_NAMES },
];
const DAY_MS = 86_400_000;

function parseValue(token: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= spec.min ? index : undefined;
}

/** The reason why one field is malformed, in `lang`, or undefined when it is well formed. */
function checkField(text: string, spec: FieldSpec, lang: Lang): string | undefined {
  const t = messages(lang).deadlines.rules;
  const label = t.cronFields[spec.field];
  const range = `${spec.min}–${spec.max}`;
  for (const item of text.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match?.[1]) return t.notAValue(item, label);
    if (match[2] !== undefined && Number(match[2]) < 1) return t.stepTooSmall(match[2], label);
    if (match[1] === '*') continue;
    const [from = '', to] = match[1].split('-');
    const a = parseValue(from, spec);
    const b = to === undefined ? a : parseValue(to, spec);
    if (a === undefined) return t.outOfRange(from, label, range);
    if (b === undefined) return t.outOfRange(to ?? '', label, range);
    if (b < a) return t.reversed(match[1], label);
  }
  return undefined;
}

/**
 * The same field in the form croner takes. "5/2" means "5 to the end by 2" here (Vixie's "7 is
 * Sunday" included), which croner reads only as a range; and a step longer than the field, which
 * simply keeps the first value, croner rejects, so it is shortened to croner's limit (31, 12 or 7).
 */
function toCronerField(text: string, spec: FieldSpec): string {
  return text
    .split(',')
    .map((item) => {
      const [values = '*', step] = item.split('/');
      if (step === undefined) return item;
      const range = values === '*' || values.includes('-') ? values : `${values}-${spec.max}`;
      return `${range}/${Math.min(Number(step), spec.max)}`;
    })
    .join(',');
}

/**
 * Parses a 5-field cron expression (min hour dom mon dow) with '*', lists, ranges, steps and names;
 * what is wrong is said in `lang`.
 */
export function parseCron(expr: string, lang: Lang = DEFAULT_LANG): CronParse {
  const t = messages(lang).deadlines.rules;
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  const fail = (reason: string): CronParse => ({ ok: false, error: t.badCron(expr.trim(), reason) });
  if (fields.length !== 5) return fail(t.fieldCount(fields.length));
  for (const [i, spec] of FIELDS.entries()) {
    const reason = checkField(fields[i] ?? '', spec, lang);
    if (reason) return fail(reason);
  }
  const [dayOfMonth = '*', month = '*', dayOfWeek = '*'] = [2, 3, 4].map((i) =>
    toCronerField(fields[i] ?? '*', FIELDS[i] as FieldSpec),
  );
  let cron: Cron;
  try {
    // Midnight UTC in "day space": a day number is a local calendar day, so no zone applies, and
    // a real hour could fall in a DST gap and lose the day. Vixie cron ORs the two day fields only
    // when neither starts with '*' ("*/10" included), where croner would OR unless one is exactly '*'.
    cron = new Cron(`0 0 ${dayOfMonth} ${month} ${dayOfWeek}`, {
      utcOffset: 0,
      mode: '5-part',
      domAndDow: dayOfMonth.startsWith('*') || dayOfWeek.startsWith('*'),
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  // "0 9 30 2 *" parses but never fires: say so now rather than stay silent for ever. 2000 is a leap
  // year, so a 29 February rule is found.
  if (cron.nextRun(new Date(Date.UTC(2000, 0, 1) - 1000)) === null) {
    return fail(t.neverDue);
  }
  return { ok: true, cron };
}

function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && dateOfDay(dayNumber(date)) === date;
}

/** Checks a rule before it is saved; the error, in `lang`, names what is wrong. */
export function validateRule(rule: DateRule, lang: Lang = DEFAULT_LANG): RuleCheck {
  const t = messages(lang).deadlines.rules;
  if (rule.kind === 'yearly') {
    const { month, day } = rule;
    if (!Number.isInteger(month) || month < 1 || month > 12) return { ok: false, error: t.badMonth(month) };
    // 2000 is a leap year, so "29 février" is accepted (see occurrenceDays for the other years).
    if (!Number.isInteger(day) || day < 1 || day > daysInMonth(2000, month)) {
      return { ok: false, error: t.impossibleDay(day, month) };
    }
    return { ok: true };
  }
  if (rule.kind === 'dates') {
    if (rule.dates.length === 0) return { ok: false, error: t.noDates };
    const bad = rule.dates.find((date) => !isRealDate(date));
    return bad === undefined ? { ok: true } : { ok: false, error: t.badDate(bad) };
  }
  const parsed = parseCron(rule.expr, lang);
  return parsed.ok ? { ok: true } : parsed;
}

// Sweeps ask for the same few rules and windows thousands of times: parse each expression, and list
// each (expression, window), once.
const cronCache = new Map<string, Cron | null>();
const cronDaysCache = new Map<string, readonly number[]>();
const datesCache = new WeakMap<string[], number[]>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function cronDays(expr: string, fromDay: number, toDay: number): readonly number[] {
  return remember(cronDaysCache, `${fromDay}|${toDay}|${expr}`, () => {
    const cron = remember(cronCache, expr, () => {
      const parsed = parseCron(expr);
      return parsed.ok ? parsed.cron : null;
    });
    const days: number[] = [];
    // nextRun looks strictly after its argument: start one second before the first midnight.
    let run = cron?.nextRun(new Date(fromDay * DAY_MS - 1000));
    while (run && run.getTime() <= toDay * DAY_MS) {
      days.push(run.getTime() / DAY_MS);
      run = cron?.nextRun(run);
    }
    return days;
  });
}

/**
 * Due dates of `rule` as day numbers within [fromDay, toDay], ascending. An invalid rule has no
 * occurrence (validateRule is where it is reported). A yearly 29 February falls on 28 February in
 * years without one, so the deadline does not vanish three years out of four.
 */
export function occurrenceDays(rule: DateRule, fromDay: number, toDay: number): readonly number[] {
  if (toDay < fromDay) return [];
  if (rule.kind === 'yearly') {
    if (validateRule(rule).ok === false) return [];
    const days: number[] = [];
    const lastYear = Number(dateOfDay(toDay).slice(0, 4));
    for (let year = Number(dateOfDay(fromDay).slice(0, 4)); year <= lastYear; year++) {
      const day = Math.min(rule.day, daysInMonth(year, rule.month));
      const n = Date.UTC(year, rule.month - 1, day) / DAY_MS;
      if (n >= fromDay && n <= toDay) days.push(n);
    }
    return days;
  }
  if (rule.kind === 'dates') {
    let sorted = datesCache.get(rule.dates);
    if (!sorted) {
      sorted = [...new Set(rule.dates.filter(isRealDate).map(dayNumber))].sort((a, b) => a - b);
      datesCache.set(rule.dates, sorted);
    }
    return sorted.filter((n) => n >= fromDay && n <= toDay);
  }
  return cronDays(rule.expr, fromDay, toDay);
}

/** Due dates 'YYYY-MM-DD' of `rule` between the local dates `from` and `to`, both included. */
export function listOccurrences(rule: DateRule, from: string, to: string): string[] {
  return occurrenceDays(rule, dayNumber(from), dayNumber(to)).map(dateOfDay);
}
