import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';

/** What the HTTP server answers for one activity. */
export type TurnOutcome =
  | { kind: 'done'; status: number; body?: unknown }
  | { kind: 'refused'; reason: string };

/**
 * CloudAdapter.process() answers a failed authentication with the internal error in the body (a
 * forged token whose keys cannot be fetched even gets a 500) and prints it with console.error,
 * outside the JSON log. This adapter authenticates first and hands the HTTP server an outcome to
 * answer and log itself: any authentication failure is a plain 401.
 */
export class BoussoleCloudAdapter extends CloudAdapter {
  constructor(private readonly auth: BotFrameworkAuthentication) {
    super(auth);
  }

  async handleActivity(
    body: Record<string, unknown>,
    authHeader: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<TurnOutcome> {
    const activity = fixTimestamps(body as unknown as Activity);
    let authentication: Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
    try {
      authentication = await this.auth.authenticateRequest(activity, authHeader);
    } catch (error) {
      return { kind: 'refused', reason: error instanceof Error ? error.message : String(error) };
    }
    const invoke = await this.processActivity(authentication, activity, logic);
    return {
      kind: 'done',
      status: invoke?.status ?? 200,
      ...(invoke?.body === undefined ? {} : { body: invoke.body }),
    };
  }
}

/** What botbuilder's validateAndFixActivity does (not exported): dates arrive as strings. */
function fixTimestamps(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}
