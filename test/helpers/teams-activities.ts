import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import type { ConnectorCall } from './teams-connector.ts';

export type Fixture =
  | 'personal-message'
  | 'channel-mention'
  | 'group-chat-mention'
  | 'card-submit'
  | 'installation-update';

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
export type ActivityJson = Record<string, any>;

/** A recorded Teams activity (test/fixtures/teams) pointed at our fake connector. */
export function activity(name: Fixture, serviceUrl: string, overrides: ActivityJson = {}): ActivityJson {
  const file = path.join(ROOT_DIR, 'test', 'fixtures', 'teams', `${name}.json`);
  const sample = JSON.parse(readFileSync(file, 'utf8')) as ActivityJson;
  return { ...sample, serviceUrl, timestamp: new Date().toISOString(), ...overrides };
}

/** The activity a click on a card button sends: a message whose value holds the button data. */
export function cardSubmit(
  serviceUrl: string,
  input: {
    id: string;
    replyToId: string;
    buttonId: string;
    conversationId?: string;
    inputs?: Record<string, string>;
    /** The rest of the Action.Submit's data, as the card carried it (lang, replace…). */
    data?: Record<string, unknown>;
  },
): ActivityJson {
  const sample = activity('card-submit', serviceUrl);
  return {
    ...sample,
    id: input.id,
    replyToId: input.replyToId,
    value: { ...input.data, buttonId: input.buttonId, ...input.inputs },
    conversation: { ...sample.conversation, ...(input.conversationId ? { id: input.conversationId } : {}) },
  };
}

export async function postActivity(
  endpoint: string,
  body: ActivityJson,
  headers: Record<string, string> = {},
) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The data of a card's Action.Submit titled `title`, exactly as Teams sends it back on a click. */
export function actionData(call: ConnectorCall | undefined, title: string): Record<string, unknown> {
  const actions: { title: string; data: Record<string, unknown> }[] =
    call?.body?.attachments?.[0]?.content?.actions ?? [];
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`no action "${title}" in ${JSON.stringify(actions)}`);
  return action.data;
}

/** The body of the card a connector call carries, as JSON text to search. */
export function cardText(call: ConnectorCall | undefined): string {
  return JSON.stringify(call?.body?.attachments?.[0]?.content?.body ?? []);
}
