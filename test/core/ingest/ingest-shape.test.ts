import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairOcr } from '../../../src/core/ingest/ocr.ts';
import {
  collapseSpaces,
  joinLines,
  repairGuillemets,
  repairLigatures,
  stripMarkdown,
} from '../../../src/core/ingest/repair.ts';
import { vocabularyOf } from '../../../src/core/ingest/sources.ts';
import type { ParsedPlan, PlanNode } from '../../../src/core/plans/types.ts';
import { letterKey } from '../../../src/core/text/fold.ts';
import { loadShippedSources } from '../../../src/data/plans.ts';
import { DATA_DIR, planByFile, shippedPlans } from '../../helpers/plans.ts';

const count = (plan: ParsedPlan, kind: string) => plan.nodes.filter((n) => n.kind === kind).length;
const childrenOf = (plan: ParsedPlan, node: PlanNode) => plan.nodes.filter((n) => n.parentId === node.id);
const find = (plan: ParsedPlan, kind: string, start: string) => {
  const node = plan.nodes.find((n) => n.kind === kind && n.text.startsWith(start));
  if (!node) throw new Error(`no ${kind} starting with ${start}`);
  return node;
};
const parentOf = (plan: ParsedPlan, node: PlanNode) => plan.nodes.find((n) => n.id === node.parentId);

describe('the shape of the five plans', () => {
  it('reads 000 as 3 axes, 9 objectives, 33 commitments and 30 indicators', () => {
    const plan = planByFile('000');
    expect([
      count(plan, 'axis'),
      count(plan, 'objective'),
      count(plan, 'action'),
      count(plan, 'indicator'),
    ]).toEqual([3, 9, 33, 30]);
  });

  it('reads 001 as 4 axes and the 11 objectives 1.1 … 4.3', () => {
    const plan = planByFile('001');
    expect(count(plan, 'axis')).toBe(4);
    expect(plan.nodes.filter((n) => n.kind === 'objective').map((n) => n.label)).toEqual([
      'Objectif 1.1',
      'Objectif 1.2',
      'Objectif 1.3',
      'Objectif 2.1',
      'Objectif 2.2',
      'Objectif 2.3',
      'Objectif 3.1',
      'Objectif 3.2',
      'Objectif 4.1',
      'Objectif 4.2',
      'Objectif 4.3',
    ]);
  });

  it('reads 002 as 2 axes, each declined for the académie and the four départements', () => {
    const plan = planByFile('002');
    expect(count(plan, 'axis')).toBe(2);
    for (const axis of plan.nodes.filter((n) => n.kind === 'axis')) {
      const scopes = new Set(childrenOf(plan, axis).map((objective) => objective.scope));
      expect([...scopes].sort()).toEqual([
        'allier',
        'cantal',
        'clermont-ferrand',
        'haute-loire',
        'puy-de-dome',
      ]);
    }
  });

  it('reads 003 as 4 axes and 29 numbered objectives (9, 8, 7, 5) with their levers as actions', () => {
    const plan = planByFile('003');
    const axes = plan.nodes.filter((n) => n.kind === 'axis');
    expect(axes.map((axis) => childrenOf(plan, axis).length)).toEqual([9, 8, 7, 5]);
    const first = find(plan, 'objective', 'Co construire les priorités');
    expect(childrenOf(plan, first).filter((n) => n.kind === 'action')).toHaveLength(4);
    expect(childrenOf(plan, first).filter((n) => n.kind === 'indicator')).toHaveLength(1);
  });

  it('reads 004 as 3 axes whose paragraphs are actions', () => {
    const plan = planByFile('004');
    const axes = plan.nodes.filter((n) => n.kind === 'axis');
    expect(axes.map((a) => a.text)).toEqual([
      'Personnaliser la relation aux agents et mieux les accompagner',
      'Favoriser les mobilités et l’attractivité du métier d’enseignant',
      'Améliorer le bien-être et protéger les personnels',
    ]);
    const telework = find(plan, 'action', 'Poursuivre la montée en puissance du télétravail');
    expect(parentOf(plan, telework)?.text).toBe('Améliorer le bien-être et protéger les personnels');
  });

  it('places the Cantal faits numériques training under axis 1 as a Cantal action', () => {
    const plan = planByFile('002');
    const item = find(
      plan,
      'action',
      'Élaborer à nouveau une formation départementale centrée sur les faits numériques',
    );
    expect(item.text).toBe(
      'Élaborer à nouveau une formation départementale centrée sur les faits numériques et les procédures de calcul, à partir du cycle 2.',
    );
    expect(item.scope).toBe('cantal');
    const objective = parentOf(plan, item) as PlanNode;
    expect(objective.text.split('\n')[0]).toBe('Objectifs liés aux automatismes mathématiques');
    expect(parentOf(plan, objective)?.label).toBe('Axe 1');
  });

  it('gives the 003 axes the preamble’s four objectives as summaries', () => {
    const plan = planByFile('003');
    const summaries = plan.nodes.filter((n) => n.kind === 'axis').map((n) => n.summary?.text.split('.')[0]);
    expect(summaries).toEqual([
      'Travailler les savoirs fondamentaux pour progresser',
      'Assurer le bien-être des élèves et des personnels pour faire société',
      'Avoir de l’ambition scolaire pour construire son avenir',
      'Mettre en œuvre des transitions éducatives pour se caractériser',
    ]);
  });
});

