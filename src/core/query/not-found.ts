import { messages } from '../kernel/messages/index.ts';
import type { Reply } from '../kernel/types.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { QueryIntent } from './intent.ts';
import { planFilter } from './rank/filters.ts';
import type { Retrieval } from './rank/retrieval.ts';

/**
 * "Nothing in the plans answers this": why (unknown place or section, too broad, no match), what
 * the plans cover for the scope asked, and how to rephrase. Never a list of weak answers.
 */
export function composeNotFound(library: PlanLibrary, intent: QueryIntent, retrieval: Retrieval): Reply {
  const lang = intent.lang;
  const { format, answers } = messages(lang);
  const t = answers.notFound;
  const scopes = intent.scopes.map((key) => library.scopes.get(key)).filter((s) => s !== undefined);
  const lines: string[] = [];
  const theme = echo(intent.concepts.map((concept) => concept.label).join(' ') || intent.question.trim());
  switch (retrieval.reason) {
    case 'unknown_place':
      lines.push(
        t.unknownPlace(
          intent.unknownPlaces,
          library.plans.map((p) => p.shortTitle),
        ),
      );
      break;
    case 'too_broad':
      lines.push(t.tooBroad);
      break;
    case 'unknown_section': {
      const refs = intent.sectionRefs.map((ref) => `${t.section(ref.kind)} ${ref.number}`);
      lines.push(t.unknownSection(echo([...refs, ...intent.quoted.map(format.quote)].join(', '))));
      break;
    }
    case 'not_specific': {
      const plans = planFilter(intent, library, intent.scopes)
        .map((id) => library.plan(id)?.shortTitle)
        .filter((title): title is string => Boolean(title));
      const places = scopes.filter((s) => s.kind === 'departement');
      lines.push(t.notSpecific(places, plans));
      break;
    }
    case 'no_fact': {
      const fact = intent.qtype === 'howmany' ? 'howmany' : intent.qtype === 'date' ? 'date' : 'when';
      lines.push(t.noFact(echo(retrieval.themeFound?.join(' ') || theme), scopes, fact));
      break;
    }
    default:
      lines.push(t.nothing(theme, scopes));
  }
  const covered = coveredTopics(library, intent);
  if (covered.length && retrieval.reason !== 'unknown_place') {
    lines.push('', t.covered(scopes), ...covered.map((topic) => `• ${topic}`));
  }
  lines.push('', t.suggestion);
  return { status: 'not_found', lang, text: lines.join('\n'), citations: [] };
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

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** What the user wrote, repeated back: bounded, so a pasted page does not come back as the answer. */
function echo(text: string, max = 120): string {
  return clip(text, max);
}
