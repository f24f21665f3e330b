import type { measurements as fr } from '../fr/measurements.ts';

export const measurements: typeof fr = {
  preview: 'Preview — please confirm',
  indicator: 'Indicator',
  scope: 'Scope',
  period: 'Period',
  value: 'Value',
  comment: 'Comment',
  replaces: 'Replaces',
  target: 'Target',
  nothingSaved: 'Nothing is saved until you confirm.',
  confirm: 'Confirm',
  edit: 'Edit',
  cancel: 'Cancel',
  cancelled: 'Entry cancelled: nothing was saved.',
  draftKept: 'Your entry is kept: just send the correction (for example “value 62.5%”), or click “Edit”.',
  askPeriod: 'For which period? Answer for example “2025-2026” (school year), “2026” or a date.',
  askScope: 'For which scope? Answer with the name of the département or académie.',
  askValue: 'What value? Answer for example “62.5%” or “14”.',
  askText: 'This indicator is qualitative: send the text to record.',
  askIndicator:
    'For which indicator? Answer with a few words of its wording (for example “faits numériques” or “constellations”), or its id.',
  pick: 'Several indicators match. Which one?',
  notOwner:
    'This entry belongs to someone else: you cannot confirm it. To record the value yourself, write it in the conversation.',
  notOwnerCancel: 'This entry belongs to someone else: you cannot cancel it. It stays as it is.',
  notOwnerEdit:
    'This entry belongs to someone else: you cannot edit it. To record your own value, write it in a new message.',
  gone: 'This entry is no longer open (cancelled or replaced by a newer one). Send the value again if needed.',
  editHelp:
    'Fix the entry in the form, or send only what changes: “value 62.5%”, “period 2025-2026”, “scope Allier”, “comment …”.',
  status: {
    proposed: 'proposed, awaiting validation',
    validated: 'validated',
    rejected: 'rejected',
  },
  unknownScope: (scope) =>
    `I don’t know the scope “${scope}”. Give a département (Allier, Cantal, Haute-Loire, Puy-de-Dôme…) or the académie.`,
  otherAcademie: (academie, scope) =>
    `This indicator belongs to a plan of the ${academie}: it cannot take a value for ${scope}. Give a scope within that académie.`,
  notAllowed: (name, scope, user) =>
    `You are not allowed to record values for ${name}: you must be a contributor or validator for this scope. An admin can grant it with “grant ${user} contributor ${scope}”. Your entry is kept.`,
  grantOnThisMachine: (user, scope) =>
    `\n\nOn this machine: npm run --silent boussole -- grant ${user} contributor ${scope}`,
  spelledValue: (text) =>
    `I read the value in words (“${text}”): write it in digits, for example “value 62%” or “value 14”.`,
  unreadableValue: (problem, text) => `${problem} (« ${text} »)`,
  unknownPeriod: (period) =>
    `I don’t recognise the period “${period}”. Write a school year (“2025-2026”), a year (“2026”) or a date (“2026-06-30”).`,
  futurePeriod: (period) =>
    `The period ${period} has not started yet: only observed values can be recorded. Give the right period (for example “period 2025-2026”).`,
  unknownIndicator: (asked) => `I found no indicator matching “${asked}”. Did you mean:`,
  unknownIndicatorHow:
    'Send the value again with the indicator’s words, or its id: “record i0ab56d1 cantal 2025-2026 62.5%”.',
  noIndicatorFor: (words) =>
    `I found no indicator for “${words}”. Try other words of its wording, or its id (for example “card i0ab56d1”).`,
  alreadyRecorded: 'This value is already recorded (nothing was added):',
  recorded: '✅ Value recorded:',
  statusLine: (status, id) => `Status: ${status}. Reference: \`${id}\`.`,
  replacesPrevious: 'It replaces the previous value, which stays in the history.',
  previous: (value, day, who) => `${value} recorded on ${day} by ${who} (kept in the history)`,
  editTitle: 'Edit the entry',
  previewButton: 'Preview',
  problems: {
    percentRange: (value) => `${value}% is not a possible percentage: the value must be between 0 and 100.`,
    countInteger: (value) => `This indicator is a whole number (a count): ${value} does not fit.`,
    countNegative: (value) => `A count cannot be negative (${value}).`,
    notAPercent: 'This indicator is a count, not a percentage: give the number (for example “14”).',
    missingText: 'This indicator is qualitative: write the text after a colon or in quotes.',
    textTooLong: (length, max) => `The text is too long (${length} characters, at most ${max}).`,
    tooLarge: (value, unit, max) =>
      `${value} is not a plausible ${unit === 'count' ? 'count' : 'value'} for this indicator (at most ${max}): check the number of zeros or the unit.`,
    notFinite: 'I found no readable number (for example “62.5%” or “14”).',
  },
};
