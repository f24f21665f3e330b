import type { webApi } from '@slack/bolt';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Lang, Reply } from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import { describeError, SlackAdapterError } from './errors.ts';
import { appendContext, type RenderOptions, renderReply, type SlackMessage } from './render.ts';
import { escapeMrkdwn } from './render-text.ts';
import type { Respond } from './respond-url.ts';
import type { SlackState } from './state.ts';

/** Where a reply goes. */
export type Destination =
  /** A channel or DM, in a thread when threadTs is set. */
  | { kind: 'channel'; channel: string; threadTs?: string; direct?: boolean }
  /** Only `user` sees it (chat.postEphemeral). */
  | { kind: 'ephemeral'; channel: string; user: string; threadTs?: string }
  /** Through the response_url of a slash command or a click; ephemeral unless it replaces the original. */
  | { kind: 'respond'; respond: Respond; replaceOriginal: boolean };

export interface Poster {
  /** `asker`: who a file (Reply.file) is for; it goes to their DM with the app. */
  post(destination: Destination, reply: Reply, options: RenderOptions, asker?: string): Promise<void>;
  /** The short apology that replaces silence; never throws. */
  postFailure(destination: Destination, lang: Lang): Promise<void>;
}

export function createPoster(deps: { client: webApi.WebClient; state: SlackState; log: Logger }): Poster {
  const { client, state, log } = deps;

  async function postMessages(destination: Destination, messages: SlackMessage[]): Promise<void> {
    for (const [i, message] of messages.entries()) {
      if (destination.kind === 'channel') {
        await client.chat.postMessage({
          channel: destination.channel,
          ...(destination.threadTs ? { thread_ts: destination.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          // Plans cite web pages; a preview card per link would drown the answer.
          unfurl_links: false,
          unfurl_media: false,
        });
      } else if (destination.kind === 'ephemeral') {
        await client.chat.postEphemeral({
          channel: destination.channel,
          user: destination.user,
          ...(destination.threadTs ? { thread_ts: destination.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
        });
      } else {
        await destination.respond({
          response_type: 'ephemeral',
          replace_original: destination.replaceOriginal && i === 0,
          text: message.text,
          blocks: message.blocks,
        });
      }
    }
    // Follow-ups in this thread are answered without a new mention from now on.
    if (destination.kind === 'channel' && destination.threadTs && !destination.direct) {
      await state.rememberThread(destination.channel, destination.threadTs);
    }
  }

  async function post(
    destination: Destination,
    reply: Reply,
    options: RenderOptions,
    asker?: string,
  ): Promise<void> {
    const t = messages(reply.lang).adapters.slack;
    let outgoing = renderReply(reply, options);
    if (reply.image && destination.kind !== 'channel') {
      // Files cannot be ephemeral: say where the chart can be had instead of posting it publicly.
      outgoing = appendContext(outgoing, `_${escapeMrkdwn(t.imageInDm)}_`);
    }
    const file = reply.file;
    const inDm = destination.kind === 'channel' && destination.direct === true;
    if (file && !inDm) {
      const note = asker ? t.fileInDm : t.fileNoDm;
      outgoing = appendContext(outgoing, `_${escapeMrkdwn(note)}_`);
    }
    await postMessages(destination, outgoing);
    if (file) {
      // An ephemeral reply cannot carry a file, and a shared channel must not get it: the asker's
      // DM with the app is where it goes (conversations.open finds or opens it).
      const channel = inDm ? destination.channel : asker ? await openDm(asker) : undefined;
      if (channel) {
        const upload = { file: file.data, filename: file.filename, title: file.title, channel_id: channel };
        const threadTs = inDm ? destination.threadTs : undefined;
        await client.files.uploadV2(threadTs ? { ...upload, thread_ts: threadTs } : upload);
      }
    }
    if (reply.image && destination.kind === 'channel') {
      const file = { file: reply.image.png, filename: reply.image.filename, title: reply.image.title };
      // files.uploadV2: getUploadURLExternal, the upload itself, then completeUploadExternal.
      await client.files.uploadV2(
        destination.threadTs
          ? { ...file, channel_id: destination.channel, thread_ts: destination.threadTs }
          : { ...file, channel_id: destination.channel },
      );
    }
  }

  async function openDm(user: string): Promise<string> {
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new SlackAdapterError('dm_unavailable', 'conversations.open returned no channel');
    return id;
  }

  async function postFailure(destination: Destination, lang: Lang): Promise<void> {
    const text = escapeMrkdwn(messages(lang).adapters.slack.failure);
    try {
      await postMessages(destination, [
        { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
      ]);
    } catch (error) {
      log.error({ err: describeError(error) }, 'slack: could not even post the failure message');
    }
  }

  return { post, postFailure };
}
