import { fold } from './fold.ts';

// French and English function words, plus the interrogative scaffolding of questions
// ("quels sont", "what does"), which carries no theme.
const WORDS = `
a à au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me même
mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
votre vous y été être avoir est sont ont a sera seront fait font plus moins très tout tous toute toutes ainsi afin
entre vers chez sans sous selon lors dont comme aussi si ni car donc or cela ça ceci celle celles celui ceux
après avant pendant depuis durant parmi
quel quels quelle quelles quoi comment combien pourquoi quand lequel laquelle lesquels lesquelles
the a an of to in on for and or is are be by with what which who whom whose how does do did
this that these those it its at from as into about there their they them we our you your my
after before towards toward during since among other others
`;

const STOPWORDS = new Set(
  WORDS.split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => [w, fold(w)]),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token) || STOPWORDS.has(fold(token));
}
