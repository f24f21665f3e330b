import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { AppContext } from '../../../context.ts';
import { listOccurrences } from '../../../core/deadlines/rules.ts';
import {
  addDeadline,
  changeDeadline,
  type DeadlineInput,
  describeRule,
} from '../../../core/deadlines/service.ts';
import type { Deadline } from '../../../core/deadlines/types.ts';
import { createCommandLogger } from '../../../log.ts';
import { runSweep, sweepDepsOf } from '../../../reminders/sweep.ts';
import { type CommandIO, printJson, UsageError } from '../io.ts';
import { createConsoleDelivery } from '../outbox.ts';
import { userPath } from '../output.ts';

const operator = () => `cli:${os.userInfo().username || 'admin'}`;

/** The next due date of a deadline from today, for listings. */
function nextDue(deadline: Deadline, now: Date): string | null {
  const today = now.toISOString().slice(0, 10);
  const horizon = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
  return listOccurrences(deadline.rule, today, horizon)[0] ?? null;
}

function toJson(deadline: Deadline, now: Date) {
  return {
    id: deadline.id,
    indicator: deadline.indicatorId,
    scope: deadline.scope,
    rule: deadline.rule,
    rule_text: describeRule(deadline.rule),
    owners: deadline.owners,
    leads: deadline.leads,
    next_due: nextDue(deadline, now),
  };
}

export function runDeadline(
  ctx: AppContext,
  io: CommandIO,
  verb: string | undefined,
  positionals: string[],
  input: DeadlineInput,
  json: boolean,
): number {
  const { context, repo } = ctx.deadlines();
  switch (verb) {
    case 'add':
    case 'change': {
      const result =
        verb === 'add'
          ? addDeadline({ ...input, indicator: positionals[0] }, operator(), context)
          : changeDeadline(positionals[0] ?? '', input, context);
      if (!result.ok) {
        io.err(result.error);
        return 1;
      }
      if (json) printJson(io, toJson(result.deadline, new Date()));
      else
        io.out(
          `Échéance ${result.deadline.id} ${verb === 'add' ? 'ajoutée' : 'modifiée'} : ${describeRule(result.deadline.rule)}, rappels J-${result.deadline.leads.join(', J-')} → ${result.deadline.owners.join(', ')}`,
        );
      return 0;
    }
    case 'remove': {
      const id = positionals[0];
      if (!id) throw new UsageError('Usage : boussole deadline remove ID');
      if (!repo.remove(id)) {
        io.err(`Échéance inconnue : ${id} (voir « boussole deadline list »).`);
        return 1;
      }
      io.out(`Échéance ${id} supprimée.`);
      return 0;
    }
    case 'list':
      return runDeadlines(ctx, io, json);
    case 'import':
      return importDeadlines(ctx, io, positionals[0]);
    default:
      throw new UsageError('Usage : boussole deadline add|change|remove|list|import …');
  }
}

export function runDeadlines(ctx: AppContext, io: CommandIO, json: boolean): number {
  const { repo, context } = ctx.deadlines();
  const now = new Date();
  const list = repo.list();
  if (json) {
    printJson(
      io,
      list.map((d) => toJson(d, now)),
    );
    return 0;
  }
  if (!list.length)
    io.out(
      'Aucune échéance. Ajoutez-en avec « boussole deadline add INDICATEUR --yearly 06-30 --scope cantal --owner alice ».',
    );
  for (const d of list) {
    io.out(
      `${d.id}  ${d.indicatorId}  ${d.scope}  ${describeRule(d.rule)}  J-${d.leads.join(',')}  → ${d.owners.join(', ')}  (prochaine : ${nextDue(d, now) ?? '—'})  ${context.catalog.get(d.indicatorId)?.node.text ?? ''}`,
    );
  }
  return 0;
}

