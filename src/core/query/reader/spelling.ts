/**
 * Typo tolerance: a question word that no word list, plan or lexicon knows is read as the nearest
 * word they do know ("lecutre" -> "lecture", "Cantla" -> "cantal", "artifical" -> "artificial").
 * Distance 1 (a swap of two neighbours counts as one) from 4 letters on, whatever the first letter;
 * distance 2 from 9 letters on, with the same first letter: a real word the plans never use
 * ("uniformes") must not become a plan word two edits away ("informés").
 */
export class Speller {
  private byLength: Map<number, string[]> | null = null;

  constructor(private readonly vocabulary: () => Iterable<string>) {}

  correct(word: string): string | null {
    if (word.length < 4 || /\d/u.test(word)) return null;
    const budget = word.length >= 9 ? 2 : 1;
    const index = this.index();
    let best: string | null = null;
    let bestDistance = budget + 1;
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const candidate of index.get(length) ?? []) {
        const distance = boundedOsaDistance(word, candidate, Math.min(budget, bestDistance));
        if (distance > budget || distance >= bestDistance) continue;
        if (distance === 2 && candidate[0] !== word[0]) continue;
        best = candidate;
        bestDistance = distance;
        if (distance === 1 && candidate[0] === word[0]) return best;
      }
    }
    return best;
  }

  private index(): Map<number, string[]> {
    if (!this.byLength) {
      const index = new Map<number, string[]>();
      const seen = new Set<string>();
      for (const word of this.vocabulary()) {
        if (word.length < 3 || seen.has(word) || /[^a-z]/u.test(word)) continue;
        seen.add(word);
        const list = index.get(word.length) ?? [];
        list.push(word);
        index.set(word.length, list);
      }
      this.byLength = index;
    }
    return this.byLength;
  }
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), bounded: returns max + 1
 * as soon as the distance is known to exceed max.
 */
export function boundedOsaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    let rowMin = row[0] as number;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}
