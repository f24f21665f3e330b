import type { DueSend } from '../core/deadlines/types.ts';
import { messages } from '../core/kernel/messages/index.ts';
import type { Reply } from '../core/kernel/types.ts';
import { shortId } from '../core/measurements/evaluate.ts';
import type { IndicatorCatalog } from '../core/measurements/indicators.ts';
import { citationOf } from '../core/plans/citation.ts';
import type { PlanLibrary } from '../core/plans/library.ts';

/** Reminders are sent in French: they go to channels and people who have not written yet. */
const t = messages('fr').deadlines.reminders;
const { longDate } = messages('fr').format;

/** The other dates a frequent deadline's single message stands for. */
function describeOthers(others: NonNullable<DueSend['others']>): string {
  const first = others.dues[0];
  const last = others.dues[others.dues.length - 1];
  const parts = [];
  if (others.overdue) parts.push(t.othersOverdue(others.overdue, first && longDate(first)));
  if (others.upcoming) parts.push(t.othersUpcoming(others.upcoming, last && longDate(last)));
  return t.others(parts);
}

/**
 * The message a reminder, an overdue nudge or a digest sends. Plain text with the plan citation;
 * never an @channel or @here: channel messages are read when people look, not forced on them.
 */
export function composeReminder(
  send: DueSend,
  ref: string,
  library: PlanLibrary,
  catalog: IndicatorCatalog,
): Reply {
  const scopes = library.scopes;
  if (send.kind === 'digest') {
    const items = send.items ?? [];
    const lines = [t.digestTitle, ''];
    const missing = items.filter((i) => i.missing);
    const upcoming = items.filter((i) => !i.missing);
    const label = (i: (typeof items)[number]) =>
      `${catalog.get(i.indicatorId)?.node.text ?? i.indicatorId} — ${scopes.displayName(i.scope)}, ${i.period}`;
    if (missing.length) {
      lines.push(t.missingTitle);
      for (const i of missing) lines.push(t.missingRow(label(i), longDate(i.due)));
    }
    if (upcoming.length) {
      if (missing.length) lines.push('');
      lines.push(t.upcomingTitle);
      for (const i of upcoming) lines.push(t.upcomingRow(label(i), longDate(i.due)));
    }
    return { status: 'info', lang: 'fr', text: lines.join('\n') };
  }
  const indicator = send.indicatorId ? catalog.get(send.indicatorId) : undefined;
  const what = indicator?.node.text ?? send.indicatorId ?? '';
  const scope = scopes.displayName(send.scope ?? '');
  const due = send.due ? longDate(send.due) : '';
  const left = send.daysLeft ?? 0;
  // Every send but a digest has its period; written as the template always wrote it.
  const period = String(send.period);
  let text: string;
  if (send.stage === 'escalate') {
    text = t.escalate(what, scope, period, due, -left);
  } else if (send.kind === 'overdue') {
    text = t.overdue(what, scope, period, due);
  } else {
    text = t.reminder(what, scope, period, due, left);
  }
  if (send.others) text += `\n${describeOthers(send.others)}`;
  const buttons = [];
  if (indicator && send.stage !== 'escalate') {
    buttons.push({
      id: `enter:${shortId(indicator.node.id)}:${send.scope}:${send.period}`,
      label: t.enterNow,
      style: 'primary' as const,
    });
  }
  buttons.push({ id: `snooze:${ref}:1`, label: t.snoozeDay }, { id: `snooze:${ref}:7`, label: t.snoozeWeek });
  return {
    status: 'info',
    lang: 'fr',
    text: indicator ? `${text} [1]` : text,
    ...(indicator ? { citations: [citationOf(library, indicator.node, 1)] } : {}),
    buttons,
  };
}
