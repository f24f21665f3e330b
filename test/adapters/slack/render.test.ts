import { describe, expect, it } from 'vitest';
import { decodeTarget, encodeTarget } from '../../../src/adapters/slack/actions.ts';
import { mentionsBot, slashToText, toPlainText } from '../../../src/adapters/slack/inbound.ts';
import { readValues } from '../../../src/adapters/slack/listeners/form-submit.ts';
import {
  citationLine,
  renderFormModal,
  renderHome,
  renderReply,
  type SlackMessage,
} from '../../../src/adapters/slack/render.ts';
import { escapeMrkdwn } from '../../../src/adapters/slack/render-text.ts';
import { detectLanguage } from '../../../src/core/kernel/language.ts';
import type { Citation, ConversationRef, Reply } from '../../../src/core/kernel/types.ts';

const conversation: ConversationRef = { platform: 'slack', conversationId: 'C0PILOTAGE', threadId: '1.1' };

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON inspected field by field.
type AnyBlock = any;
const sections = (m: SlackMessage) =>
  m.blocks.filter((b: AnyBlock) => b.type === 'section').map((b: AnyBlock) => b.text.text as string);
const contexts = (m: SlackMessage) =>
  m.blocks.filter((b: AnyBlock) => b.type === 'context').map((b: AnyBlock) => b.elements[0].text as string);
const buttons = (m: SlackMessage) =>
  m.blocks.filter((b: AnyBlock) => b.type === 'actions').flatMap((b: AnyBlock) => b.elements);

function citation(n: number, page: number | null, extra: Partial<Citation> = {}): Citation {
  return {
    n,
    id: `c${n}`,
    plan: 'Projet académique 2023-2027',
    planId: 'pa',
    kind: 'action',
    scope: 'Académie de Clermont-Ferrand',
    path: ['Axe 1 — Réussite', 'Objectif 2'],
    text: 'Texte',
    source: { file: 'pa.txt', lines: [1, 2], page },
    ...extra,
  };
}

describe('Slack text escaping', () => {
  it('turns broadcast mentions and markup in user, plan or model text into harmless text', () => {
    const [message] = renderReply(
      {
        status: 'answered',
        lang: 'fr',
        text: 'Alerte <!channel> <!here|here> <!everyone> @channel @here @everyone <@U123> a&b <https://x|y>',
      },
      { conversation },
    );
    const all = JSON.stringify(message);
    for (const trigger of [
      '<!channel>',
      '<!here',
      '<!everyone>',
      '@channel',
      '@here',
      '@everyone',
      '<@U123>',
      '<https',
    ]) {
      expect(all).not.toContain(trigger);
    }
    expect(sections(message as SlackMessage)[0]).toContain('a&amp;b');
    expect(message?.text).toContain('&lt;!\u200Bchannel&gt;');
    expect(message?.text).toContain('@\u200Bhere');
  });

  it('escapes only once and leaves ordinary @ and ! alone', () => {
    expect(escapeMrkdwn('contact@ac-clermont.fr ! Ici & là')).toBe('contact@ac-clermont.fr ! Ici &amp; là');
  });

  it('keeps the portable formatting: bold, bullets and [n] markers', () => {
    const [message] = renderReply(
      {
        status: 'answered',
        lang: 'fr',
        text: '**Deux actions** :\n- Former les équipes [1]\n• Installer un référent [2]',
      },
      { conversation },
    );
    expect(sections(message as SlackMessage)[0]).toBe(
      '*Deux actions* :\n• Former les équipes [1]\n• Installer un référent [2]',
    );
  });
});

