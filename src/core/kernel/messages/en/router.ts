import type { router as fr } from '../fr/router.ts';

export const router: typeof fr = {
  help: [
    '**Boussole** answers your questions about the académie’s strategic plans, with sources.',
    '',
    '• Ask a question: “Which actions target faits numériques in Cantal?”',
    '• “What indicators does the 2023-2027 strategic project use for bullying?”',
    '• `plans`: the list of known plans',
    '• `show ID`: one item of a plan (ids appear in the sources)',
    '',
    '**Indicators**',
    '• Record a value: “record 38% reading for Haute-Loire 2025-2026” (preview, then Confirm)',
    '• “How is Cantal doing on faits numériques?”, “What’s overdue in Allier?”, “Which indicators have no value for 2025-2026?”: values, targets and deadlines',
    '• `card faits numériques`, `history faits numériques cantal`, `chart faits numériques`',
    '• `pending` (validators), `rights`: your roles',
    '• `my deadlines`: your next reporting dates; `deadline list`: all of them',
    '• `export`: the tracking table as an Excel file (`export csv`, `export xlsx cantal`), sent to you alone',
  ].join('\n'),
  unknownId: (id) => `I don’t know the item “${id}”. Ids appear in the sources of my answers.`,
  ambiguousId: (id) => `Several items have the short id “${id}”: write “show” followed by the full id.`,
  failure: 'Sorry, I could not process your message. Please try again in a moment.',
  /** The database is held by another process (an import, a backup…): it will pass. */
  storeBusy:
    'Sorry, Boussole’s database is busy with another operation (an import, a backup…): nothing was saved. Please try again in a minute.',
  /** The database cannot be written (full disk, read-only or damaged file): someone must act. */
  storeUnwritable:
    'Sorry, Boussole cannot save anything right now (disk full or read-only database): nothing was saved. Please tell Boussole’s administrator; questions about the plans still work.',
  empty: 'I received no text. Ask a question about the plans, or type “help”.',
  thanks: 'Thanks for your feedback: it helps improve the answers.',
  unknownWorkspace: (where: string) =>
    `This workspace (${where}) is not linked to any académie of this Boussole: ask its administrator to add it to BOUSSOLE_TENANTS (for example ${where}=clermont-ferrand).`,
  unknownButton: 'This button is no longer valid (expired or already handled). Please ask again.',
  plans: '**Available plans**',
  more: (n) => `… and ${n} more`,
  home: {
    nextDeadlines: '**Your next deadlines**',
    latestValues: '**Your latest values**',
    toReview: (n) => `**${n} value(s) to review**: type “pending”.`,
  },
  args: {
    unknownOption: (option) => `Unknown option “${option}”.`,
    takesNoValue: (option) => `Option ${option} takes no value.`,
    needsValue: (option) => `Option ${option} needs a value (for example ${option} VALUE).`,
    unexpected: (argument) => `Unexpected argument “${argument}”.`,
    unreadable: (message) => `Unreadable arguments: ${message}`,
  },
};
