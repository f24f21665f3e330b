import { contentStems } from '../text/stem.ts';

/**
 * An item or passage as a chat line: its lines joined as one ("en littératie ;" then "en lexique"
 * need no second semicolon), and a long text shown from the sentence that holds the question's
 * words, cut at a sentence end: « …le CPLDS (… lutte contre le » must not stop before « décrochage ».
 * The citation keeps the whole text.
 */
export function itemLine(text: string, phrases: readonly string[][], max: number): string {
  const joined = joinLines(text);
  if (joined.length <= max) return joined;
  const sentences = splitSentences(joined);
  const says = (sentence: string) => {
    const own = new Set(contentStems(sentence));
    return phrases.some((phrase) => phrase.length > 0 && phrase.every((stem) => own.has(stem)));
  };
  const first = sentences.findIndex(says);
  // The question's words come early enough: the text from its start.
  const startAt = first <= 0 || sentences.slice(0, first + 1).join(' ').length <= max * 0.8 ? 0 : first;
  const shown = shorten(sentences.slice(startAt).join(' '), max);
  return startAt > 0 ? `… ${shown}` : shown;
}

function joinLines(text: string): string {
  const lines = text
    .split(/\s*\n\s*/u)
    .map((line) => line.trim())
    .filter(Boolean);
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else out += /[;:,.!?]$/u.test(out) ? ` ${line}` : ` ; ${line}`;
  }
  return out;
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+(?=\S)/u);
}

/**
 * A text cut for display at the end of a sentence (or, for one long sentence, of a word): the
 * citation keeps the whole text.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf(' ; '), cut.lastIndexOf('; '));
  if (sentenceEnd > max * 0.4) return `${cut.slice(0, sentenceEnd + 1).trimEnd()} …`;
  const wordEnd = cut.lastIndexOf(' ');
  return `${cut.slice(0, wordEnd > 0 ? wordEnd : max).trimEnd()}…`;
}
