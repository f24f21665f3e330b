import { messages } from '../kernel/messages/index.ts';
import type { Lang } from './types.ts';

/**
 * node:util parseArgs explains a mistake in English ("Option '--out <value>' argument missing");
 * the CLI and the chat's "échéance …" command say it in the user's language, with the option.
 */
export function describeArgsError(error: unknown, lang: Lang = 'fr'): string {
  const { code, message = '' } = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' <]+)/u.exec(message)?.[1] ?? '';
  const argument = /'([^']*)'/u.exec(message)?.[1] ?? '';
  const t = messages(lang).router.args;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t.unknownOption(option);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/u.test(message) ? t.takesNoValue(option) : t.needsValue(option);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t.unexpected(argument);
    default:
      return t.unreadable(message);
  }
}
