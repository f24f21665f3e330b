import { type Activity, type CloudAdapter, TurnContext } from 'botbuilder';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Logger } from '../../platform/log.ts';
import { langOfLocale, requestIdOf } from './inbound.ts';
import { noteActivity } from './outbound.ts';

/**
 * Answers after the HTTP turn. Bot Framework gives a turn 15 s before it gives up on the request,
 * and an answer written by an LLM (20 s timeout, two retries) can take longer: the turn only
 * acknowledges (and shows "typing"), the answer is posted on its own to the same conversation,
 * as a reply to the message.
 */
export function createLaterReplies(deps: { adapter: CloudAdapter; appId: string; log: Logger }) {
  const running = new Set<Promise<void>>();
  return {
    /** Runs `work` in the background and posts what it returns (or an apology). */
    start(context: TurnContext, work: () => Promise<Partial<Activity>>): void {
      const reference = TurnContext.getConversationReference(context.activity);
      const lang = langOfLocale(context.activity.locale);
      const conversationId = context.activity.conversation?.id;
      const requestId = requestIdOf(context.activity);
      const task = (async () => {
        let answer: Partial<Activity>;
        try {
          answer = await work();
        } catch (error) {
          deps.log.error(
            { err: error, conversationId, requestId, activityType: 'message' },
            'Teams turn failed',
          );
          answer = noteActivity(messages(lang).adapters.teams.failure, lang);
        }
        try {
          await deps.adapter.continueConversationAsync(deps.appId, reference, async (later) => {
            // The continuation has a made-up id; the answer is a reply to the user's message.
            later.activity.id = reference.activityId;
            await later.sendActivity(answer);
          });
        } catch (error) {
          deps.log.error({ err: error, conversationId, requestId }, 'Teams answer could not be posted');
        }
      })();
      running.add(task);
      void task.finally(() => running.delete(task));
    },
    /** Waits, at most `ms`, for answers still being written (graceful stop). */
    async drain(ms: number): Promise<void> {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, ms);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

export type LaterReplies = ReturnType<typeof createLaterReplies>;
