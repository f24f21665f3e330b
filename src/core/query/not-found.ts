import type { Lang, Reply } from '../kernel/types.ts';
import type { PlanLibrary } from '../plans/library.ts';
import { frenchName } from '../plans/scopes.ts';
import type { QueryIntent } from './intent.ts';
import { planFilter } from './rank/filters.ts';
import type { Retrieval } from './rank/retrieval.ts';

const SUGGESTION: Record<Lang, string> = {
  fr: 'Essayez de reformuler avec un thème des plans, par exemple : « Quelles actions pour la lecture dans le Cantal ? » ou « Quels indicateurs du projet stratégique 2023-2027 pour le harcèlement ? »',
  en: 'Try rephrasing with a theme of the plans, for example: “Which actions target reading in Cantal?” or “What indicators does the 2023-2027 strategic project use for bullying?”',
};

/**
 * "Nothing in the plans answers this": why (unknown place or section, too broad, no match), what
 * the plans cover for the scope asked, and how to rephrase. Never a list of weak answers.
 */
export function composeNotFound(library: PlanLibrary, intent: QueryIntent, retrieval: Retrieval): Reply {
  const lang = intent.lang;
  const scopes = intent.scopes.map((key) => library.scopes.get(key)).filter((s) => s !== undefined);
  const names = scopes.map((scope) => scope.shortName).join(', ');
  const lines: string[] = [];
  const theme = echo(intent.concepts.map((concept) => concept.label).join(' ') || intent.question.trim());
  switch (retrieval.reason) {
    case 'unknown_place':
      lines.push(
        lang === 'fr'
          ? `Je n'ai aucun plan pour ${intent.unknownPlaces.join(', ')} : Boussole connaît les plans ${library.plans.map((p) => `« ${p.shortTitle} »`).join(', ')}.`
          : `I have no plan for ${intent.unknownPlaces.join(', ')}: Boussole knows these plans: ${library.plans.map((p) => `“${p.shortTitle}”`).join(', ')}.`,
      );
      break;
    case 'too_broad':
      lines.push(
        lang === 'fr'
          ? 'Votre question porte sur tous les plans à la fois : précisez un plan, un département ou un thème.'
          : 'Your question covers every plan at once: name a plan, a département or a theme.',
      );
      break;
    case 'unknown_section': {
      const refs = intent.sectionRefs.map((ref) => `${sectionWord(ref.kind, lang)} ${ref.number}`);
      const named = echo(
        [...refs, ...intent.quoted.map((q) => (lang === 'fr' ? `« ${q} »` : `“${q}”`))].join(', '),
      );
      lines.push(
        lang === 'fr' ? `Je ne trouve pas ${named} dans les plans.` : `I can't find ${named} in the plans.`,
      );
      break;
    }
    case 'not_specific': {
      const plans = planFilter(intent, library, intent.scopes)
        .map((id) => library.plan(id)?.shortTitle)
        .filter(Boolean);
      const places = scopes.filter((s) => s.kind === 'departement');
      const named = places.map((s) => (lang === 'fr' ? frenchName(s, 'à') : s.shortName)).join(', ');
      lines.push(
        lang === 'fr'
          ? `Les plans ne prévoient rien de propre ${named} : ${plans.map((p) => `« ${p} »`).join(', ')} vaut pour toute l'académie. Posez la question sans « spécifiquement » pour voir ce qu'il prévoit.`
          : `The plans have nothing specific to ${named}: ${plans.map((p) => `“${p}”`).join(', ')} applies to the whole académie. Ask without “specifically” to see what it plans.`,
      );
      break;
    }
    case 'no_fact': {
      const where = scopes.length
        ? lang === 'fr'
          ? ` ${scopes.map((s) => frenchName(s, 'pour')).join(', ')}`
          : ` for ${names}`
        : '';
      const fact =
        FACT_ASKED[intent.qtype === 'howmany' ? 'howmany' : intent.qtype === 'date' ? 'date' : 'when'];
      const found = echo(retrieval.themeFound?.join(' ') || theme);
      lines.push(
        lang === 'fr'
          ? `Les plans parlent de « ${found} »${where}, mais n'en donnent pas ${fact.fr}.`
          : `The plans mention “${found}”${where}, but give no ${fact.en} for it.`,
      );
      break;
    }
    default: {
      const where = scopes.length
        ? lang === 'fr'
          ? ` ${scopes.map((s) => frenchName(s, 'pour')).join(', ')}`
          : ` for ${names}`
        : '';
      lines.push(
        lang === 'fr'
          ? `Je n'ai trouvé dans les plans rien qui réponde à « ${theme} »${where}.`
          : `I found nothing in the plans that answers “${theme}”${where}.`,
      );
    }
  }
  const covered = coveredTopics(library, intent);
  if (covered.length && retrieval.reason !== 'unknown_place') {
    const intro =
      lang === 'fr'
        ? `${scopes.length ? `${capitalise(scopes.map((s) => frenchName(s, 'pour')).join(', '))}, les` : 'Les'} plans traitent notamment de :`
        : `${scopes.length ? `For ${names}, the` : 'The'} plans cover, among others:`;
    lines.push('', intro, ...covered.map((topic) => `• ${topic}`));
  }
  lines.push('', SUGGESTION[lang]);
  return { status: 'not_found', lang, text: lines.join('\n'), citations: [] };
}

const FACT_ASKED = {
  howmany: { fr: 'le nombre', en: 'figure' },
  when: { fr: 'le moment ni la durée', en: 'time or duration' },
  date: { fr: 'la date', en: 'date' },
} as const;

function sectionWord(kind: 'axis' | 'objective', lang: Lang): string {
  if (kind === 'axis') return lang === 'fr' ? 'axe' : 'axis';
  return lang === 'fr' ? 'objectif' : 'objective';
}

/** A few section titles from the plans in the question's scope, to show what can be asked. */
function coveredTopics(library: PlanLibrary, intent: QueryIntent): string[] {
  const scopes = new Set(intent.scopes);
  // The plans of the scopes' académies only: the topics come from the first plans that have some.
  const plans = planFilter(intent, library, intent.scopes);
  const topics: string[] = [];
  const seen = new Set<string>();
  for (const planId of plans) {
    for (const { node } of library.sectionKeys(planId, 'objective')) {
      if (!node.title) continue;
      if (scopes.size && !scopes.has(node.scope) && !scopes.has(library.plan(node.planId)?.academie ?? ''))
        continue;
      const title = clip(node.title, 90);
      const key = title.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      topics.push(title);
      if (topics.length >= 6) return topics;
    }
  }
  return topics;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** What the user wrote, repeated back: bounded, so a pasted page does not come back as the answer. */
function echo(text: string, max = 120): string {
  return clip(text, max);
}