describe('two-column traps in 000', () => {
  const plan = planByFile('000');

  it('attaches the three indicators printed before « Garantir l’égalité de tous… » to that objective', () => {
    const objective = find(plan, 'objective', 'Garantir l’égalité de tous');
    const indicators = childrenOf(plan, objective).filter((n) => n.kind === 'indicator');
    expect(indicators.map((n) => n.text)).toEqual([
      'Diminution des faits relatifs à des discriminations et actes racistes ou antisémites et à des atteintes au principe de laïcité.',
      'Augmentation des labellisations « égalité filles-garçons » dans les établissements.',
      'Adhésion à la mobilisation contre le harcèlement sous toutes ses formes.',
    ]);
    const first = find(plan, 'objective', 'Donner envie d’École');
    expect(childrenOf(plan, first).filter((n) => n.kind === 'indicator')).toHaveLength(3);
  });

  it('separates « Taux d’accès… » from the next objective’s title on the same paragraph', () => {
    const rate = find(plan, 'indicator', 'Taux d’accès à une procédure');
    expect(rate.text).toBe('Taux d’accès à une procédure d’accompagnement personnalisé.');
    expect(parentOf(plan, rate)?.text).toBe(
      'Accompagner qualitativement l’ensemble des parcours tout au long de la vie',
    );
    const next = find(plan, 'objective', 'Favoriser l’engagement et la persévérance');
    expect(next.text).toBe(
      'Favoriser l’engagement et la persévérance grâce à l’évaluation bienveillante et à la sécurisation flexible des parcours pour les élèves et pour les personnels',
    );
  });

  it('does not turn the repeated axis banner or decorative titles into items', () => {
    const texts = plan.nodes.map((n) => n.text);
    expect(texts.some((t) => /richesse du collectif|Ret rs/u.test(t))).toBe(false);
    expect(count(plan, 'axis')).toBe(3);
  });
});

describe('every node points at the lines it was read from', () => {
  const sources = loadShippedSources(DATA_DIR);
  const vocabulary = vocabularyOf(sources);

  it.each(shippedPlans().map((plan) => [plan.meta.file, plan] as const))('%s', (file, plan) => {
    const lines = readFileSync(path.join(DATA_DIR, 'plans', file), 'utf8').split('\n');
    const profile = sources.find((s) => s.meta.file === file)?.profile;
    for (const node of plan.nodes) {
      if (node.kind === 'plan') continue;
      const [first, last] = node.source.lines;
      expect(first).toBeGreaterThan(0);
      expect(last).toBeGreaterThanOrEqual(first);
      let raw = joinLines(lines.slice(first - 1, last), vocabulary);
      raw = repairLigatures(profile?.format === 'markdown' ? stripMarkdown(raw) : raw, vocabulary);
      if (profile?.ocr) raw = repairOcr(raw, vocabulary);
      expect(letterKey(raw), `${node.id} ${node.text}`).toContain(letterKey(node.text));
      if (plan.meta.file.startsWith('002')) expect(node.source.page).toBeNull();
      else expect(node.source.page).toBeGreaterThan(0);
    }
  });
});

