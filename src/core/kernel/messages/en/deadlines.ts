import type { deadlines as fr } from '../fr/deadlines.ts';

export const deadlines: typeof fr = {
  noneForYou:
    'No deadline concerns you. An admin assigns one with “deadline add ID --yearly 06-30 --scope cantal --owner …”.',
  all: '**All deadlines** (you can manage them)',
  yours: '**Your deadlines**',
  noDateLeft: 'no date left',
  more: (n) => `… and ${n} more`,
  noneDefined: 'No deadline defined.',
  adminsOnly: 'Only an admin can manage deadlines.',
  example: (problem) =>
    `${problem} Example: “deadline add i0ab56d1 --yearly 06-30 --scope cantal --owner slack:U123 --lead 14,7,1”.`,
  removed: (id) => `Deadline ${id} removed.`,
  unknown: (id) => `Unknown deadline “${id}”.`,
  saved: (id, what, scope, rule, leads, owners) =>
    `Deadline \`${id}\`: ${what} — ${scope}, ${rule}, reminders D-${leads.join(', D-')} → ${owners.join(', ')}.`,
  snoozed: (days) =>
    days === 1 ? 'All right: I will remind you tomorrow.' : 'All right: I will remind you in a week.',
};
