import { describe, expect, it } from 'vitest';
import { CARD_BYTES_BUDGET, type CardElement, renderCard } from '../../../src/adapters/teams/render.ts';
import type { Reply } from '../../../src/core/kernel/types.ts';
import { CANTAL_ANSWER } from '../../helpers/teams-router.ts';

/** Every element of the card, depth first (containers and action sets included). */
function elements(items: CardElement[] | undefined): CardElement[] {
  return (items ?? []).flatMap((element) => [
    element,
    ...elements(element.items as CardElement[] | undefined),
    ...elements(element.actions as CardElement[] | undefined),
  ]);
}

function texts(reply: Reply): string[] {
  return elements(renderCard(reply).body)
    .filter((element) => element.type === 'TextBlock')
    .map((element) => String(element.text));
}

function submits(reply: Reply): { title: string; buttonId: string; style?: string }[] {
  const card = renderCard(reply);
  return elements([...card.body, ...(card.actions ?? [])])
    .filter((element) => element.type === 'Action.Submit')
    .map((element) => ({
      title: String(element.title),
      buttonId: (element.data as { buttonId: string }).buttonId,
      ...(element.style ? { style: String(element.style) } : {}),
    }));
}

describe('Teams rendering', () => {
  it('renders a cited answer as an Adaptive Card 1.5 with wrapped text, sources and 👍/👎', () => {
    const card = renderCard(CANTAL_ANSWER);
    expect(card.version).toBe('1.5');
    const blocks = elements(card.body).filter((element) => element.type === 'TextBlock');
    expect(blocks.every((block) => block.wrap === true)).toBe(true);
    expect(texts(CANTAL_ANSWER)).toEqual([
      'Dans le Cantal, la **feuille de route CASF** prévoit deux actions sur les faits numériques :',
      '• Élaborer à nouveau une formation départementale centrée sur les faits numériques et les procédures de calcul, à partir du cycle 2 [1].',
      '• Au cycle 1, prioriser la formation des enseignants sur la décomposition / composition des petits nombres [2].',
      'Sources',
      // One line per section: both sources share the path, so one line carries both markers.
      '[1, 2] Feuille de route CASF 2025-2030 › Axe stratégique 1 › Objectifs liés aux automatismes mathématiques — Cantal, p. 8',
    ]);
    const sources = blocks.filter((block) => String(block.text).startsWith('['));
    expect(sources.every((block) => block.size === 'Small' && block.isSubtle === true)).toBe(true);
    expect(submits(CANTAL_ANSWER)).toEqual([
      { title: '👍 Utile', buttonId: 'feedback:up:answer-cantal-1' },
      { title: '👎 Pas utile', buttonId: 'feedback:down:answer-cantal-1' },
    ]);
  });

  it('keeps **bold** but neutralises mentions, HTML and Markdown links coming from user or model text', () => {
    const reply: Reply = {
      status: 'answered',
      lang: 'fr',
      text: '**Attention** <at>Tout le monde</at> <img src=x onerror=alert(1)> [cliquez](https://evil.example) 3 < 5',
    };
    const [line] = texts(reply);
    expect(line).toContain('**Attention**');
    expect(line).not.toMatch(/<at>|<img|\]\(/u);
    expect(line).toContain('3 < 5');
    // Only invisible characters were added: the reader sees the same words.
    expect(line?.replace(/\u200B/gu, '')).toBe(reply.text);
  });

  it('turns buttons into Action.Submit carrying the button id, with Teams styles', () => {
    const reply: Reply = {
      status: 'preview',
      lang: 'fr',
      text: 'Enregistrer **42 %** ?',
      buttons: [
        { id: 'confirm:m-1', label: 'Confirmer', style: 'primary' },
        { id: 'edit:m-1', label: 'Modifier' },
        { id: 'cancel:m-1', label: 'Annuler', style: 'danger' },
      ],
    };
    expect(renderCard(reply).actions?.map((action) => action.type)).toEqual([
      'Action.Submit',
      'Action.Submit',
      'Action.Submit',
    ]);
    expect(submits(reply)).toEqual([
      { title: 'Confirmer', buttonId: 'confirm:m-1', style: 'positive' },
      { title: 'Modifier', buttonId: 'edit:m-1' },
      { title: 'Annuler', buttonId: 'cancel:m-1', style: 'destructive' },
    ]);
  });

  it('moves buttons beyond the six Teams shows into action sets in the body', () => {
    const buttons = Array.from({ length: 8 }, (_, i) => ({ id: `b${i}`, label: `B${i}` }));
    const card = renderCard({ status: 'info', lang: 'fr', text: 'Choisissez', buttons });
    expect(card.actions).toBeUndefined();
    expect(
      submits({ status: 'info', lang: 'fr', text: 'Choisissez', buttons }).map((s) => s.buttonId),
    ).toEqual(buttons.map((b) => b.id));
  });

  it('renders a form as labelled inputs and a submit carrying the form id; other buttons skip validation', () => {
    const reply: Reply = {
      status: 'needs_input',
      lang: 'fr',
      text: 'Complétez la mesure.',
      form: {
        title: 'Nouvelle mesure',
        submitId: 'form:measure:1',
        submitLabel: 'Prévisualiser',
        fields: [
          { id: 'value', label: 'Valeur', placeholder: 'ex. 42' },
          { id: 'note', label: 'Commentaire', multiline: true, optional: true },
          {
            id: 'year',
            label: 'Année',
            value: '2026',
            options: [
              { value: '2025', label: '2025' },
              { value: '2026', label: '2026' },
            ],
          },
        ],
      },
      buttons: [{ id: 'cancel:1', label: 'Annuler' }],
    };
    const card = renderCard(reply);
    const inputs = elements(card.body).filter((element) => element.type.startsWith('Input.'));
    expect(inputs).toEqual([
      expect.objectContaining({ type: 'Input.Text', id: 'field.value', label: 'Valeur', isRequired: true }),
      expect.objectContaining({ type: 'Input.Text', id: 'field.note', isMultiline: true, isRequired: false }),
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        id: 'field.year',
        value: '2026',
        choices: [
          { title: '2025', value: '2025' },
          { title: '2026', value: '2026' },
        ],
      }),
    ]);
    expect(card.actions).toEqual([
      expect.objectContaining({
        title: 'Prévisualiser',
        // A form is a step of an entry: its result replaces the card, in the card's language.
        data: { buttonId: 'form:measure:1', lang: 'fr', replace: 1 },
        style: 'positive',
      }),
      expect.objectContaining({
        title: 'Annuler',
        data: { buttonId: 'cancel:1', lang: 'fr', replace: 1 },
        associatedInputs: 'none',
      }),
    ]);
  });

  it('shows a chart as a data: URI image with its title, and leaves out one too big for a Teams message', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const small = renderCard({
      status: 'info',
      lang: 'fr',
      text: 'Évolution',
      image: { png, filename: 'chart.png', title: 'Taux de réussite' },
    });
    const image = small.body.find((element) => element.type === 'Image');
    expect(image?.url).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(image?.altText).toBe('Taux de réussite');
    expect(small.body.map((element) => element.text ?? element.type)).toEqual([
      'Évolution',
      '**Taux de réussite**',
      'Image',
    ]);

    const huge = renderCard({
      status: 'info',
      lang: 'en',
      text: 'Trend',
      image: { png: Buffer.alloc(40_000, 7), filename: 'chart.png', title: 'Rate' },
    });
    expect(huge.body.some((element) => element.type === 'Image')).toBe(false);
    expect(huge.body.map((element) => element.text)).toContain(
      'Chart not shown: it exceeds the size of a Teams message.',
    );
  });

  it('cuts a very long answer on a whole line with a note, keeping the card under the Teams size limit', () => {
    const line = '• Une action très détaillée du plan, reprise intégralement pour tester la taille [1].';
    const text = Array.from({ length: 400 }, () => line).join('\n');
    const reply: Reply = { status: 'answered', lang: 'fr', text, citations: CANTAL_ANSWER.citations ?? [] };
    const card = renderCard(reply);
    const lines = texts(reply);
    expect(lines).toContain('Réponse tronquée : elle dépasse la taille d’un message Teams.');
    expect(lines.filter((l) => l.startsWith('•')).at(-1)).toBe(`${line} …`);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(CARD_BYTES_BUDGET);
    expect(lines).toContain('Sources');
  });

  it('keeps an answer made of many short lines under the size limit too', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `• ${i}`).join('\n');
    const card = renderCard({ status: 'answered', lang: 'fr', text });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(CARD_BYTES_BUDGET);
    expect(texts({ status: 'answered', lang: 'fr', text })).toContain(
      'Réponse tronquée : elle dépasse la taille d’un message Teams.',
    );
  });

  it('writes its own words in the reply language and shows the notice as subtle text', () => {
    const reply: Reply = { ...CANTAL_ANSWER, lang: 'en', notice: 'LLM unavailable: offline answer' };
    const card = renderCard(reply);
    expect(card.body[0]).toEqual(
      expect.objectContaining({ text: 'LLM unavailable: offline answer', isSubtle: true }),
    );
    expect(submits(reply).map((s) => s.title)).toEqual(['👍 Helpful', '👎 Not helpful']);
  });
});
