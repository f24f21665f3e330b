import * as z from '../kernel/schema.ts';
import { type Scope, ScopeRegistry } from './scopes.ts';
import type { PlanMeta } from './types.ts';

const metaSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,40}$/u, 'lower-case letters, digits and dashes')),
  title: z.string().check(z.minLength(3)),
  shortTitle: z.string().check(z.minLength(3)),
  academie: z.string().check(z.minLength(2)),
  period: z.string().check(z.minLength(4)),
  periodNote: z.optional(z.string()),
  kind: z.string().check(z.minLength(3)),
  file: z.string().check(z.minLength(1)),
  aliases: z._default(z.array(z.string()), []),
  itemNames: z._default(
    z.object({
      axis: z.optional(z.array(z.string())),
      objective: z.optional(z.array(z.string())),
      action: z.optional(z.array(z.string())),
      indicator: z.optional(z.array(z.string())),
    }),
    {},
  ),
  profile: z.string().check(z.minLength(1)),
});

const scopesSchema = z.object({
  scopes: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['academie', 'departement']),
      academie: z.optional(z.string()),
      code: z.optional(z.string()),
      name: z.string(),
      shortName: z.string(),
      article: z.optional(z.enum(['le', 'la', "l'"])),
      forms: z.array(z.string()),
    }),
  ),
});

/** An input problem the user can fix (bad file, unknown profile): reported, never thrown as a crash. */
export class PlanInputError extends Error {
  readonly code = 'plan_input';
}

/** The académies and départements of data/scopes.json, checked. */
export function readScopes(raw: unknown): ScopeRegistry {
  return new ScopeRegistry(scopesSchema.parse(raw).scopes as Scope[]);
}

/** The metadata of a plan (`NAME.json` beside `NAME.txt`), checked; `file` names it in errors. */
export function readPlanMeta(raw: unknown, file: string): PlanMeta {
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success)
    throw new PlanInputError(`métadonnées invalides (${file}) : ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * What one plan may hold (README, « Ajouter un plan »). Far above the shipped plans (52 Ko,
 * 538 characters per line, 384 elements at most), and low enough that ingest stays within seconds
 * and the assistant within its memory: a 50 MB text once took 101 s and 936 MB to ingest, and the
 * assistant then crashed at every start.
 */
export const PLAN_LIMITS = { bytes: 1024 * 1024, lineChars: 5000, elements: 5000 } as const;

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) =>
  `${(bytes / MEGABYTE).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** Refuses a plan file larger than PLAN_LIMITS, before it is read whole. */
export function checkPlanSize(size: number, file: string): void {
  if (size > PLAN_LIMITS.bytes) {
    throw new PlanInputError(
      `${file} fait ${megabytes(size)}, au-delà de la limite de ${megabytes(PLAN_LIMITS.bytes)} par plan : retirez les annexes et les tableaux de données, ou découpez le document en plusieurs plans`,
    );
  }
}

/**
 * The text of a plan file's bytes; refuses what is not a plan text: empty, binary, not UTF-8,
 * lines longer than PLAN_LIMITS.
 */
export function decodePlanText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new PlanInputError(`fichier vide : ${file}`);
  if (bytes.includes(0)) throw new PlanInputError(`fichier binaire (octets nuls) : ${file}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanInputError(`fichier illisible : ${file} n'est pas un texte UTF-8`);
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 1 && code <= 8) || (code >= 14 && code <= 31)) controls++;
  }
  if (controls > text.length / 100)
    throw new PlanInputError(`fichier binaire (caractères de contrôle) : ${file}`);
  if (!/\p{L}{3,}/u.test(text)) throw new PlanInputError(`fichier sans texte : ${file}`);
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > PLAN_LIMITS.lineChars) {
      throw new PlanInputError(
        `${file}, ligne ${line} : ${length.toLocaleString('fr-FR')} caractères sur une seule ligne, au-delà de la limite de ${PLAN_LIMITS.lineChars.toLocaleString('fr-FR')} : le texte doit garder les retours à la ligne du document (réexportez-le du PDF en texte brut)`,
      );
    }
    if (end < 0) break;
    start = end + 1;
  }
  return text.replace(/^\ufeff/u, '');
}
