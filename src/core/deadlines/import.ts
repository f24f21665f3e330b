import { DEFAULT_LANG, messages } from '../kernel/messages/index.ts';
import type { Lang } from '../kernel/types.ts';
import { type DeadlineContext, type DeadlineInput, readDeadline } from './service.ts';
import type { DateRule, Deadline } from './types.ts';

/**
 * The file `boussole deadline import` reads (README, « Échéances et rappels »):
 * `{"deadlines": [{indicator, scope, rule | yearly, owners, leads?}]}` or the bare list, where
 * `rule` is `{kind: "yearly", month, day}`, `{kind: "dates", dates: [AAAA-MM-JJ…]}` or
 * `{kind: "cron", expr}` and `yearly` the short form "06-30".
 */
export type DeadlineFile = { deadlines?: unknown; defaults?: unknown } | unknown[];

export interface DeadlineImport {
  added: Deadline[];
  changed: Deadline[];
  unchanged: number;
  errors: string[];
}

/** The entries of a deadline file as `deadline add` inputs, or the reason the file cannot be one. */
export function readDeadlineFile(
  raw: DeadlineFile,
  lang: Lang = DEFAULT_LANG,
): { inputs: DeadlineInput[] } | { error: string } {
  const t = messages(lang).deadlines.rules;
  // `null` or a bare number is valid JSON too: read as an object without the expected list.
  const entries = Array.isArray(raw) ? raw : raw?.deadlines;
  if (!Array.isArray(entries)) {
    if (!Array.isArray(raw) && raw?.defaults !== undefined) return { error: t.defaultsFile };
    return { error: t.listExpected };
  }
  return {
    inputs: entries.map((entry) => {
      const e = (entry ?? {}) as Record<string, unknown>;
      const rule = e.rule as Partial<{
        kind: string;
        month: number;
        day: number;
        dates: string[];
        expr: string;
      }>;
      return {
        indicator: String(e.indicator ?? ''),
        ...(rule?.kind === 'yearly' ? { yearly: `${rule.month}-${rule.day}` } : {}),
        ...(typeof e.yearly === 'string' ? { yearly: e.yearly } : {}),
        ...(rule?.kind === 'dates' ? { dates: rule.dates ?? [] } : {}),
        ...(rule?.kind === 'cron' ? { cron: rule.expr ?? '' } : {}),
        ...(typeof e.scope === 'string' ? { scope: e.scope } : {}),
        owners: Array.isArray(e.owners) ? e.owners.map(String) : [],
        ...(Array.isArray(e.leads) ? { leads: e.leads.join(',') } : {}),
      };
    }),
  };
}

/**
 * Imports deadlines idempotently: an entry for the indicator, scope and date rule of an existing
 * deadline updates its owners and leads (or changes nothing), instead of adding a second deadline
 * that would send every reminder twice. All or nothing: the entries are all read first, and
 * written in one transaction by the store only when none is refused.
 */
export async function importDeadlines(
  inputs: DeadlineInput[],
  by: string,
  ctx: DeadlineContext,
  lang: Lang = DEFAULT_LANG,
): Promise<DeadlineImport> {
  const errors: string[] = [];
  // What the file wants, merged with what is stored: a later entry for the same deadline wins.
  const known: (Deadline | (Omit<Deadline, 'id'> & { id?: undefined }))[] = await ctx.repo.list();
  const changed = new Set<Deadline>();
  const added: Omit<Deadline, 'id'>[] = [];
  let unchanged = 0;
  inputs.forEach((input, i) => {
    const read = readDeadline(input, ctx, lang);
    if (!read.ok) {
      errors.push(messages(lang).deadlines.rules.entry(i + 1, read.error));
      return;
    }
    const wanted = read.deadline;
    const existing = known.find(
      (d) =>
        d.indicatorId === wanted.indicatorId && d.scope === wanted.scope && sameRule(d.rule, wanted.rule),
    );
    if (!existing) {
      added.push(wanted);
      known.push(wanted);
    } else if (sameList(existing.owners, wanted.owners) && sameList(existing.leads, wanted.leads)) {
      unchanged++;
    } else {
      existing.owners = wanted.owners;
      existing.leads = wanted.leads;
      if (existing.id !== undefined) changed.add(existing);
    }
  });
  if (errors.length) return { added: [], changed: [], unchanged: 0, errors };
  const written = await ctx.repo.apply({ add: added, update: [...changed] }, by);
  return { ...written, unchanged, errors };
}

function sameRule(a: DateRule, b: DateRule): boolean {
  if (a.kind === 'yearly' && b.kind === 'yearly') return a.month === b.month && a.day === b.day;
  if (a.kind === 'dates' && b.kind === 'dates') return sameList(a.dates, b.dates);
  return (
    a.kind === 'cron' &&
    b.kind === 'cron' &&
    a.expr.trim().split(/\s+/u).join(' ') === b.expr.trim().split(/\s+/u).join(' ')
  );
}

function sameList<T extends string | number>(a: T[], b: T[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
