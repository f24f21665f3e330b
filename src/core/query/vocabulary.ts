import type { Lang } from '../router/types.ts';
import { fold } from '../text/fold.ts';

export type AnswerKind = 'axis' | 'objective' | 'action' | 'indicator';

/** Words naming the kind of item wanted, folded. Multi-word forms are listed with spaces. */
export const KIND_WORDS: Record<string, AnswerKind> = {
  action: 'action',
  actions: 'action',
  levier: 'action',
  leviers: 'action',
  engagements: 'action',
  'nos engagements': 'action',
  dispositif: 'action',
  dispositifs: 'action',
  mesures: 'action',
  initiatives: 'action',
  'actions envisagees': 'action',
  measures: 'action',
  levers: 'action',
  commitments: 'action',
  steps: 'action',
  indicateur: 'indicator',
  indicateurs: 'indicator',
  critere: 'indicator',
  criteres: 'indicator',
  "criteres d'evaluation": 'indicator',
  'criteres devaluation': 'indicator',
  'criteres d evaluation': 'indicator',
  indicator: 'indicator',
  indicators: 'indicator',
  metrics: 'indicator',
  metric: 'indicator',
  kpi: 'indicator',
  kpis: 'indicator',
  criteria: 'indicator',
  objectif: 'objective',
  objectifs: 'objective',
  'objectifs operationnels': 'objective',
  objective: 'objective',
  objectives: 'objective',
  goals: 'objective',
  goal: 'objective',
  aims: 'objective',
  axe: 'axis',
  axes: 'axis',
  'axes strategiques': 'axis',
  'grandes orientations': 'axis',
  orientations: 'axis',
  axis: 'axis',
  priorities: 'axis',
  pillars: 'axis',
};

/** Words that shape a question but say nothing about its theme. */
const SCAFFOLDING = `
quels quelles quel quelle sont est prevoit prevoient prevu prevue prevus prevues fait font faire
visent vise viser concernent concerne concernant portent porte porter liste lister listez donne donner
donnez montre montrer montrez indique indiquer existe existent y-a-t-il peux pouvez peut dire savoir
aimerais voudrais voudrait cherche chercher trouver trouve contre sujet theme themes matiere domaine
question questions concretement notamment principalement actuellement exactement precisement
specifiquement particulierement essentiellement surtout plutot egalement aussi encore deja toujours
quoi cela ceci ca elements element contenu contenus retenus retenues inscrits inscrites figurent figure
mentionnes mentionnees cites citees lie lies liee liees relatif relatifs relative relatives associe associes associee associees il elle ils elles leur leurs tout tous toutes chaque ete etre avoir
ont plan plans document documents texte textes propose proposent propose-t-il envisage envisagent
what which who how does do did is are was were there list show tell give me please about regarding
concerning related target targets targeting address addresses cover covers include includes planned
plan plans track tracks tracking measure measured measuring monitor kind kinds any all main key
support supports help helps improve improves strengthen strengthens promote promotes foster fosters encourage encourages boost
use uses used using against role roles play plays played provide provides provided concern concerns deal deals
handle handles doing done make makes made say says said mention mentions mentioned talk talks
dit disent dire mentionne mentionnent evoque evoquent aborde abordent parle parlent ecrit
such set sets aim aims aimed aiming utilise utilisent utiliser
`;
const SCAFFOLDING_WORDS = new Set(SCAFFOLDING.split(/\s+/u).filter(Boolean));

export function isScaffolding(folded: string): boolean {
  return SCAFFOLDING_WORDS.has(folded);
}

export const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  nine: 9,
  ten: 10,
};

const ENGLISH = new Set(
  'what which who how does do did is are the of in for and to with about actions indicators objectives plan plans target targets strategic project roadmap show list tell give me please there any measures track department academy girls reading vocabulary digital school schools teachers students'.split(
    ' ',
  ),
);
const FRENCH = new Set(
  'quels quelles quel quelle les des du de la le pour dans sur est sont que qui actions indicateurs objectifs prevoit plan feuille route projet academie departement eleves lecture ecole professeurs et en au aux une un'.split(
    ' ',
  ),
);

/** French unless the question reads clearly as English. */
export function detectLanguage(text: string): Lang {
  let en = 0;
  let fr = 0;
  for (const word of fold(text).split(/[^a-z']+/u)) {
    if (!word) continue;
    if (ENGLISH.has(word)) en++;
    if (FRENCH.has(word)) fr++;
  }
  if (/[éèêàùçœ]/u.test(text)) fr += 0.5;
  return en > fr ? 'en' : 'fr';
}
