import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/core/query/answerer.ts';
import { contentStems } from '../../../src/core/text/stem.ts';
import { testContext } from '../../helpers/plans.ts';

// Answers on the shipped plans, one class of question at a time: what the answer cites and what it
// must not. The classes are those staff ask (see README « Poser des questions »).
let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

const ask = (question: string) => answerer.ask(question);
const cited = async (question: string) => ((await ask(question)).reply.citations ?? []).map((c) => c.text);
const citedText = async (question: string) => (await cited(question)).join('\n');

describe('a theme in a scope', () => {
  it('returns the Cantal actions on faits numériques, named or not, and nothing from elsewhere', async () => {
    const { reply } = await ask('Which actions target faits numériques in Cantal?');
    const citations = reply.citations ?? [];
    expect(citations.every((c) => c.scope === 'Cantal')).toBe(true);
    const texts = citations.map((c) => c.text);
    expect(texts).toContain('Initier une action départementale développant les pratiques.');
    expect(texts).toContain(
      'Élaborer à nouveau une formation départementale centrée sur les faits numériques et les procédures de calcul, à partir du cycle 2.',
    );
  });

  it('reads "faits numériques" as number facts, never as digital tools', async () => {
    const texts = await cited('Quelles actions pour les faits numériques ?');
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts)
      expect(text).not.toMatch(/espaces? numériques? de travail|déconnexion|équipement numérique/iu);
  });

  it('gives the académie’s indicators when the département has none on the theme, and says so', async () => {
    const { reply, retrieval } = await ask('Quels indicateurs pour la lecture en Haute-Loire ?');
    expect(retrieval.academieFallback).toBe('clermont-ferrand');
    // The département does speak of reading: it only has no indicator of its own on it.
    expect(reply.text).toContain("Pas d'indicateurs propres à la Haute-Loire sur ce point");
    expect(reply.citations?.some((c) => c.kind === 'indicator')).toBe(true);
    expect(reply.citations?.every((c) => c.scope !== 'Allier' && c.scope !== 'Cantal')).toBe(true);
  });

  it('never cites another département when one is named', async () => {
    for (const question of [
      'Quelles actions pour la lecture dans le Cantal ?',
      'Quelles actions pour le lexique dans le Puy-de-Dôme ?',
      'Que prévoit l’Allier pour les mathématiques ?',
    ]) {
      const scopes = new Set(((await ask(question)).reply.citations ?? []).map((c) => c.scope));
      expect([...scopes], question).toHaveLength(1);
    }
  });

  it('brings the items of a section that is about the question (the eTwinning indicator)', async () => {
    expect(
      await cited('Quels indicateurs pour la mobilité internationale des élèves à Orléans-Tours ?'),
    ).toContain('nombre de projets eTwinning');
  });

  it('answers with the académie’s plan for a département it does not decline, and says so', async () => {
    const { reply, retrieval } = await ask("Que prévoit l'Allier pour le télétravail ?");
    expect(retrieval.academieFallback).toBe('clermont-ferrand');
    expect(reply.text).toContain("rien de propre à l'Allier");
    expect(reply.citations?.map((c) => c.text)).toContain(
      'Poursuivre la montée en puissance du télétravail initiée avant la crise sanitaire.',
    );
  });
});

describe('English questions', () => {
  it('reach the French text through the lexicon', async () => {
    expect(await citedText('What does the Orléans-Tours plan do about school dropout?')).toMatch(
      /décrochage/u,
    );
    expect(await cited('Is there any mental health first aid training planned in Orléans-Tours?')).toContain(
      'Former aux premiers secours en santé mentale.',
    );
    expect((await ask('Which actions target reading in Cantal?')).reply.lang).toBe('en');
  });
});

