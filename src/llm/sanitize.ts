/**
 * Model output is text for chat: no mass mentions, no HTML, no markup that could ping or inject.
 */
export function sanitizeModelText(text: string): string {
  return text
    .replace(/<!(?:channel|here|everyone)(?:\|[^>]*)?>/giu, '')
    .replace(/<[@#!][^>]*>/gu, '')
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/@(?=(?:channel|here|everyone)\b)/giu, '')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}
