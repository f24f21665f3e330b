import { parseArgs } from 'node:util';
import { describeArgsError } from '../kernel/arg-errors.ts';
import { DEFAULT_LANG, isLang, messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Lang, type Reply } from '../kernel/types.ts';
import type { IndicatorCatalog } from '../measurements/indicators.ts';
import type { MeasurementRepository } from '../measurements/ports.ts';
import { isAllowed } from '../measurements/rights.ts';
import { listOccurrences } from './rules.ts';
import {
  addDeadline,
  changeDeadline,
  DEADLINE_OPTIONS,
  type DeadlineContext,
  describeRule,
} from './service.ts';
import type { Deadline } from './types.ts';

export interface DeadlineRouteDeps {
  context(): DeadlineContext;
  measurements: MeasurementRepository;
  catalog(): IndicatorCatalog;
  admins: readonly string[];
  now(): Date;
}

/** Splits a chat command like a shell would, keeping "quoted text" together (cron expressions). */
function tokens(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/gu)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** "échéances", "mes échéances", "deadlines", "my deadlines" (the /boussole échéances subcommand). */
const MINE = /^(?:(?:mes\s+)?[ée]ch[ée]ances?|(my\s+deadlines|deadlines))\s*[?!.]*$/iu;
const SHOWN = 15;

/**
 * The deadlines a user owns, or all of them for whoever may manage them (admins), soonest first,
 * with their next date, indicator and scope.
 */
async function listMine(actor: Actor, lang: Lang, deps: DeadlineRouteDeps): Promise<Reply> {
  const ctx = deps.context();
  const by = actorKey(actor);
  const manager = isAllowed(
    await deps.measurements.grants(),
    deps.admins,
    by,
    'manage_deadlines',
    undefined,
    ctx.scopes,
  );
  const today = deps.now().toISOString().slice(0, 10);
  const horizon = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
  const listed = (await ctx.repo.list())
    .filter((d) => manager || d.owners.includes(by))
    .map((d) => ({ d, next: listOccurrences(d.rule, today, horizon)[0] }))
    .sort((a, b) => (a.next ?? '9999').localeCompare(b.next ?? '9999'));
  const { deadlines: t, format } = messages(lang);
  if (!listed.length) return { status: 'info', lang, text: t.noneForYou };
  const head = manager ? t.all : t.yours;
  const lines = listed.slice(0, SHOWN).map(({ d, next }) => {
    const when = next ? format.longDate(next) : t.noDateLeft;
    const what = ctx.catalog.get(d.indicatorId)?.node.text ?? d.indicatorId;
    return `• ${when} — ${what} — ${ctx.scopes.displayName(d.scope)} (\`${d.id}\`)`;
  });
  if (listed.length > SHOWN) lines.push(t.more(listed.length - SHOWN));
  return { status: 'info', lang, text: [head, '', ...lines].join('\n'), private: true };
}

/** "deadline add …" is English, "échéance ajouter …" French: the verb says which language to answer in. */
const ENGLISH_VERB = /^(?:add|change|remove|list)$/u;

