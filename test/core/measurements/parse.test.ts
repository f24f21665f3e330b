import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseQuantity } from '../../../src/core/measurements/numbers.ts';
import {
  looksLikeMeasurement,
  type ParsedMeasurement,
  parseMeasurement,
  readMeasurement,
} from '../../../src/core/measurements/parse.ts';
import { normalisePeriod, schoolYearOf } from '../../../src/core/measurements/periods.ts';
import { unitOfIndicator } from '../../../src/core/measurements/units.ts';
import { loadScopes } from '../../../src/data/plans.ts';
import { loadIndicatorUnitWords } from '../../../src/data/word-lists.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';

const scopes = loadScopes(path.join(ROOT_DIR, 'data'));

/**
 * Messages as staff would type them against the CASF roadmap indicators, with the pieces expected.
 * `problems` defaults to none; a field given as undefined must be absent.
 */
const MESSAGES: [string, Partial<ParsedMeasurement>][] = [
  // The examples from the brief.
  [
    "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques",
    {
      form: 'free',
      lang: 'fr',
      scope: 'cantal',
      scopeText: 'Cantal',
      period: '2025-2026',
      value: 62.5,
      valueText: '62,5 %',
      percent: true,
      indicatorText: 'élèves groupe 3 faits numériques',
    },
  ],
  [
    'Allier, 2026 : 14 constellations',
    { scope: 'allier', period: '2026', value: 14, percent: false, indicatorText: 'constellations' },
  ],
  [
    'record 38 % reading for Haute-Loire 2025-2026',
    {
      lang: 'en',
      scope: 'haute-loire',
      period: '2025-2026',
      value: 38,
      percent: true,
      indicatorText: 'reading',
    },
  ],
  [
    'saisir faits numériques cantal 2025-2026 62,5 sources: évaluations repères',
    {
      form: 'structured',
      scope: 'cantal',
      period: '2025-2026',
      value: 62.5,
      percent: false,
      indicatorText: 'faits numériques',
      comment: 'sources: évaluations repères',
    },
  ],
  [
    'saisir cf-casf-2025:i0ab56d1 cantal 2025/26 62,5 %',
    {
      form: 'structured',
      indicatorId: 'cf-casf-2025:i0ab56d1',
      scope: 'cantal',
      period: '2025-2026',
      value: 62.5,
      percent: true,
      indicatorText: '',
    },
  ],
  [
    'enregistrer 1 234 professeurs formés Puy-de-Dôme 2025-2026',
    {
      scope: 'puy-de-dome',
      period: '2025-2026',
      value: 1234,
      valueText: '1 234',
      indicatorText: 'professeurs formés',
    },
  ],
  [
    "Cantal 2025-2026 : 140 % d'élèves groupe 3 faits numériques",
    { scope: 'cantal', value: 140, percent: true, indicatorText: 'élèves groupe 3 faits numériques' },
  ],
  [
    'Cantal : 62,5 % groupe 3 faits numériques',
    { scope: 'cantal', period: undefined, value: 62.5, indicatorText: 'groupe 3 faits numériques' },
  ],
  [
    'Haute-Loire 2025-26 lecture 71 pour cent',
    {
      scope: 'haute-loire',
      period: '2025-2026',
      value: 71,
      valueText: '71 pour cent',
      percent: true,
      indicatorText: 'lecture',
    },
  ],
  [
    'Pour le Puy-de-Dôme en 2025/2026, 48,3 % des élèves comprennent un écrit',
    {
      scope: 'puy-de-dome',
      period: '2025-2026',
      value: 48.3,
      percent: true,
      indicatorText: 'élèves comprennent un écrit',
    },
  ],
  [
    'CEC Allier 2025-2026 : « trois réunions de bilan, bonne dynamique »',
    {
      scope: 'allier',
      period: '2025-2026',
      value: undefined,
      textValue: 'trois réunions de bilan, bonne dynamique',
      indicatorText: 'CEC',
    },
  ],
  // Number writing: no-break spaces, narrow no-break spaces, decimal point, sign, "=".
  [
    'Puy-de-Dôme 2025-2026 : 1\u00a0234 professeurs formés',
    { value: 1234, valueText: '1\u00a0234', indicatorText: 'professeurs formés' },
  ],
  [
    "Allier 2025-2026 : 62,5\u202f% d'élèves lisant un texte",
    { value: 62.5, valueText: '62,5\u202f%', percent: true, indicatorText: 'élèves lisant un texte' },
  ],
  [
    'Puy-de-Dôme 2025-2026 : 12\u202f345,5 heures de formation',
    { value: 12345.5, indicatorText: 'heures de formation' },
  ],
  ['Cantal 2025-2026 : 1 234 élèves', { value: 1234, indicatorText: 'élèves' }],
  [
    "Cher 2026 : -2,5 points d'écart filles garçons",
    { scope: 'cher', period: '2026', value: -2.5, indicatorText: "points d'écart filles garçons" },
  ],
  [
    'Nombre de professeurs formés Cantal 2025-2026 = 18',
    { value: 18, indicatorText: 'Nombre de professeurs formés' },
  ],
  [
    'enregistrer 2030 professeurs formés Puy-de-Dôme 2025-2026',
    { period: '2025-2026', value: 2030, indicatorText: 'professeurs formés' },
  ],
  [
    'Cantal 2026 : 2 345 élèves de 6e évalués',
    { period: '2026', value: 2345, indicatorText: 'élèves de 6e évalués' },
  ],
  // Case, accents and the many names of a scope.
  [
    'CANTAL 2025-2026 62.5% eleves groupe 3 automatismes',
    {
      scope: 'cantal',
      scopeText: 'CANTAL',
      value: 62.5,
      percent: true,
      indicatorText: 'eleves groupe 3 automatismes',
    },
  ],
  [
    "puy de dome 2025/26 : 40 % d'élèves comprenant un écrit",
    {
      scope: 'puy-de-dome',
      scopeText: 'puy de dome',
      value: 40,
      indicatorText: 'élèves comprenant un écrit',
    },
  ],
  [
    'haute loire année scolaire 2025-2026 lecture 70%',
    { scope: 'haute-loire', period: '2025-2026', value: 70, percent: true, indicatorText: 'lecture' },
  ],
  [
    'les élèves cantaliens en 2025-2026 : 58 % lisent un texte',
    { scope: 'cantal', scopeText: 'cantaliens', value: 58, indicatorText: 'élèves lisent un texte' },
  ],
  ['dsden 15 2025-2026 : 7 dispositifs créés avec ces objectifs', { scope: 'cantal', value: 7 }],
  [
    'Académie de Clermont 2025-2026 : 120 directeurs formés en formation initiale',
    { scope: 'clermont-ferrand', value: 120, indicatorText: 'directeurs formés en formation initiale' },
  ],
  ['Loir-et-Cher 2025-2026 : 5 dispositifs créés', { scope: 'loir-et-cher', value: 5 }],
  ['Indre-et-Loire 2025-2026 : 9 dispositifs', { scope: 'indre-et-loire', value: 9 }],
  [
    'Cantal 2025-2026 : 61 % d’élèves lisant un texte',
    { value: 61, indicatorText: 'élèves lisant un texte' },
  ],
  // English.
  [
    'Record 52.5% students reading a text, Cantal, school year 2025-26',
    {
      lang: 'en',
      scope: 'cantal',
      period: '2025-2026',
      value: 52.5,
      indicatorText: 'students reading a text',
    },
  ],
  [
    'for Puy de Dome, school year 2025-26: 44.5 percent reading',
    { lang: 'en', scope: 'puy-de-dome', value: 44.5, percent: true, indicatorText: 'reading' },
  ],
  [
    'new value reading Cantal 2025-2026 61.5%',
    { form: 'structured', lang: 'en', value: 61.5, indicatorText: 'reading' },
  ],
  [
    'update Haute-Loire 2025-2026 reading 70 %',
    { form: 'free', lang: 'en', scope: 'haute-loire', value: 70, indicatorText: 'reading' },
  ],
  // Periods written as dates, the rentrée, labelled years.
  [
    'log reading Allier June 30, 2026 58.2 percent // provisional figure',
    { form: 'structured', lang: 'en', period: '2026-06-30', value: 58.2, comment: 'provisional figure' },
  ],
  [
    'Enregistrer une valeur pour lecture dans le Cantal au 30 juin 2026 : 64 %',
    { form: 'structured', scope: 'cantal', period: '2026-06-30', value: 64, indicatorText: 'lecture' },
  ],
  [
    "Allier le 1er juin 2026 : 33 % d'élèves groupe 1 sur le parcours",
    { period: '2026-06-01', value: 33, indicatorText: 'élèves groupe 1 sur le parcours' },
  ],
  [
    'Allier 2026-06-30 : 12 équipes en difficulté',
    { period: '2026-06-30', value: 12, indicatorText: 'équipes en difficulté' },
  ],
  [
    "Haute-Loire, rentrée 2025 : 45,5 % d'élèves groupe 1 sur le parcours",
    { period: '2025-2026', value: 45.5, indicatorText: 'élèves groupe 1 sur le parcours' },
  ],
  [
    'Allier, exercice 2026 : 14 constellations',
    { period: '2026', value: 14, indicatorText: 'constellations' },
  ],
  ['Cantal 2025 - 2026 : 62 %', { period: '2025-2026', value: 62 }],
  [
    "Cantal 2025-2026 au 30/06/2026 : 61 % d'élèves lisant un texte",
    { period: '2025-2026', value: 61, indicatorText: 'élèves lisant un texte' },
  ],
  [
    "Projet stratégique 2023-2027, Allier 2025-2026 : 37 % d'élèves lisant un texte",
    {
      period: '2025-2026',
      value: 37,
      indicatorText: "Projet stratégique 2023-2027 d'élèves lisant un texte",
    },
  ],
  // Comments, ids, polite openings, mentions.
  [
    '30/06/2026 cantal : 12 équipes en difficulté commentaire : chiffre provisoire',
    {
      period: '2026-06-30',
      value: 12,
      indicatorText: 'équipes en difficulté',
      comment: 'chiffre provisoire',
    },
  ],
  [
    'saisir i0ab56d1 allier 2026 12 (source : enquête IEN)',
    {
      form: 'structured',
      indicatorId: 'i0ab56d1',
      period: '2026',
      value: 12,
      comment: 'source : enquête IEN',
    },
  ],
  [
    'Puy-de-Dôme 2025-2026 : 48 % (chiffre provisoire)',
    { value: 48, comment: 'chiffre provisoire', indicatorText: '' },
  ],
  [
    'saisir lecture cantal 2025-2026 62 % chiffre en hausse',
    { form: 'structured', value: 62, indicatorText: 'lecture', comment: 'chiffre en hausse' },
  ],
  [
    "enregistrer lecture Cantal 2025-2026 62 % d'élèves lecteurs",
    { form: 'structured', value: 62, indicatorText: "lecture d'élèves lecteurs", comment: undefined },
  ],
  [
    'Indicateur i0ab56d1 Cantal 2025-2026 : 61 %',
    { indicatorId: 'i0ab56d1', value: 61, indicatorText: 'Indicateur' },
  ],
  [
    'ajouter une valeur : Cantal 2025-2026 lecture 62',
    { scope: 'cantal', value: 62, indicatorText: 'lecture' },
  ],
  [
    'stp enregistre 18 professeurs formés aux pratiques excluant les stéréotypes de genres, Allier, 2025-2026',
    {
      scope: 'allier',
      value: 18,
      indicatorText: 'professeurs formés aux pratiques excluant les stéréotypes de genres',
    },
  ],
  [
    "Peux-tu saisir pour le Cantal 2025-2026 : 45 % d'élèves comprenant un écrit ?",
    { scope: 'cantal', value: 45, indicatorText: 'élèves comprenant un écrit' },
  ],
  [
    '@Boussole saisir lecture allier 2025-2026 55 %',
    { form: 'structured', scope: 'allier', value: 55, indicatorText: 'lecture' },
  ],
  ['Saisie : Haute-Loire, 2025-2026, 71 % lecture', { form: 'free', value: 71, indicatorText: 'lecture' }],
  [
    'Allier 2025-2026, groupe 3 faits numériques : 41 %',
    { value: 41, indicatorText: 'groupe 3 faits numériques' },
  ],
  [
    'saisir reading cantal 2025-2026 40 %',
    { form: 'structured', lang: 'fr', value: 40, indicatorText: 'reading' },
  ],
  [
    'ajoute 14 constellations Allier 2026',
    { scope: 'allier', period: '2026', value: 14, indicatorText: 'constellations' },
  ],
  // Text values for the qualitative indicators.
  [
    'saisir CEC allier 2025-2026 bonne dynamique, trois réunions',
    {
      form: 'structured',
      textValue: 'bonne dynamique, trois réunions',
      value: undefined,
      indicatorText: 'CEC',
    },
  ],
  ['Allier 2025-2026 : « 3 réunions »', { textValue: '3 réunions', value: undefined }],
  [
    'Cantal 2025-2026 CEC : "réunions mensuelles, bonne participation"',
    { textValue: 'réunions mensuelles, bonne participation', indicatorText: 'CEC' },
  ],
  // Pieces that are present but unusable are reported, not guessed.
  [
    'Cantal 2025-2026 : 62 % lecture, 55 % écriture',
    { value: undefined, problems: [{ code: 'ambiguous_value', text: '62 % / 55 %' }] },
  ],
  [
    'Allier 2025-2026 constellations 14 réunions 3',
    { value: undefined, problems: [{ code: 'ambiguous_value', text: '14 / 3' }] },
  ],
  [
    'Allier 2026 : 62,5,3 %',
    { value: undefined, valueText: '62,5,3 %', problems: [{ code: 'bad_number', text: '62,5,3 %' }] },
  ],
  [
    'saisir lecture cantal 31/02/2026 60',
    {
      period: undefined,
      value: 60,
      indicatorText: 'lecture',
      problems: [{ code: 'bad_period', text: '31/02/2026' }],
    },
  ],
  [
    "Dans le Cantal en juin 2026, 61 % d'élèves lisent un texte",
    { period: undefined, value: 61, problems: [{ code: 'bad_period', text: 'juin 2026' }] },
  ],
  [
    'Cantal 2024-2025 et 2025-2026 : 61 %',
    { period: '2024-2025', value: 61, problems: [{ code: 'bad_period', text: '2025-2026' }] },
  ],
];

