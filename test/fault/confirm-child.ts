// Child process for the kill -9 test: records measurements through the real router, one after
// the other, and prints the id of each one as soon as its confirm has returned.
import { createAppRouter } from '../../src/app/app-router.ts';
import { openContext } from '../../src/app/context.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';

const ctx = openContext(
  loadConfig({ BOUSSOLE_DB: process.argv[2], BOUSSOLE_ADMINS: 'console:alice' }),
  createLogger('silent'),
);
const router = createAppRouter(ctx);
const actor = { platform: 'console' as const, userId: 'alice' };
const conversation = { platform: 'console' as const, conversationId: 'console:alice' };
process.stdout.write('ready\n');
for (let i = 0; i < 100_000; i++) {
  const value = (i % 1000) / 10;
  const preview = await router.handleMessage({
    actor,
    conversation,
    text: `Cantal 2025-2026 : ${String(value).replace('.', ',')} % d'élèves groupe 3 faits numériques`,
  });
  const confirm = preview.buttons?.find((b) => b.id.startsWith('confirm'))?.id;
  if (!confirm) throw new Error(`no preview: ${preview.text}`);
  const saved = await router.handleClick(actor, conversation, confirm);
  const id = /`(m[0-9a-f]{12})`/u.exec(saved.text)?.[1];
  process.stdout.write(`saved ${id}\n`);
}
