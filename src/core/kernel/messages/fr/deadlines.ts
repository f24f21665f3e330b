import { rules } from './deadline-rules.ts';

/** Deadlines: the "échéances" commands and the reminders, digests and nudges they send. */
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
  /** A line of `échéance liste`: every deadline with its rule, leads and recipients. */
  listRow: (id: string, what: string, scope: string, rule: string, leads: number[], owners: string[]) =>
    `• \`${id}\` ${what} — ${scope}, ${rule} (J-${leads.join(', J-')}) → ${owners.join(', ')}`,
  rules,
  snoozed: (days: number): string =>
    days === 1
      ? 'D’accord : je vous le rappelle demain.'
      : 'D’accord : je vous le rappelle dans une semaine.',
  reminders: {
    digestTitle: '🗓️ **Point hebdomadaire des indicateurs**',
    missingTitle: '**Valeurs manquantes**',
    missingRow: (label: string, date: string) => `• ${label} (attendue le ${date})`,
    upcomingTitle: '**Échéances des 30 prochains jours**',
    upcomingRow: (label: string, date: string) => `• ${label} — le ${date}`,
    escalate: (what: string, scope: string, period: string, due: string, daysLate: number) =>
      `⚠️ **Valeur manquante** : « ${what} » pour ${scope} (${period}) était attendue le ${due}, il y a ${daysLate} jours, et n’a pas été saisie. Vous êtes prévenu(e) comme validateur de ce périmètre.`,
    overdue: (what: string, scope: string, period: string, due: string) =>
      `⚠️ **En retard** : la valeur de « ${what} » pour ${scope}, période ${period}, était attendue le ${due}. Pouvez-vous la saisir ?`,
    reminder: (what: string, scope: string, period: string, due: string, daysLeft: number) =>
      `⏰ **Rappel** : la valeur de « ${what} » pour ${scope}, période ${period}, est attendue le ${due} (${inDays(daysLeft)}).`,
    othersOverdue: (n: number, since: string | undefined) =>
      `${n} en retard${since ? ` (depuis le ${since})` : ''}`,
    othersUpcoming: (n: number, until: string | undefined) =>
      `${n} à venir${until ? ` (jusqu’au ${until})` : ''}`,
    others: (parts: string[]) =>
      `Autres dates de cette échéance sans valeur : ${parts.join(', ')} — un seul message pour toutes.`,
    enterNow: 'Saisir maintenant',
    snoozeDay: 'Rappel demain',
    snoozeWeek: 'Rappel dans 1 semaine',
  },
};

function inDays(n: number): string {
  if (n === 0) return 'aujourd’hui';
  if (n === 1) return 'demain';
  return `dans ${n} jours`;
}
