import type { Lang } from '../kernel/types.ts';

/** Labels of the measurement replies, in both languages. */
export const L = {
  preview: { fr: 'Aperçu de la valeur — à confirmer', en: 'Preview — please confirm' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  scope: { fr: 'Périmètre', en: 'Scope' },
  period: { fr: 'Période', en: 'Period' },
  value: { fr: 'Valeur', en: 'Value' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  replaces: { fr: 'Remplace', en: 'Replaces' },
  target: { fr: 'Cible', en: 'Target' },
  nothingSaved: {
    fr: 'Rien n’est enregistré avant votre confirmation.',
    en: 'Nothing is saved until you confirm.',
  },
  confirm: { fr: 'Confirmer', en: 'Confirm' },
  edit: { fr: 'Modifier', en: 'Edit' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  cancelled: {
    fr: 'Saisie annulée : rien n’a été enregistré.',
    en: 'Entry cancelled: nothing was saved.',
  },
  draftKept: {
    fr: 'Votre saisie est conservée : envoyez seulement la correction (par exemple « valeur 62,5 % »), ou cliquez sur « Modifier ».',
    en: 'Your entry is kept: just send the correction (for example “value 62.5%”), or click “Edit”.',
  },
  askPeriod: {
    fr: 'Pour quelle période ? Répondez par exemple « 2025-2026 » (année scolaire), « 2026 » ou une date.',
    en: 'For which period? Answer for example “2025-2026” (school year), “2026” or a date.',
  },
  askScope: {
    fr: 'Pour quel périmètre ? Répondez par le nom du département ou de l’académie.',
    en: 'For which scope? Answer with the name of the département or académie.',
  },
  askValue: {
    fr: 'Quelle valeur ? Répondez par exemple « 62,5 % » ou « 14 ».',
    en: 'What value? Answer for example “62.5%” or “14”.',
  },
  askText: {
    fr: 'Cet indicateur est qualitatif : envoyez le texte à enregistrer.',
    en: 'This indicator is qualitative: send the text to record.',
  },
  pick: {
    fr: 'Plusieurs indicateurs correspondent. Lequel ?',
    en: 'Several indicators match. Which one?',
  },
  notOwner: {
    fr: 'Cette saisie appartient à une autre personne : vous ne pouvez pas la confirmer. Pour saisir vous-même la valeur, écrivez-la dans la conversation.',
    en: 'This entry belongs to someone else: you cannot confirm it. To record the value yourself, write it in the conversation.',
  },
  notOwnerCancel: {
    fr: 'Cette saisie appartient à une autre personne : vous ne pouvez pas l’annuler. Elle reste telle quelle.',
    en: 'This entry belongs to someone else: you cannot cancel it. It stays as it is.',
  },
  notOwnerEdit: {
    fr: 'Cette saisie appartient à une autre personne : vous ne pouvez pas la modifier. Pour saisir votre propre valeur, écrivez-la dans un nouveau message.',
    en: 'This entry belongs to someone else: you cannot edit it. To record your own value, write it in a new message.',
  },
  gone: {
    fr: 'Cette saisie n’est plus ouverte (annulée ou remplacée par une plus récente). Renvoyez la valeur si besoin.',
    en: 'This entry is no longer open (cancelled or replaced by a newer one). Send the value again if needed.',
  },
  editHelp: {
    fr: 'Corrigez la saisie dans le formulaire, ou envoyez seulement ce qui change : « valeur 62,5 % », « période 2025-2026 », « périmètre Allier », « commentaire … ».',
    en: 'Fix the entry in the form, or send only what changes: “value 62.5%”, “period 2025-2026”, “scope Allier”, “comment …”.',
  },
  proposed: {
    fr: 'proposée, en attente de validation',
    en: 'proposed, awaiting validation',
  },
  validated: { fr: 'validée', en: 'validated' },
  rejected: { fr: 'rejetée', en: 'rejected' },
} satisfies Record<string, Record<Lang, string>>;

export function t(key: keyof typeof L, lang: Lang): string {
  return L[key][lang];
}
