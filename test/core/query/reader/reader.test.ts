import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../../src/core/query/answerer.ts';
import { testContext } from '../../../helpers/plans.ts';

// The question reader on its own: what selects (scope, plan, kind, section, level) and what ranks
// (concepts), for each class of wording staff use. Retrieval is tested from its results elsewhere.
let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

const read = (question: string) => answerer.understand(question);
const labels = (question: string) => read(question).concepts.map((c) => c.label.toLowerCase());

describe('scopes', () => {
  it.each([
    ['Quelles actions dans le Cantal ?', ['cantal']],
    ['Quelles actions cantaliennes pour la lecture ?', ['cantal']],
    ['Que prévoit le Puy de Dome ?', ['puy-de-dome']],
    ["qu'est-ce qu'on fait dans le 15 pour le langage oral ?", ['cantal']],
    ['Continuité éducative : Allier vs 63 ?', ['allier', 'puy-de-dome']],
    ['Quelles actions dans le Cantla pour la lecture ?', ['cantal']],
    ['What does Haute-Loire plan for reading?', ['haute-loire']],
  ])('reads « %s » as %j', (question, scopes) => {
    expect(read(question).scopes).toEqual(scopes);
  });

  it('does not take a count for a département code', () => {
    expect(read('Les 15 actions du projet ?').scopes).toEqual([]);
  });

  it('names an académie or a département that no plan covers', () => {
    expect(read("Que prévoit l'académie de Bordeaux pour la formation continue ?").unknownPlaces).toEqual([
      'Bordeaux',
    ]);
    // A département name that is also a common word needs a cue.
    expect(read('Quelle est la somme allouée ?').unknownPlaces).toEqual([]);
  });
});

describe('plans', () => {
  it.each([
    ['Quels engagements dans le projet stratégique 2023-2027 ?', ['cf-psa-2023']],
    ["Quels leviers dans l'ancien projet stratégique ?", ['cf-psa-2019']],
    ['le PSA prevoit quoi pour le bien-etre des agents ?', ['cf-psa-2023']],
    ['projet 2019, axe 1 : les objectifs ?', ['cf-psa-2019']],
    ['Qui élabore la stratégie de formation d’après la FdR RH ?', ['cf-rh-2021']],
    ['What did the previous Clermont plan say about inclusion?', ['cf-psa-2019']],
    ['How did the old Clermont strategic plan evaluate digital tools?', ['cf-psa-2019']],
  ])('reads « %s » as %j', (question, plans) => {
    expect(read(question).planIds).toEqual(plans);
  });

  it('takes the plan word by a year as part of the plan’s name, and « met en place » as no theme', () => {
    const intent = read('Le projet 2023-2027 dit quoi sur le décrochage ? Qu’est-ce qu’on met en place ?');
    expect(intent.planIds).toEqual(['cf-psa-2023']);
    expect(intent.concepts.map((c) => c.label.toLowerCase())).toEqual(['décrochage']);
  });

  it('asks for a person, not an indicator, when « qui » comes with a word of following up', () => {
    for (const question of [
      'Qui est chargé de suivre la mise en œuvre de la feuille de route RH ?',
      'Who chairs the monitoring committee of the HR roadmap?',
    ]) {
      const intent = read(question);
      expect(intent.qtype).toBe('who');
      expect(intent.measure).toBe(false);
      expect(intent.kinds).toEqual([]);
    }
  });

  it('takes « ce genre de », « va se passer » for turns of phrase, not for gender or a theme', () => {
    const labels = (question: string) => read(question).concepts.map((c) => c.label.toLowerCase());
    expect(labels('Que prévoit la FdR RH pour les personnels dans ce genre de situation ?')).not.toContain(
      'genre',
    );
    expect(labels('Sur le lexique, qu’est-ce qui va se passer dans le 63 ?')).toEqual(['lexique']);
    // "genre" alone still names gender.
    expect(labels('Quelles actions sur les stéréotypes de genre ?').join(' ')).toContain('genre');
  });

  it('answers "and did it…" as a second question', () => {
    const intent = read(
      'Did the previous plan promise international mobility, and did it track European sections?',
    );
    expect(intent.parts).toHaveLength(2);
  });

  it('reads a quoted plan name as the plan, not as a section to find', () => {
    const intent = read("Who steered Clermont's earlier strategic project, the 'École de la confiance' one?");
    expect(intent.planIds).toEqual(['cf-psa-2019']);
    expect(intent.quoted).toEqual([]);
  });

  it('does not take « la réunion mensuelle » for La Réunion, but still knows the académie', () => {
    expect(read('Qui participe à la réunion mensuelle de suivi ?').unknownPlaces).toEqual([]);
    expect(read("Que prévoit l'académie de La Réunion pour la lecture ?").unknownPlaces).toEqual([
      'La Réunion',
    ]);
  });

  it('keeps the plan words of a name out of the theme ("le projet d’O-T")', () => {
    const intent = read("Management : que prévoient la FdR RH de Clermont et le projet d'O-T ?");
    expect(intent.planIds).toEqual(['cf-rh-2021', 'ot-pa-2024']);
    expect(intent.concepts.map((c) => c.label.toLowerCase())).toEqual(['management']);
  });
});