describe('Slack message limits', () => {
  it('splits a paragraph longer than 3,000 characters at word boundaries', () => {
    const words = Array.from({ length: 1400 }, (_, i) => `mot${i}`);
    const [message] = renderReply(
      { status: 'answered', lang: 'fr', text: words.join(' ') },
      { conversation },
    );
    const texts = sections(message as SlackMessage);
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(texts.join(' ').split(' ')).toEqual(words);
  });

  it('never splits an escaped entity when a word is longer than a section', () => {
    const text = `${'a'.repeat(2998)}&&&&`;
    const [message] = renderReply({ status: 'answered', lang: 'fr', text }, { conversation });
    const texts = sections(message as SlackMessage);
    for (const part of texts) {
      expect(part.length).toBeLessThanOrEqual(3000);
      expect(part).not.toMatch(/&(?:a|am|amp)?$/u);
    }
    expect(texts.join('')).toBe(`${'a'.repeat(2998)}${'&amp;'.repeat(4)}`);
  });

  it('spreads a very long answer over several messages of at most 50 blocks, cut between paragraphs', () => {
    const paragraphs = Array.from({ length: 70 }, (_, i) => `Paragraphe ${i} ${'x'.repeat(2000)}`);
    const reply: Reply = {
      status: 'answered',
      lang: 'fr',
      text: paragraphs.join('\n\n'),
      citations: [citation(1, 3)],
      answerId: 'a1',
    };
    const messages = renderReply(reply, { conversation });
    expect(messages.length).toBe(2);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.text.length).toBeLessThanOrEqual(3000);
    }
    const all = messages.flatMap(sections);
    // Two 2,000-character paragraphs do not fit in one 3,000-character section: one each, whole.
    expect(all).toEqual(paragraphs);
    const last = messages.at(-1) as SlackMessage;
    expect(contexts(last)).toHaveLength(1);
    expect(buttons(last).map((b: AnyBlock) => b.text.text)).toEqual(['👍', '👎']);
  });

  it('packs short paragraphs together and honours smaller limits', () => {
    const reply: Reply = { status: 'answered', lang: 'fr', text: 'un\n\ndeux\n\ntrois\n\nquatre' };
    const messages = renderReply(reply, { conversation, limits: { sectionChars: 10, blocksPerMessage: 2 } });
    expect(messages.map(sections)).toEqual([['un\n\ndeux', 'trois'], ['quatre']]);
  });
});

describe('citations, notices and buttons', () => {
  it('renders each citation as "[n] Plan › path — scope, p. X", page left out when unknown', () => {
    expect(citationLine(citation(1, 12))).toBe(
      '[1] Projet académique 2023-2027 › Axe 1 — Réussite › Objectif 2 — Académie de Clermont-Ferrand, p. 12',
    );
    expect(citationLine(citation(2, null, { path: [] }))).toBe(
      '[2] Projet académique 2023-2027 — Académie de Clermont-Ferrand',
    );
    const [message] = renderReply(
      {
        status: 'answered',
        lang: 'fr',
        text: 'Voir [2] et [1].',
        citations: [citation(2, null, { plan: 'Plan <A&B> @here' }), citation(1, 4)],
        notice: 'LLM indisponible : réponse hors ligne',
      },
      { conversation },
    );
    const lines = contexts(message as SlackMessage);
    expect(lines[0]).toMatch(/^\[1\] /u);
    expect(lines[1]).toBe(
      '[2] Plan &lt;A&amp;B&gt; @\u200Bhere › Axe 1 — Réussite › Objectif 2 — Académie de Clermont-Ferrand',
    );
    expect(lines[2]).toBe('_LLM indisponible : réponse hors ligne_');
  });

  it('puts the router buttons and the feedback buttons in actions blocks that carry the conversation', () => {
    const [message] = renderReply(
      {
        status: 'preview',
        lang: 'fr',
        text: 'Aperçu',
        buttons: [
          { id: 'confirm:d1', label: 'Confirmer', style: 'primary' },
          { id: 'cancel:d1', label: 'Annuler', style: 'danger' },
        ],
        answerId: 'a9',
      },
      { conversation, shareToken: 'tok' },
    );
    const all = buttons(message as SlackMessage);
    expect(all.map((b: AnyBlock) => [b.text.text, b.style])).toEqual([
      ['Confirmer', 'primary'],
      ['Annuler', 'danger'],
      ['👍', undefined],
      ['👎', undefined],
      ['Partager dans le canal', undefined],
    ]);
    expect(decodeTarget(all[0].value)).toEqual({
      buttonId: 'confirm:d1',
      conversation,
      replacesPreview: true,
      ephemeral: false,
    });
    expect(decodeTarget(all[2].value)?.buttonId).toBe('feedback:up:a9');
    expect(decodeTarget(all[3].value)?.buttonId).toBe('feedback:down:a9');
    expect(new Set(all.map((b: AnyBlock) => b.action_id)).size).toBe(all.length);
  });

  it('uses English labels for an English reply', () => {
    const [message] = renderReply(
      { status: 'answered', lang: 'en', text: 'Two actions.' },
      { conversation, shareToken: 't' },
    );
    expect(buttons(message as SlackMessage).map((b: AnyBlock) => b.text.text)).toEqual(['Share in channel']);
  });

  it('keeps the App Home within 100 blocks', () => {
    const text = Array.from({ length: 150 }, (_, i) => `${i} ${'y'.repeat(2000)}`).join('\n\n');
    const view = renderHome(
      { status: 'info', lang: 'fr', text },
      { platform: 'slack', conversationId: 'D1', direct: true },
    );
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBe(100);
  });
});

