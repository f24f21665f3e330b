import { messages } from '../kernel/messages/index.ts';
import type { Lang, Reply } from '../kernel/types.ts';
import type { MeasurementDeps } from './deps.ts';
import { isAllowed } from './rights.ts';
import { formatValue } from './units.ts';
import { pendingReviews } from './views.ts';

/** The review queue shows this many values at a time, each with its two buttons. */
const PENDING_SHOWN = 5;

/** Proposed values a validator can review, newest first, with a button pair for each. */
export async function listPending(deps: MeasurementDeps, userKey: string, lang: Lang): Promise<Reply> {
  const scopes = deps.library().scopes;
  const grants = await deps.repo.grants();
  const all = await deps.repo.list();
  const replacedBy = new Map(all.filter((m) => m.supersedes).map((m) => [m.supersedes as string, m.id]));
  const waiting = pendingReviews(all).filter((m) =>
    isAllowed(grants, deps.admins, userKey, 'validate', m.scope, scopes),
  );
  const pending = waiting.slice(0, PENDING_SHOWN);
  const t = messages(lang).indicators.review;
  if (!pending.length) return { status: 'info', lang, text: t.nothing };
  const catalog = deps.catalog();
  const lines = pending.map((m) => {
    const newer = replacedBy.get(m.id);
    const note = newer ? t.supersededBy(newer) : '';
    return `• \`${m.id}\` ${catalog.get(m.indicatorId)?.node.text ?? m.indicatorId} — ${scopes.displayName(m.scope)} ${m.period} : **${formatValue(m.value, m.unit, lang)}** (${m.author.displayName ?? m.author.userId})${note}`;
  });
  if (waiting.length > pending.length) lines.push(t.more(waiting.length - pending.length));
  return {
    status: 'info',
    lang,
    text: [t.title(waiting.length), '', ...lines].join('\n'),
    buttons: pending.flatMap((m, i) => [
      {
        id: `review:validated:${m.id}`,
        label: `${i + 1}. ${t.validate}`,
        style: 'primary' as const,
      },
      { id: `review:rejected:${m.id}`, label: `${i + 1}. ${t.reject}` },
    ]),
  };
}
