import { type PlanLibrary, sectionTitle } from '../plans/library.ts';
import type { PlanNode } from '../plans/types.ts';
import type { Citation, Lang, Reply } from '../router/types.ts';
import type { Hit, Retrieval } from './retrieve.ts';
import type { QueryIntent } from './understand.ts';
import type { AnswerKind } from './vocabulary.ts';

const ITEM_CHARS = 260;

const NOUNS: Record<Lang, Record<AnswerKind, [string, string]>> = {
  fr: {
    axis: ['axe', 'axes'],
    objective: ['objectif', 'objectifs'],
    action: ['action', 'actions'],
    indicator: ['indicateur', 'indicateurs'],
  },
  en: {
    axis: ['axis', 'axes'],
    objective: ['objective', 'objectives'],
    action: ['action', 'actions'],
    indicator: ['indicator', 'indicators'],
  },
};

function noun(lang: Lang, kinds: AnswerKind[], count: number): string {
  if (kinds.length !== 1)
    return lang === 'fr' ? (count > 1 ? 'éléments' : 'élément') : count > 1 ? 'items' : 'item';
  const [one, many] = NOUNS[lang][kinds[0] as AnswerKind];
  return count > 1 ? many : one;
}

function shorten(text: string, max = ITEM_CHARS): string {
  const flat = text.replace(/\s*\n\s*/gu, ' ; ');
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function citationOf(library: PlanLibrary, node: PlanNode, n: number): Citation {
  const plan = library.plan(node.planId);
  return {
    n,
    id: node.id,
    plan: plan?.shortTitle ?? node.planId,
    planId: node.planId,
    kind: node.kind,
    scope: library.scopes.get(node.scope)?.name ?? node.scope,
    path: library.path(node),
    text: node.summary ? `${node.text} — ${node.summary.text}` : node.text,
    source: node.source,
  };
}

/** Turns retrieved items into a grouped, cited answer (plan › axis › objective), in the asker's language. */
export function composeAnswer(library: PlanLibrary, intent: QueryIntent, retrieval: Retrieval): Reply {
  const lang = intent.lang;
  if (retrieval.status === 'not_found') return composeNotFound(library, intent, retrieval);
  const hits = orderHits(library, retrieval.hits);
  const citations: Citation[] = [];
  const cite = (node: PlanNode) => {
    const citation = citationOf(library, node, citations.length + 1);
    citations.push(citation);
    return citation.n;
  };
  const lines: string[] = [];
  const scopeNames = intent.scopes.map((key) => library.scopes.displayName(key));
  const theme = echo(intent.concepts.map((concept) => concept.label).join(' '));
  const count = hits.length;
  const what = noun(lang, retrieval.kinds, count);
  const where = scopeNames.length
    ? lang === 'fr'
      ? ` — ${scopeNames.join(', ')}`
      : ` — ${scopeNames.join(', ')}`
    : '';
  const about = theme ? (lang === 'fr' ? ` sur « ${theme} »` : ` on “${theme}”`) : '';
  lines.push(
    lang === 'fr' ? `**${count} ${what}${about}**${where} :` : `**${count} ${what}${about}**${where}:`,
  );
  if (retrieval.kindFallback?.length) {
    const asked = noun(lang, retrieval.kindFallback, 2);
    lines.push(
      lang === 'fr'
        ? `Aucun·e ${asked} ne porte explicitement sur ce thème ; voici les éléments des plans qui en parlent.`
        : `No ${asked} address this theme explicitly; here is what the plans say about it.`,
    );
  }
  if (retrieval.academieFallback) {
    const name = library.scopes.get(retrieval.academieFallback)?.name ?? retrieval.academieFallback;
    lines.push(
      lang === 'fr'
        ? `Les plans ne prévoient rien de propre à ${scopeNames.join(', ')} sur ce point ; voici ce qui vaut pour toute l'${name.replace(/^Académie/u, 'académie')}.`
        : `The plans have nothing specific to ${scopeNames.join(', ')} on this; here is what applies to the whole ${name}.`,
    );
  }
  let currentPlan = '';
  let currentSection = '';
  const objectivesShown = new Set<string>();
  for (const hit of hits) {
    const node = hit.node;
    if (node.planId !== currentPlan) {
      currentPlan = node.planId;
      currentSection = '';
      lines.push('', `**${library.plan(node.planId)?.shortTitle ?? node.planId}**`);
    }
    if (node.kind === 'axis') {
      const summary = node.summary ? ` — ${shorten(node.summary.text, 160)}` : '';
      lines.push(`• ${sectionTitle(node)}${summary} [${cite(node)}]`);
      continue;
    }
    if (node.kind === 'objective' && hits.some((h) => h.node.parentId === node.id)) {
      objectivesShown.add(node.id);
      const axis = library.ancestorOfKind(node, 'axis');
      currentSection = node.id;
      lines.push(`_${axis ? `${sectionTitle(axis, 70)} › ` : ''}${scopeSuffix(library, node, intent)}_`);
      lines.push(`• ${shorten(node.text)} [${cite(node)}]`);
      continue;
    }
    const section =
      node.kind === 'objective'
        ? library.ancestorOfKind(node, 'axis')
        : (library.ancestorOfKind(node, 'objective') ?? library.ancestorOfKind(node, 'axis'));
    const sectionKey = section?.id ?? node.planId;
    if (sectionKey !== currentSection) {
      currentSection = sectionKey;
      if (section)
        lines.push(
          `_${library
            .path(node)
            .map((title) => shorten(title, 90))
            .join(' › ')}${node.kind === 'objective' ? '' : scopeTag(library, node, intent)}_`,
        );
    }
    const indent = section && objectivesShown.has(section.id) ? '   ◦ ' : '• ';
    lines.push(`${indent}${shorten(node.text)} [${cite(node)}]`);
  }
  if (retrieval.truncated) {
    lines.push(
      '',
      lang === 'fr'
        ? `… et ${retrieval.truncated} autres : précisez un plan, un département ou un thème pour affiner.`
        : `… and ${retrieval.truncated} more: name a plan, a département or a theme to narrow it down.`,
    );
  }
  return { status: 'answered', lang, text: lines.join('\n').replace(/\n{3,}/gu, '\n\n'), citations };
}

function scopeTag(library: PlanLibrary, node: PlanNode, intent: QueryIntent): string {
  if (intent.scopes.includes(node.scope)) return '';
  const scope = library.scopes.get(node.scope);
  return scope?.kind === 'departement' ? ` (${scope.shortName})` : '';
}

function scopeSuffix(library: PlanLibrary, node: PlanNode, intent: QueryIntent): string {
  return `${shorten(sectionTitle(node), 90)}${scopeTag(library, node, intent)}`;
}

/** Plans in order of their best match, then the document's own order inside each plan. */
function orderHits(library: PlanLibrary, hits: Hit[]): Hit[] {
  const planRank = new Map<string, number>();
  for (const hit of hits)
    planRank.set(hit.node.planId, Math.max(planRank.get(hit.node.planId) ?? 0, hit.context));
  const fileOrder = new Map(library.plans.map((plan, i) => [plan.id, i]));
  return [...hits].sort((a, b) => {
    if (a.node.planId !== b.node.planId) {
      const byScore = (planRank.get(b.node.planId) ?? 0) - (planRank.get(a.node.planId) ?? 0);
      return byScore || (fileOrder.get(a.node.planId) ?? 0) - (fileOrder.get(b.node.planId) ?? 0);
    }
    return a.node.ord - b.node.ord;
  });
}

function composeNotFound(library: PlanLibrary, intent: QueryIntent, retrieval: Retrieval): Reply {
  const lang = intent.lang;
  const scopeNames = intent.scopes.map((key) => library.scopes.displayName(key));
  const theme = echo(intent.concepts.map((concept) => concept.label).join(' ') || intent.quoted.join(' '));
  const lines: string[] = [];
  if (retrieval.reason === 'too_broad') {
    lines.push(
      lang === 'fr'
        ? 'Votre question porte sur tous les plans à la fois : précisez un plan, un département ou un thème.'
        : 'Your question covers every plan at once: name a plan, a département or a theme.',
    );
  } else if (retrieval.reason === 'unknown_section') {
    const refs = intent.sectionRefs.map(
      (ref) =>
        `${ref.kind === 'axis' ? (lang === 'fr' ? 'axe' : 'axis') : lang === 'fr' ? 'objectif' : 'objective'} ${ref.number}`,
    );
    const named = echo([...refs, ...intent.quoted.map((q) => `« ${q} »`)].join(', '));
    lines.push(
      lang === 'fr' ? `Je ne trouve pas ${named} dans les plans.` : `I can't find ${named} in the plans.`,
    );
  } else {
    const where = scopeNames.length
      ? lang === 'fr'
        ? ` pour ${scopeNames.join(', ')}`
        : ` for ${scopeNames.join(', ')}`
      : '';
    lines.push(
      lang === 'fr'
        ? `Je n'ai trouvé dans les plans aucun élément qui réponde à « ${theme || echo(intent.question.trim())} »${where}.`
        : `I found nothing in the plans that answers “${theme || echo(intent.question.trim())}”${where}.`,
    );
  }
  const covered = coveredTopics(library, intent);
  if (covered.length) {
    lines.push(
      '',
      lang === 'fr'
        ? `${scopeNames.length ? `Pour ${scopeNames.join(', ')}, les` : 'Les'} plans traitent notamment de :`
        : `${scopeNames.length ? `For ${scopeNames.join(', ')}, the` : 'The'} plans cover, among others:`,
      ...covered.map((topic) => `• ${topic}`),
    );
  }
  lines.push(
    '',
    lang === 'fr'
      ? 'Essayez de reformuler avec un thème des plans, par exemple : « Quelles actions pour la lecture dans le Cantal ? » ou « Quels indicateurs du projet stratégique 2023-2027 pour le harcèlement ? »'
      : 'Try rephrasing with a theme of the plans, for example: “Which actions target reading in Cantal?” or “What indicators does the 2023-2027 strategic project use for bullying?”',
  );
  return { status: 'not_found', lang, text: lines.join('\n'), citations: [] };
}

/** A few section titles from the plans in the question's scope, to show what can be asked. */
function coveredTopics(library: PlanLibrary, intent: QueryIntent): string[] {
  const scopes = new Set(intent.scopes);
  const plans = new Set(intent.planIds);
  const topics: string[] = [];
  const seen = new Set<string>();
  for (const node of library.nodes) {
    if (node.kind !== 'objective' || !node.title) continue;
    if (plans.size && !plans.has(node.planId)) continue;
    if (scopes.size && !scopes.has(node.scope) && !scopes.has(library.plan(node.planId)?.academie ?? ''))
      continue;
    const title = shorten(node.title.replace(/^Objectifs? liés? (?:à la |au |aux |à l'|à )?/u, ''), 90);
    const key = title.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    topics.push(title);
    if (topics.length >= 6) break;
  }
  return topics;
}

/** What the user wrote, repeated back: bounded, so a pasted page does not come back as the answer. */
function echo(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