describe('the entry modal', () => {
  it('renders a FormSpec as input blocks and reads the submitted values back', () => {
    const reply: Reply = {
      status: 'needs_input',
      lang: 'fr',
      text: 'Saisissez la mesure.',
      form: {
        title: 'Saisir la mesure du taux de formation',
        submitId: 'submit:d1',
        submitLabel: 'Enregistrer',
        fields: [
          { id: 'value', label: 'Valeur', value: '12', placeholder: 'un nombre' },
          {
            id: 'unit',
            label: 'Unité',
            options: [
              { value: 'pct', label: '%' },
              { value: 'n', label: 'élèves' },
            ],
            value: 'n',
          },
          { id: 'note', label: 'Note', optional: true, multiline: true },
        ],
      },
    };
    const view = renderFormModal(
      reply.form as NonNullable<Reply['form']>,
      reply,
      '{"b":"submit:d1","c":"C1"}',
    );
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata).toBe('{"b":"submit:d1","c":"C1"}');
    const inputs = view.blocks.filter((b: AnyBlock) => b.type === 'input') as AnyBlock[];
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      ['value', 'plain_text_input', false],
      ['unit', 'static_select', false],
      ['note', 'plain_text_input', true],
    ]);
    expect(inputs[1].element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'élèves', emoji: true },
      value: 'n',
    });
    expect(inputs[2].element.multiline).toBe(true);

    expect(
      readValues({
        value: { value: { type: 'plain_text_input', value: '15' } },
        unit: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: '%' }, value: 'pct' },
          },
        },
        note: { value: { type: 'plain_text_input', value: null } },
      } as never),
    ).toEqual({ value: '15', unit: 'pct' });
  });
});

describe('Slack input', () => {
  it('maps /boussole subcommands to router text, and anything else to a question', () => {
    expect(slashToText('')).toBe('aide');
    expect(slashToText('  ')).toBe('aide');
    expect(slashToText('AIDE')).toBe('aide');
    expect(slashToText('question Quels indicateurs ?')).toBe('Quels indicateurs ?');
    expect(slashToText('question')).toBe('aide');
    expect(slashToText('saisir 42 élèves')).toBe('saisir 42 élèves');
    expect(slashToText('indicateur taux')).toBe('indicateur taux');
    expect(slashToText('Échéances')).toBe('échéances');
    expect(slashToText('echeances')).toBe('échéances');
    expect(slashToText('export')).toBe('export');
    expect(slashToText('Quelles actions au Cantal ?')).toBe('Quelles actions au Cantal ?');
  });

  it('turns Slack message markup back into what the person typed', () => {
    expect(
      toPlainText(
        '<@U0BOT> taux &lt; 5 % &amp; <#C1|pilotage> pour <@U2|bob> <https://ac.fr|site> <!here>',
        'U0BOT',
      ),
    ).toBe('taux < 5 % & #pilotage pour @bob site (https://ac.fr) @here');
    expect(toPlainText('<!subteam^S1|@pilotes> au <!date^1715000000^{date}|30 juin>', 'U0BOT')).toBe(
      '@pilotes au 30 juin',
    );
    expect(mentionsBot('merci <@U0BOT>', 'U0BOT')).toBe(true);
    expect(mentionsBot('merci <@U0OTHER>', 'U0BOT')).toBe(false);
  });

  it('round-trips button targets and rejects values it did not write', () => {
    const target = {
      buttonId: 'b:1',
      conversation: { platform: 'slack' as const, conversationId: 'D1', direct: true },
      replacesPreview: false,
      ephemeral: true,
      responseUrl: 'https://hooks.slack.com/x',
    };
    expect(decodeTarget(encodeTarget(target))).toEqual(target);
    expect(decodeTarget('not json')).toBeUndefined();
    expect(decodeTarget('{"c":"C1"}')).toBeUndefined();
    expect(decodeTarget(undefined)).toBeUndefined();
  });

  // The apology uses the core's language detector (there is no second one in the adapter).
  it('apologises in English only to clearly English messages', () => {
    expect(detectLanguage('What are the deadlines for the indicators?')).toBe('en');
    expect(detectLanguage('Quels sont les indicateurs du Cantal ?')).toBe('fr');
    expect(detectLanguage('')).toBe('fr');
  });
});
