/**
 * Slack text in → the router's plain text. Slack escapes &, < and > in message text and wraps
 * mentions, channels and links in <…>; the router wants what the person typed.
 */
export function toPlainText(slackText: string | undefined, botUserId: string): string {
  if (!slackText) return '';
  return slackText
    .replace(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'gu'), ' ')
    .replace(/<@([A-Z0-9]+)\|([^>]+)>/gu, '@$2')
    .replace(/<@([A-Z0-9]+)>/gu, '@$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gu, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+\|@?([^>]+)>/gu, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/gu, '$1')
    .replace(/<!([^>|]+)(?:\|[^>]*)?>/gu, '@$1')
    .replace(/<((?:https?|mailto):[^>|]+)\|([^>]+)>/gu, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/gu, '$1')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&')
    .replace(/[ \t]+/gu, ' ')
    .trim();
}

/** True when the raw Slack text tags the bot (app_mention then handles it, not the message listener). */
export function mentionsBot(slackText: string | undefined, botUserId: string): boolean {
  return Boolean(slackText?.includes(`<@${botUserId}`));
}

const SUBCOMMANDS: Record<string, (rest: string) => string> = {
  aide: () => 'aide',
  help: () => 'aide',
  question: (rest) => rest || 'aide',
  ask: (rest) => rest || 'aide',
  saisir: (rest) => `saisir ${rest}`.trim(),
  indicateur: (rest) => `indicateur ${rest}`.trim(),
  indicateurs: (rest) => `indicateur ${rest}`.trim(),
  echeances: () => 'échéances',
  echeance: () => 'échéances',
  deadlines: () => 'échéances',
  export: (rest) => `export ${rest}`.trim(),
};

/**
 * "/boussole <sous-commande> <reste>" → the text the router understands. Anything that is not a
 * known subcommand is taken as a question, so "/boussole Quelles actions… ?" just works.
 */
export function slashToText(commandText: string | undefined): string {
  const text = (commandText ?? '').trim();
  if (!text) return 'aide';
  const [first = '', ...rest] = text.split(/\s+/u);
  const key = first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const map = SUBCOMMANDS[key];
  return map ? map(rest.join(' ')) : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
