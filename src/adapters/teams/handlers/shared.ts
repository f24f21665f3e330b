import type { Activity, TurnContext } from 'botbuilder';
import { messages } from '../../../core/kernel/messages/index.ts';
import type { Router } from '../../../core/kernel/types.ts';
import type { Logger } from '../../../platform/log.ts';
import type { TeamsStores } from '../../../store/ports.ts';
import { langOfLocale } from '../inbound.ts';
import type { LaterReplies } from '../later.ts';
import { noteActivity } from '../outbound.ts';

export interface HandlerDeps {
  router: Router;
  stores: TeamsStores;
  log: Logger;
  /** Saves the conversation's reference the first time it is seen since start-up. */
  remember(activity: Activity): Promise<void>;
  /** Answers posted after the turn (text messages). */
  later: LaterReplies;
}

/**
 * Runs one turn's work; an unexpected failure is logged and the user gets a polite answer in
 * their client's language instead of silence.
 */
export async function answerSafely(
  context: TurnContext,
  log: Logger,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const activity = context.activity;
    log.error(
      { err: error, conversationId: activity.conversation?.id, activityType: activity.type },
      'Teams turn failed',
    );
    const lang = langOfLocale(activity.locale);
    try {
      await context.sendActivity(noteActivity(messages(lang).adapters.teams.failure, lang));
    } catch (sendError) {
      log.error({ err: sendError }, 'Teams failure notice could not be sent');
    }
  }
}
