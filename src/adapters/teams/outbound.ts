import { type Activity, ActivityTypes, CardFactory } from 'botbuilder';
import type { Lang, Reply } from '../../core/kernel/types.ts';
import { renderCard } from './render.ts';
import { plainSummary } from './render-text.ts';

/** A Reply as a Teams message: one Adaptive Card, with a plain summary for notifications. */
export function replyActivity(reply: Reply): Partial<Activity> {
  const card = renderCard(reply);
  return {
    type: ActivityTypes.Message,
    summary: plainSummary(card.fallbackText),
    attachments: [CardFactory.adaptiveCard(card)],
  };
}

/** A short message written by the adapter itself (welcome, failure, duplicate click). */
export function noteActivity(text: string, lang: Lang): Partial<Activity> {
  return replyActivity({ status: 'info', lang, text });
}
