import type { types } from '@slack/bolt';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Citation, ConversationRef, FormSpec, Reply } from '../../core/kernel/types.ts';
import { citationLines, formatCitationLine } from '../../core/query/citation-lines.ts';
import { ACTION, encodeTarget, FORM_CALLBACK_ID } from './actions.ts';
import { clip, escapeMrkdwn, packSections, paragraphToMrkdwn, splitParagraphs } from './render-text.ts';

type KnownBlock = types.KnownBlock;
type ButtonElement = types.Button;

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  sectionChars: 3000,
  blocksPerMessage: 50,
  homeBlocks: 100,
  buttonsPerActions: 25,
  buttonLabel: 75,
  modalTitle: 24,
};

/** A notification shows one line; the full answer is in the blocks. */
const FALLBACK_LINE_CHARS = 300;

export interface SlackMessage {
  /** Plain fallback for notifications and clients without Block Kit; escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Written into every button so that a click finds its conversation again. */
  conversation: ConversationRef;
  /** The exchange is ephemeral (slash command): clicks answer the clicker only. */
  ephemeral?: boolean;
  /** Stash token of this answer: adds the "Partager dans le canal" button. */
  shareToken?: string;
  /** Stash token of `reply.form` when no trigger_id is at hand to open it at once. */
  formToken?: string;
  /** Smaller limits, for tests. */
  limits?: Partial<Pick<typeof SLACK_LIMITS, 'sectionChars' | 'blocksPerMessage'>>;
}

/**
 * A Reply as one or more Slack messages: the text in sections, then citations, the notice and the
 * buttons. A reply too long for one message is split at paragraph boundaries.
 */
export function renderReply(reply: Reply, options: RenderOptions): SlackMessage[] {
  const sectionChars = options.limits?.sectionChars ?? SLACK_LIMITS.sectionChars;
  const perMessage = options.limits?.blocksPerMessage ?? SLACK_LIMITS.blocksPerMessage;
  const blocks = [...bodyBlocks(reply, sectionChars), ...tailBlocks(reply, options)];
  const messages: SlackMessage[] = [];
  for (let start = 0; start < blocks.length; start += perMessage) {
    const chunk = blocks.slice(start, start + perMessage);
    messages.push({ text: fallbackText(chunk), blocks: chunk });
  }
  return messages;
}

/** The App Home tab: the same blocks, cut at the 100 blocks a view may hold. */
export function renderHome(reply: Reply, conversation: ConversationRef): types.HomeView {
  const blocks = [...bodyBlocks(reply, SLACK_LIMITS.sectionChars), ...tailBlocks(reply, { conversation })];
  if (blocks.length > SLACK_LIMITS.homeBlocks) {
    blocks.length = SLACK_LIMITS.homeBlocks - 1;
    blocks.push(contextBlock('…'));
  }
  return { type: 'home', blocks };
}

/** A FormSpec as a modal; `metadata` (the encoded conversation) comes back with the submission. */
export function renderFormModal(form: FormSpec, reply: Reply, metadata: string): types.ModalView {
  const intro = reply.text.trim() ? bodyBlocks(reply, SLACK_LIMITS.sectionChars).slice(0, 5) : [];
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: metadata,
    title: plain(clip(form.title, SLACK_LIMITS.modalTitle)),
    submit: plain(clip(form.submitLabel, SLACK_LIMITS.modalTitle)),
    close: plain(messages(reply.lang).adapters.slack.cancel),
    blocks: [...intro, ...form.fields.map(inputBlock)],
  };
}

/** Adds one context line (e.g. "Partagé par …") after the last message's blocks. */
export function appendContext(messages: SlackMessage[], mrkdwn: string): SlackMessage[] {
  const copy = messages.map((m) => ({ text: m.text, blocks: [...m.blocks] }));
  const last = copy.at(-1);
  if (last && last.blocks.length < SLACK_LIMITS.blocksPerMessage) last.blocks.push(contextBlock(mrkdwn));
  else copy.push({ text: mrkdwn, blocks: [contextBlock(mrkdwn)] });
  return copy;
}

/** One citation line: "[n] Plan › Axe › Objectif — Scope, p. X" (page left out when unknown). */
export function citationLine(citation: Citation): string {
  return formatCitationLine(
    { numbers: [citation.n], where: citationLines([citation])[0]?.where ?? '' },
    2500,
  );
}

