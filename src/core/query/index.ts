import type { PlanLibrary } from '../plans/library.ts';
import type { PlanNode } from '../plans/types.ts';
import { contentStems } from '../text/stem.ts';
import type { Phrase } from './glossary.ts';

/**
 * What retrieval needs per node, computed once per library: the set of French stems of the node
 * (with its summary), the stems of its section context, and document frequencies for weighting.
 */
export class RetrievalIndex {
  readonly library: PlanLibrary;
  /** Nodes that can be answers: axes, objectives, actions, indicators. */
  readonly nodes: PlanNode[];
  private readonly stemsById = new Map<string, Set<string>>();
  private readonly lineStems = new Map<string, Set<string>[]>();
  private readonly phraseDf = new Map<string, number>();
  /** Stem -> indexes of the nodes containing it, built on the first frequency asked. */
  private postings: Map<string, number[]> | null = null;

  constructor(library: PlanLibrary, storedStems?: Map<string, string>) {
    this.library = library;
    this.nodes = library.nodes.filter((node) => node.kind !== 'plan');
    for (const node of this.nodes) {
      const stored = storedStems?.get(node.id);
      const stems =
        stored !== undefined ? stored.split(' ').filter(Boolean) : contentStems(indexedText(node));
      this.stemsById.set(node.id, new Set(stems));
    }
  }

  stems(node: PlanNode): Set<string> {
    let stems = this.stemsById.get(node.id);
    if (!stems) {
      stems = new Set(contentStems(indexedText(node)));
      this.stemsById.set(node.id, stems);
    }
    return stems;
  }

  /**
   * Stems of a section's own title: the context an item is read in. A bare list of operational
   * objectives has no title, and lending all its lines to every item would blur them.
   */
  titleStems(section: PlanNode): Set<string> {
    const key = `title:${section.id}`;
    let stems = this.stemsById.get(key);
    if (!stems) {
      const title = section.title ?? (section.text.includes('\n') ? '' : section.text);
      stems = new Set(contentStems(section.summary ? `${title}\n${section.summary.text}` : title));
      this.stemsById.set(key, stems);
    }
    return stems;
  }

  /** Stems of each line of a node's text (objectives listing several operational objectives). */
  linesOf(node: PlanNode): Set<string>[] {
    let lines = this.lineStems.get(node.id);
    if (!lines) {
      lines = node.text.split('\n').map((line) => new Set(contentStems(line)));
      this.lineStems.set(node.id, lines);
    }
    return lines;
  }

  /** Number of answerable nodes containing every stem of a phrase. */
  documentFrequency(phrase: Phrase): number {
    const key = phrase.stems.join(' ');
    let df = this.phraseDf.get(key);
    if (df === undefined) {
      // Through the rarest stem's postings: a question's glossary phrases would otherwise each
      // scan every node, which was a tenth of a cold `boussole ask`.
      const postings = this.postingLists();
      let rarest: number[] | undefined;
      for (const stem of phrase.stems) {
        const list = postings.get(stem) ?? [];
        if (!rarest || list.length < rarest.length) rarest = list;
      }
      df = 0;
      for (const i of rarest ?? [])
        if (containsAll(this.stems(this.nodes[i] as PlanNode), phrase.stems)) df++;
      this.phraseDf.set(key, df);
    }
    return df;
  }

  private postingLists(): Map<string, number[]> {
    if (!this.postings) {
      const postings = new Map<string, number[]>();
      this.nodes.forEach((node, i) => {
        for (const stem of this.stems(node)) {
          const list = postings.get(stem);
          if (list) list.push(i);
          else postings.set(stem, [i]);
        }
      });
      this.postings = postings;
    }
    return this.postings;
  }

  get size(): number {
    return this.nodes.length;
  }
}

export function indexedText(node: PlanNode): string {
  return node.summary ? `${node.text}\n${node.summary.text}` : node.text;
}

export function containsAll(stems: Set<string>, wanted: string[]): boolean {
  for (const stem of wanted) if (!stems.has(stem)) return false;
  return wanted.length > 0;
}

/** Share of a phrase's stems present (1 when all are). */
export function phraseCoverage(stems: Set<string>, phrase: Phrase): number {
  if (!phrase.stems.length) return 0;
  let hits = 0;
  for (const stem of phrase.stems) if (stems.has(stem)) hits++;
  return hits / phrase.stems.length;
}
