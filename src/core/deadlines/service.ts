import { DEFAULT_LANG, messages } from '../kernel/messages/index.ts';
import type { Lang } from '../kernel/types.ts';
import type { IndicatorCatalog } from '../measurements/indicators.ts';
import { userKeyOf } from '../measurements/rights.ts';
import type { ScopeRegistry } from '../plans/scopes.ts';
import { DEFAULT_LEADS } from './due.ts';
import type { DeadlineRepository } from './ports.ts';
import { validateRule } from './rules.ts';
import type { DateRule, Deadline } from './types.ts';

/** A default rule for the indicators of a plan (data/deadlines.json). */
export interface DeadlineDefault {
  plan: string;
  rule: DateRule;
  leads?: number[];
}

/** The options of `deadline add|change`, shared by the CLI and the chat command. */
export const DEADLINE_OPTIONS = {
  yearly: { type: 'string' },
  date: { type: 'string', multiple: true },
  cron: { type: 'string' },
  scope: { type: 'string' },
  owner: { type: 'string', multiple: true },
  lead: { type: 'string' },
} as const;

/** What an admin typed to add or change a deadline, before validation. */
export interface DeadlineInput {
  indicator?: string;
  yearly?: string;
  dates?: string[];
  cron?: string;
  scope?: string;
  owners?: string[];
  leads?: string;
}

export interface DeadlineContext {
  repo: DeadlineRepository;
  catalog: IndicatorCatalog;
  scopes: ScopeRegistry;
  defaults: DeadlineDefault[];
}

export type DeadlineResult = { ok: true; deadline: Deadline } | { ok: false; error: string };

/** Month names as "30 juin" is parsed, accents folded: words read, not written. */
const MONTHS = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

/** "06-30", "30/06" or "30 juin" -> { month: 6, day: 30 }. */
export function parseYearly(text: string): { month: number; day: number } | undefined {
  const t = text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let m = /^(\d{1,2})-(\d{1,2})$/u.exec(t);
  if (m) return { month: Number(m[1]), day: Number(m[2]) };
  m = /^(\d{1,2})\/(\d{1,2})$/u.exec(t);
  if (m) return { month: Number(m[2]), day: Number(m[1]) };
  m = /^(\d{1,2})(?:er)?\s+([a-z]+)$/u.exec(t);
  const month = m ? MONTHS.indexOf(m[2] as string) + 1 : 0;
  return m && month ? { month, day: Number(m[1]) } : undefined;
}

function readRule(input: DeadlineInput, lang: Lang): DateRule | string | undefined {
  const t = messages(lang).deadlines.rules;
  const given = [input.yearly, input.dates?.length ? 'x' : undefined, input.cron].filter(Boolean).length;
  if (given > 1) return t.oneRule;
  if (input.yearly) {
    const yearly = parseYearly(input.yearly);
    return yearly ? { kind: 'yearly', ...yearly } : t.badYearly(input.yearly);
  }
  if (input.dates?.length) {
    return {
      kind: 'dates',
      dates: input.dates
        .flatMap((d) => d.split(','))
        .map((d) => d.trim())
        .filter(Boolean),
    };
  }
  if (input.cron) return { kind: 'cron', expr: input.cron.trim() };
  return undefined;
}

function readLeads(text: string | undefined, lang: Lang): number[] | string | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,\s]+/u).filter(Boolean);
  const leads = parts.map((p) => Number(p.replace(/^j-/iu, '')));
  if (!leads.length || leads.some((n) => !Number.isInteger(n) || n < 0 || n > 366)) {
    return messages(lang).deadlines.rules.badLeads(text);
  }
  return [...new Set(leads)].sort((a, b) => b - a);
}

function readOwners(owners: string[] | undefined): { keys: string[]; bad: string[] } {
  const refs = (owners ?? [])
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  const keys = refs.map((ref) => userKeyOf(ref));
  return {
    keys: [...new Set(keys.filter((k): k is string => Boolean(k)))],
    bad: refs.filter((_ref, i) => !keys[i]),
  };
}

