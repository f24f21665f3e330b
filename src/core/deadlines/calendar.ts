/**
 * Calendar arithmetic for deadlines, with Intl only. Local dates are 'YYYY-MM-DD' strings at the edges
 * and "day numbers" (days since 1970-01-01) inside loops, because integer comparison is what makes a
 * sweep over 100,000 (deadline × recipient) pairs cheap.
 */

const DAY_MS = 86_400_000;

// Creating an Intl.DateTimeFormat costs far more than using one, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  return wall;
}

/** Offset of the zone from UTC at `instantMs`, in milliseconds (+2 h in Paris in summer). */
function offsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(new Date(instantMs), timeZone);
  const seconds = Math.floor(instantMs / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - seconds;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local date 'YYYY-MM-DD' of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `date` `hour`:`minute` (local midnight by
 * default). Correct across DST because the offset is re-read at the candidate instant. A wall time that
 * does not exist (inside the spring-forward gap) resolves to the instant one hour later on the clock.
 */
export function zonedTime(date: string, timeZone: string, hour = 0, minute = 0): Date {
  const wallMs = dayNumber(date) * DAY_MS + (hour * 60 + minute) * 60_000;
  const first = wallMs - offsetMs(wallMs, timeZone);
  const second = wallMs - offsetMs(first, timeZone);
  return new Date(second);
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

/** Day of week of a day number: 0 = Sunday … 6 = Saturday, as in cron (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the Monday of the ISO week containing `day`. */
export function mondayOfDay(day: number): number {
  return day - ((weekdayOfDay(day) + 6) % 7);
}

/** ISO 8601 week id, '2027-W26'; the week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  const thursday = mondayOfDay(dayNumber(date)) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** School year (1 September – 31 August) containing `date`: '2027-06-30' → '2026-2027'. */
export function schoolYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = date.slice(5, 7) >= '09' ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