/** Matches the expected pieces; a piece expected as undefined must be missing from the result. */
function expectPieces(parsed: ParsedMeasurement, expected: Partial<ParsedMeasurement>): void {
  const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
  expect(parsed).toMatchObject({ problems: [], ...present });
  for (const [key, v] of Object.entries(expected)) {
    if (v === undefined) expect(parsed, key).not.toHaveProperty(key);
  }
}

describe('reading a measurement from a chat message', () => {
  it('covers at least 45 real-world phrasings', () => {
    expect(MESSAGES.length).toBeGreaterThanOrEqual(45);
  });

  it.each(MESSAGES)('reads the pieces of « %s »', (text, expected) => {
    expectPieces(parseMeasurement(text, scopes), expected);
  });

  it.each(MESSAGES.map(([text]) => text))('takes « %s » for a measurement to record', (text) => {
    expect(looksLikeMeasurement(text, scopes)).toBe(true);
  });

  it('reads each message once: the reading that tells a measurement is the one the entry flow gets', () => {
    for (const [text] of MESSAGES)
      expect(readMeasurement(text, scopes)).toEqual(parseMeasurement(text, scopes));
    expect(
      readMeasurement('Quelles actions visent les faits numériques dans le Cantal ?', scopes),
    ).toBeNull();
  });

  it('keeps the pieces as typed when emoji sit around them', () => {
    const parsed = parseMeasurement("😀 Cantal 2025-2026 : 62,5 % d'élèves lisant un texte 👍", scopes);
    expect(parsed).toMatchObject({
      scopeText: 'Cantal',
      valueText: '62,5 %',
      indicatorText: 'élèves lisant un texte',
    });
  });

  it('never reads a year used as the period as the value', () => {
    const parsed = parseMeasurement('Allier 2026 14', scopes);
    expect(parsed).toMatchObject({ period: '2026', value: 14 });
  });

  it('reads a percent written before the school year the same way as after it', () => {
    const before = parseMeasurement('62,5 % faits numériques Cantal 2025-2026', scopes);
    const after = parseMeasurement('Cantal 2025-2026 faits numériques 62,5 %', scopes);
    expect(before).toMatchObject({ value: 62.5, percent: true, indicatorText: 'faits numériques' });
    expect(after).toMatchObject({ value: 62.5, percent: true, indicatorText: 'faits numériques' });
  });
});

