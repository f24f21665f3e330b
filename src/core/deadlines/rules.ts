/**
 * Due dates of a DateRule. Only the day matters for a reporting deadline, so a cron expression is used
 * for its day fields (dom, mon, dow); minute and hour are validated but do not move the due date.
 * No cron library: src/core stays free of node-cron, and five fields are easy to match by hand.
 */
import { dateOfDay, dayNumber, daysInMonth, weekdayOfDay } from './calendar.ts';
import type { DateRule } from './types.ts';

export type RuleCheck = { ok: true } | { ok: false; error: string };

export interface CronSchedule {
  minute: boolean[];
  hour: boolean[];
  dayOfMonth: boolean[];
  month: boolean[];
  dayOfWeek: boolean[];
  /** Vixie cron: a field not starting with '*' is "restricted"; when both day fields are, either may match. */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

export type CronParse = { ok: true; cron: CronSchedule } | { ok: false; error: string };

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'heure', min: 0, max: 23 },
  { label: 'jour du mois', min: 1, max: 31 },
  { label: 'mois', min: 1, max: 12, names: ['', ...MONTH_NAMES] },
  { label: 'jour de la semaine', min: 0, max: 7, names: DAY_NAMES },
];
const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function parseValue(token: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= spec.min ? index : undefined;
}

/** Fills `into` with the values of one field; returns the French reason when the field is malformed. */
function parseField(text: string, spec: FieldSpec, into: boolean[]): string | undefined {
  const range = `${spec.min}–${spec.max}`;
  for (const item of text.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match?.[1]) return `« ${item} » n'est pas une valeur valide pour le champ ${spec.label}`;
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) return `le pas « /${match[2]} » du champ ${spec.label} doit être au moins 1`;
    let low = spec.min;
    let high = spec.max;
    if (match[1] !== '*') {
      const [from = '', to] = match[1].split('-');
      const a = parseValue(from, spec);
      const b = to === undefined ? (match[2] === undefined ? a : spec.max) : parseValue(to, spec);
      if (a === undefined) return `« ${from} » est hors limites pour le champ ${spec.label} (${range})`;
      if (b === undefined) return `« ${to} » est hors limites pour le champ ${spec.label} (${range})`;
      if (b < a) return `l'intervalle « ${match[1]} » du champ ${spec.label} est à l'envers`;
      low = a;
      high = b;
    }
    for (let v = low; v <= high; v += step) into[v] = true;
  }
  return undefined;
}

/** Parses a 5-field cron expression (min hour dom mon dow) with '*', lists, ranges, steps and names. */
export function parseCron(expr: string): CronParse {
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  const fail = (reason: string): CronParse => ({
    ok: false,
    error: `Expression cron « ${expr.trim()} » invalide : ${reason}.`,
  });
  if (fields.length !== 5) {
    return fail(
      `il faut 5 champs (minute heure jour-du-mois mois jour-de-la-semaine), ${fields.length} trouvé(s)`,
    );
  }
  const sets = FIELDS.map(() => [] as boolean[]);
  for (const [i, spec] of FIELDS.entries()) {
    const reason = parseField(fields[i] ?? '', spec, sets[i] ?? []);
    if (reason) return fail(reason);
  }
  const [minute = [], hour = [], dayOfMonth = [], month = [], dayOfWeek = []] = sets;
  if (dayOfWeek[7]) dayOfWeek[0] = true; // 7 is another name for Sunday
  const cron: CronSchedule = {
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek,
    dayOfMonthRestricted: !fields[2]?.startsWith('*'),
    dayOfWeekRestricted: !fields[4]?.startsWith('*'),
  };
  // "0 9 30 2 *" parses but never fires: say so now rather than stay silent for ever.
  if (cron.dayOfMonthRestricted && !cron.dayOfWeekRestricted) {
    const possible = month.some(
      (on, m) => on && dayOfMonth.some((d, day) => d && day <= daysInMonth(2000, m)),
    );
    if (!possible) return fail("aucun jour de l'année ne correspond (date impossible)");
  }
  return { ok: true, cron };
}

