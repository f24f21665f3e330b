import { z } from 'zod';

/**
 * A plan profile: the declarative knowledge needed to read one family of plan exports.
 * Regular expressions are strings (compiled with the `u` and `i` flags) so profiles stay data.
 * A new plan of a known family only needs its metadata file pointing at an existing profile.
 */
const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const itemStyle = z.enum(['bullets', 'paragraphs', 'either']);

export const profileSchema = z.object({
  /** `markdown` strips emphasis, links and superscripts and has no page marks. */
  format: z.enum(['text', 'markdown']).default('text'),
  /** Whether a line starting with a single space marks a new page. */
  pageMarks: z.boolean().default(true),
  /** Line starts that carry a leading space as part of a normal bullet (e.g. " > "), not a page mark. */
  indentedBullets: z.array(z.string()).default([]),
  /** Bullet markers that open a new item; other bullets continue the current item. */
  itemBullets: z.array(z.string()).default(['\uf06c', '\uf0a7', '➔', '→', '>', '-', '•', '–', '▪', '●', '*']),
  /** Lines at least this indented are decoration (titles drawn over pictures). 0 disables. */
  decorativeIndent: z.number().int().min(0).default(0),
  /** Page furniture to drop: page numbers, running titles, footers. */
  dropLines: z.array(regex).default([]),
  /** OCR export: repair "I'" for "l'", "a" for "à", accents misread, against the other plans' vocabulary. */
  ocr: z.boolean().default(false),
  /** In a paragraph without bullets, a capitalised line after a full stop starts a new item. */
  splitItemsOnSentences: z.boolean().default(false),
  axis: z
    .object({
      /** Heading announcing an axis; named group `n` (number) and optional `title`. */
      heading: regex.optional(),
      /** Where the axis title is when the heading line has none: the rest of its paragraph or the next one. */
      titleFrom: z.enum(['paragraph', 'next']).default('paragraph'),
      /** A paragraph that begins with a known axis title (re-)enters that axis. */
      matchTitles: z.boolean().default(false),
      /** The preamble's list of axes (their titles, or a summary of each). */
      overview: z
        .object({
          /** A list item naming an axis: groups `n` and `title`. */
          item: regex.optional(),
          /** A line introducing the list: the following paragraphs describe the axes in order. */
          intro: regex.optional(),
          role: z.enum(['title', 'summary']).default('title'),
        })
        .optional(),
      /** The plan opens with a table of contents: each axis heading, its title, its objectives' titles. */
      tableOfContents: z.boolean().default(false),
    })
    .default({ titleFrom: 'paragraph', matchTitles: false, tableOfContents: false }),
  objective: z
    .object({
      /** Numbered objective heading: groups `n` (number as printed) and `title`. */
      heading: regex.optional(),
      /** How to print the label from `n`: "{n}" is replaced. */
      label: z.string().default('{n}'),
      /** A heading opening a block whose lines are the objective itself (title arrow and bullets). */
      block: regex.optional(),
      /** Block headings that only say "objectives" and are not worth keeping in the text. */
      genericBlock: regex.optional(),
    })
    .default({ label: '{n}' }),
  /** Headings of item lists and the kind of items they hold. */
  blocks: z
    .array(
      z.object({ kind: z.enum(['action', 'indicator']), heading: regex, items: itemStyle.default('either') }),
    )
    .default([]),
  /** Kind and style of items met in an objective (or axis) before any list heading. */
  defaultItems: z.object({ kind: z.enum(['action', 'indicator']), items: itemStyle }).optional(),
  /** Columns read out of order: a second list of the same kind belongs to the next objective. */
  oneBlockPerKind: z.boolean().default(false),
  /** Headings announcing a scope (an académie or a département); group `name`. */
  scopes: z.array(regex).default([]),
  /** Lines listing the plan's contents that must not become items (e.g. "3 3 Assurer…"). */
  summaryLines: z.array(regex).default([]),
  /** Headings of prose boxes (read as passages until the next axis). */
  passageBlocks: z.array(regex).default([]),
});

export type PlanProfile = z.infer<typeof profileSchema>;