describe('telling a measurement from a question', () => {
  it.each([
    'Quelles actions visent les faits numériques dans le Cantal ?',
    'Quels indicateurs du projet stratégique 2023-2027 ?',
    'actions cantal',
    'objectif 1.3',
    'objectif 1.3 Cantal 2025-2026',
    'Cantal 2025-2026 groupe 3',
    'Cantal 2025-2026',
    "Combien d'élèves du Cantal lisent un texte en 2025-2026",
    'Quel est le % d’élèves groupe 3 dans le Cantal',
    'What are the reading targets for Cantal in 2026?',
    'How many teachers were trained in Allier in 2025-2026',
    'Montre les indicateurs du Cantal 2025-2026',
    'show reading indicators for Haute-Loire 2026',
    'liste les actions du Cantal pour 2026',
    'top 5 actions cantal',
    'Que prévoit le Puy-de-Dôme pour 2026 ?',
    "Où en est le Cantal sur l'objectif 2 en 2025-2026",
    'saisir une valeur ?',
    'Comment saisir une valeur pour le Cantal en 2025-2026 ?',
    'log in to Boussole',
    'add reading to my list for Cantal',
    'renseigne-moi sur le Cantal 2025-2026',
  ])('treats « %s » as a question', (text) => {
    expect(looksLikeMeasurement(text, scopes)).toBe(false);
  });

  it('takes a command verb with missing pieces for a measurement, to be completed by asking', () => {
    expect(looksLikeMeasurement('saisir lecture 62 %', scopes)).toBe(true);
    expectPieces(parseMeasurement('saisir lecture 62 %', scopes), {
      scope: undefined,
      period: undefined,
      value: 62,
    });
  });
});

