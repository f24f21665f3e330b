import { PlanInputError } from '../../core/plans/catalog.ts';
import { PromptError } from '../../llm/prompts.ts';
import { ConfigError } from '../../platform/config.ts';
import { DatabaseOpenError } from '../../store/db.ts';
import { storeFailureOf } from '../../store/failures.ts';
import { MigrationError } from '../../store/migrate.ts';
import { SharedStoreError } from '../stores.ts';
import { type CommandIO, UsageError } from './io.ts';

/**
 * What a one-shot command says when it fails, and its exit code: the expected problems in the
 * user's words with what to do (\`where\`: the database file), anything else as unexpected.
 */
export function reportFailure(error: unknown, io: CommandIO, where: string, usage: string): number {
  if (error instanceof UsageError) {
    io.err(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (
    error instanceof ConfigError ||
    error instanceof MigrationError ||
    error instanceof PromptError ||
    error instanceof DatabaseOpenError ||
    error instanceof PlanInputError ||
    error instanceof SharedStoreError
  ) {
    io.err(error.message);
    return 1;
  }
  const failure = storeFailureOf(error);
  if (failure === 'busy') {
    io.err(
      `La base ${where} est verrouillée par un autre processus depuis plus de 5 s (${(error as Error).message}) : relancez la commande dans un instant ; ce qui n’a pas été confirmé n’a pas été enregistré.`,
    );
    return 1;
  }
  if (failure === 'unwritable') {
    io.err(
      `Impossible d’écrire dans la base ${where} (${(error as Error).message}) : libérez de la place sur le disque ou vérifiez les droits du fichier, puis relancez la commande.`,
    );
    return 1;
  }
  io.err(`Erreur inattendue : ${(error as Error).message}`);
  return 1;
}