describe('comparisons', () => {
  it('puts two names side by side when the question joins them or says so', () => {
    expect(
      read("Gestion du stress : que prévoient la FdR RH de Clermont et le projet d'Orléans-Tours ?").compare,
    ).toBe(true);
    expect(
      read('Territoires ruraux : qu’est-ce qui diffère entre l’Allier et le Puy-de-Dôme ?').compare,
    ).toBe(true);
    expect(read('Inclusive education: the old Clermont plan compared with the 2023-2027 one?').compare).toBe(
      true,
    );
  });

  it('does not compare two plans one question merely names', () => {
    expect(
      read(
        "Qui signe l'avant-propos de la feuille de route du CASF, et à quel objectif du PSA elle se rattache ?",
      ).compare,
    ).toBe(false);
  });
});

describe('kinds and sections', () => {
  it('takes the kind after an interrogative, not the one naming a section', () => {
    const intent = read("Pour l'action sur la qualité des relations, quels indicateurs sont retenus ?");
    expect(intent.kinds).toEqual(['indicator']);
    expect(read('Axe « Accueillir » : il se décline en quels objectifs ?').kinds).toEqual(['objective']);
    expect(read("What are the nine actions of the 'Progresser' axis?").quoted).toEqual(['Progresser']);
  });

  it('reads section numbers, ordinals and quoted titles', () => {
    expect(read("critères d'évaluation de l'objectif 1.2 du projet 2019 ?").sectionRefs).toEqual([
      { kind: 'objective', number: '1.2' },
    ]);
    expect(read('Quels objectifs du premier axe ?').sectionRefs).toEqual([{ kind: 'axis', number: '1' }]);
    expect(read('Les actions de l’axe stratégique 2 ?').sectionRefs).toEqual([{ kind: 'axis', number: '2' }]);
  });

  it('counts what the asker counts', () => {
    expect(read('What are the two strategic axes of the CASF roadmap?').count).toBe(2);
    expect(read('Quels sont les quatre objectifs du projet ?').count).toBe(4);
  });

  it('reads "how is it measured" as a wish for indicators', () => {
    expect(read('Comment on mesure la synergie école-entreprise à Orléans-Tours ?').kinds).toEqual([
      'indicator',
    ]);
    expect(read('How does the plan track pupils’ digital skills?').measure).toBe(true);
    // "un suivi renforcé" names a scheme, it asks for no indicator.
    expect(read('Comment ce suivi renforcé est-il organisé ?').measure).toBe(false);
  });

  it('reads the académie’s own level of a plan declined per département', () => {
    expect(read('CASF, niveau académique : quelles actions pour la lecture ?').academieLevel).toBe(true);
    expect(read('At académie level, what actions does the CASF list?').academieLevel).toBe(true);
  });
});

describe('plans named by a year', () => {
  it('reads "le projet 2019" next to a period naming another plan', () => {
    expect(
      read(
        "Qu'est-ce que prévoyait le projet 2019 et qu'est-ce que prévoit le PSA 2023-2027 sur le numérique ?",
      ).planIds.sort(),
    ).toEqual(['cf-psa-2019', 'cf-psa-2023']);
  });
});

describe('question types', () => {
  it.each([
    ['Qui élabore la stratégie académique de formation continue ?', 'who'],
    ['Le séminaire sur la transformation RH, il est prévu quand ?', 'when'],
    ['le PSA de clermont il court jusqu’a quand ?', 'when'],
    ['Combien de conseillers RH l’académie va-t-elle recruter ?', 'howmany'],
    ['À quelle date se termine le projet d’Orléans-Tours ?', 'date'],
    ['On what date are the GS assessments held?', 'date'],
    ['Pourquoi le PSA insiste autant sur l’accueil ?', 'why'],
    ["qu'est-ce qui est prévu pour les élèves handicapés en 6e ?", 'what'],
  ])('reads « %s » as a %s question', (question, qtype) => {
    expect(read(question).qtype).toBe(qtype);
  });

  it('does not read a relative "qui" or a "when" clause as the question', () => {
    expect(read('Les écoles qui bénéficient d’un suivi renforcé : que prévoit l’Allier ?').qtype).toBe(
      'what',
    );
    expect(
      read('Is there anything about separating work and private life when staff use digital tools?').qtype,
    ).not.toBe('when');
  });

  it('makes the counted thing required ("combien d’heures")', () => {
    const intent = read("Combien d'heures dure la formation départementale sur la lecture ?");
    expect(intent.concepts.find((c) => c.required)?.label).toBe('heures');
  });
});

