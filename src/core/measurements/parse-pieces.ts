import type { Scope, ScopeRegistry } from '../plans/scopes.ts';
import type { MessageText } from './parse-text.ts';

/** A piece found in a message: a range of its folded text. */
export interface Piece {
  start: number;
  end: number;
}

const POLITE = String.raw`(?:(?:please|stp|svp|merci\s+de|peux[-\s]tu|pouvez[-\s]vous|can\s+you|could\s+you|je\s+voudrais|je\s+veux|i\s+want\s+to|i'd\s+like\s+to|i\s+would\s+like\s+to)\s+)?`;
// Verbs that say "record this" whatever follows. Bare "note" is left out: "Note moyenne en
// lecture …" names an indicator.
const FRENCH_VERB = String.raw`saisir|saisie|saisissez|saisis|saisi|enregistrer|enregistrement|enregistrez|enregistre|noter|notez|declarer|declarez|declare|nouvelle\s+(?:valeur|mesure)`;
const ENGLISH_VERB = String.raw`record|new\s+(?:value|measurement|measure)`;
// Verbs with other everyday meanings ("log in", "add reading to my list", "renseigne-moi"): they
// count only with a value word after them or a value somewhere in the message.
const WEAK_FRENCH_VERB = String.raw`ajouter|ajoutez|ajoute|renseigner|renseignez|renseigne|mettre\s+a\s+jour|mets\s+a\s+jour|mise\s+a\s+jour|maj`;
const WEAK_ENGLISH_VERB = 'log|enter|add|submit|input|update';
const OBJECT = String.raw`\s+(?:de\s+|d')?(?:(?:une|la|les|l'|des|nouvelle|new|a|an|the)\s*)?(?:valeurs?|mesures?|donnees?|values?|measurements?|measures?|data|resultats?|results?)(?![\p{L}\p{N}])`;
const VERB = new RegExp(
  String.raw`^[\s\0]*${POLITE}(?<verb>(?<en>${ENGLISH_VERB}|${WEAK_ENGLISH_VERB})|${FRENCH_VERB}|${WEAK_FRENCH_VERB})(?![\p{L}\p{N}])(?<object>${OBJECT})?(?:\s+(?:pour|for)(?![\p{L}]))?[\s:]*`,
  'u',
);
const WEAK_VERB = new RegExp(`^(?:${WEAK_ENGLISH_VERB}|${WEAK_FRENCH_VERB})$`, 'u');
const MENTION = /^\s*(?:(?:<@[^>]+>|@[\p{L}\p{N}._-]+)[\s,:]*)+/u;

/** Skips a leading @mention the platform left in the text. Returns where the message starts. */
export function takeMention(msg: MessageText): number {
  const end = MENTION.exec(msg.folded)?.[0].length ?? 0;
  msg.consume(0, end);
  return end;
}

/**
 * The command verb opening the message ("saisir", "enregistrer une valeur pour", "record"). `weak`
 * tells that it is an everyday verb with no value word after it ("update", "ajoute"): the caller
 * keeps it only if a value turns up, and otherwise reads again with `allowWeak` false.
 */
export function takeVerb(
  msg: MessageText,
  allowWeak: boolean,
): { end: number; lang: 'fr' | 'en'; weak: boolean } | undefined {
  const m = VERB.exec(msg.residual());
  if (!m?.groups) return undefined;
  const weak = !m.groups.object && WEAK_VERB.test((m.groups.verb ?? '').replace(/\s+/gu, ' '));
  if (weak && !allowWeak) return undefined;
  msg.consume(0, m[0].length);
  const end = m[0].length;
  // The verb is the surest sign of the language: "saisir reading …" is typed by a French speaker.
  return { end, lang: m.groups.en ? 'en' : 'fr', weak };
}

