import type { Lang } from './types.ts';

/**
 * node:util parseArgs explains a mistake in English ("Option '--out <value>' argument missing");
 * the CLI and the chat's "échéance …" command say it in the user's language, with the option.
 */
export function describeArgsError(error: unknown, lang: Lang = 'fr'): string {
  const { code, message = '' } = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' <]+)/u.exec(message)?.[1] ?? '';
  const argument = /'([^']*)'/u.exec(message)?.[1] ?? '';
  const fr = lang === 'fr';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return fr ? `Option inconnue « ${option} ».` : `Unknown option “${option}”.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/u.test(message)
        ? fr
          ? `L’option ${option} ne prend pas de valeur.`
          : `Option ${option} takes no value.`
        : fr
          ? `L’option ${option} attend une valeur (par exemple ${option} VALEUR).`
          : `Option ${option} needs a value (for example ${option} VALUE).`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return fr ? `Argument inattendu « ${argument} ».` : `Unexpected argument “${argument}”.`;
    default:
      return fr ? `Arguments illisibles : ${message}` : `Unreadable arguments: ${message}`;
  }
}
