import * as z from '../kernel/schema.ts';

/**
 * A plan profile: the declarative knowledge needed to read one family of plan exports.
 * Regular expressions are strings (compiled with the `u` and `i` flags) so profiles stay data.
 * A new plan of a known family only needs its metadata file pointing at an existing profile.
 */
const regex = z.string().check(
  z.refine(
    (source: string) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  ),
);

const itemStyle = z.enum(['bullets', 'paragraphs', 'either']);

export const profileSchema = z.object({
  /** `markdown` strips emphasis, links and superscripts and has no page marks. */
  format: z._default(z.enum(['text', 'markdown']), 'text'),
  /** Whether a line starting with a single space marks a new page. */
  pageMarks: z._default(z.boolean(), true),
  /** Line starts that carry a leading space as part of a normal bullet (e.g. " > "), not a page mark. */
  indentedBullets: z._default(z.array(z.string()), []),
  /** Bullet markers that open a new item; other bullets continue the current item. */
  itemBullets: z._default(z.array(z.string()), [
    '\uf06c',
    '\uf0a7',
    '➔',
    '→',
    '>',
    '-',
    '•',
    '–',
    '▪',
    '●',
    '*',
  ]),
  /** Lines at least this indented are decoration (titles drawn over pictures). 0 disables. */
  decorativeIndent: z._default(z.number().check(z.int(), z.minimum(0)), 0),
  /** Page furniture to drop: page numbers, running titles, footers. */
  dropLines: z._default(z.array(regex), []),
  /** OCR export: repair "I'" for "l'", "a" for "à", accents misread, against the other plans' vocabulary. */
  ocr: z._default(z.boolean(), false),
  /** In a paragraph without bullets, a capitalised line after a full stop starts a new item. */
  splitItemsOnSentences: z._default(z.boolean(), false),
  axis: z._default(
    z.object({
      /** Heading announcing an axis; named group `n` (number) and optional `title`. */
      heading: z.optional(regex),
      /** Where the axis title is when the heading line has none: the rest of its paragraph or the next one. */
      titleFrom: z._default(z.enum(['paragraph', 'next']), 'paragraph'),
      /** A paragraph that begins with a known axis title (re-)enters that axis. */
      matchTitles: z._default(z.boolean(), false),
      /** The preamble's list of axes (their titles, or a summary of each). */
      overview: z.optional(
        z.object({
          /** A list item naming an axis: groups `n` and `title`. */
          item: z.optional(regex),
          /** A line introducing the list: the following paragraphs describe the axes in order. */
          intro: z.optional(regex),
          role: z._default(z.enum(['title', 'summary']), 'title'),
        }),
      ),
      /** The plan opens with a table of contents: each axis heading, its title, its objectives' titles. */
      tableOfContents: z._default(z.boolean(), false),
    }),
    { titleFrom: 'paragraph', matchTitles: false, tableOfContents: false },
  ),
  objective: z._default(
    z.object({
      /** Numbered objective heading: groups `n` (number as printed) and `title`. */
      heading: z.optional(regex),
      /** How to print the label from `n`: "{n}" is replaced. */
      label: z._default(z.string(), '{n}'),
      /** A heading opening a block whose lines are the objective itself (title arrow and bullets). */
      block: z.optional(regex),
      /** Block headings that only say "objectives" and are not worth keeping in the text. */
      genericBlock: z.optional(regex),
    }),
    { label: '{n}' },
  ),
  /** Headings of item lists and the kind of items they hold. */
  blocks: z._default(
    z.array(
      z.object({
        kind: z.enum(['action', 'indicator']),
        heading: regex,
        items: z._default(itemStyle, 'either'),
      }),
    ),
    [],
  ),
  /** Kind and style of items met in an objective (or axis) before any list heading. */
  defaultItems: z.optional(z.object({ kind: z.enum(['action', 'indicator']), items: itemStyle })),
  /** Columns read out of order: a second list of the same kind belongs to the next objective. */
  oneBlockPerKind: z._default(z.boolean(), false),
  /** Headings announcing a scope (an académie or a département); group `name`. */
  scopes: z._default(z.array(regex), []),
  /** Lines listing the plan's contents that must not become items (e.g. "3 3 Assurer…"). */
  summaryLines: z._default(z.array(regex), []),
  /** Headings of prose boxes (read as passages until the next axis). */
  passageBlocks: z._default(z.array(regex), []),
});

export type PlanProfile = z.infer<typeof profileSchema>;