describe('facts in the prose', () => {
  it('finds who sits on a body in a paragraph of the HR roadmap', async () => {
    expect(await citedText('Réforme des lycées : qui siège dans les comités de suivi côté RH ?')).toContain(
      'Composés des personnels d’inspection, de direction ainsi que des représentants des organisations syndicales',
    );
  });

  it('gives the period a plan covers from its own words', async () => {
    expect(await citedText('La feuille de route du CASF porte sur combien d’années ?')).toMatch(
      /cinq prochaines années/u,
    );
    expect(await citedText('le PSA de clermont il court jusqu’a quand ?')).toMatch(/jusqu’en 2027/u);
  });

  it('answers a how-many on something else than time from the text, not from the plan’s years', async () => {
    expect(
      await citedText("Dans l'ancien projet stratégique, la scolarité obligatoire démarre à quel âge ?"),
    ).toMatch(/scolarité obligatoire à 3 ans/u);
  });

  it('counts with the plans’ approximate quantities (« une vingtaine »), not only with digits', async () => {
    expect(
      await citedText(
        "Combien d'étudiants en mathématiques sont reçus dans les établissements grâce à l'université ?",
      ),
    ).toMatch(/une vingtaine d’étudiants de mathématiques/u);
  });

  it('reads « 2 h » in a plan as hours for a how-many on hours, but not « le 1/4h lecture »', async () => {
    expect(
      await citedText(
        "En Haute-Loire, les collégiens ont droit à combien d'heures de soutien facultatives ?",
      ),
    ).toMatch(/2 h facultatives de soutien en collège/u);
    expect(contentStems('18h de formation, 1h30 par semaine, le 1/4h lecture')).toEqual([
      '18',
      'heur',
      'format',
      '1',
      'heur',
      '30',
      'semain',
      '1',
      '4h',
      'lectur',
    ]);
  });

  it('reads a preamble the question names, down to its signature', async () => {
    expect(await citedText("Qui signe l'avant-propos de la feuille de route du CASF ?")).toContain(
      "Rectrice de l'académie de Clermont-Ferrand",
    );
  });

  it('finds who signed a plan at the end of its preamble, without the question naming the preamble', async () => {
    expect(await citedText("Qui signait l'ancien projet stratégique ?")).toContain(
      'Benoit Delaunay, Recteur',
    );
    expect(await citedText('Who signed the Orléans-Tours academic project?')).toContain(
      'Gilles Halbout Recteur',
    );
  });

  it('leads a who / when answer with the plan’s own sentence', async () => {
    const { reply } = await ask('Réforme des lycées : qui siège dans les comités de suivi côté RH ?');
    expect(reply.text).toMatch(/En bref : « .*Composés des personnels d’inspection/u);
  });
});

describe('structure', () => {
  it('lists the objectives of an axis named by a quoted title', async () => {
    const texts = await cited(
      'Axe « Accueillir » du projet stratégique 2023-2027 : il se décline en quels objectifs ?',
    );
    expect(texts).toHaveLength(3);
    expect(texts.join('\n')).toContain('Faire rayonner un collectif académique engagé');
  });

  it('searches a quoted name that is no section title as words, and still refuses an unknown one', async () => {
    expect(await citedText('« stopdiscri » : c’est quoi, dans le projet d’Orléans-Tours ?')).toMatch(
      /stopdiscri/u,
    );
    expect((await ask('Que dit l’axe « Zorglub » du PSA 2023-2027 ?')).reply.status).toBe('not_found');
  });

  it('reads how a plan is built (« s’articule autour de », « se compose de ») as a request for its items', async () => {
    expect(
      await cited('Le projet académique d’Orléans-Tours s’articule autour de quels axes ?'),
    ).toHaveLength(4);
    expect(await cited('La feuille de route RH se compose de quels axes ?')).toHaveLength(3);
  });

  it('reads a plan’s own names for its levels (Orléans-Tours calls its objectives "actions")', async () => {
    const texts = await cited(
      "What are the nine actions of the 'Progresser' axis in the Orléans-Tours plan?",
    );
    expect(texts).toHaveLength(9);
    expect(texts).toContain('Accompagner les élèves fragiles');
  });

  it('lists the criteria of a numbered objective and the indicators of a quoted one', async () => {
    expect(await cited("Quels sont les critères d'évaluation de l'objectif 1.3 ?")).toContain(
      'le nombre de jeunes décrocheurs',
    );
    expect(
      await cited(
        "Quels sont les indicateurs de l'objectif « Accompagner les professeurs dans l'évolution de leurs pratiques professionnelles » ?",
      ),
    ).toContain('Indicateur de confiance des professeurs.');
  });

  it('finds a section by a title quoted from memory, words left out', async () => {
    const { reply, retrieval } = await ask(
      "Quels indicateurs pour l'objectif « faire rayonner un collectif engagé et harmonieux » ?",
    );
    expect(retrieval.sections.map((s) => s.title)).toEqual([
      'Faire rayonner un collectif académique engagé, compétent et harmonieux',
    ]);
    expect(reply.citations?.map((c) => c.text)).toContain('Nombre de collectifs apprenants.');
  });

  it('lists a named section whatever verb the asker uses ("retient-il", "chiffre-t-il")', async () => {
    for (const verb of ['retient-il', 'chiffre-t-il']) {
      const { reply } = await ask(
        `Quels indicateurs le PSA ${verb} pour l'objectif « Incarner une École creuset de l'acquisition des savoirs fondamentaux » ?`,
      );
      expect(reply.status).toBe('answered');
      expect(new Set(reply.citations?.map((c) => c.kind))).toEqual(new Set(['indicator']));
    }
  });

  it('reads "objectifs académiques", "actions académiques" as the académie’s own level', async () => {
    const scopesOf = async (question: string) =>
      new Set((await ask(question)).reply.citations?.map((c) => c.scope));
    expect(await scopesOf("Quelles actions académiques du CASF pour l'orientation ?")).toEqual(
      new Set(['Académie de Clermont-Ferrand']),
    );
    expect((await scopesOf("Quelles actions du CASF pour l'orientation ?")).size).toBeGreaterThan(1);
  });

  it('lists a section named by number whatever the question word ("what does axis 2 contain?")', async () => {
    const { reply } = await ask('What does axis 2 of the PSA contain?');
    expect(reply.citations?.length).toBeGreaterThan(0);
    for (const c of reply.citations ?? []) expect(c.path[0]).toMatch(/^Axe 2/u);
  });

  it('counts the items of a kind from the tree: "combien d’axes compte…", "how many axes…"', async () => {
    const ot = await ask("Combien d'axes compte le projet d'Orléans-Tours ?");
    expect(ot.reply.text.split('\n')[0]).toMatch(/^\*\*4 axes\*\*/u);
    expect(ot.reply.citations?.map((c) => c.text.split(' — ')[0])).toEqual([
      'Progresser',
      'Faire société',
      'Construire son avenir',
      'Se caractériser',
    ]);
    const casf = await ask('How many axes does the CASF roadmap have?');
    expect(casf.reply.text.split('\n')[0]).toMatch(/^\*\*2 axes\*\*/u);
    expect(new Set(casf.reply.citations?.map((c) => c.kind))).toEqual(new Set(['axis']));
  });

  it('answers "the four objectives" with the level that has four', async () => {
    const { reply, retrieval } = await ask(
      "Quels sont les quatre objectifs du projet académique d'Orléans-Tours ?",
    );
    expect(retrieval.kinds).toEqual(['axis']);
    expect(reply.citations).toHaveLength(4);
  });
});

