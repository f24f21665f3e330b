import type { webApi } from '@slack/bolt';
import { classifySlackError, SlackAdapterError } from './errors.ts';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Asks Slack who the bot is (auth.test) before Bolt starts. Bolt would otherwise make this call in
 * its constructor, where a wrong token or an unreachable Slack ends the process with an unhandled
 * rejection; here it is an error start-up can report, naming the variable to check.
 */
export async function resolveBotIdentity(client: webApi.WebClient): Promise<BotIdentity> {
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id) {
      throw new SlackAdapterError('not_a_bot_token', 'SLACK_BOT_TOKEN doit être un jeton de bot (xoxb-…)');
    }
    return { botId: result.bot_id, botUserId: result.user_id };
  } catch (error) {
    if (error instanceof SlackAdapterError) throw error;
    const failure = classifySlackError(error);
    throw new SlackAdapterError(
      `auth_${failure.code}`,
      `Slack refuse SLACK_BOT_TOKEN ou ne répond pas (auth.test : ${failure.code}) ; vérifiez le jeton et SLACK_API_URL`,
      failure.retryable,
    );
  }
}
