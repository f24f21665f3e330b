import { type Messages, messages } from '../kernel/messages/index.ts';
import type { Citation, Reply } from '../kernel/types.ts';
import { describeNode } from '../plans/citation.ts';
import { type PlanLibrary, sectionTitle } from '../plans/library.ts';
import type { PlanNode } from '../plans/types.ts';
import type { AnswerKind, QueryIntent } from './intent.ts';
import { itemLine, shorten } from './item-text.ts';
import { composeNotFound } from './not-found.ts';
import type { Hit, Retrieval } from './rank/retrieval.ts';

/** Longest item text shown in the answer; longer ones stop at the end of a sentence. */
const ITEM_CHARS = 420;

/** What a cited unit is: an item of the plan tree, or a passage of its prose. */
interface Cited {
  hit: Hit;
  node: PlanNode | undefined;
  text: string;
  citation: Omit<Citation, 'n'>;
}

function resolve(library: PlanLibrary, hit: Hit): Cited | null {
  if (hit.kind !== 'passage') {
    const node = library.node(hit.ref);
    if (!node) return null;
    const citation = describeNode(library, node);
    return { hit, node, text: node.text, citation };
  }
  const passage = library.passage(hit.ref);
  if (!passage) return null;
  const owner = library.node(passage.nodeId);
  const path = owner && owner.kind !== 'plan' ? [...library.path(owner), sectionTitle(owner)] : [];
  return {
    hit,
    node: undefined,
    text: passage.text,
    citation: {
      id: passage.id,
      plan: library.plan(passage.planId)?.shortTitle ?? passage.planId,
      planId: passage.planId,
      kind: 'passage',
      scope: library.scopes.get(passage.scope)?.name ?? passage.scope,
      path,
      text: passage.text,
      source: passage.source,
    },
  };
}

/**
 * Turns retrieved units into a cited answer in the asker's language: a plain header, the plan's
 * own sentence first for a who / when / how many question, then the units grouped by plan and
 * section (side by side for a comparison), each with its [n] marker.
 */
export function composeAnswer(library: PlanLibrary, intent: QueryIntent, retrieval: Retrieval): Reply {
  const t = messages(intent.lang).answers;
  const { quote } = messages(intent.lang).format;
  if (retrieval.status === 'not_found') return composeNotFound(library, intent, retrieval);
  const citations: Citation[] = [];
  const numbers = new Map<string, number>();
  const cite = (cited: Cited) => {
    let n = numbers.get(cited.citation.id);
    if (n === undefined) {
      n = citations.length + 1;
      numbers.set(cited.citation.id, n);
      citations.push({ n, ...cited.citation });
    }
    return n;
  };
  const lines: string[] = [header(library, intent, retrieval, t)];
  if (retrieval.academieFallback) {
    const scope = library.scopes.get(retrieval.academieFallback);
    const named = intent.scopes.map((key) => library.scopes.get(key)).filter((s) => s !== undefined);
    lines.push(
      retrieval.fallbackKind
        ? t.academieFallbackForKind(retrieval.fallbackKind, named, scope)
        : t.academieFallback(named, scope),
    );
  }
  const resolved = (hits: Hit[]) =>
    hits.map((hit) => resolve(library, hit)).filter((c): c is Cited => c !== null);
  if (retrieval.lead) {
    const first = resolved(retrieval.hits.filter((hit) => hit.ref === retrieval.lead?.ref))[0];
    if (first) lines.push('', `${t.inShort} ${quote(retrieval.lead.sentence)} [${cite(first)}]`);
  }
  if (retrieval.sides?.length) {
    for (const side of retrieval.sides) {
      lines.push('', `**${sideName(library, side.key)}**`);
      if (!side.hits.length) {
        // A département with nothing of its own may still be covered by the académie's text.
        const place = library.scopes.get(side.key);
        lines.push(place?.kind === 'departement' ? t.nothingSpecificOnSide(place) : t.nothingOnSide);
      } else lines.push(...groupLines(library, resolved(side.hits), cite, intent, false));
    }
  } else {
    lines.push(...groupLines(library, resolved(retrieval.hits), cite, intent, true));
  }
  if (retrieval.truncated) lines.push('', t.truncated(retrieval.truncated));
  return {
    status: 'answered',
    lang: intent.lang,
    text: lines.join('\n').replace(/\n{3,}/gu, '\n\n'),
    citations,
  };
}

function header(
  library: PlanLibrary,
  intent: QueryIntent,
  retrieval: Retrieval,
  t: Messages['answers'],
): string {
  const where = intent.scopes.map((key) => library.scopes.displayName(key)).join(', ');
  if (retrieval.sides?.length) {
    return `**${t.comparison}** ${retrieval.sides.map((side) => sideName(library, side.key)).join(' / ')}`;
  }
  const kinds = retrieval.kinds;
  const count = retrieval.hits.length;
  const what =
    kinds.length === 1 && retrieval.hits.every((hit) => hit.kind === kinds[0])
      ? t.noun(kinds[0] as AnswerKind, count)
      : null;
  const title = what ? `${count} ${what}` : t.whatThePlansSay;
  return `**${title}**${where ? ` — ${where}` : ''}${t.colon}`;
}

function sideName(library: PlanLibrary, key: string): string {
  return library.scopes.get(key)?.shortName ?? library.plan(key)?.shortTitle ?? key;
}

/** Units grouped by plan, then by section, in the plan's order; one section line per group. */
function groupLines(
  library: PlanLibrary,
  cited: Cited[],
  cite: (c: Cited) => number,
  intent: QueryIntent,
  planHeadings: boolean,
): string[] {
  const order = new Map(library.plans.map((plan, i) => [plan.id, i]));
  const firstRank = new Map<string, number>();
  cited.forEach((c, i) => {
    if (!firstRank.has(c.hit.planId)) firstRank.set(c.hit.planId, i);
  });
  const sorted = [...cited].sort(
    (a, b) =>
      (firstRank.get(a.hit.planId) ?? 0) - (firstRank.get(b.hit.planId) ?? 0) ||
      (order.get(a.hit.planId) ?? 0) - (order.get(b.hit.planId) ?? 0) ||
      a.citation.source.lines[0] - b.citation.source.lines[0],
  );
  const lines: string[] = [];
  let plan = '';
  let section = '';
  // What the question asks, in every way it may be said: a long text is shown from where it says it.
  const questionPhrases = intent.concepts.flatMap((c) => c.phrases.map((p) => p.stems));
  for (const c of sorted) {
    if (c.hit.planId !== plan) {
      plan = c.hit.planId;
      section = '';
      if (planHeadings) lines.push('', `**${c.citation.plan}**`);
    }
    const path = c.citation.path.map((title) => shorten(title, 90)).join(' › ');
    const scope = intent.scopes.includes(c.hit.scope) ? '' : scopeTag(library, c.hit.scope);
    const key = `${path}|${scope}`;
    if (key !== section && (path || scope)) {
      section = key;
      lines.push(`_${[path, scope].filter(Boolean).join(' — ')}_`);
    }
    lines.push(`• ${itemLine(c.text, questionPhrases, ITEM_CHARS)} [${cite(c)}]`);
  }
  return lines;
}

function scopeTag(library: PlanLibrary, key: string): string {
  const scope = library.scopes.get(key);
  return scope?.kind === 'departement' ? scope.shortName : '';
}