describe('comparisons', () => {
  it('says a département side has nothing of its own, not that the plans say nothing', async () => {
    const { reply } = await ask("Allier vs 63 : qu'est-ce qui est prévu pour la fluence ?");
    expect(reply.text).toContain("Rien de propre à l'Allier sur ce point");
    expect(reply.text).not.toContain('Rien dans les plans sur ce point');
  });

  it('answers each département side by side, each with its own items', async () => {
    const { reply, retrieval } = await ask(
      'Territoires éducatifs ruraux : qu’est-ce qui diffère entre l’Allier et le Puy-de-Dôme ?',
    );
    expect(retrieval.sides?.map((side) => side.key)).toEqual(['allier', 'puy-de-dome']);
    expect(new Set(reply.citations?.map((c) => c.scope))).toEqual(new Set(['Allier', 'Puy-de-Dôme']));
    expect(reply.text).toMatch(/\*\*Allier\*\*[\s\S]*\*\*Puy-de-Dôme\*\*/u);
  });

  it('once one side answers, gives the other side what comes closest rather than nothing', async () => {
    const { retrieval } = await ask(
      "Usages numériques des personnels et déconnexion : comparez la FdR RH et le projet d'Orléans-Tours.",
    );
    expect(retrieval.sides?.map((side) => side.key)).toEqual(['cf-rh-2021', 'ot-pa-2024']);
    for (const side of retrieval.sides ?? []) expect(side.hits.length).toBeGreaterThan(0);
    expect(
      await citedText(
        "Usages numériques des personnels et déconnexion : comparez la FdR RH et le projet d'Orléans-Tours.",
      ),
    ).toMatch(/sécuriser les usages numériques avec comme objectif d’assurer la séparation nette/u);
  });

  it('answers each plan with its own text', async () => {
    const { reply } = await ask(
      'Gestion du stress : que prévoient la FdR RH de Clermont et le projet d’Orléans-Tours ?',
    );
    const plans = new Set(reply.citations?.map((c) => c.planId));
    expect(plans).toEqual(new Set(['cf-rh-2021', 'ot-pa-2024']));
  });
});

