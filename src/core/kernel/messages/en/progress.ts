import { plural as s } from '../fr/format.ts';
import type { progress as fr } from '../fr/progress.ts';
import { format } from './format.ts';
import { indicators } from './indicators.ts';

export const progress: typeof fr = {
  statusTitle: 'Where things stand',
  lateTitle: 'What is late',
  missingTitle: (period) => `No value for ${period}`,
  measures: 'measures',
  verdict: (v) => (v === 'no_value' ? 'no value' : indicators.progress[v]),
  target: 'target',
  baseline: 'baseline',
  laterTarget: (period, value) => `target ${period}: ${value}`,
  trend: (arrow, delta, period, before) => `${arrow} ${delta} since ${period} (${before})`,
  nothingToCompare: (period) => `no value in ${period} to compare with`,
  nextDue: (date) => `next reporting date ${date}`,
  overdue: (date, period) => `due ${date} for ${period}, overdue`,
  gap: (period, delta, leader) => `Gap in ${period}: ${delta} in favour of ${format.place(leader)}.`,
  level: (period) => `In ${period}, the values are level.`,
  withoutValue: 'On this theme, with no value, target or deadline:',
  proposedNote: 'A “proposed” value awaits review by a validator of its scope.',
  nothingYet: (what) => `No value has been recorded yet${what}.`,
  indicatorsOfTheme: 'The plans’ indicators:',
  whoCanRecord: (scopes) =>
    `**Who can record**: contributors and validators of ${scopes.map((x) => format.place(x)).join(' or ')}, and administrators.`,
  youCan: 'You are one of them.',
  youCannot: (example) => `You are not: an administrator can grant it (“${example}”).`,
  grantExample: (scope, user) => `grant ${user} contributor ${scope}`,
  how: (example) =>
    `**How**: write for example “${example}”; a preview shows, nothing is saved before “Confirm”.`,
  example: (id, scope, period, value) => `record ${id} ${scope} ${period} ${value}`,
  examplePercent: '62.5%',
  exampleText: '"three meetings held"',
  enterButton: 'Record a value',
  chartButton: 'Chart',
  latestBefore: (value, period) => `latest value: ${value} in ${period}`,
  othersHave: (n, period) =>
    n === 1
      ? `One other expected value is recorded for ${period}.`
      : `${n} other expected values are recorded for ${period}.`,
  allHave: (n, period) =>
    n === 1
      ? `The expected value for ${period} is recorded.`
      : `All ${n} expected values for ${period} are recorded.`,
  untracked: (n) =>
    `${n} other indicator${s(n)} of the current plans ${n > 1 ? 'have' : 'has'} no value, target or deadline.`,
  lateReports: '**Reporting dates missed**',
  behindTarget: '**Behind target**',
  lateRow: (date, period) => `due ${date} for ${period}, no value`,
  nothingLate: (upToDate, fine) =>
    `Nothing is late: ${upToDate} reporting date${s(upToDate)} met, ${fine} value${s(fine)} on track or at target.`,
  more: (n) => `… and ${n} more: name a theme or a scope.`,
  inThePlan: (scope) => `**What the plan says for ${format.place(scope)}**:`,
  futurePeriod: (period, current) =>
    `The period ${period} has not started: no value can be recorded for it yet. Ask for example about ${current}.`,
  badPeriod: (text) =>
    `I cannot read “${text}” as a period: write a school year (2025-2026), a year (2026) or a date (30/06/2026).`,
  unknownPlace: (places, known) =>
    `I don’t know ${places}: Boussole follows ${known}. Example: “How is Cantal doing on faits numériques?”`,
  unknownSection:
    'I cannot find this section in the plans. Give its number as printed (“objective 1.3”, “axis 2”) or a theme: “How are we doing on reading?”',
  noIndicator: (theme, where) => `No indicator of the plans measures “${theme}”${where}.`,
  elsewhere: 'On this theme, the indicators belong to another académie:',
  rephrase:
    'Rephrase with the words of an indicator, or write “card WORDS”; “How are we doing?” gives every tracked indicator.',
  planFallback: (theme, where) =>
    `No indicator of the plans measures “${theme}”${where}: here is what the plans say.`,
  nothingTracked: (where, counts) =>
    `No value, target or deadline has been recorded yet${where}. The current plans have ${counts}. Name a theme (“How is Cantal doing on reading?”) to see its indicators, who can record them and how.`,
  and: 'and',
  onTheme: (theme) => ` for “${theme}”`,
  forPlaces: (scopes) => (scopes.length ? ` for ${scopes.map((x) => format.place(x)).join(', ')}` : ''),
  indicatorCount: (n) => `${n} indicator${s(n)}`,
};
