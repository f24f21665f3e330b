import os from 'node:os';
import path from 'node:path';
import { runConsoleChat } from '../adapters/console/chat.ts';
import { createConsoleDelivery, takeConsoleMessages } from '../adapters/console/outbox.ts';
import type { DeliveryPort, Platform } from '../core/kernel/types.ts';
import { PlanInputError } from '../core/plans/catalog.ts';
import { loadPrompts } from '../llm/prompts.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/log.ts';
import { checkCronExpression, scheduleReminders } from '../reminders/schedule.ts';
import { runSweep } from '../reminders/sweep.ts';
import { DatabaseOpenError } from '../store/db.ts';
import { MigrationError } from '../store/migrate.ts';
import { createAppRouter } from './app-router.ts';
import { openContext } from './context.ts';
import { postgresStores, publishPlans, type SharedStores } from './stores.ts';
import { sweepDepsOf } from './sweep-deps.ts';
import { unknownAcademies } from './tenancy/router.ts';

/**
 * Composition root: config → database → core → adapters. Starts the Slack and Teams adapters
 * when their credentials are set, and the console chat when neither is.
 */
export async function startAssistant(env: NodeJS.ProcessEnv): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const platforms = Boolean(config.slack.botToken) || Boolean(config.teams.appId) || config.teams.devMode;
  // The console chat owns the terminal: only warnings go to stderr there.
  const log = createLogger(platforms ? config.logLevel : 'warn');
  // With BOUSSOLE_DATABASE_URL, what replicas share lives in PostgreSQL; the plans stay in this
  // process's SQLite file, read from data/plans as on the default engine.
  let shared: SharedStores | undefined;
  if (config.postgres) {
    try {
      shared = await postgresStores(config.postgres, config);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
  }
  let ctx: ReturnType<typeof openContext>;
  try {
    ctx = openContext(config, log, { serving: true, ...(shared ? { stores: shared } : {}) });
  } catch (error) {
    await shared?.close();
    if (error instanceof MigrationError || error instanceof DatabaseOpenError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof PlanInputError) {
      // A shipped plan that cannot be ingested (too large, unreadable): say which and why.
      process.stderr.write(`Plans livrés illisibles : ${error.message}.\n`);
      return 1;
    }
    throw error;
  }
  try {
    // Prompts are checked at start-up even without an LLM: a broken file shows now, not at 2 a.m.
    loadPrompts(config.promptsDir);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    ctx.close();
    await ctx.stores.close();
    return 1;
  }
  // An académie BOUSSOLE_TENANTS names must exist: a typo would refuse a whole workspace.
  const problem =
    checkCronExpression(config.reminderCron) ?? unknownAcademies(config.tenants, ctx.library().scopes);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    ctx.close();
    await ctx.stores.close();
    return 1;
  }
  // PostgreSQL's search must hold the plans this replica answers from (app/unit-index.ts).
  const published = await publishPlans(ctx.stores, ctx.db, (reason) =>
    log.warn({ reason }, 'plans not published to PostgreSQL: the local index answers'),
  );
  if (published?.published.length || published?.removed.length)
    log.info(published, 'plans published to the PostgreSQL search');
  const router = createAppRouter(ctx);
  const outbox = ctx.stores.outbox;
  const deliveries: Partial<Record<Platform, DeliveryPort>> = { console: createConsoleDelivery(outbox) };
  let lastPrune = '';
  const startSchedule = () =>
    scheduleReminders({
      cronExpression: config.reminderCron,
      timeZone: config.timezone,
      sweep: async (now) => {
        // Retention runs with the first sweep of each day: no other timer to manage.
        const day = now.toISOString().slice(0, 10);
        if (day !== lastPrune) {
          lastPrune = day;
          try {
            const pruned = await ctx.stores.prune(now);
            log.info({ pruned }, 'expired personal data pruned');
          } catch (error) {
            // Pruning waits for the next day; the reminders go out now.
            lastPrune = '';
            log.warn({ err: error }, 'expired personal data not pruned');
          }
        }
        return runSweep(sweepDepsOf(ctx, deliveries, log), now);
      },
      log,
    });
  if (!platforms) {
    const user = os.userInfo().username || 'console';
    const reminders = startSchedule();
    await runConsoleChat({
      router,
      input: process.stdin,
      output: process.stdout,
      user,
      inbox: () => takeConsoleMessages(outbox, user),
      terminal: Boolean(process.stdin.isTTY),
      historyFile:
        config.dbFile === ':memory:'
          ? undefined
          : path.join(path.dirname(config.dbFile), '.boussole-history'),
      // Charts and exports asked in the chat land beside the database (data/fichiers by default).
      ...(config.dbFile === ':memory:'
        ? {}
        : { filesDir: path.join(path.dirname(config.dbFile), 'fichiers') }),
    });
    await reminders.stop();
    ctx.close();
    await ctx.stores.close();
    return 0;
  }
  const stops: (() => Promise<void>)[] = [];
  try {
    if (config.teams.appId || config.teams.devMode) {
      const { startTeams } = await import('../adapters/teams/index.ts');
      const teams = await startTeams({
        config,
        router,
        log,
        stores: ctx.stores.teams,
        health: () => ctx.stores.health(),
      });
      stops.push(() => teams.stop());
      deliveries.teams = teams.delivery;
      log.info({ port: teams.port, host: config.httpHost }, 'Teams adapter listening on /api/messages');
    }
    if (config.slack.botToken) {
      const { startSlack } = await import('../adapters/slack/index.ts');
      const slack = await startSlack({
        config,
        router,
        log,
        store: ctx.stores.slack,
        health: () => ctx.stores.health(),
      });
      stops.push(() => slack.stop());
      deliveries.slack = slack.delivery;
      log.info({ port: slack.port, socketMode: Boolean(config.slack.appToken) }, 'Slack adapter started');
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    for (const stop of stops) await stop();
    ctx.close();
    await ctx.stores.close();
    return 1;
  }
  // Reminders start once every adapter can deliver; stopped first on shutdown so no sweep runs
  // against a closing adapter or database.
  const reminders = startSchedule();
  stops.unshift(() => reminders.stop());
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'shutting down');
  for (const stop of stops) await stop();
  ctx.close();
  await ctx.stores.close();
  return 0;
}
