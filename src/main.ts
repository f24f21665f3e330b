/**
 * Composition root: config → database → core → adapters → scheduler.
 * Filled in as the adapters land; for now `npm start` opens the console chat.
 */
export async function startAssistant(_env: NodeJS.ProcessEnv): Promise<number> {
  process.stderr.write('Le chat console arrive avec la prochaine étape.\n');
  return 0;
}
