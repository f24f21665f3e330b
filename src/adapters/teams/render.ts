import { type Messages, messages } from '../../core/kernel/messages/index.ts';
import type { Button, FormSpec, Reply } from '../../core/kernel/types.ts';
import { citationLines, formatCitationLine } from '../../core/query/citation-lines.ts';
import { compactPng, PngError } from '../../render/png-compact.ts';
import { neutralise, paragraphsOf, plainCode, plainSummary, truncateText } from './render-text.ts';

export type CardElement = { type: string; [key: string]: unknown };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  fallbackText: string;
  msteams: { width: 'Full' };
}

type Labels = Messages['adapters']['teams'];

/** Teams drops bot messages above about 28 KB; keep the card under it with room for the envelope. */
export const CARD_BYTES_BUDGET = 26_000;
export const MAX_TEXT_CHARS = 6_000;
export const MAX_CITATIONS = 12;
/** Widths tried for a chart too heavy as it is: a card is about 500–700 px wide in Teams. */
const CARD_IMAGE_WIDTHS = [600, 400];
/** Teams shows at most six actions on a card; more go to action sets in the body. */
const MAX_CARD_ACTIONS = 6;
/** Form inputs are prefixed so a field named "buttonId" cannot clobber the submit data. */
export const FIELD_PREFIX = 'field.';

/**
 * Renders the core's portable Reply as an Adaptive Card 1.5 (the highest version Teams renders):
 * text as wrapped TextBlocks, sources in small subtle text, buttons and forms as Action.Submit
 * whose data carries `{ buttonId }`, a chart as a data: URI image, and 👍/👎 when the answer was
 * logged. Pure: the same Reply always gives the same card.
 */
export function renderCard(reply: Reply): AdaptiveCard {
  const labels = messages(reply.lang).adapters.teams;
  // Characters are a proxy for bytes: text made of many short lines costs more per character, so
  // the text is cut shorter until the card fits (a few rounds at most).
  let maxChars = MAX_TEXT_CHARS;
  let parts = cardParts(reply, labels, maxChars);
  while (maxChars > 500 && Buffer.byteLength(JSON.stringify(parts.card)) > CARD_BYTES_BUDGET) {
    maxChars = Math.floor(maxChars / 2);
    parts = cardParts(reply, labels, maxChars);
  }
  const { card, head, tail } = parts;
  if (reply.image) card.body = [...head, ...imageBlocks(card, reply.image, labels), ...tail];
  return card;
}

/** The steps of an entry (preview, a question, a problem to fix) give way to the next step. */
const FLOW_STEPS = new Set<Reply['status']>(['preview', 'needs_input', 'invalid']);

function cardParts(reply: Reply, labels: Labels, maxChars: number) {
  const { text, truncated } = truncateText(neutralise(plainCode(reply.text)), maxChars);
  const flow: SubmitContext = { lang: reply.lang, replace: FLOW_STEPS.has(reply.status) };
  const feedback: SubmitContext = { lang: reply.lang, replace: false };
  const head: CardElement[] = [
    ...(reply.notice ? [subtle(neutralise(plainCode(reply.notice)))] : []),
    ...textBlocks(text),
    ...(truncated ? [subtle(labels.truncated)] : []),
  ];
  const tail: CardElement[] = [
    ...(reply.form ? [formContainer(reply.form, labels)] : []),
    ...(reply.citations?.length ? [citationsContainer(reply, labels)] : []),
    ...(reply.answerId ? [feedbackActions(reply.answerId, labels, feedback)] : []),
  ];
  const actions = [
    ...(reply.form ? [submitAction(reply.form.submitLabel, reply.form.submitId, flow, 'primary')] : []),
    ...(reply.buttons ?? []).map((button) => buttonAction(button, Boolean(reply.form), flow)),
  ];
  if (actions.length > MAX_CARD_ACTIONS) {
    for (let i = 0; i < actions.length; i += MAX_CARD_ACTIONS) {
      tail.push({ type: 'ActionSet', actions: actions.slice(i, i + MAX_CARD_ACTIONS) });
    }
  }
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [...head, ...tail],
    ...(actions.length && actions.length <= MAX_CARD_ACTIONS ? { actions } : {}),
    fallbackText: plainSummary(text, 1000),
    msteams: { width: 'Full' },
  };
  return { card, head, tail };
}

function textBlocks(text: string): CardElement[] {
  return paragraphsOf(text).flatMap((lines, p) =>
    lines.map((line, i) => ({
      type: 'TextBlock',
      text: line,
      wrap: true,
      // Lines of one paragraph (bullets) sit close together; paragraphs get the default gap.
      ...(i > 0 ? { spacing: 'Small' } : p === 0 ? {} : { spacing: 'Medium' }),
    })),
  );
}

