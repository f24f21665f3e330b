/**
 * Calendar arithmetic for deadlines. Zone conversions go through @date-fns/tz (TZDate reads the zone
 * rules from Intl and resolves DST gaps and overlaps), ISO weeks and month lengths through date-fns.
 * Local dates are 'YYYY-MM-DD' strings at the edges and "day numbers" (days since 1970-01-01) inside
 * loops, because integer comparison is what makes a sweep over 100,000 (deadline × recipient) pairs
 * cheap.
 */
import { TZDateMini } from '@date-fns/tz';
import { formatISO, getDaysInMonth, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';

const DAY_MS = 86_400_000;

/** A calendar day as a date-fns date. UTC, so that no host time zone or DST can shift the day. */
function utcDay(day: number): Date {
  return new TZDateMini(day * DAY_MS, 'UTC');
}

/** The local date 'YYYY-MM-DD' of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return formatISO(new TZDateMini(instant.getTime(), timeZone), { representation: 'date' });
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `date` `hour`:`minute` (local midnight by
 * default). A wall time that does not exist (inside the spring-forward gap) resolves to the instant one
 * hour later on the clock, as a Date built from local fields does.
 */
export function zonedTime(date: string, timeZone: string, hour = 0, minute = 0): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(new TZDateMini(year, month - 1, day, hour, minute, timeZone).getTime());
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

// A sweep formats the same few hundred days over and over; toISOString each time showed in profiles.
const dates = new Map<number, string>();

/** The 'YYYY-MM-DD' date of a day number. */
export function dateOfDay(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size > 100_000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Day number of the Monday of the ISO week containing `day`. */
export function mondayOfDay(day: number): number {
  return startOfISOWeek(utcDay(day)).getTime() / DAY_MS;
}

/** ISO 8601 week id, '2027-W26'; the week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  const day = utcDay(dayNumber(date));
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

/** School year (1 September – 31 August) containing `date`: '2027-06-30' → '2026-2027'. */
export function schoolYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = date.slice(5, 7) >= '09' ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  // A plain Date in the host's zone: month lengths are the same in every zone, and a TZDate costs
  // tens of microseconds, which yearly rules would pay per deadline in every sweep.
  return getDaysInMonth(new Date(year, month - 1, 1));
}
