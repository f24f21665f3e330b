import type { deadlines as fr } from '../fr/deadlines.ts';
import { rules } from './deadline-rules.ts';

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
  listRow: (id, what, scope, rule, leads, owners) =>
    `• \`${id}\` ${what} — ${scope}, ${rule} (D-${leads.join(', D-')}) → ${owners.join(', ')}`,
  rules,
  snoozed: (days) =>
    days === 1 ? 'All right: I will remind you tomorrow.' : 'All right: I will remind you in a week.',
  reminders: {
    digestTitle: '🗓️ **Weekly indicator review**',
    missingTitle: '**Missing values**',
    missingRow: (label, date) => `• ${label} (due ${date})`,
    upcomingTitle: '**Deadlines in the next 30 days**',
    upcomingRow: (label, date) => `• ${label} — on ${date}`,
    escalate: (what, scope, period, due, daysLate) =>
      `⚠️ **Missing value**: “${what}” for ${scope} (${period}) was due on ${due}, ${daysLate} days ago, and has not been recorded. You are notified as a validator of this scope.`,
    overdue: (what, scope, period, due) =>
      `⚠️ **Overdue**: the value of “${what}” for ${scope}, period ${period}, was due on ${due}. Could you record it?`,
    reminder: (what, scope, period, due, daysLeft) =>
      `⏰ **Reminder**: the value of “${what}” for ${scope}, period ${period}, is due on ${due} (${inDays(daysLeft)}).`,
    othersOverdue: (n, since) => `${n} overdue${since ? ` (since ${since})` : ''}`,
    othersUpcoming: (n, until) => `${n} upcoming${until ? ` (until ${until})` : ''}`,
    others: (parts) =>
      `Other dates of this deadline with no value: ${parts.join(', ')} — one message for all.`,
    enterNow: 'Record now',
    snoozeDay: 'Remind me tomorrow',
    snoozeWeek: 'Remind me in a week',
  },
};

function inDays(n: number): string {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  return `in ${n} days`;
}