describe('concepts', () => {
  it('drops scaffolding, however it is phrased', () => {
    expect(labels("c'est quoi le groupe académique d'accompagnement ?")).not.toContain('quoi');
    const vacances = labels('on a prévu quoi pendant les vacances pour les fondamentaux ?');
    expect(vacances).toHaveLength(2);
    expect(vacances.join(' ')).not.toMatch(/prévu|quoi|pendant/u);
    expect(labels('What role does the Dgesco play in Allier?')).toEqual(['dgesco']);
  });

  it('reaches the French words from English ones, phrase first, with the phrase’s key word', () => {
    const [dropout] = read('What does the Orléans-Tours plan do about school dropout?').concepts;
    expect(dropout?.phrases.some((p) => p.stems.includes('decrochag'))).toBe(true);
    const [research] = read('How did the old plan intend to draw on research?').concepts;
    expect(research?.phrases.some((p) => p.origin === 'part' && p.stems.includes('recherch'))).toBe(true);
  });

  it('reads a short form as the plans’ words ("éduc prio")', () => {
    const [concept] = read('Dans le 63, y a quelque chose en éduc prioritaire ?').concepts;
    expect(concept?.phrases.some((p) => p.stems.join(' ') === 'educ prioritair')).toBe(true);
  });

  it('mends typos against the plans’ and the lexicon’s words, not real words they never use', () => {
    expect(read('Quelles actions pour la lecutre ?').concepts[0]?.phrases[0]).toMatchObject({
      stems: ['lectur'],
      origin: 'typo',
    });
    expect(read('what does the plan say about artifical intelligence?').concepts[0]?.label).toMatch(
      /intelligence/iu,
    );
    const court = read('le PSA il court jusqu’à quand ?');
    expect(court.concepts.map((c) => c.label)).not.toContain('cour');
  });

  it('tells a theme the plans never use from a verb they never use', () => {
    const [uniforms] = read('What does the Clermont plan say about uniforms?').concepts;
    expect(uniforms?.known).toBe('word');
    const insiste = read('Pourquoi le PSA insiste autant sur l’accueil ?').concepts.find(
      (c) => c.label === 'insiste',
    );
    expect(insiste?.known).toBe('verb');
  });

  it('gives half weight to a clause that only sets the scene', () => {
    const intent = read(
      'Je suis principale dans l’Allier et j’ai du mal avec le volet managérial : la FdR RH prévoit-elle un appui des conseillers RH ?',
    );
    expect(intent.concepts.find((c) => c.label === 'managérial')?.emphasis).toBe(0.5);
    expect(intent.concepts.find((c) => c.label === 'appui')?.emphasis).toBe(1);
  });

  it('reads a verb with its subject after it as the asker’s verb ("chiffre-t-il")', () => {
    const intent = read('Quels indicateurs le PSA chiffre-t-il pour la lecture ?');
    expect(intent.concepts.find((c) => c.label === 'chiffre')?.known).toBe('verb');
    expect(
      read('Quels indicateurs pour le chiffre de la lecture ?').concepts.find((c) => c.label === 'chiffre')
        ?.known,
    ).toBe('plans');
  });

  it('reads the adjective "académique" after a kind word as the académie’s level', () => {
    expect(read("Les objectifs académiques du CASF pour l'autonomie ?").academieLevel).toBe(true);
    expect(read("Le projet académique d'Orléans-Tours pour l'autonomie ?").academieLevel).toBe(false);
  });

  it('drops the scene’s words the plans never use: they describe the asker, not the answer', () => {
    const intent = read(
      'Nous recevons chaque rentrée des collègues mutés : que prévoit le projet pour les nouveaux personnels ?',
    );
    const labels = intent.concepts.map((c) => c.label);
    expect(labels).toContain('rentrée');
    expect(labels).not.toContain('mutés');
    expect(labels).not.toContain('collègues');
    // Without a question of its own, the scene is the question: nothing is dropped.
    expect(read('Nous recevons des collègues mutés.').concepts.map((c) => c.label)).toContain('mutés');
  });

  it('answers in the question’s language', () => {
    expect(read('Which actions target reading in Cantal?').lang).toBe('en');
    expect(read('Quelles actions pour la lecture dans le Cantal ?').lang).toBe('fr');
  });
});