/** Snooze buttons of reminders, and the admins' "échéance …" commands (same options as the CLI). */
export function createDeadlineRoutes(deps: DeadlineRouteDeps) {
  return {
    async message(actor: Actor, text: string): Promise<Reply | undefined> {
      const mine = MINE.exec(text.trim());
      if (mine) return listMine(actor, mine[1] ? 'en' : 'fr', deps);
      const command =
        /^(?:échéance|echeance|deadline)\s+(ajouter|add|modifier|change|supprimer|remove|liste|list)\b\s*(.*)$/iu.exec(
          text,
        );
      if (!command) return undefined;
      const verb = (command[1] as string).toLowerCase();
      const lang: Lang = ENGLISH_VERB.test(verb) ? 'en' : 'fr';
      const t = messages(lang).deadlines;
      const ctx = deps.context();
      if (verb === 'liste' || verb === 'list') {
        const lines = (await ctx.repo.list()).map((d) => t.listRow(...shown(d, ctx, lang)));
        return { status: 'info', lang, text: lines.length ? lines.join('\n') : t.noneDefined };
      }
      const by = actorKey(actor);
      if (
        !isAllowed(
          await deps.measurements.grants(),
          deps.admins,
          by,
          'manage_deadlines',
          undefined,
          ctx.scopes,
        )
      ) {
        await deps.measurements.audit({
          actor: by,
          action: `deadline ${verb}`,
          outcome: 'refused',
          requestId: actor.requestId,
        });
        return { status: 'refused', lang, text: t.adminsOnly };
      }
      let parsed: ReturnType<typeof parseArgs>;
      try {
        parsed = parseArgs({
          args: tokens(command[2] as string),
          allowPositionals: true,
          options: DEADLINE_OPTIONS,
        });
      } catch (error) {
        return { status: 'invalid', lang, text: t.example(describeArgsError(error)) };
      }
      const v = parsed.values as Record<string, string | string[] | undefined>;
      const id = parsed.positionals[0];
      if (verb === 'supprimer' || verb === 'remove') {
        const removed = id ? await ctx.repo.remove(id) : false;
        return removed
          ? { status: 'saved', lang, text: t.removed(String(id)) }
          : { status: 'invalid', lang, text: t.unknown(id ?? '') };
      }
      const input = {
        indicator: id,
        yearly: v.yearly as string | undefined,
        dates: v.date as string[] | undefined,
        cron: v.cron as string | undefined,
        scope: v.scope as string | undefined,
        owners: v.owner as string[] | undefined,
        leads: v.lead as string | undefined,
      };
      const result =
        verb === 'ajouter' || verb === 'add'
          ? await addDeadline(input, by, ctx, lang)
          : await changeDeadline(id ?? '', input, ctx, lang);
      if (!result.ok) return { status: 'invalid', lang, text: result.error };
      return { status: 'saved', lang, text: t.saved(...shown(result.deadline, ctx, lang)) };
    },

    async click(actor: Actor, buttonId: string): Promise<Reply | undefined> {
      // Reminders are French; a button offered in another language would say so: "snooze:r…:7:en".
      const snooze = /^snooze:(r[0-9a-f]{12}):(1|7)(?::([a-z]{2}))?$/u.exec(buttonId);
      if (!snooze) return undefined;
      const ctx = deps.context();
      const send = await ctx.repo.sendByRef(snooze[1] as string);
      if (!send?.deadlineId || !send.due) return undefined;
      const days = Number(snooze[2]);
      const until = new Date(deps.now().getTime() + days * 86_400_000).toISOString();
      // A message that stood for several dates of a frequent deadline snoozes them all.
      for (const due of [send.due, ...(send.others?.dues ?? [])])
        await ctx.repo.snooze({ deadlineId: send.deadlineId, due, recipient: send.recipient, until });
      await deps.measurements.audit({
        actor: actorKey(actor),
        action: 'snooze',
        target: send.key,
        outcome: 'ok',
        detail: until,
        requestId: actor.requestId,
      });
      const lang: Lang = isLang(snooze[3]) ? snooze[3] : DEFAULT_LANG;
      return { status: 'info', lang, text: messages(lang).deadlines.snoozed(days), private: true };
    },
  };
}

export type DeadlineRoutes = ReturnType<typeof createDeadlineRoutes>;

/** A deadline as the messages show it: id, indicator, scope, rule, reminder leads, owners. */
function shown(
  d: Deadline,
  ctx: DeadlineContext,
  lang: Lang,
): [string, string, string, string, number[], string[]] {
  return [
    d.id,
    ctx.catalog.get(d.indicatorId)?.node.text ?? d.indicatorId,
    ctx.scopes.displayName(d.scope),
    describeRule(d.rule, lang),
    d.leads,
    d.owners,
  ];
}