describe('export defects are repaired in code', () => {
  const vocabulary = vocabularyOf(loadShippedSources(DATA_DIR));
  const plain = (text: string) => collapseSpaces(repairLigatures(repairGuillemets(text), vocabulary));

  it('turns U+FFFD back into guillemets', () => {
    expect(repairGuillemets('trois verbes d’action \ufffd accueillir, construire, ouvrir \ufffd, il')).toBe(
      'trois verbes d’action « accueillir, construire, ouvrir », il',
    );
    expect(repairGuillemets('Nombre de conventions \ufffd territoires éducatifs ruraux \ufffd.')).toBe(
      'Nombre de conventions « territoires éducatifs ruraux ».',
    );
  });

  it.each([
    ['Favoriser une off re éducative', 'Favoriser une offre éducative'],
    ['pour défi nir les priorités', 'pour définir les priorités'],
    ['de façon signifi cative', 'de façon significative'],
    ['étoff er l’off re de formations afi n de', 'étoffer l’offre de formations afin de'],
    ['un accompagnement effi  cace', 'un accompagnement efficace'],
    ['des diff érents acteurs', 'des différents acteurs'],
    ['relever le défi collectif', 'relever le défi collectif'],
  ])('joins split ligatures: %s', (input, expected) => {
    expect(plain(input)).toBe(expected);
  });

  it.each([
    ['rapprocher I’action de I’école', 'rapprocher l’action de l’école'],
    ['le bien-étre de tous, a I’échelle départementale', 'le bien-être de tous, à l’échelle départementale'],
    ['Le projet de ’académie de Clermont', 'Le projet de l’académie de Clermont'],
    ['constitutifs d’’une Ecole de la', 'constitutifs d’une École de la'],
    ['chaque éléeve', 'chaque élève'],
    ['Développer [I’épanouissement', 'Développer l’épanouissement'],
    ['Développer lattractivité des dispositifs', 'Développer l’attractivité des dispositifs'],
    ['qui a été', 'qui a été'],
    ['l’implication des enseighants', 'l’implication des enseignants'],
    ['en DUT (Diplème Universitaire de Technologie)', 'en DUT (Diplôme Universitaire de Technologie)'],
    ['l’accompagnement du 1°" degré', 'l’accompagnement du 1er degré'],
    ['les collectifs innovants 1°" et 2¢ degrés', 'les collectifs innovants 1er et 2d degrés'],
  ])('repairs OCR confusions: %s', (input, expected) => {
    expect(collapseSpaces(repairOcr(input, vocabulary))).toBe(expected);
  });

  it('mends words hyphenated at line ends but keeps compounds', () => {
    expect(joinLines(['Nombre d’accompagne-', 'ments aux concours'], vocabulary)).toBe(
      'Nombre d’accompagnements aux concours',
    );
    expect(joinLines(['essen-', 'tiellement rural'], vocabulary)).toBe('essentiellement rural');
    expect(joinLines(['L’académie de Clermont-', 'Ferrand place'], vocabulary)).toBe(
      'L’académie de Clermont-Ferrand place',
    );
    expect(joinLines(['une journée de formation inter-', 'degrés'], vocabulary)).toBe(
      'une journée de formation inter-degrés',
    );
    expect(joinLines(['liaison collège-', 'lycée'], vocabulary)).toBe('liaison collège-lycée');
    expect(joinLines(['le recrutement d’adjoints-', 'gestionnaires pour'], vocabulary)).toBe(
      'le recrutement d’adjoints-gestionnaires pour',
    );
  });

  it('reads an apostrophe misread as an accent on the l, composed or not', () => {
    expect(collapseSpaces('Pour ce faire, l\u0301 académie mobilise')).toBe(
      'Pour ce faire, l’académie mobilise',
    );
    expect(collapseSpaces('Pour ce faire, ĺacadémie mobilise')).toBe('Pour ce faire, l’académie mobilise');
  });

  it('strips Markdown emphasis, links and superscripts', () => {
    expect(stripMarkdown('- ➔ **Accompagner les professeurs.** CM2 / 6^e, 2^{de} et [Projet](#)')).toBe(
      '- ➔ Accompagner les professeurs. CM2 / 6e, 2de et Projet',
    );
  });

  it('drops page furniture and reads every bullet style', () => {
    const all = shippedPlans().flatMap((plan) => plan.nodes.map((n) => n.text));
    expect(all.some((t) => /^[\uf06c➔→>•-]\s/u.test(t))).toBe(false);
    expect(
      all.some((t) => /\ufffd|-11 -|Projet stratégique académique Académie de Clermont-Ferrand/u.test(t)),
    ).toBe(false);
    expect(planByFile('001').nodes.some((n) => n.text === 'le nombre de jeunes décrocheurs')).toBe(true);
  });
});
