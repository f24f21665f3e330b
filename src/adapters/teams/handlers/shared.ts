import type { Activity, TurnContext } from 'botbuilder';
import type { Router } from '../../../core/kernel/types.ts';
import type { Logger } from '../../../platform/log.ts';
import type { TeamsStores } from '../../../store/ports.ts';
import { labelsFor, langOfLocale } from '../labels.ts';
import type { LaterReplies } from '../later.ts';
import { noteActivity } from '../outbound.ts';

export interface HandlerDeps {
  router: Router;
  stores: TeamsStores;
  log: Logger;
  /** Saves the conversation's reference the first time it is seen since start-up. */
  remember(activity: Activity): void;
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
      await context.sendActivity(noteActivity(labelsFor(lang).failure, lang));
    } catch (sendError) {
      log.error({ err: sendError }, 'Teams failure notice could not be sent');
    }
  }
}
