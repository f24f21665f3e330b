import { describe, expect, it } from 'vitest';
import { itemLine, shorten } from '../../../src/core/query/item-text.ts';
import { contentStems } from '../../../src/core/text/stem.ts';

describe('an item as a chat line', () => {
  it('joins its lines without doubling the punctuation the plan already has', () => {
    expect(itemLine('plus précisément :\nen littératie ;\nen lexique ;\nen faits numériques.', [], 400)).toBe(
      'plus précisément : en littératie ; en lexique ; en faits numériques.',
    );
    expect(itemLine('Premier point\nSecond point', [], 400)).toBe('Premier point ; Second point');
  });

  it('shows a long text from the sentence that says what was asked, cut at a sentence end', () => {
    const filler = 'Une phrase longue sur les parcours éducatifs et les éducations transversales. '.repeat(6);
    const text = `${filler}La lutte contre le décrochage mobilise les équipes. Une autre phrase encore.`;
    const line = itemLine(text, [contentStems('décrochage')], 200);
    expect(line.startsWith('… La lutte contre le décrochage')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(210);
    // Without the question's words in it, the text is shown from its start.
    expect(itemLine(text, [contentStems('absentéisme')], 200).startsWith('Une phrase longue')).toBe(true);
  });

  it('cuts at a sentence end, or a word end for one long sentence', () => {
    expect(shorten('Une phrase. Une autre phrase bien plus longue que la limite.', 20)).toBe('Une phrase. …');
    expect(shorten('motmotmot motmotmot motmotmot motmotmot', 25)).toBe('motmotmot motmotmot…');
  });
});
