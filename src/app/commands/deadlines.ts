import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createConsoleDelivery } from '../../adapters/console/outbox.ts';
import { type DeadlineFile, importDeadlines, readDeadlineFile } from '../../core/deadlines/import.ts';
import { listOccurrences } from '../../core/deadlines/rules.ts';
import {
  addDeadline,
  changeDeadline,
  type DeadlineInput,
  describeRule,
} from '../../core/deadlines/service.ts';
import type { Deadline } from '../../core/deadlines/types.ts';
import { createCommandLogger } from '../../platform/log.ts';
import { runSweep } from '../../reminders/sweep.ts';
import { createConsoleOutbox } from '../../store/console-outbox.ts';
import type { AppContext } from '../context.ts';
import { sweepDepsOf } from '../sweep-deps.ts';
import { type CommandIO, printJson, UsageError } from './io.ts';
import { userPath } from './output.ts';

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

export async function runDeadline(
  ctx: AppContext,
  io: CommandIO,
  verb: string | undefined,
  positionals: string[],
  input: DeadlineInput,
  json: boolean,
): Promise<number> {
  const { context, repo } = ctx.deadlines();
  switch (verb) {
    case 'add':
    case 'change': {
      const result =
        verb === 'add'
          ? await addDeadline({ ...input, indicator: positionals[0] }, operator(), context)
          : await changeDeadline(positionals[0] ?? '', input, context);
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
      if (!(await repo.remove(id))) {
        io.err(`Échéance inconnue : ${id} (voir « boussole deadline list »).`);
        return 1;
      }
      io.out(`Échéance ${id} supprimée.`);
      return 0;
    }
    case 'list':
      return runDeadlines(ctx, io, json);
    case 'import':
      return runDeadlineImport(ctx, io, positionals[0]);
    default:
      throw new UsageError('Usage : boussole deadline add|change|remove|list|import …');
  }
}

export async function runDeadlines(ctx: AppContext, io: CommandIO, json: boolean): Promise<number> {
  const { repo, context } = ctx.deadlines();
  const now = new Date();
  const list = await repo.list();
  if (json) {
    printJson(
      io,
      list.map((d) => toJson(d, now)),
    );
    return 0;
  }
  if (!list.length)
    io.out(
      'Aucune échéance. Ajoutez-en avec « boussole deadline add INDICATEUR --yearly 06-30 --scope cantal --owner alice » (sans règle de date, celle du plan dans data/deadlines.json s’applique : le 30 juin pour la feuille de route CASF).',
    );
  for (const d of list) {
    io.out(
      `${d.id}  ${d.indicatorId}  ${d.scope}  ${describeRule(d.rule)}  J-${d.leads.join(',')}  → ${d.owners.join(', ')}  (prochaine : ${nextDue(d, now) ?? '—'})  ${context.catalog.get(d.indicatorId)?.node.text ?? ''}`,
    );
  }
  return 0;
}

/** `deadline import FILE.json`: all entries or none; an entry already in place changes nothing. */
async function runDeadlineImport(ctx: AppContext, io: CommandIO, file: string | undefined): Promise<number> {
  if (!file) throw new UsageError('Usage : boussole deadline import FICHIER.json');
  let text: string;
  try {
    text = readFileSync(userPath(ctx.config, file), 'utf8');
  } catch {
    io.err(`Fichier introuvable ou illisible : ${file}`);
    return 1;
  }
  let raw: DeadlineFile;
  try {
    raw = JSON.parse(text) as DeadlineFile;
  } catch (error) {
    io.err(`Fichier d’échéances illisible : ${file} (JSON invalide : ${(error as Error).message}).`);
    return 1;
  }
  let read: ReturnType<typeof readDeadlineFile>;
  try {
    read = readDeadlineFile(raw);
  } catch (error) {
    read = { error: (error as Error).message };
  }
  if ('error' in read) {
    io.err(`Fichier d’échéances illisible : ${file} (${read.error}).`);
    return 1;
  }
  const { inputs } = read;
  const { context } = ctx.deadlines();
  // All or nothing: one bad entry and nothing is written.
  const done = await importDeadlines(inputs, operator(), context);
  if (done.errors.length) {
    for (const message of done.errors) io.err(message);
    io.err('Rien n’a été importé : corrigez ces entrées et relancez.');
    return 1;
  }
  io.out(
    `${done.added.length} échéance(s) ajoutée(s), ${done.changed.length} modifiée(s), ${done.unchanged} déjà en place.`,
  );
  return 0;
}

/**
 * `boussole remind`: one sweep, as if at `--now`; console recipients get the messages in their outbox.
 * Without --dry-run it really sends and records the sends, whatever the date: a simulated future
 * date uses up the reminders of that date.
 */
export async function runRemind(
  ctx: AppContext,
  io: CommandIO,
  nowText: string | undefined,
  json: boolean,
  dryRun = false,
): Promise<number> {
  const now = nowText
    ? new Date(/^\d{4}-\d{2}-\d{2}$/u.test(nowText) ? `${nowText}T12:00:00` : nowText)
    : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(
      `--now attend une date ISO, par exemple 2027-06-29T09:00:00+02:00 (reçu « ${nowText} »).`,
    );
  const outcomes = await runSweep(
    sweepDepsOf(
      ctx,
      { console: createConsoleDelivery(createConsoleOutbox(ctx.db)) },
      createCommandLogger(ctx.config.cliLogLevel),
    ),
    now,
    { dryRun },
  );
  const describe = (o: (typeof outcomes)[number]) => ({
    recipient: o.send.recipient,
    kind: o.send.kind,
    stage: o.send.stage,
    indicator: o.send.indicatorId ?? null,
    scope: o.send.scope ?? null,
    period: o.send.period ?? null,
    due: o.send.due ?? null,
    text: o.reply.text,
  });
  if (dryRun) {
    const wouldSend = outcomes.map(describe);
    if (json) printJson(io, { dry_run: true, would_send: wouldSend });
    else {
      if (!wouldSend.length) io.out('Rien à envoyer (simulation).');
      for (const s of wouldSend)
        io.out(
          `(simulation) → ${s.recipient} [${s.kind} ${s.stage}] ${plainLine(s.text.split('\n')[0] ?? '')}`,
        );
    }
    io.err('Simulation (--dry-run) : rien n’a été envoyé ni enregistré.');
    return 0;
  }
  const sent = outcomes.filter((o) => o.ok).map(describe);
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
  if (nowText && now.getTime() > Date.now() + 60_000 && sent.length) {
    io.err(
      `Attention : ces ${sent.length} rappel(s) datés du futur sont envoyés et enregistrés ; ils ne repartiront pas à la vraie date. Pour simuler sans rien envoyer, ajoutez --dry-run.`,
    );
  }
  return 0;
}

function plainLine(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/gu, '$1').replace(/`([^`]+)`/gu, '$1');
}
