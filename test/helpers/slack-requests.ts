import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/platform/paths.ts';

const FIXTURES = path.join(ROOT_DIR, 'test', 'fixtures', 'slack');

// biome-ignore lint/suspicious/noExplicitAny: fixtures are Slack's JSON, overridden field by field.
type Json = Record<string, any>;

/** A real Slack payload sample from test/fixtures/slack, as a fresh object. */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

/** Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>". */
export function signRequest(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

export type SlackRequestKind = 'event' | 'command' | 'interaction';

export interface SendOptions {
  /** Signs with this secret instead (a forged request). */
  secret?: string;
  /** Request timestamp in seconds (a stale request). */
  timestamp?: number;
  headers?: Record<string, string>;
}

/**
 * Posts like Slack does: events as JSON, slash commands as form fields, interactions as a form
 * with one `payload` field. The content-type is exactly what Slack sends (Bolt compares it).
 */
export async function sendToSlackApp(
  url: string,
  secret: string,
  kind: SlackRequestKind,
  data: Json,
  options: SendOptions = {},
): Promise<{ status: number; text: string }> {
  const raw =
    kind === 'event'
      ? JSON.stringify(data)
      : kind === 'command'
        ? new URLSearchParams(data).toString()
        : new URLSearchParams({ payload: JSON.stringify(data) }).toString();
  const contentType = kind === 'event' ? 'application/json' : 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      ...signRequest(options.secret ?? secret, raw, options.timestamp),
      ...options.headers,
    },
    body: raw,
  });
  return { status: response.status, text: await response.text() };
}

/** An event_callback from a fixture, with a fresh event_id unless one is given. */
export function eventCallback(name: string, event: Json = {}, eventId = `Ev${randomUUID()}`): Json {
  const body = fixture(name);
  body.event = { ...body.event, ...event };
  body.event_id = eventId;
  return body;
}

export function mentionEvent(event: Json = {}, eventId?: string): Json {
  return eventCallback('app_mention', event, eventId);
}

export function slashCommand(fields: Record<string, string>): Record<string, string> {
  return { ...(fixture('slash_command') as Record<string, string>), ...fields };
}

/** A click on a button taken from a message the adapter rendered. */
export function buttonClick(button: Json, overrides: Json = {}): Json {
  const body = fixture('block_actions');
  body.actions = [
    { ...body.actions[0], action_id: button.action_id, value: button.value, text: button.text },
  ];
  return { ...body, ...overrides };
}

/** The submission of a modal the adapter opened, with the typed values. */
export function viewSubmission(openedView: Json, values: Record<string, string>): Json {
  const body = fixture('view_submission');
  const state: Json = {};
  for (const [blockId, value] of Object.entries(values)) {
    const input = openedView.blocks.find((b: Json) => b.block_id === blockId);
    state[blockId] =
      input?.element?.type === 'static_select'
        ? {
            value: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: value }, value },
            },
          }
        : { value: { type: 'plain_text_input', value } };
  }
  // Slack sends the view back whole: its blocks, metadata and the typed state.
  body.view = {
    ...body.view,
    callback_id: openedView.callback_id,
    private_metadata: openedView.private_metadata,
    blocks: openedView.blocks,
  };
  body.view.state = { values: state };
  return body;
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as posted to the fake.
export function buttonsOf(blocks: any[] | undefined): Json[] {
  return (blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
}