/** Whether the day (month 1–12, day of month, weekday 0 = Sunday) is an occurrence of `cron`. */
export function cronMatchesDay(cron: CronSchedule, month: number, day: number, weekday: number): boolean {
  if (!cron.month[month]) return false;
  const dom = cron.dayOfMonth[day] === true;
  const dow = cron.dayOfWeek[weekday] === true;
  return cron.dayOfMonthRestricted && cron.dayOfWeekRestricted ? dom || dow : dom && dow;
}

function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && dateOfDay(dayNumber(date)) === date;
}

/** Checks a rule before it is saved; the error is French and names what is wrong. */
export function validateRule(rule: DateRule): RuleCheck {
  if (rule.kind === 'yearly') {
    const { month, day } = rule;
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      return { ok: false, error: `Mois invalide : ${month} (attendu entre 1 et 12).` };
    }
    // 2000 is a leap year, so "29 février" is accepted (see occurrenceDays for the other years).
    if (!Number.isInteger(day) || day < 1 || day > daysInMonth(2000, month)) {
      return { ok: false, error: `Date impossible : le ${day} ${MOIS[month - 1]} n'existe pas.` };
    }
    return { ok: true };
  }
  if (rule.kind === 'dates') {
    if (rule.dates.length === 0) return { ok: false, error: 'Aucune date d’échéance indiquée.' };
    const bad = rule.dates.find((date) => !isRealDate(date));
    if (bad !== undefined) {
      return { ok: false, error: `Date impossible : « ${bad} » n'est pas une date AAAA-MM-JJ existante.` };
    }
    return { ok: true };
  }
  const parsed = parseCron(rule.expr);
  return parsed.ok ? { ok: true } : parsed;
}

// Sweeps ask for the same few rules thousands of times; parse each expression or date list once.
const cronCache = new Map<string, CronSchedule | null>();
const datesCache = new WeakMap<string[], number[]>();

function cachedCron(expr: string): CronSchedule | null {
  let cron = cronCache.get(expr);
  if (cron === undefined) {
    const parsed = parseCron(expr);
    cron = parsed.ok ? parsed.cron : null;
    if (cronCache.size > 10_000) cronCache.clear();
    cronCache.set(expr, cron);
  }
  return cron;
}

/**
 * Due dates of `rule` as day numbers within [fromDay, toDay], ascending. An invalid rule has no
 * occurrence (validateRule is where it is reported). A yearly 29 February falls on 28 February in
 * years without one, so the deadline does not vanish three years out of four.
 */
export function occurrenceDays(rule: DateRule, fromDay: number, toDay: number): number[] {
  if (toDay < fromDay) return [];
  if (rule.kind === 'yearly') {
    if (validateRule(rule).ok === false) return [];
    const days: number[] = [];
    const lastYear = Number(dateOfDay(toDay).slice(0, 4));
    for (let year = Number(dateOfDay(fromDay).slice(0, 4)); year <= lastYear; year++) {
      const day = Math.min(rule.day, daysInMonth(year, rule.month));
      const n = Date.UTC(year, rule.month - 1, day) / 86_400_000;
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
  const cron = cachedCron(rule.expr);
  if (!cron) return [];
  const days: number[] = [];
  // Walk the calendar by hand: formatting a date per day would dominate a 100,000-pair sweep.
  const start = dateOfDay(fromDay);
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  let day = Number(start.slice(8, 10));
  let monthLength = daysInMonth(year, month);
  for (let n = fromDay; n <= toDay; n++) {
    if (cronMatchesDay(cron, month, day, weekdayOfDay(n))) days.push(n);
    if (++day > monthLength) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
      monthLength = daysInMonth(year, month);
    }
  }
  return days;
}

/** Due dates 'YYYY-MM-DD' of `rule` between the local dates `from` and `to`, both included. */
export function listOccurrences(rule: DateRule, from: string, to: string): string[] {
  return occurrenceDays(rule, dayNumber(from), dayNumber(to)).map(dateOfDay);
}
