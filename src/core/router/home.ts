import type { DeadlineRepository } from '../deadlines/ports.ts';
import { listOccurrences } from '../deadlines/rules.ts';
import { messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Lang } from '../kernel/types.ts';
import type { MeasurementDeps } from '../measurements/deps.ts';
import { isAllowed } from '../measurements/rights.ts';
import { formatValue } from '../measurements/units.ts';
import { pendingReviews } from '../measurements/views.ts';

/**
 * The personal part of the home view (Slack App Home, Teams welcome): the actor's next deadlines,
 * their last values, and what waits for their review. Empty lines are left out.
 */
export async function personalOverview(
  actor: Actor,
  measurements: MeasurementDeps,
  deadlines: DeadlineRepository | undefined,
  lang: Lang,
): Promise<string[]> {
  const key = actorKey(actor);
  const scopes = measurements.library().scopes;
  const catalog = measurements.catalog();
  const label = (id: string) => catalog.get(id)?.node.text ?? id;
  const t = messages(lang).router.home;
  const { colon } = messages(lang).format;
  const lines: string[] = [];
  const today = measurements.now().toISOString().slice(0, 10);
  const horizon = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const mine = ((await deadlines?.list()) ?? [])
    .filter((d) => d.owners.includes(key))
    .map((d) => ({ d, due: listOccurrences(d.rule, today, horizon)[0] }))
    .filter((x): x is { d: (typeof x)['d']; due: string } => Boolean(x.due))
    .sort((a, b) => a.due.localeCompare(b.due))
    .slice(0, 5);
  if (mine.length) {
    lines.push(t.nextDeadlines);
    for (const { d, due } of mine)
      lines.push(`• ${due} — ${label(d.indicatorId)} (${scopes.displayName(d.scope)})`);
    lines.push('');
  }
  const all = await measurements.repo.list();
  const recent = all
    .filter((m) => `${m.author.platform}:${m.author.userId}` === key)
    .slice(-3)
    .reverse();
  if (recent.length) {
    lines.push(t.latestValues);
    for (const m of recent)
      lines.push(
        `• ${label(m.indicatorId)} — ${scopes.displayName(m.scope)} ${m.period}${colon} ${formatValue(m.value, m.unit, lang)}`,
      );
    lines.push('');
  }
  const grants = await measurements.repo.grants();
  const pending = pendingReviews(all).filter((m) =>
    isAllowed(grants, measurements.admins, key, 'validate', m.scope, scopes),
  );
  if (pending.length) {
    lines.push(t.toReview(pending.length), '');
  }
  return lines;
}
