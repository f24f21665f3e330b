import type { DueSend } from '../core/deadlines/types.ts';
import type { Reply } from '../core/kernel/types.ts';
import { shortId } from '../core/measurements/evaluate.ts';
import type { IndicatorCatalog } from '../core/measurements/indicators.ts';
import { citationOf } from '../core/plans/citation.ts';
import type { PlanLibrary } from '../core/plans/library.ts';

const DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2027-06-30" -> "30 juin 2027". */
export function frenchDate(date: string): string {
  return DATE.format(new Date(`${date}T12:00:00Z`));
}

function days(n: number): string {
  if (n === 0) return 'aujourd’hui';
  if (n === 1) return 'demain';
  return `dans ${n} jours`;
}

/** The other dates a frequent deadline's single message stands for. */
function describeOthers(others: NonNullable<DueSend['others']>): string {
  const first = others.dues[0];
  const last = others.dues[others.dues.length - 1];
  const parts = [];
  if (others.overdue)
    parts.push(`${others.overdue} en retard${first ? ` (depuis le ${frenchDate(first)})` : ''}`);
  if (others.upcoming)
    parts.push(`${others.upcoming} à venir${last ? ` (jusqu’au ${frenchDate(last)})` : ''}`);
  return `Autres dates de cette échéance sans valeur : ${parts.join(', ')} — un seul message pour toutes.`;
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
    const lines = ['🗓️ **Point hebdomadaire des indicateurs**', ''];
    const missing = items.filter((i) => i.missing);
    const upcoming = items.filter((i) => !i.missing);
    const label = (i: (typeof items)[number]) =>
      `${catalog.get(i.indicatorId)?.node.text ?? i.indicatorId} — ${scopes.displayName(i.scope)}, ${i.period}`;
    if (missing.length) {
      lines.push('**Valeurs manquantes**');
      for (const i of missing) lines.push(`• ${label(i)} (attendue le ${frenchDate(i.due)})`);
    }
    if (upcoming.length) {
      if (missing.length) lines.push('');
      lines.push('**Échéances des 30 prochains jours**');
      for (const i of upcoming) lines.push(`• ${label(i)} — le ${frenchDate(i.due)}`);
    }
    return { status: 'info', lang: 'fr', text: lines.join('\n') };
  }
  const indicator = send.indicatorId ? catalog.get(send.indicatorId) : undefined;
  const what = indicator?.node.text ?? send.indicatorId ?? '';
  const scope = scopes.displayName(send.scope ?? '');
  const due = send.due ? frenchDate(send.due) : '';
  const left = send.daysLeft ?? 0;
  let text: string;
  if (send.stage === 'escalate') {
    text = `⚠️ **Valeur manquante** : « ${what} » pour ${scope} (${send.period}) était attendue le ${due}, il y a ${-left} jours, et n’a pas été saisie. Vous êtes prévenu(e) comme validateur de ce périmètre.`;
  } else if (send.kind === 'overdue') {
    text = `⚠️ **En retard** : la valeur de « ${what} » pour ${scope}, période ${send.period}, était attendue le ${due}. Pouvez-vous la saisir ?`;
  } else {
    text = `⏰ **Rappel** : la valeur de « ${what} » pour ${scope}, période ${send.period}, est attendue le ${due} (${days(left)}).`;
  }
  if (send.others) text += `\n${describeOthers(send.others)}`;
  const buttons = [];
  if (indicator && send.stage !== 'escalate') {
    buttons.push({
      id: `enter:${shortId(indicator.node.id)}:${send.scope}:${send.period}`,
      label: 'Saisir maintenant',
      style: 'primary' as const,
    });
  }
  buttons.push(
    { id: `snooze:${ref}:1`, label: 'Rappel demain' },
    { id: `snooze:${ref}:7`, label: 'Rappel dans 1 semaine' },
  );
  return {
    status: 'info',
    lang: 'fr',
    text: indicator ? `${text} [1]` : text,
    ...(indicator ? { citations: [citationOf(library, indicator.node, 1)] } : {}),
    buttons,
  };
}
