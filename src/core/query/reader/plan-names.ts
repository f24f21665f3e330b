import type { PlanLibrary } from '../../plans/library.ts';
import { normaliseForm } from '../../plans/scopes.ts';
import { matchesAt, type Token } from './tokens.ts';

const CONNECTORS = new Set(['d', 'de', 'du', 'des', 'la', 'le', 'l', 'of', 'the']);

/**
 * Plans named by title, alias ("le PSA", "FdR RH", "ancien projet") or period ("2023-2027", and
 * a single year next to a plan word: "projet 2019"). With a period and an alias, both must agree.
 */
export function readPlans(
  tokens: Token[],
  text: string,
  library: PlanLibrary,
  planWords: ReadonlySet<string>,
): string[] {
  const byPeriod = new Set<string>();
  for (const match of text.matchAll(/(20\d\d)\s*[-–/à]\s*(20\d\d)/gu)) {
    const period = `${match[1]}-${match[2]}`;
    for (const plan of library.plans) if (plan.period === period) byPeriod.add(plan.id);
  }
  tokens.forEach((token, i) => {
    if (!/^20\d\d$/u.test(token.folded)) return;
    const inPeriod = library.plans.some((plan) => plan.period.split('-').includes(token.folded));
    const nearPlanWord = [i - 2, i - 1, i + 1].some((k) => planWords.has(tokens[k]?.folded ?? ''));
    if (!inPeriod || (!nearPlanWord && !/(20\d\d)\s*[-–/à]\s*(20\d\d)/u.test(text))) return;
    token.used = true;
    token.plan = true;
    // "Le projet 2023-2027 dit quoi…": the plan word by the year is part of the plan's name.
    for (const k of [i - 2, i - 1, i + 1]) {
      const near = tokens[k];
      if (near && planWords.has(near.folded)) {
        near.used = true;
        near.plan = true;
      }
    }
    // "le projet 2019 et le PSA 2023-2027": a year by a plan word names a plan besides any range.: a year by a plan word names a plan besides any range.
    const inRange = new RegExp(
      `20\\d\\d\\s*[-–/à]\\s*${token.folded}|${token.folded}\\s*[-–/à]\\s*20\\d\\d`,
      'u',
    );
    if (nearPlanWord && !inRange.test(text))
      for (const plan of library.plans) if (plan.period.startsWith(token.folded)) byPeriod.add(plan.id);
  });
  // Aliases may overlap a scope ("projet d'Orléans-Tours" names both), or have one inside them
  // ("the previous Clermont plan"): read with and without the scopes' words, the longest name
  // winning where two overlap ("old strategic plan" over "strategic plan").
  const matches: { tokens: Token[]; planIds: string[] }[] = [];
  for (const view of [tokens, tokens.filter((token) => !token.scope)]) {
    for (let i = 0; i < view.length; i++) {
      for (const form of planForms(library)) {
        if (!matchesAt(view, i, form.words, true)) continue;
        // A one-word alias that is also a theme word ("RH", "CASF") only names a plan in capitals.
        const token = view[i] as Token;
        if (form.words.length === 1 && token.original !== token.original.toUpperCase()) continue;
        matches.push({ tokens: view.slice(i, i + form.words.length), planIds: form.planIds });
        break;
      }
    }
  }
  matches.sort((a, b) => b.tokens.length - a.tokens.length);
  const kept: { at: number; planIds: string[] }[] = [];
  const taken = new Set<Token>();
  for (const match of matches) {
    if (match.tokens.some((token) => taken.has(token))) continue;
    for (const token of match.tokens) {
      taken.add(token);
      token.used = true;
      token.plan = true;
    }
    const at = tokens.indexOf(match.tokens[0] as Token);
    kept.push({ at, planIds: match.planIds });
    // "le projet d'O-T", "la feuille de route du CASF": plan words just before a name belong to it.
    for (let back = at - 1; back >= Math.max(0, at - 4); back--) {
      const token = tokens[back] as Token;
      if (!planWords.has(token.folded) && !CONNECTORS.has(token.folded)) break;
      if (!planWords.has(token.folded)) continue;
      for (let k = back; k < at; k++) {
        (tokens[k] as Token).used = true;
        (tokens[k] as Token).plan = true;
      }
    }
  }
  // In the order the question names them: the first is the main one, and sides keep that order.
  const byAlias = new Set(kept.sort((a, b) => a.at - b.at).flatMap((match) => match.planIds));
  if (byPeriod.size && byAlias.size) {
    // A period and a name of the same plan agree; of two plans, both are named.
    const both = [...byAlias].filter((id) => byPeriod.has(id));
    return both.length ? both : [...byAlias, ...byPeriod];
  }
  return [...(byPeriod.size ? byPeriod : byAlias)];
}

/** The plans a quoted text names by itself ("the 'École de la confiance' one"), if any. */
export function plansQuoted(quote: string, library: PlanLibrary): string[] {
  const words = normaliseForm(quote)
    .replace(/[^a-z0-9 ]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .join(' ');
  return planForms(library).find((form) => form.words.join(' ') === words)?.planIds ?? [];
}

const planFormsCache = new WeakMap<PlanLibrary, { words: string[]; planIds: string[] }[]>();

function planForms(library: PlanLibrary): { words: string[]; planIds: string[] }[] {
  let forms = planFormsCache.get(library);
  if (!forms) {
    const byAlias = new Map<string, Set<string>>();
    for (const plan of library.plans) {
      for (const alias of [plan.shortTitle, plan.title, ...plan.aliases]) {
        const key = normaliseForm(alias)
          .replace(/[^a-z0-9 ]+/gu, ' ')
          .replace(/\s+/gu, ' ')
          .trim();
        if (!key) continue;
        // Initials are written joined as often as not: "O-T" is also "OT".
        const joined = /^(?:[a-z] )+[a-z]$/u.test(key) ? [key.replace(/ /gu, '')] : [];
        for (const form of [key, ...joined]) {
          const set = byAlias.get(form) ?? new Set<string>();
          set.add(plan.id);
          byAlias.set(form, set);
        }
      }
    }
    forms = [...byAlias.entries()]
      .map(([alias, ids]) => ({ words: alias.split(' '), planIds: [...ids] }))
      .sort((a, b) => b.words.length - a.words.length);
    planFormsCache.set(library, forms);
  }
  return forms;
}
