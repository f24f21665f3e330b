import { schoolYear } from '../deadlines/calendar.ts';
import type { Button, Reply } from '../kernel/types.ts';
import { formatValue } from '../measurements/units.ts';
import type { AnswerInput } from './answer-input.ts';
import { hasTrend, type ProgressRow, rowOf } from './facts.ts';
import { chartButtons, enterButton, howToRecord, indicatorLine } from './lines.ts';

/** Rows listed at most in one list; the rest is counted. */
const MAX_ROWS = 12;

/**
 * "Qu'est-ce qui est en retard ?": reporting dates passed without a value, and values behind
 * their target (the card's verdict). Nothing late is an answer too, with what is up to date.
 */
export function composeLate(input: AnswerInput): Reply {
  const { w, picks, data } = input;
  const rows = picks.flatMap((pick) => pick.scopes.map((scope) => rowOf(pick.indicator, scope, data)));
  const missed = rows.filter((row) => row.overdue);
  const behind = rows.filter((row) => row.verdict === 'behind');
  const lines = [input.header(w.t.lateTitle), ''];
  if (!missed.length && !behind.length) {
    const upToDate = rows.filter(
      (row) =>
        !row.overdue &&
        data.deadlines.some((d) => d.indicatorId === row.indicator.node.id && d.scope === row.scope),
    ).length;
    const fine = rows.filter((row) => row.verdict === 'ahead' || row.verdict === 'on_track').length;
    lines.push(w.t.nothingLate(upToDate, fine));
    return input.reply(lines, []);
  }
  if (missed.length) {
    lines.push(w.t.lateReports);
    for (const row of missed.slice(0, MAX_ROWS)) {
      const due = row.overdue as NonNullable<ProgressRow['overdue']>;
      lines.push(
        `• ${indicatorLine(w, row.indicator, 'short')} — **${scopeName(input, row)}**${w.format.colon} ${w.t.lateRow(w.format.longDate(due.due), due.period)}`,
      );
    }
    if (missed.length > MAX_ROWS) lines.push(w.t.more(missed.length - MAX_ROWS));
    lines.push('');
  }
  if (behind.length) {
    lines.push(w.t.behindTarget);
    for (const row of behind.slice(0, MAX_ROWS))
      lines.push(`• ${indicatorLine(w, row.indicator, 'short')} — ${valueWithTarget(input, row)}`);
    if (behind.length > MAX_ROWS) lines.push(w.t.more(behind.length - MAX_ROWS));
    lines.push('');
  }
  const buttons: Button[] = [];
  const first = missed[0];
  if (first?.overdue) {
    lines.push(
      ...howToRecord(w, first.indicator, first.scope, first.overdue.period, input.actor, input.rights),
    );
    buttons.push(enterButton(w, first.indicator, first.scope, first.overdue.period));
  }
  const trending = [...new Set(behind.map((row) => row.indicator))].filter((i) => hasTrend(i, data));
  return input.reply(lines, [...buttons, ...chartButtons(w, trending)]);
}

/**
 * "Quels indicateurs n'ont pas de valeur pour 2025-2026 ?": the indicators and scopes without a
 * value for the period (the current school year if none is named), with the latest value before
 * and the reporting dates; how many have one; who may record the rest, and how.
 */
export function composeMissing(input: AnswerInput): Reply {
  const { w, picks, data, ask } = input;
  const period = ask.periods[0] ?? schoolYear(data.today);
  const rows = picks.flatMap((pick) =>
    pick.scopes.map((scope) => rowOf(pick.indicator, scope, data, { period })),
  );
  const missing = rows.filter((row) => !row.value);
  const lines = [input.header(w.t.missingTitle(period), false), ''];
  if (!missing.length) lines.push(w.t.allHave(rows.length, period));
  for (const row of missing.slice(0, MAX_ROWS)) {
    const details = [
      ...(row.previous
        ? [w.t.latestBefore(formatValue(row.previous.value, row.indicator.unit, w.lang), row.previous.period)]
        : []),
      ...(row.overdue ? [w.t.overdue(w.format.longDate(row.overdue.due), row.overdue.period)] : []),
      ...(!row.overdue && row.nextDue ? [w.t.nextDue(w.format.longDate(row.nextDue))] : []),
    ];
    lines.push(
      `• ${indicatorLine(w, row.indicator, 'short')} — **${scopeName(input, row)}**${details.length ? ` · ${details.join(' · ')}` : ''}`,
    );
  }
  if (missing.length > MAX_ROWS) lines.push(w.t.more(missing.length - MAX_ROWS));
  const have = rows.length - missing.length;
  if (missing.length && have) lines.push('', w.t.othersHave(have, period));
  if (!input.byTheme && input.untracked) lines.push('', w.t.untracked(input.untracked));
  const buttons: Button[] = [];
  const first = missing[0];
  if (first) {
    lines.push('', ...howToRecord(w, first.indicator, first.scope, period, input.actor, input.rights));
    buttons.push(enterButton(w, first.indicator, first.scope, period));
  }
  return input.reply(lines, buttons);
}

function scopeName(input: AnswerInput, row: ProgressRow): string {
  return input.w.library.scopes.displayName(row.scope);
}

/** "Allier 2025-2026 : 48 % / cible 60 % (validée)". */
function valueWithTarget(input: AnswerInput, row: ProgressRow): string {
  const { w } = input;
  const value = row.value;
  if (!value) return scopeName(input, row);
  const target =
    row.target !== undefined ? ` / ${w.t.target} ${formatValue(row.target, row.indicator.unit, w.lang)}` : '';
  return `**${scopeName(input, row)}** ${value.period}${w.format.colon} **${formatValue(value.value, value.unit, w.lang)}**${target} (${w.words.status[value.status]})`;
}