/** Validates and stores a new deadline; every problem comes back as one clear message in `lang`. */
export async function addDeadline(
  input: DeadlineInput,
  by: string,
  ctx: DeadlineContext,
  lang: Lang = DEFAULT_LANG,
): Promise<DeadlineResult> {
  const read = readDeadline(input, ctx, lang);
  return read.ok ? { ok: true, deadline: await ctx.repo.add(read.deadline, by) } : read;
}

/** Validates a deadline as `add` would, without storing it. */
export function readDeadline(
  input: DeadlineInput,
  ctx: DeadlineContext,
  lang: Lang = DEFAULT_LANG,
): { ok: true; deadline: Omit<Deadline, 'id'> } | { ok: false; error: string } {
  const t = messages(lang);
  const indicator = input.indicator ? ctx.catalog.get(input.indicator) : undefined;
  if (!indicator) return { ok: false, error: t.deadlines.rules.unknownIndicator(input.indicator ?? '') };
  const fallback = ctx.defaults.find((d) => d.plan === indicator.node.planId);
  const rule = readRule(input, lang) ?? fallback?.rule;
  if (typeof rule === 'string') return { ok: false, error: rule };
  if (!rule) return { ok: false, error: t.deadlines.rules.noRule };
  const check = validateRule(rule, lang);
  if (!check.ok) return { ok: false, error: check.error };
  const scope = input.scope ? ctx.scopes.resolve(input.scope) : ctx.scopes.get(indicator.node.scope);
  if (!scope) return { ok: false, error: t.deadlines.rules.unknownScope(input.scope) };
  if (!ctx.catalog.accepts(indicator, scope.key)) {
    return { ok: false, error: t.deadlines.rules.outsideAcademie(scope.shortName) };
  }
  const recipients = readOwners(input.owners);
  const bad = recipients.bad[0];
  if (bad !== undefined) return { ok: false, error: unreadableRecipient(bad, lang) };
  const owners = recipients.keys;
  if (!owners.length) return { ok: false, error: t.deadlines.rules.noRecipient };
  const leads = readLeads(input.leads, lang) ?? fallback?.leads ?? [...DEFAULT_LEADS];
  if (typeof leads === 'string') return { ok: false, error: leads };
  return { ok: true, deadline: { indicatorId: indicator.node.id, scope: scope.key, rule, owners, leads } };
}

function unreadableRecipient(reference: string, lang: Lang): string {
  const t = messages(lang);
  return t.deadlines.rules.badRecipient(reference, t.indicators.rights.unreadableUser);
}

/** Changes the rule, owners or leads of a deadline; what is not given stays. */
export async function changeDeadline(
  id: string,
  input: DeadlineInput,
  ctx: DeadlineContext,
  lang: Lang = DEFAULT_LANG,
): Promise<DeadlineResult> {
  const t = messages(lang).deadlines;
  const current = await ctx.repo.get(id);
  if (!current) return { ok: false, error: t.rules.unknownDeadline(id) };
  const rule = readRule(input, lang);
  if (typeof rule === 'string') return { ok: false, error: rule };
  if (rule) {
    const check = validateRule(rule, lang);
    if (!check.ok) return { ok: false, error: check.error };
  }
  const leads = readLeads(input.leads, lang);
  if (typeof leads === 'string') return { ok: false, error: leads };
  const read = input.owners?.length ? readOwners(input.owners) : undefined;
  const bad = read?.bad[0];
  if (bad !== undefined) return { ok: false, error: unreadableRecipient(bad, lang) };
  const owners = read?.keys.length ? read.keys : undefined;
  const updated = await ctx.repo.update(id, {
    ...(rule ? { rule } : {}),
    ...(leads ? { leads } : {}),
    ...(owners ? { owners } : {}),
  });
  return updated ? { ok: true, deadline: updated } : { ok: false, error: t.unknown(id) };
}

/** A rule in words, in `lang`: "chaque année le 30 juin", "every year on 30 June". */
export function describeRule(rule: DateRule, lang: Lang = DEFAULT_LANG): string {
  const t = messages(lang).deadlines.rules;
  if (rule.kind === 'yearly') return t.yearly(rule.day, rule.month);
  if (rule.kind === 'dates') return t.dates(rule.dates);
  return t.cron(rule.expr);
}