function subtle(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small' };
}

function citationsContainer(reply: Reply, labels: Labels): CardElement {
  const citations = reply.citations ?? [];
  const shown = citations.slice(0, MAX_CITATIONS);
  // One line per section of the plans, its markers first ("[2–5] Plan › Axe › Objectif — Cantal").
  const items: CardElement[] = [
    { type: 'TextBlock', text: labels.sources, wrap: true, weight: 'Bolder', size: 'Small', isSubtle: true },
    ...citationLines(shown).map((line) => ({
      ...subtle(neutralise(formatCitationLine(line))),
      spacing: 'None',
    })),
  ];
  if (citations.length > shown.length) {
    items.push({ ...subtle(labels.moreSources(citations.length - shown.length)), spacing: 'None' });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function formContainer(form: FormSpec, labels: Labels): CardElement {
  const inputs = form.fields.map((field): CardElement => {
    const common = {
      id: `${FIELD_PREFIX}${field.id}`,
      label: neutralise(field.label),
      isRequired: !field.optional,
      ...(field.optional ? {} : { errorMessage: labels.required }),
    };
    if (field.options?.length) {
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: field.options.map((option) => ({ title: neutralise(option.label), value: option.value })),
        ...(field.value === undefined ? {} : { value: field.value }),
      };
    }
    return {
      type: 'Input.Text',
      ...common,
      isMultiline: Boolean(field.multiline),
      ...(field.value === undefined ? {} : { value: field.value }),
      ...(field.placeholder ? { placeholder: neutralise(field.placeholder) } : {}),
    };
  });
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [{ type: 'TextBlock', text: neutralise(form.title), weight: 'Bolder', wrap: true }, ...inputs],
  };
}

/**
 * What a click sends back besides the button id: the card's language (a note about the click is
 * written in it, whatever the client's locale) and, on a step of an entry flow, that the result
 * replaces this card, so its buttons do not stay live.
 */
export interface SubmitContext {
  lang: Reply['lang'];
  replace: boolean;
}

function submitAction(
  title: string,
  buttonId: string,
  context: SubmitContext,
  style?: Button['style'],
): CardElement {
  return {
    type: 'Action.Submit',
    title: neutralise(title),
    data: { buttonId, lang: context.lang, ...(context.replace ? { replace: 1 } : {}) },
    ...(style === 'primary' ? { style: 'positive' } : style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/** With a form on the card, plain buttons (Cancel…) must not be blocked by its required fields. */
function buttonAction(button: Button, besideForm: boolean, context: SubmitContext): CardElement {
  const action = submitAction(button.label, button.id, context, button.style);
  return besideForm ? { ...action, associatedInputs: 'none' } : action;
}

function feedbackActions(answerId: string, labels: Labels, context: SubmitContext): CardElement {
  return {
    type: 'ActionSet',
    spacing: 'Medium',
    actions: [
      submitAction(labels.feedbackUp, `feedback:up:${answerId}`, context),
      submitAction(labels.feedbackDown, `feedback:down:${answerId}`, context),
    ],
  };
}

/**
 * The chart goes right after the text as a data: URI (Teams has no public URL for our files). The
 * server's 1200 px PNG is too heavy for a card, so it is shrunk to a palette image sized for one
 * (see png-compact.ts); only when even that does not fit is it left out with a note.
 */
function imageBlocks(card: AdaptiveCard, image: NonNullable<Reply['image']>, labels: Labels): CardElement[] {
  const title = neutralise(image.title);
  const blocksFor = (png: Buffer): CardElement[] => [
    { type: 'TextBlock', text: `**${title}**`, wrap: true, spacing: 'Medium' },
    {
      type: 'Image',
      url: `data:image/png;base64,${png.toString('base64')}`,
      altText: title,
      size: 'Stretch',
    },
  ];
  const cardBytes = Buffer.byteLength(JSON.stringify(card));
  const fits = (blocks: CardElement[]) =>
    cardBytes + Buffer.byteLength(JSON.stringify(blocks)) <= CARD_BYTES_BUDGET;
  const original = blocksFor(image.png);
  if (fits(original)) return original;
  for (const width of CARD_IMAGE_WIDTHS) {
    let png: Buffer;
    try {
      png = compactPng(image.png, width);
    } catch (error) {
      if (error instanceof PngError) break;
      throw error;
    }
    const blocks = blocksFor(png);
    if (fits(blocks)) return blocks;
  }
  return [subtle(labels.imageTooLarge)];
}
