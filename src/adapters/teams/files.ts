import { randomUUID } from 'node:crypto';
import type { Activity, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Reply } from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import type { TeamsFileStore } from '../../store/ports.ts';
import { actorOf, langOfLocale } from './inbound.ts';
import { noteActivity, replyActivity } from './outbound.ts';

const CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
const INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
/** The upload happens inside the invoke turn, which Teams gives 15 s. */
const UPLOAD_TIMEOUT_MS = 10_000;

/**
 * A Reply carrying a file (the tracking table). Teams bots can only send files in a personal chat,
 * after the user accepts a consent card (manifest: supportsFiles); elsewhere the answer says where
 * to ask. The bytes wait in the store (TeamsFileStore) under a random token the card hands back on accept, for a day.
 */
export async function offerFile(
  store: TeamsFileStore,
  activity: Activity,
  reply: Reply,
): Promise<Partial<Activity>> {
  const file = reply.file;
  const labels = messages(reply.lang).adapters.teams;
  if (!file) return replyActivity(reply);
  if (activity.conversation.conversationType !== 'personal') {
    return replyActivity({ ...reply, text: `${reply.text}\n\n${labels.fileInPersonalChat}` });
  }
  const token = randomUUID();
  await store.offer({
    token,
    userId: actorOf(activity).userId,
    filename: file.filename,
    data: file.data,
    at: new Date(),
  });
  const card = replyActivity(reply);
  return {
    ...card,
    attachments: [
      ...(card.attachments ?? []),
      {
        contentType: CONSENT_CARD,
        name: file.filename,
        content: {
          description: file.title,
          sizeInBytes: file.data.length,
          acceptContext: { token },
          declineContext: { token },
        },
      },
    ],
  };
}

/** The user accepted: the file goes to the upload URL Teams gave (their OneDrive), then a file card. */
export async function acceptOfferedFile(
  context: TurnContext,
  response: FileConsentCardResponse,
  deps: { files: TeamsFileStore; log: Logger },
): Promise<void> {
  const lang = langOfLocale(context.activity.locale);
  const labels = messages(lang).adapters.teams;
  const row = await takeOffered(deps.files, context, response);
  const upload = response.uploadInfo;
  if (!row || !upload?.uploadUrl) {
    await context.sendActivity(noteActivity(labels.fileGone, lang));
    return;
  }
  try {
    const sent = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: {
        'content-length': String(row.data.length),
        'content-range': `bytes 0-${row.data.length - 1}/${row.data.length}`,
      },
      body: new Uint8Array(row.data),
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await sent.body?.cancel();
    if (!sent.ok) throw new Error(`upload refused: HTTP ${sent.status}`);
  } catch (error) {
    deps.log.warn({ err: error }, 'Teams file upload failed');
    await context.sendActivity(noteActivity(labels.fileUploadFailed, lang));
    return;
  }
  await context.sendActivity({
    type: 'message',
    attachments: [
      {
        contentType: INFO_CARD,
        contentUrl: upload.contentUrl,
        name: upload.name ?? row.filename,
        content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
      },
    ],
  });
}

/** The user declined: the bytes are dropped. */
export async function declineOfferedFile(
  context: TurnContext,
  response: FileConsentCardResponse,
  deps: { files: TeamsFileStore },
): Promise<void> {
  await takeOffered(deps.files, context, response);
  const lang = langOfLocale(context.activity.locale);
  await context.sendActivity(noteActivity(messages(lang).adapters.teams.fileDeclined, lang));
}

/** The offered file named by the card, once, and only for the user it was made for. */
async function takeOffered(
  store: TeamsFileStore,
  context: TurnContext,
  response: FileConsentCardResponse,
): Promise<{ filename: string; data: Buffer } | undefined> {
  const token = (response.context as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string') return undefined;
  // An offer older than a day is refused even before the daily purge (store/retention.ts) runs.
  return store.take(token, actorOf(context.activity).userId, new Date());
}