function bodyBlocks(reply: Reply, sectionChars: number): KnownBlock[] {
  const paragraphs = splitParagraphs(reply.text).map(paragraphToMrkdwn);
  const sections = packSections(paragraphs.length ? paragraphs : ['…'], sectionChars);
  return sections.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function tailBlocks(reply: Reply, options: RenderOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  // One line per section of the plans, its markers first ("[2–5] Plan › Axe › Objectif — Cantal").
  for (const line of citationLines(reply.citations ?? []))
    blocks.push(contextBlock(escapeMrkdwn(clip(formatCitationLine(line, 2500), 2500))));
  if (reply.notice) blocks.push(contextBlock(`_${escapeMrkdwn(clip(reply.notice, 2500))}_`));

  const target = (buttonId: string) =>
    encodeTarget({
      buttonId,
      conversation: options.conversation,
      replacesPreview: reply.status === 'preview',
      ephemeral: options.ephemeral === true,
    });
  const l = messages(reply.lang).adapters.slack;
  const main: ButtonElement[] = (reply.buttons ?? []).map((b, i) => ({
    ...button(ACTION.clickId(i), b.label, target(b.id)),
    ...(b.style ? { style: b.style } : {}),
  }));
  if (options.formToken && reply.form) {
    main.push({ ...button(ACTION.openForm, l.openForm, options.formToken), style: 'primary' });
  }
  const extra: ButtonElement[] = [];
  if (reply.answerId) {
    extra.push(button(ACTION.clickId('fb-up'), l.feedbackUp, target(`feedback:up:${reply.answerId}`)));
    extra.push(button(ACTION.clickId('fb-down'), l.feedbackDown, target(`feedback:down:${reply.answerId}`)));
  }
  if (options.shareToken) extra.push(button(ACTION.share, l.share, options.shareToken));
  for (const group of [main, extra]) {
    for (let i = 0; i < group.length; i += SLACK_LIMITS.buttonsPerActions) {
      blocks.push({ type: 'actions', elements: group.slice(i, i + SLACK_LIMITS.buttonsPerActions) });
    }
  }
  return blocks;
}

function inputBlock(field: FormSpec['fields'][number]): KnownBlock {
  const base = { type: 'input' as const, block_id: field.id, label: plain(clip(field.label, 2000)) };
  const optional = field.optional ? { optional: true } : {};
  if (field.options?.length) {
    const options = field.options
      .slice(0, 100)
      .map((o) => ({ text: plain(clip(o.label, 75)), value: o.value }));
    const initial = options.find((o) => o.value === field.value);
    return {
      ...base,
      ...optional,
      element: {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(initial ? { initial_option: initial } : {}),
        ...(field.placeholder ? { placeholder: plain(clip(field.placeholder, 150)) } : {}),
      },
    };
  }
  return {
    ...base,
    ...optional,
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: field.multiline === true,
      ...(field.value ? { initial_value: field.value } : {}),
      ...(field.placeholder ? { placeholder: plain(clip(field.placeholder, 150)) } : {}),
    },
  };
}

function button(actionId: string, label: string, value: string): ButtonElement {
  return { type: 'button', action_id: actionId, text: plain(clip(label, SLACK_LIMITS.buttonLabel)), value };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

function contextBlock(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] };
}

/**
 * The notification and screen-reader text: the first line of the answer only. Citations, buttons
 * ("[Confirmer] [Modifier]…") and the rest of the answer are in the blocks; repeated here they
 * fill the notification with noise.
 */
function fallbackText(blocks: KnownBlock[]): string {
  const section = blocks.find((block): block is types.SectionBlock => block.type === 'section');
  const context = blocks.find((block): block is types.ContextBlock => block.type === 'context');
  const element = context?.elements.find((e): e is types.MrkdwnElement => e.type === 'mrkdwn');
  const text = section?.text?.text ?? element?.text ?? '';
  const line = text.split('\n').find((l) => l.trim()) ?? '…';
  return clipMrkdwn(line.trim(), FALLBACK_LINE_CHARS);
}

/** Clips already-escaped text without leaving half an entity behind. */
function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return `${text.slice(0, cut).trimEnd()}…`;
}
