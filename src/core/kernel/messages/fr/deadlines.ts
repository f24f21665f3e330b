/** Deadlines: the "échéances" commands. */
export const deadlines = {
  noneForYou:
    'Aucune échéance ne vous concerne. Un administrateur vous en attribue avec « échéance ajouter ID --yearly 06-30 --scope cantal --owner … ».',
  all: '**Toutes les échéances** (vous pouvez les gérer)',
  yours: '**Vos échéances**',
  noDateLeft: 'plus de date',
  more: (n: number) => `… et ${n} autres`,
  noneDefined: 'Aucune échéance définie.',
  adminsOnly: 'Seul un administrateur peut gérer les échéances.',
  example: (problem: string) =>
    `${problem} Exemple : « échéance ajouter i0ab56d1 --yearly 06-30 --scope cantal --owner slack:U123 --lead 14,7,1 ».`,
  removed: (id: string) => `Échéance ${id} supprimée.`,
  unknown: (id: string) => `Échéance inconnue « ${id} ».`,
  saved: (id: string, what: string, scope: string, rule: string, leads: number[], owners: string[]) =>
    `Échéance \`${id}\` : ${what} — ${scope}, ${rule}, rappels J-${leads.join(', J-')} → ${owners.join(', ')}.`,
  snoozed: (days: number): string =>
    days === 1
      ? 'D’accord : je vous le rappelle demain.'
      : 'D’accord : je vous le rappelle dans une semaine.',
};