describe('reading numbers', () => {
  it.each([
    ['62,5', 62.5],
    ['62.5', 62.5],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['12\u202f345,5', 12345.5],
    ['12 345,5', 12345.5],
    ['1 234 567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234', 1.234],
    ['-3', -3],
    ['+4', 4],
    ['\u22122,5', -2.5],
    ['.5', 0.5],
    ['-0', 0],
  ])('reads « %s » as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each([
    '',
    '  ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '1e3',
    '0x1F',
    '12 34',
    '1.234.5',
    '62,5,3',
    '5.',
    'douze',
    '9'.repeat(400),
  ])('refuses « %s »', (text) => {
    expect(parseNumber(text)).toBeNull();
  });

  it.each([
    ['62,5 %', 62.5, true],
    ['71 pour cent', 71, true],
    ['5 pourcent', 5, true],
    ['10 percent', 10, true],
    ['12 per cent', 12, true],
    ['38pct', 38, true],
    ['14', 14, false],
  ])('reads the quantity « %s »', (text, value, percent) => {
    expect(parseQuantity(text)).toEqual({ value, percent });
  });

  it('refuses a percent marker with no number', () => {
    expect(parseQuantity('%')).toBeNull();
    expect(parseQuantity('abc %')).toBeNull();
  });
});

describe('normalising periods', () => {
  it.each([
    ['2025-2026', '2025-2026'],
    ['2025/2026', '2025-2026'],
    ['2025-26', '2025-2026'],
    ['2025/26', '2025-2026'],
    ['25-26', '2025-2026'],
    ['2025 – 2026', '2025-2026'],
    ['année scolaire 2025-2026', '2025-2026'],
    ['school year 2025-26', '2025-2026'],
    ['rentrée 2025', '2025-2026'],
    ['Rentrée scolaire 2025', '2025-2026'],
    ['1999/00', '1999-2000'],
    ['2026', '2026'],
    ['en 2026', '2026'],
    ['30/06/2026', '2026-06-30'],
    ['30.06.2026', '2026-06-30'],
    ['30/06/26', '2026-06-30'],
    ['06/30/2026', '2026-06-30'],
    ['2026-06-30', '2026-06-30'],
    ['30 juin 2026', '2026-06-30'],
    ['1er juin 2026', '2026-06-01'],
    ['June 30, 2026', '2026-06-30'],
    ['30 June 2026', '2026-06-30'],
    ['29/02/2024', '2024-02-29'],
  ])('reads « %s » as %s', (text, period) => {
    expect(normalisePeriod(text)).toBe(period);
  });

  it.each([
    '2023-2027',
    '2025-2025',
    '2025-27',
    '31/02/2026',
    '29/02/2025',
    '2026-13-01',
    'juin 2026',
    '1989',
    '2101',
    '12-15',
    '2025 2026',
    'bientôt',
  ])('refuses « %s »', (text) => {
    expect(normalisePeriod(text)).toBeNull();
  });

  it.each([
    ['2026-06-30', '2025-2026'],
    ['2026-08-31', '2025-2026'],
    ['2026-09-01', '2026-2027'],
    ['2025-12-31', '2025-2026'],
  ])('puts %s in the school year %s', (date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });

  it('refuses to place a date that does not exist', () => {
    expect(() => schoolYearOf('2026-02-31')).toThrow(RangeError);
  });
});

describe('the unit of an indicator, read from its wording (data/measurements/units.json)', () => {
  const words = loadIndicatorUnitWords(path.join(ROOT_DIR, 'data'));
  it.each([
    ['% d’élèves du groupe 3 en faits numériques', 'percent'],
    ['Évolution du taux de réussite au DNB', 'percent'],
    ['Nombre de projets eTwinning', 'count'],
    ['Résultats aux évaluations nationales', 'number'],
    ['Le suivi des parcours', 'text'],
    ['Tauxx inventé', 'text'],
  ])('reads « %s » as %s', (text, unit) => {
    expect(unitOfIndicator(text, words)).toBe(unit);
  });

  it('follows the data file: a new opening needs no code', () => {
    expect(unitOfIndicator('Effectif des élèves accueillis', words)).toBe('text');
    expect(
      unitOfIndicator('Effectif des élèves accueillis', { ...words, count: [...words.count, 'effectif'] }),
    ).toBe('count');
  });
});
