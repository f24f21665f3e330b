import type { rules as fr } from '../fr/deadline-rules.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const rules: typeof fr = {
  yearly: (day, month) => `every year on ${day} ${MONTHS[month - 1]}`,
  dates: (dates) => `on ${dates.join(', ')}`,
  cron: (expr) => `cron “${expr}”`,
  oneRule: 'Give a single date rule: --yearly, --date or --cron.',
  badYearly: (text) => `Unreadable yearly date “${text}”: write MM-DD, for example 06-30.`,
  badLeads: (text) =>
    `Unreadable lead times “${text}”: numbers of days separated by commas, for example 14,7,1.`,
  unknownIndicator: (word) => `Unknown indicator “${word}”: give its id (for example i0ab56d1).`,
  noRule: 'Give the date: --yearly MM-DD (every year), --date YYYY-MM-DD or --cron "EXPR".',
  unknownScope: (word) => `Unknown scope “${word}”.`,
  outsideAcademie: (scope) => `${scope} is not in this indicator’s académie.`,
  badRecipient: (reference, why) => `Unreadable recipient “${reference}”: ${why}`,
  noRecipient:
    'Give at least one recipient: --owner alice, --owner slack:U123 or --owner slack:#C123 (channel).',
  unknownDeadline: (id) => `Unknown deadline “${id}” (see “deadline list”).`,
  badMonth: (month) => `Invalid month: ${month} (expected between 1 and 12).`,
  impossibleDay: (day, month) => `Impossible date: ${day} ${MONTHS[month - 1]} does not exist.`,
  noDates: 'No due date given.',
  badDate: (date) => `Impossible date: “${date}” is not an existing YYYY-MM-DD date.`,
  cronFields: {
    minute: 'minute',
    hour: 'hour',
    dayOfMonth: 'day of month',
    month: 'month',
    dayOfWeek: 'day of week',
  },
  badCron: (expr, reason) => `Invalid cron expression “${expr}”: ${reason}.`,
  fieldCount: (found) => `5 fields are needed (minute hour day-of-month month day-of-week), ${found} found`,
  notAValue: (item, field) => `“${item}” is not a valid value for the ${field} field`,
  stepTooSmall: (step, field) => `the step “/${step}” of the ${field} field must be at least 1`,
  outOfRange: (value, field, range) => `“${value}” is out of range for the ${field} field (${range})`,
  reversed: (range, field) => `the range “${range}” of the ${field} field is backwards`,
  neverDue: 'no day of the year matches (impossible date)',
  defaultsFile:
    'this file gives the default date rules of each plan (data/deadlines.json), not deadlines: ' +
    'add a deadline with “boussole deadline add INDICATOR --scope P --owner U” (the plan’s default rule applies), ' +
    'or import a file {"deadlines": [{"indicator", "scope", "rule", "owners"}]} (format in the README)',
  listExpected: 'a “deadlines” list is expected (format in the README, “Échéances et rappels”)',
  entry: (n, error) => `entry ${n}: ${error}`,
};