const INTERROGATIVE_START =
  /^[\s\0]*(?:qu'|(?:quel|quelle|quels|quelles|combien|comment|ou|pourquoi|quand|qui|que|quoi|lequel|laquelle|lesquels|lesquelles|est[-\s]ce|y\s+a[-\s]t[-\s]il|existe[-\s]t[-\s]il|which|what|how|where|why|when|who|whose|show|list|liste|lister|listez|montre|montrez|montrer|affiche|affichez|afficher|donne|donnez|donner|give|tell|find|cherche|trouve|explique|expliquez|explain|resume|summarize|summarise|compare|comparer|top|is|are|does|do|did|can|could|peux|pouvez|dis|dites)(?![\p{L}\p{N}]))/u;
const INTERROGATIVE_WORD =
  /(?<!\p{L})(?:quel(?:le)?s?|combien|lesquel(?:le)?s|est[-\s]ce\s+qu|y\s+a[-\s]t[-\s]il|which|what|how\s+(?:many|much))(?!\p{L})/u;

/** A question mark or an interrogative word, outside the comment and the quoted value. */
export function readsAsQuestion(msg: MessageText, hasVerb: boolean): boolean {
  const text = msg.residual();
  if (/[?？¿]/u.test(text)) return true;
  return (!hasVerb && INTERROGATIVE_START.test(text)) || INTERROGATIVE_WORD.test(text);
}

const STRIPPED_LABEL = String.raw`commentaires?|comments?|remarques?|observations?|precisions?|n\.?\s?b\.?|notes?`;
const LABEL = `(?:${STRIPPED_LABEL}|sources?)`;
const QUALIFIER = String.raw`(?:${LABEL}|provisoires?|provisional|estimations?|estimates?|estimee?s?|previsionnel(?:le)?s?|definitif|definitive|final|chiffres?\s+provisoires?|donnees\s+provisoires?)`;
// No lazy group between optional spaces in these patterns: on a long run of spaces that costs
// cubic time. Pieces are trimmed in code instead.
const PAREN_COMMENT = new RegExp(String.raw`\(\s*(${QUALIFIER}(?!\p{L})[^()\0]*)\)`, 'gu');
const SLASH_COMMENT = /(?<=^|\s)\/\/([^\0]*)$/u;
const LABEL_COMMENT = new RegExp(String.raw`(?<!\p{L})${LABEL}\s*:`, 'u');
const LABEL_PREFIX = new RegExp(String.raw`^\s*(?:${STRIPPED_LABEL})\s*:`, 'u');

/**
 * Comments: "(source : …)" and other labelled or qualifying parentheses, "// …", and
 * "commentaire : …" up to the end. A "source" keeps its label, since the reader needs to know the
 * text is a provenance; other labels are dropped.
 */
export function takeComments(msg: MessageText, bodyStart: number): string[] {
  const comments: string[] = [];
  const add = (start: number, end: number) => {
    const inner = msg.folded.slice(start, end);
    const skip = LABEL_PREFIX.exec(inner)?.[0].length ?? 0;
    const text = msg.slice(start + skip, end).trim();
    if (text) comments.push(text);
  };
  for (const m of msg.residual().matchAll(PAREN_COMMENT)) {
    const inner = m[1] ?? '';
    const start = m.index + m[0].indexOf(inner);
    add(start, start + inner.length);
    msg.consume(m.index, m.index + m[0].length);
  }
  const slash = SLASH_COMMENT.exec(msg.residual());
  if (slash && slash.index >= bodyStart) {
    add(slash.index + 2, slash.index + slash[0].length);
    msg.consume(slash.index, msg.folded.length);
  }
  const residual = msg.residual();
  const label = LABEL_COMMENT.exec(residual.slice(bodyStart));
  if (label && label.index > 0) {
    const start = bodyStart + label.index;
    add(start, residual.length);
    msg.consume(start, residual.length);
  }
  return comments;
}

const QUOTE = /«([^»\0]*)»|“([^”\0]*)”|"([^"\0]*)"|„([^“”\0]*)[“”]/u;

/** The first quoted text (« », “ ”, " "), left unread: it may be the value or name the indicator. */
export function findQuote(msg: MessageText): (Piece & { text: string }) | undefined {
  const m = QUOTE.exec(msg.residual());
  if (!m) return undefined;
  const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
  const innerStart = m.index + 1;
  const text = msg.slice(innerStart, innerStart + inner.length).trim();
  return text ? { start: m.index, end: m.index + m[0].length, text } : undefined;
}

const INDICATOR_ID = /(?<![\p{L}\p{N}-])(?:[a-z0-9][a-z0-9-]*:)?i[0-9a-f]{7}(?:-\d+)?(?![\p{L}\p{N}])/gu;

/** An indicator id, qualified ("cf-casf-2025:i0ab56d1") or bare ("i0ab56d1"). */
export function takeIndicatorId(msg: MessageText): (Piece & { id: string }) | undefined {
  for (const m of msg.residual().matchAll(INDICATOR_ID)) {
    // A bare id must hold a digit: "ideeface" is more likely a word than a hash.
    if (!m[0].includes(':') && !/\d/u.test(m[0])) continue;
    msg.consume(m.index, m.index + m[0].length);
    return { start: m.index, end: m.index + m[0].length, id: m[0] };
  }
  return undefined;
}

const SCOPE_LEAD = new Set(
  "dans le la les l' pour en du de des d' au aux a sur chez for in at the of departement department academie academy".split(
    ' ',
  ),
);
const patternCache = new WeakMap<ScopeRegistry, { re: RegExp; scope: Scope; literal: string }[]>();

/**
 * A scope form as a pattern, with the literal its first word gives: the text must hold it for the
 * pattern to match, and `includes` rules out in nanoseconds what the regex would in microseconds
 * (a message is checked against every form of every scope).
 */
function scopePatterns(scopes: ScopeRegistry): { re: RegExp; scope: Scope; literal: string }[] {
  let patterns = patternCache.get(scopes);
  if (!patterns) {
    patterns = scopes.forms().map(({ form, scope }) => {
      const body = form
        .replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')
        .replace(/ /gu, '[\\s-]+')
        .replace(/'/gu, "'\\s*");
      const literal = form.split(/[\s'-]/u)[0] ?? '';
      return { re: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu'), scope, literal };
    });
    patternCache.set(scopes, patterns);
  }
  return patterns;
}

/**
 * The scope the message names, longest form first. Every scope mention is read (none is indicator
 * wording); the first one wins, except that a département beats its own académie named alongside.
 */
export function takeScope(
  msg: MessageText,
  scopes: ScopeRegistry,
): (Piece & { scope: Scope; text: string }) | undefined {
  const found: (Piece & { scope: Scope })[] = [];
  const residual = msg.residual();
  for (const { re, scope, literal } of scopePatterns(scopes)) {
    if (!residual.includes(literal)) continue;
    for (const m of residual.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!found.some((f) => start < f.end && f.start < end)) found.push({ start, end, scope });
    }
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.start - b.start);
  let chosen = found[0] as Piece & { scope: Scope };
  const department = found.find(
    (f) => f.scope.academie !== undefined && f.scope.academie === chosen.scope.key,
  );
  if (department) chosen = department;
  const text = msg.slice(chosen.start, chosen.end);
  for (const f of found) {
    msg.consume(f.start, f.end);
    msg.absorbBefore(f.start, SCOPE_LEAD);
  }
  return { ...chosen, text };
}
