import type { Button, Reply } from '../kernel/types.ts';
import type { IndicatorInfo } from '../measurements/indicators.ts';
import { formatValue } from '../measurements/units.ts';
import { lowerIsBetter } from '../measurements/views.ts';
import type { PlanNode } from '../plans/types.ts';
import type { AnswerInput } from './answer-input.ts';
import { hasTrend, type ProgressRow, reportingPeriod, rowOf } from './facts.ts';
import { chartButtons, delta, enterButton, howToRecord, indicatorLine, rowLine } from './lines.ts';

/**
 * "Où en est le Cantal sur les faits numériques ?": per indicator, where each scope stands (value,
 * status, target, trend, verdict, reporting dates) and what it measures, all cited; two scopes
 * side by side, or two periods compared. Nothing recorded yet is an answer too (see below).
 */
export function composeStatus(input: AnswerInput): Reply {
  const { w, picks, data, ask } = input;
  // Two periods named: the later one, compared with the earlier.
  const periods = [...ask.periods].sort().reverse();
  const period = periods[0];
  const since = periods.length > 1 ? periods.at(-1) : undefined;
  const rows = picks.map((pick) => ({
    pick,
    rows: pick.scopes.map((scope) =>
      rowOf(pick.indicator, scope, data, {
        ...(period ? { period } : {}),
        ...(since ? { since } : {}),
      }),
    ),
  }));
  const recorded = (row: ProgressRow) =>
    data.values.some((m) => m.indicatorId === row.indicator.node.id && m.scope === row.scope);
  if (!rows.some(({ rows }) => rows.some(recorded))) return composeNothingYet(input, rows);
  const lines = [input.header(w.t.statusTitle), ''];
  const quiet: IndicatorInfo[] = [];
  for (const { pick, rows: own } of rows) {
    const tracked = own.some((row) => row.value || row.nextDue || row.overdue || row.target !== undefined);
    if (!tracked && input.byTheme) {
      quiet.push(pick.indicator);
      continue;
    }
    lines.push(indicatorLine(w, pick.indicator));
    for (const row of own) lines.push(rowLine(w, row, since));
    const gap = gapLine(input, own);
    if (gap) lines.push(gap);
    lines.push('');
  }
  // Beside figures, only the other indicators of the same plans: a glossary neighbour in another
  // plan ("espaces numériques de travail" for "faits numériques") would be noise.
  const plans = new Set(
    rows.filter(({ pick }) => !quiet.includes(pick.indicator)).map(({ pick }) => pick.indicator.node.planId),
  );
  quiet.splice(0, quiet.length, ...quiet.filter((indicator) => plans.has(indicator.node.planId)));
  if (quiet.length) {
    lines.push(w.t.withoutValue);
    for (const indicator of quiet) lines.push(`• ${indicatorLine(w, indicator, 'item')}`);
    lines.push('');
  }
  lines.push(...planItemLines(input));
  if (rows.some(({ rows }) => rows.some((row) => row.value?.status === 'proposed')))
    lines.push(`_${w.t.proposedNote}_`);
  const trending = picks.map((pick) => pick.indicator).filter((indicator) => hasTrend(indicator, data));
  return input.reply(lines, chartButtons(w, trending));
}

/**
 * Nothing recorded for the theme and scope: which indicators the plans have for it, their target
 * and next reporting date when set, who may record them, how, and a button to start.
 */
function composeNothingYet(input: AnswerInput, rows: { rows: ProgressRow[] }[]): Reply {
  const { w, picks, ask } = input;
  const lines = [input.header(w.t.statusTitle), '', w.t.nothingYet(input.where), '', w.t.indicatorsOfTheme];
  for (const { rows: own } of rows) {
    const [first] = own;
    if (!first) continue;
    const details = own.flatMap((row) => rowDetails(input, row));
    lines.push(
      `• ${indicatorLine(w, first.indicator, 'item')}${details.length ? ` · ${details.join(' · ')}` : ''}`,
    );
  }
  lines.push('');
  const first = picks[0];
  const scope = first?.scopes[0];
  const row = rows[0]?.rows[0];
  const period = ask.periods[0] ?? (row ? reportingPeriod(row, input.data.today) : undefined);
  const buttons: Button[] = [];
  if (first && scope && period) {
    lines.push(...howToRecord(w, first.indicator, scope, period, input.actor, input.rights), '');
    buttons.push(enterButton(w, first.indicator, scope, period));
  }
  lines.push(...planItemLines(input));
  return input.reply(lines, buttons);
}

/** A target or reporting date set for a scope that has no value yet. */
function rowDetails(input: AnswerInput, row: ProgressRow): string[] {
  const { w } = input;
  const named = input.scopesShown > 1 ? `${w.library.scopes.displayName(row.scope)}${w.format.colon} ` : '';
  const out: string[] = [];
  if (row.laterTarget)
    out.push(
      `${named}${w.t.laterTarget(row.laterTarget.period, formatValue(row.laterTarget.value, row.indicator.unit, w.lang))}`,
    );
  if (row.overdue) out.push(`${named}${w.t.overdue(w.format.longDate(row.overdue.due), row.overdue.period)}`);
  else if (row.nextDue) out.push(`${named}${w.t.nextDue(w.format.longDate(row.nextDue))}`);
  return out;
}

/** Two scopes of one indicator with numbers for the same period: how far apart, and who leads. */
function gapLine(input: AnswerInput, rows: ProgressRow[]): string | undefined {
  if (rows.length !== 2 || !input.compareScopes) return undefined;
  const [a, b] = rows;
  if (!a?.value || !b?.value || a.period !== b.period) return undefined;
  if (typeof a.value.value !== 'number' || typeof b.value.value !== 'number') return undefined;
  const { w } = input;
  const period = a.period as string;
  if (a.value.value === b.value.value) return w.t.level(period);
  const lower = lowerIsBetter(a.indicator);
  const aLeads = lower ? a.value.value < b.value.value : a.value.value > b.value.value;
  const [lead, other] = aLeads ? [a, b] : [b, a];
  const leader = w.library.scopes.get(lead.scope);
  if (!leader) return undefined;
  const amount = delta(lead.value?.value as number, other.value?.value as number, a.indicator.unit, w.lang);
  return w.t.gap(period, amount.replace(/^[+−±]/u, ''), leader);
}

/** The asked département's own plan items on the theme, cited: what is done there. */
function planItemLines(input: AnswerInput): string[] {
  const { w } = input;
  const items: PlanNode[] = input.planItems;
  const scope = w.library.scopes.get(items[0]?.scope ?? '');
  if (!items.length || !scope) return [];
  return [
    w.t.inThePlan(scope),
    ...items.map((node) => `• ${node.text.split('\n')[0]} ${w.sources.cite(node)}`),
    '',
  ];
}
