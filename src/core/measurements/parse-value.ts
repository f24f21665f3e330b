import { NUMBER_TOKEN, parseNumber, percentMarkerLength } from './numbers.ts';
import type { Piece } from './parse-pieces.ts';
import { type MessageText, onlySeparators } from './parse-text.ts';
import { findPeriods, schoolYearOf } from './periods.ts';

/** A number in the message that could be the measured value. */
export interface NumberCandidate extends Piece {
  /** Null when the token looks like a number but is not one ("62,5,3"). */
  value: number | null;
  percent: boolean;
}

/** Words after which a number is part of the indicator's wording ("groupe 3", "objectif 1.3"). */
const LABEL_WORDS = new Set(
  `groupe groupes group groups objectif objectifs objective objectives axe axes axis action actions niveau
  niveaux level levels cycle cycles etape etapes step steps priorite priorites priority levier leviers lever
  chantier chantiers volet volets indicateur indicateurs indicator indicators item items question questions
  grade palier paliers phase phases section sections partie part chapitre chapter annexe annex article fiche
  fiches competence competences domaine domaines champ champs critere criteres criterion page ligne line
  tableau table no numero number top rep classe`
    .split(/\s+/u)
    .filter(Boolean),
);

const PERIOD_LEAD = new Set(
  "en pour au a l' le la du de d' in for on at of as sur annee scolaire school year periode period date exercice rentree fin end".split(
    ' ',
  ),
);

/** Something in the message that could not be read as it stands. */
export interface MeasurementProblem {
  code: 'bad_number' | 'ambiguous_value' | 'bad_period';
  text: string;
}

/**
 * Reads the period. A bare year ("2026") only counts when nothing else names the period, so in
 * "2030 professeurs formés, 2025-2026" it stays a number. Year spans ("2023-2027") are left in the
 * text as wording but protected from being read as values.
 */
export function takePeriod(
  msg: MessageText,
  problems: MeasurementProblem[],
): { period?: string; piece?: Piece; protect: Piece[] } {
  const residual = msg.residual();
  const matches = findPeriods(residual);
  const strong = matches.filter((m) => m.period !== null && !m.weak);
  const weak = matches.filter(
    (m) => m.period !== null && m.weak && !percentMarkerLength(residual.slice(m.end)),
  );
  const chosen = strong[0] ?? weak[0];
  const read = strong.length > 0 ? strong : chosen ? [chosen] : [];
  for (const m of read) {
    if (chosen && m !== chosen && !consistent(m.period, chosen.period)) {
      problems.push({ code: 'bad_period', text: msg.slice(m.start, m.end) });
    }
  }
  for (const m of matches) {
    if (m.kind !== 'invalid' && m.kind !== 'imprecise') continue;
    problems.push({ code: 'bad_period', text: msg.slice(m.start, m.end) });
    read.push(m);
  }
  for (const m of read) {
    msg.consume(m.start, m.end);
    msg.absorbBefore(m.start, PERIOD_LEAD);
  }
  const protect = matches.filter((m) => m.kind === 'span');
  if (!chosen?.period) return { protect };
  return { period: chosen.period, piece: { start: chosen.start, end: chosen.end }, protect };
}

/** Two periods contradict when they fall in different school years; a bare year contradicts nothing. */
function consistent(a: string | null, b: string | null): boolean {
  const schoolYear = (p: string | null) =>
    p === null || /^\d{4}$/u.test(p) ? null : p.length === 10 ? schoolYearOf(p) : p;
  const [x, y] = [schoolYear(a), schoolYear(b)];
  return x === null || y === null || x === y;
}

/** Numbers left in the message once the pieces around them have been read. */
export function findNumberCandidates(msg: MessageText, protect: Piece[]): NumberCandidate[] {
  const text = msg.residual();
  const found: NumberCandidate[] = [];
  const re = new RegExp(NUMBER_TOKEN.source, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let token = m[0];
    // A sign glued to a word or number is a hyphen: "3-4", "REP-3".
    if (/^[-+\u2212]/u.test(token) && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) {
      start++;
      token = token.slice(1);
    }
    // "CM2", "n°3", "#3" name things.
    if (/[\p{L}\p{N}°#_]/u.test(text[start - 1] ?? '')) continue;
    const previousWord = wordBefore(text, start);
    if (previousWord && LABEL_WORDS.has(previousWord)) {
      // "groupe 3 145 élèves": only the first group belongs to the label.
      const head = /^[-+\u2212]?\d+(?:[.,]\d+)*/u.exec(token)?.[0] ?? token;
      re.lastIndex = start + head.length;
      continue;
    }
    const end = start + token.length;
    const marker = percentMarkerLength(text.slice(end));
    // "6e", "1er", "3ème", "4h": an ordinal or a unit glued to the number names a class or a length.
    if (!marker && /^\p{L}/u.test(text.slice(end))) continue;
    if (protect.some((p) => start < p.end && p.start < end)) continue;
    found.push({ start, end: end + marker, value: parseNumber(token), percent: marker > 0 });
  }
  return found;
}

/**
 * The value among several numbers: the one with a percent marker, else the one right after ':' or
 * '=', else the one next to the period or scope, else the one opening the message.
 * Several percents, or no rule singling one out, is ambiguous: asking beats guessing a measurement.
 */
export function chooseValue(
  msg: MessageText,
  candidates: NumberCandidate[],
  anchors: Piece[],
  bodyStart: number,
): { chosen?: NumberCandidate; ambiguous?: NumberCandidate[] } {
  if (candidates.length <= 1) return candidates[0] ? { chosen: candidates[0] } : {};
  const percent = candidates.filter((c) => c.percent);
  if (percent.length === 1) return { chosen: percent[0] };
  if (percent.length > 1) return { ambiguous: percent };
  const text = msg.residual();
  const rules: ((c: NumberCandidate) => boolean)[] = [
    (c) => /[:=][\s\0]*$/u.test(text.slice(bodyStart, c.start)),
    (c) =>
      anchors.some(
        (a) =>
          (a.end <= c.start && onlySeparators(text.slice(a.end, c.start))) ||
          (c.end <= a.start && onlySeparators(text.slice(c.end, a.start))),
      ),
    // Only the start: "enregistrer 1 234 professeurs formés en 3 sessions …". A number at the end
    // is as likely a second count ("constellations 14 réunions 3") as the value.
    (c) => onlySeparators(text.slice(bodyStart, c.start)),
  ];
  for (const rule of rules) {
    const hits = candidates.filter(rule);
    if (hits.length === 1) return { chosen: hits[0] };
  }
  return { ambiguous: candidates };
}

/** The word ending right before `index`, across spaces; scanned backwards so long texts stay linear. */
function wordBefore(text: string, index: number): string | undefined {
  let end = index;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && /\p{L}/u.test(text[start - 1] ?? '')) start--;
  return start < end ? text.slice(start, end) : undefined;
}
