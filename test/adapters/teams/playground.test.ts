import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';
import { type Playground, startPlayground } from '../../helpers/teams-playground.ts';
import { CANTAL_QUESTION, type ScriptedRouter } from '../../helpers/teams-router.ts';

// biome-ignore lint/suspicious/noExplicitAny: the playground's JSON is free-form
type Json = Record<string, any>;

const isCard = (message: Json) =>
  message.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';

function cardTexts(message: Json): string[] {
  const walk = (items: Json[] = []): string[] =>
    items.flatMap((item) => [...(item.type === 'TextBlock' ? [String(item.text)] : []), ...walk(item.items)]);
  return walk(message.attachments[0].content.body);
}

describe('Teams through the Microsoft 365 Agents Playground', () => {
  let bot: TeamsHarness<ScriptedRouter>;
  let playground: Playground;

  beforeAll(async () => {
    bot = await startTeamsHarness();
    playground = await startPlayground(bot.endpoint);
  });
  afterAll(async () => {
    await playground?.close();
    await bot?.close();
  });

  it('answers a question typed in a Teams-like personal chat, takes a 👍 once, and reaches the user later', async () => {
    await playground.send(CANTAL_QUESTION);

    const answer = await playground.nextBotMessage(isCard);
    const texts = cardTexts(answer);
    expect(texts[0]).toMatch(/^Dans le Cantal/u);
    expect(texts).toContain(
      '[1, 2] Feuille de route CASF 2025-2030 › Axe stratégique 1 › Objectifs liés aux automatismes mathématiques — Cantal, p. 8',
    );
    expect(bot.router.messages[0]).toMatchObject({
      text: CANTAL_QUESTION,
      conversation: { platform: 'teams', conversationId: playground.conversationId, direct: true },
    });

    // The playground's submit is what a click on the card's 👍 sends.
    const thumbsUp = { buttonId: 'feedback:up:answer-cantal-1' };
    await playground.submit(answer.messageId, thumbsUp);
    await playground.nextBotMessage(
      (message) => isCard(message) && /feedback:up/u.test(JSON.stringify(message)),
    );
    await playground.submit(answer.messageId, thumbsUp);
    await playground.nextBotMessage(
      (message) => isCard(message) && /déjà|already/u.test(JSON.stringify(message)),
    );
    expect(bot.router.clicks.map((click) => click.buttonId)).toEqual(['feedback:up:answer-cantal-1']);

    // First contact saved the chat's reference: a reminder reaches the same user proactively.
    const delivered = await bot.teams.delivery.deliver(
      { platform: 'teams', kind: 'user', id: 'user-id-0' },
      { status: 'info', lang: 'fr', text: 'Rappel : saisie attendue pour le 30 juin.' },
    );
    expect(delivered).toEqual({ ok: true });
    const reminder = await playground.nextBotMessage(
      (message) => isCard(message) && /Rappel/u.test(JSON.stringify(message)),
    );
    expect(cardTexts(reminder)).toEqual(['Rappel : saisie attendue pour le 30 juin.']);
  });
});