/** A JSON file of deadlines, same shape as data/deadlines.json entries plus indicator, scope, owners. */
function importDeadlines(ctx: AppContext, io: CommandIO, file: string | undefined): number {
  if (!file) throw new UsageError('Usage : boussole deadline import FICHIER.json');
  let entries: Record<string, unknown>[];
  try {
    const raw = JSON.parse(readFileSync(userPath(ctx.config, file), 'utf8')) as
      | { deadlines?: unknown }
      | unknown[];
    entries = (Array.isArray(raw) ? raw : (raw as { deadlines?: unknown }).deadlines) as Record<
      string,
      unknown
    >[];
    if (!Array.isArray(entries)) throw new Error('une liste « deadlines » est attendue');
  } catch (error) {
    io.err(`Fichier illisible : ${file} (${(error as Error).message}).`);
    return 1;
  }
  const { context } = ctx.deadlines();
  const errors: string[] = [];
  const inputs = entries.map((e) => {
    const rule = e.rule as
      | { kind?: string; month?: number; day?: number; dates?: string[]; expr?: string }
      | undefined;
    return {
      indicator: String(e.indicator ?? ''),
      ...(rule?.kind === 'yearly' ? { yearly: `${rule.month}-${rule.day}` } : {}),
      ...(typeof e.yearly === 'string' ? { yearly: e.yearly } : {}),
      ...(rule?.kind === 'dates' ? { dates: rule.dates ?? [] } : {}),
      ...(rule?.kind === 'cron' ? { cron: rule.expr ?? '' } : {}),
      ...(typeof e.scope === 'string' ? { scope: e.scope } : {}),
      owners: Array.isArray(e.owners) ? e.owners.map(String) : [],
      ...(Array.isArray(e.leads) ? { leads: e.leads.join(',') } : {}),
    } satisfies DeadlineInput;
  });
  // All or nothing: validate every entry in a transaction that is rolled back on any error.
  const added = ctx.db.transaction(() => {
    const done: string[] = [];
    inputs.forEach((input, i) => {
      const result = addDeadline(input, operator(), context);
      if (result.ok) done.push(result.deadline.id);
      else errors.push(`entrée ${i + 1} : ${result.error}`);
    });
    if (errors.length) throw new Error('rollback');
    return done;
  });
  try {
    const ids = added();
    io.out(`${ids.length} échéance(s) importée(s).`);
    return 0;
  } catch {
    for (const error of errors) io.err(error);
    io.err('Rien n’a été importé : corrigez ces entrées et relancez.');
    return 1;
  }
}

/** `boussole remind`: one sweep, as if at `--now`; console recipients get the messages in their outbox. */
export async function runRemind(
  ctx: AppContext,
  io: CommandIO,
  nowText: string | undefined,
  json: boolean,
): Promise<number> {
  const now = nowText
    ? new Date(/^\d{4}-\d{2}-\d{2}$/u.test(nowText) ? `${nowText}T12:00:00` : nowText)
    : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(
      `--now attend une date ISO, par exemple 2027-06-29T09:00:00+02:00 (reçu « ${nowText} »).`,
    );
  const outcomes = await runSweep(
    sweepDepsOf(ctx, { console: createConsoleDelivery(ctx.db) }, createCommandLogger(ctx.config.cliLogLevel)),
    now,
  );
  const sent = outcomes
    .filter((o) => o.ok)
    .map((o) => ({
      recipient: o.send.recipient,
      kind: o.send.kind,
      stage: o.send.stage,
      indicator: o.send.indicatorId ?? null,
      scope: o.send.scope ?? null,
      period: o.send.period ?? null,
      due: o.send.due ?? null,
      text: o.reply.text,
    }));
  const failed = outcomes
    .filter((o) => !o.ok && !o.skipped)
    .map((o) => ({ recipient: o.send.recipient, kind: o.send.kind, error: o.error }));
  const skipped = outcomes
    .filter((o) => o.skipped)
    .map((o) => ({ recipient: o.send.recipient, kind: o.send.kind }));
  if (json)
    printJson(io, { sent, ...(failed.length ? { failed } : {}), ...(skipped.length ? { skipped } : {}) });
  else {
    if (!sent.length) io.out('Rien à envoyer.');
    // A terminal shows text as is: the **bold** of chat messages would print its asterisks.
    for (const s of sent)
      io.out(`→ ${s.recipient} [${s.kind} ${s.stage}] ${plainLine(s.text.split('\n')[0] ?? '')}`);
  }
  for (const f of failed)
    io.err(`non envoyé à ${f.recipient} : ${f.error} (nouvel essai au prochain passage)`);
  if (skipped.length) {
    io.err(
      `${skipped.length} rappel(s) Slack/Teams laissé(s) à l'assistant en service (npm start), qui les enverra à sa prochaine tournée.`,
    );
  }
  return 0;
}

function plainLine(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/gu, '$1').replace(/`([^`]+)`/gu, '$1');
}