describe('when the plans do not answer', () => {
  it('refuses an attribute the plans never give (a budget, a price) of a thing they do name', async () => {
    expect((await ask('What is the budget of the Orléans-Tours wellbeing cell?')).reply.status).toBe(
      'not_found',
    );
    expect((await ask("Quel tarif pour les formations d'AESH dans l'Allier ?")).reply.status).toBe(
      'not_found',
    );
    // An attribute the plans do use is a theme like the others.
    expect((await ask('Quel accompagnement pour les néo-titulaires ?')).reply.status).toBe('answered');
  });

  it.each([
    "Quel est le nombre d'élèves par classe prévu dans le Cantal en 2027 ?",
    'Quelles actions pour les cantines scolaires ?',
    'What does the Clermont strategic plan say about school uniforms?',
    "Combien de conseillers RH de proximité l'académie va-t-elle recruter ?",
    "Combien d'élèves sont scolarisés dans le Loiret ?",
  ])('says not_found for « %s », with no weak match cited', async (question) => {
    const { reply } = await ask(question);
    expect(reply.status).toBe('not_found');
    expect(reply.citations).toEqual([]);
    expect(reply.text).toMatch(/reformul|rephras/iu);
  });

  it('says which plans it has when asked about another académie', async () => {
    const { reply, retrieval } = await ask("Que prévoit l'académie de Bordeaux pour la formation continue ?");
    expect(retrieval.reason).toBe('unknown_place');
    expect(reply.text).toMatch(/aucun plan pour Bordeaux/u);
  });

  it('says so for a region none of whose académies has a plan, not for one that has', async () => {
    expect((await ask('Quelles actions pour la lecture en Bretagne ?')).retrieval.reason).toBe(
      'unknown_place',
    );
    expect((await ask('Quelles actions pour la lecture en Auvergne ?')).reply.status).toBe('answered');
  });

  it('lists what the plans cover for the scope asked, with its article', async () => {
    const { reply } = await ask("Quel est le nombre d'élèves par classe prévu dans le Cantal en 2027 ?");
    expect(reply.text).toMatch(/Pour le Cantal, les plans traitent notamment de/u);
  });

  it('says the plans name the theme but give no date, when a date is asked of them', async () => {
    for (const question of [
      'À quelle date la formation départementale sur la lecture à haute voix du Cantal commence-t-elle ?',
      'On what date are the Orléans-Tours GS assessments held?',
    ]) {
      const { reply, retrieval } = await ask(question);
      expect(retrieval.reason).toBe('no_fact');
      expect(reply.citations).toEqual([]);
    }
    expect(
      (
        await ask(
          'À quelle date la formation départementale sur la lecture à haute voix du Cantal commence-t-elle ?',
        )
      ).reply.text,
    ).toMatch(
      /Les plans parlent de « formation départementale lecture à haute voix » pour le Cantal, mais n'en donnent pas la date\./u,
    );
    // "En début d'année" answers when, not what date; a year answers both.
    expect((await ask("Quand se passe l'évaluation académique GS à Orléans-Tours ?")).reply.status).toBe(
      'answered',
    );
    expect(await citedText("À quelle date se termine le projet académique d'Orléans-Tours ?")).toMatch(
      /2024-2028/u,
    );
    expect(await citedText('Quelle est la date de fin de la feuille de route CASF ?')).toMatch(
      /2025 – 2030/u,
    );
  });

  it('says a plan written for the whole académie has nothing specific to a département asked "spécifiquement"', async () => {
    const { reply, retrieval } = await ask('Que prévoit spécifiquement la FdR RH pour le Cantal ?');
    expect(retrieval.reason).toBe('not_specific');
    expect(reply.citations).toEqual([]);
    expect(reply.text).toMatch(
      /rien de propre au Cantal : « Feuille de route RH » vaut pour toute l'académie/u,
    );
    // Without "spécifiquement", the académie's roadmap answers, saying so.
    expect((await ask('Que prévoit la FdR RH pour le Cantal sur le télétravail ?')).reply.status).toBe(
      'answered',
    );
    // A plan declined per département answers with the département's own items.
    expect(
      (await ask('Que prévoit le CASF spécifiquement pour le Cantal sur la lecture ?')).reply.status,
    ).toBe('answered');
  });

  it('names an académie with its elision', async () => {
    const { reply } = await ask('What date are the Orléans-Tours GS and CP assessments held?');
    expect(reply.text).toMatch(/for Orléans-Tours/u);
    expect(
      (await ask("Combien d'agents bénéficient de la semaine de quatre jours à Orléans-Tours ?")).reply.text,
    ).toMatch(/pour l'académie d'Orléans-Tours, les plans traitent/iu);
  });

  it('asks to narrow a question about everything', async () => {
    const { reply, retrieval } = await ask('Quels sont les indicateurs ?');
    expect(retrieval.reason).toBe('too_broad');
    expect(reply.text).toMatch(/précisez un plan/u);
  });
});

describe('the answer as read in a chat', () => {
  it('has a plain header, no file names or line ranges, and items cut at a sentence', async () => {
    const { reply } = await ask('Quelles actions pour la lecture dans le Cantal ?');
    expect(reply.text.split('\n')[0]).not.toMatch(/«|»/u);
    expect(reply.text).not.toMatch(/\.txt|\d+-\d+\)/u);
    for (const line of reply.text.split('\n').filter((l) => l.startsWith('• '))) {
      expect(line).toMatch(/(?:[.!?»)]|…|\S) \[\d+\]$/u);
    }
  });

  it('keeps the full text, file and lines in each citation', async () => {
    const [citation] = (await ask('Quelles actions pour la lecture dans le Cantal ?')).reply.citations ?? [];
    expect(citation?.source.file).toMatch(/\.txt$/u);
    expect(citation?.source.lines[0]).toBeGreaterThan(0);
  });
});
